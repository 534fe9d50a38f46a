"""Saving, exporting, autosave and quitting: the App's side of "nothing typed is lost".

Kept apart from :mod:`inddrag.ui.app` so the App stays a thin wiring of screens. The
recovery copy is written half a second after the last change (at least every second while
typing goes on), from a timer on the event loop, never on a keystroke's path. SIGHUP and
SIGTERM (a closed terminal, a shutdown) flush it before the app exits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inddrag.domain import recovery
from inddrag.domain.atomic import SaveError
from inddrag.domain.errors import FileProblems
from inddrag.domain.session import slugify
from inddrag.domain.storage import load_session, save_session

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp

AUTOSAVE_INTERVAL = 0.25


class Keeper:
    """Save, save-as, export, autosave and the quit dialog, for one :class:`InddragApp`."""

    def __init__(self, app: InddragApp) -> None:
        self.app = app
        # Driven by our own timer: the copy is serialised on the event loop,
        # between keystrokes, so no other thread ever reads the session while it changes.
        self.recovery = recovery.Autosaver(
            self.app.state_dir, max_wait=0.75, on_error=self._autosave_failed
        )
        self._autosave_error_shown = False

    def start(self) -> None:
        """Start the autosave timer and the signal handlers (once the app is running)."""
        self.app.set_interval(AUTOSAVE_INTERVAL, self.autosave_now, name="autosave")
        self._install_signal_handlers()
        if self.app.dirty and self.app.session is not None:
            self.recovery.note_change(self.app.session, self.app.path)

    # -- autosave ---------------------------------------------------------------------

    def mark_changed(self) -> None:
        """The session changed: it is unsaved, and the recovery copy is due."""
        if self.app.session is not None:
            self.recovery.note_change(self.app.session, self.app.path)
        if not self.app.dirty:
            self.app.dirty = True
            self.app.refresh_title()

    def flush_edits(self) -> None:
        """Ask the steps to put what is being typed into the session."""
        for name in ("advice", "roles"):
            if self.app.is_screen_installed(name):
                flush = getattr(self.app.get_screen(name), "flush_edits", None)
                if callable(flush):
                    flush()

    def autosave_now(self) -> None:
        """Write the recovery copy if it is due (called every quarter second)."""
        self.flush_edits()
        self.app.write_position()
        if self.recovery.tick():
            self._autosave_error_shown = False

    def _autosave_failed(self, error: SaveError) -> None:
        if not self._autosave_error_shown:
            self._autosave_error_shown = True
            self.app.notify(
                self.app.tr("ui.autosave_failed", reason=error.sentence(self.app.lang)),
                severity="error",
                markup=False,
                timeout=8,
            )

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def on_signal(signum: int, _frame: Any) -> None:
            # Runs between two bytecodes of the event loop: write what we have, then leave.
            with contextlib.suppress(Exception):
                self.flush_edits()
                if self.app.session is not None and self.app.dirty:
                    self.recovery.write(self.app.session, self.app.path)
            # If the terminal is gone and exiting hangs, leave anyway: the copy is written.
            fallback = threading.Timer(3.0, os._exit, args=(128 + signum,))
            fallback.daemon = True
            fallback.start()
            self.app.call_later(self.app.exit, 128 + signum)

        for name in ("SIGHUP", "SIGTERM"):
            sig = getattr(signal, name, None)
            if sig is not None:
                with contextlib.suppress(ValueError, OSError):
                    signal.signal(sig, on_signal)

    # -- saving -----------------------------------------------------------------------

    def proposed_name(self, suffix: str) -> str:
        title = self.app.session.session.title if self.app.session else ""
        stem = self.app.path.stem if self.app.path else slugify(title, set(), "inddrag")
        return f"{stem}{suffix}"

    def save(self, then: Callable[[], None] | None = None, *, ask: bool = False) -> None:
        """Save to the session's file (asking where the first time), then call ``then``."""
        if self.app.session is None:
            return
        self.flush_edits()
        if self.app.path is None or ask:
            from inddrag.ui.dialogs.files import SaveAsDialog

            def chosen(path: Path | None) -> None:
                if path is not None:
                    self._save_to(path, then)

            start = self.app.path or self.app.cwd / self.proposed_name(".toml")
            self.app.push_screen(SaveAsDialog(start, kind="session"), chosen)
            return
        self._save_to(self.app.path, then)

    def _save_to(self, path: Path, then: Callable[[], None] | None) -> None:
        assert self.app.session is not None
        if path != self.app.path and path.exists():
            try:
                load_session(path)
            except FileProblems:
                self._show_error(self.app.tr("ui.refuse_overwrite", path=str(path)))
                return
        try:
            save_session(self.app.session, path)
        except SaveError as exc:
            elsewhere = self.app.tr("ui.save_elsewhere")
            self._show_error(f"{exc.sentence(self.app.lang)} {elsewhere}")
            return
        self.app.path = path
        self.app.dirty = False
        self.recovery.saved(path)
        self.app.refresh_title()
        self.app.remember_position()
        self.app.notify(self.app.tr("ui.saved_to", path=str(path)), markup=False)
        if then is not None:
            then()

    def _show_error(self, text: str) -> None:
        from inddrag.ui.dialogs.message import MessageDialog

        self.app.push_screen(MessageDialog(self.app.tr("ui.error_title"), text))

    def export(self, fmt: str) -> None:
        """Ask where, then write the Markdown (``md``) or CSV (``csv``) summary there."""
        self.app.run_worker(self._export(fmt), exclusive=True, group="export")

    async def _export(self, fmt: str) -> None:
        if self.app.session is None:
            return
        self.flush_edits()
        from inddrag.domain import export
        from inddrag.ui.dialogs.files import SaveAsDialog

        suffix = ".md" if fmt == "md" else ".csv"
        folder = self.app.path.parent if self.app.path else self.app.cwd
        start = folder / self.proposed_name(suffix)
        path = await self.app.push_screen_wait(SaveAsDialog(start, kind=fmt))
        if path is None:
            return
        text = (
            export.to_markdown(self.app.session, self.app.pack, self.app.summary_language)
            if fmt == "md"
            else export.to_csv(self.app.session, self.app.pack, self.app.summary_language)
        )
        try:
            from inddrag.domain.atomic import atomic_write_text

            atomic_write_text(path, text)
        except SaveError as exc:
            self._show_error(exc.sentence(self.app.lang))
            return
        self.app.notify(self.app.tr("ui.exported_to", path=str(path)), markup=False)

    # -- quitting ---------------------------------------------------------------------

    def quit(self) -> None:
        """Quit, asking Save / Discard / Cancel when something is unsaved."""
        if self.app.session is None or not self.app.dirty:
            self.finish()
            return
        from inddrag.ui.dialogs.confirm import QuitDialog

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save(then=self.finish)
            elif choice == "discard":
                self.finish()

        self.flush_edits()
        self.app.push_screen(QuitDialog(), answer)

    def finish(self) -> None:
        """Leave cleanly: the recovery copy goes, as everything wanted is saved or discarded."""
        self.recovery.discard()
        self.app.write_position()
        self.app.exit(0)
