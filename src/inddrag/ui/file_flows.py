"""Saving, exporting, merging, autosave and quitting: the App's side of "nothing is lost".

Kept apart from :mod:`inddrag.ui.app` so the App stays a thin wiring of screens. Each
flow that asks questions runs as one worker, awaiting its dialogs one after the other
(``push_screen_wait``), so every answer, Escape included, lands back on a live screen.
The recovery copy is written half a second after the last change (at least every second
while typing goes on) from a timer on the event loop, never on a keystroke's path. SIGHUP
and SIGTERM (a closed terminal, a shutdown) flush it before the app exits; on Windows the
console's close, log-off and shut-down events and ctrl+break do
(:func:`inddrag.domain.platform.on_terminal_end`).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain import recovery
from inddrag.domain.atomic import SaveError
from inddrag.domain.errors import FileProblems
from inddrag.domain.filenames import suggested_stem
from inddrag.domain.paths import same_file
from inddrag.domain.platform import on_terminal_end
from inddrag.domain.session import now
from inddrag.domain.storage import load_session, save_session
from inddrag.ui.dialogs.base import Dialog
from inddrag.ui.dialogs.message import MessageDialog
from inddrag.ui.file_guard import FileGuard
from inddrag.ui.live import LiveSender

if TYPE_CHECKING:
    from textual.timer import Timer

    from inddrag.ui.app import InddragApp

AUTOSAVE_INTERVAL = 0.25


class FileFlows:
    """Save, save-as, export, merge, autosave and the quit dialog, for one app."""

    def __init__(self, app: InddragApp) -> None:
        self.app = app
        # Driven by our own timer: the copy is serialised on the event loop, between
        # keystrokes, so no other thread ever reads the session while it changes.
        self.recovery = recovery.Autosaver(
            app.state_dir, max_wait=0.75, on_error=self._autosave_failed
        )
        self._autosave_error_shown = False
        self._position_due = False
        self.guard = FileGuard(app)
        self.live = LiveSender(app.state_dir)  # the projector view's channel
        self._finished = False
        self._autosave: Timer | None = None
        #: Recovery copies of work given up for the file's version: kept until the next save.
        self._set_aside: list[recovery.Autosaver] = []

    @property
    def lang(self) -> str:
        return self.app.lang

    def tr(self, key: str, **params: object) -> str:
        return self.app.tr(key, **params)

    def start(self) -> None:
        """Start the autosave timer and the signal handlers (once the app is running)."""
        self._autosave = self.app.set_interval(
            AUTOSAVE_INTERVAL, self.autosave_now, name="autosave"
        )
        if self.recovery.refused is not None:  # the state folder is not the user's alone
            refused = self.recovery.refused.sentence(self.lang)
            self.app.notify(refused, severity="warning", markup=False, timeout=12)
        self._install_signal_handlers()
        state = self.app.state
        if state is not None and not state.saved:
            self.recovery.note_change(state.session, state.path)

    # -- autosave ---------------------------------------------------------------------

    def note_change(self) -> None:
        """The session changed: the recovery copy is due."""
        state = self.app.state
        if state is not None:
            self.recovery.note_change(state.session, state.path)

    def note_position(self) -> None:
        """The step or advice changed: remember it with the next autosave tick."""
        self._position_due = True

    def flush_edits(self) -> None:
        """Ask the steps to put what is being typed into the session."""
        for screen in self.app.step_screens():
            screen.flush_edits()

    def autosave_now(self) -> None:
        """Write the recovery copy if it is due (called every quarter second)."""
        state = self.app.state
        if state is None:
            return
        self.flush_edits()
        self.write_position()
        self.guard.watch()
        self.live.send(state, self.app.clock, self.app.pack)
        if self.recovery.due_in() == 0:
            self.app.keep_clock()  # the copy keeps the meeting's time too
        if self.recovery.tick():
            self._autosave_error_shown = False
            state.kept(self.recovery.last_written or now())

    def write_position(self) -> None:
        """Record the step and advice of the open file, so reopening it continues there."""
        state = self.app.state
        if self._position_due and state is not None and state.path is not None:
            from inddrag.ui.positions import remember

            remember(self.app.state_dir, state.path, state.step, state.advice_index)
        self._position_due = False

    def _autosave_failed(self, error: SaveError) -> None:
        state = self.app.state
        if state is not None:
            state.kept(None)
        if not self._autosave_error_shown:
            self._autosave_error_shown = True
            self.app.notify(
                self.tr("ui.autosave_failed", reason=error.sentence(self.lang)),
                severity="error",
                markup=False,
                timeout=8,
            )

    def write_recovery_now(self) -> None:
        """Write everything unsaved to the recovery copy now (a signal, a crash)."""
        state = self.app.state
        if state is None or state.saved or self._finished:
            return
        with contextlib.suppress(Exception):
            self.flush_edits()
            self.app.keep_clock()
            self.recovery.write(state.session, state.path)

    def set_aside_copy(self) -> None:
        """Keep everything unsaved in the recovery copy as it stands, and keep later changes
        in a new one: the file's version replaces the session, and what was typed stays
        recoverable (the start screen offers it) until the session is next saved."""
        state = self.app.state
        if state is None:
            return
        self.flush_edits()
        self.app.keep_clock()
        with contextlib.suppress(SaveError):
            self.recovery.write(state.session, state.path)
        self._set_aside.append(self.recovery)
        self.recovery = recovery.Autosaver(
            self.app.state_dir, max_wait=0.75, on_error=self._autosave_failed
        )

    def leaving(self) -> None:
        """The app ends, asked or not (a closed browser tab): keep the work, leave the room."""
        if self._autosave is not None:
            self._autosave.stop()  # no tick while the screens are taken down
        self.write_recovery_now()
        self.live.close()

    def _install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def on_signal(signum: int) -> None:
            # Runs between two bytecodes of the event loop: write what we have, then leave.
            self.write_recovery_now()
            if threading.current_thread() is not threading.main_thread():
                return  # Windows' console closes: the process ends when this returns
            # If the terminal is gone and exiting hangs, leave anyway: the copy is written.
            fallback = threading.Timer(3.0, os._exit, args=(128 + signum,))
            fallback.daemon = True
            fallback.start()
            self.app.call_later(self.app.exit, None, 128 + signum)

        on_terminal_end(on_signal)  # SIGHUP, SIGTERM; Windows: console close, SIGBREAK

    # -- saving -----------------------------------------------------------------------

    def proposed_name(self, suffix: str) -> str:
        state = self.app.state
        if state is None:
            return f"inddrag{suffix}"
        info = state.session.session
        stem = suggested_stem(  # valid on Windows too, wherever it is made
            info.title, kind=state.kind, author=info.facilitator, path=state.path
        )
        return f"{stem}{suffix}"

    async def save(self, *, ask: bool = False) -> bool:
        """Save to the session's file (asking where the first time, or when ``ask``)."""
        from inddrag.ui.dialogs.files import SaveAsDialog

        state = self.app.state
        if state is None:
            return False
        self.flush_edits()
        path = state.path
        if path is None or ask or state.read_only:
            start = state.path or self.app.cwd / self.proposed_name(".toml")
            refused = None
            if state.read_only and state.path is not None:
                # Open in another window: a copy, never the locked file itself.
                refused = state.path
                start = refused.with_name(
                    f"{refused.stem}-{self.app.tr('ui.copy_suffix')}{refused.suffix}"
                )
            path = await self.app.push_screen_wait(
                SaveAsDialog(self.lang, start, "session", refused=refused)
            )
            if path is None:
                return False
            if refused is not None and _same(path, refused):
                return False  # (the dialog refuses it already)
        return await self.save_to(path)

    async def save_to(self, path: Path) -> bool:
        """Write the session to ``path``; say what went wrong in a dialog when it fails."""
        state = self.app.state
        assert state is not None
        verdict = await self.guard.before_save(path)
        if verdict != "write":
            return verdict == "done"
        if path != state.path and path.exists():
            try:
                load_session(path)
            except FileProblems:
                await self.show_error(self.tr("ui.refuse_overwrite", path=str(path)))
                return False
        self.app.keep_clock()  # a reopened meeting goes on at the time it had run
        try:
            save_session(state.session, path)
        except SaveError as exc:
            elsewhere = self.tr("ui.save_elsewhere")
            await self.show_error(f"{exc.sentence(self.lang)} {elsewhere}")
            return False
        before = state.path
        state.saved_to(path)
        self.recovery.saved(path)
        while self._set_aside:  # the session that replaced them is saved now
            self._set_aside.pop().discard()
        if before != path:
            self.guard.let_go(before)
        self.guard.take(path)
        self.note_position()
        self.app.notify(self.tr("ui.saved_to", path=str(path)), markup=False)
        return True

    async def show_error(self, text: str) -> None:
        await self.app.push_screen_wait(MessageDialog(self.lang, self.tr("ui.error_title"), text))

    async def export(self, fmt: str) -> None:
        """Ask where, then write the summary in ``fmt`` (an id of
        :data:`~inddrag.domain.export.formats.FORMATS`) there (never over a session or a
        special file)."""
        from inddrag.domain.export.files import write_summary
        from inddrag.ui.dialogs.files import SUFFIXES, SaveAsDialog

        state = self.app.state
        if state is None:
            return
        self.flush_edits()
        if self.app.is_web:  # inddrag serve: the browser downloads the files
            from pathlib import Path as _Path

            from inddrag.domain.export.files import render, session_report

            report = session_report(state.session, self.app.pack, state.language)
            for target, data in render(report, fmt, _Path(self.proposed_name(SUFFIXES[fmt]))):
                self.app.deliver_binary(io.BytesIO(data), save_filename=target.name)
            return
        folder = state.path.parent if state.path else self.app.cwd
        path = await self.app.push_screen_wait(
            SaveAsDialog(self.lang, folder / self.proposed_name(SUFFIXES[fmt]), fmt)
        )
        if path is None:
            return
        try:
            written = write_summary(state.session, self.app.pack, state.language, fmt, path)
        except SaveError as exc:
            await self.show_error(exc.sentence(self.lang))
            return
        names = ", ".join(str(p) for p in written)
        self.app.notify(self.tr("ui.exported_to", path=names), markup=False)

    async def merge(self) -> None:
        """Ask for preparation files and merge them into the open team session."""
        from inddrag.domain.merge import merge_preps
        from inddrag.ui.dialogs.merge import MergeDialog, find_preps

        state = self.app.state
        if state is None or state.kind != "team":
            self.app.notify(self.tr("ui.merge_team_only"), timeout=4)
            return
        folder = state.path.parent if state.path else self.app.cwd
        found = await asyncio.to_thread(find_preps, folder, self.lang, state.path)
        choice = await self.app.push_screen_wait(MergeDialog(self.lang, folder, found))
        if choice is None:
            return
        self.flush_edits()
        try:
            result = merge_preps(
                state.session,
                choice.preps,
                anonymous=choice.anonymous,
                when=now(),
                pack=self.app.pack,
                team_path=state.path,
            )
        except FileProblems as exc:
            await self.show_error(exc.render(self.lang))
            return
        state.replace(result.session)
        lines = [
            self.tr(
                "ui.merge_line_replaced" if o.replaced else "ui.merge_line_added",
                who=o.participant or self.tr("ui.anonymous"),
                notes=o.notes,
            )
            for o in result.outcomes
            if not o.skipped
        ]
        lines += [w.render(self.lang) for w in result.warnings]
        await self.app.push_screen_wait(
            MessageDialog(self.lang, self.tr("ui.merge_done_title"), "\n".join(lines))
        )

    async def rollup(self) -> None:
        """Bring several groups' sessions together for the plenary (as ``inddrag rollup``)."""
        from inddrag.domain.export.files import write_report
        from inddrag.domain.export.formats import FORMATS
        from inddrag.domain.export.rollup import rollup_report
        from inddrag.domain.packs import bundled_pack_for
        from inddrag.domain.rollup import check_groups, rollup
        from inddrag.ui.dialogs.confirm import ChoiceDialog
        from inddrag.ui.dialogs.files import SaveAsDialog
        from inddrag.ui.dialogs.rollup import RollupDialog, find_groups

        folder = self.app.cwd
        found = await asyncio.to_thread(find_groups, folder, self.lang)
        paths = await self.app.push_screen_wait(RollupDialog(self.lang, folder, found))
        if not paths:
            return
        groups = [(p, s) for p, s in found.sessions if p in paths]
        try:
            check_groups(groups)
        except FileProblems as exc:
            await self.show_error(exc.render(self.lang))
            return
        fmt = await self.app.push_screen_wait(
            ChoiceDialog(
                self.lang,
                self.tr("ui.rollup_format_title"),
                self.tr("ui.rollup_format_text"),
                [(f.id, self.tr(f.label_key)) for f in FORMATS.values()]
                + [("cancel", self.tr("ui.button_cancel"))],
                "md",
            )
        )
        if fmt is None:
            return
        from inddrag.ui.dialogs.files import SUFFIXES

        target = await self.app.push_screen_wait(
            SaveAsDialog(self.lang, folder / f"plenum{SUFFIXES[fmt]}", fmt)
        )
        if target is None:
            return
        if any(_same(target, p) for p in paths):
            await self.show_error(self.tr("ui.rollup_over_group"))
            return
        pack = bundled_pack_for(groups[0][1])
        report = rollup_report(rollup(groups, pack), pack, groups[0][1].content.language)
        try:
            written = write_report(report, fmt, target)
        except SaveError as exc:
            await self.show_error(exc.sentence(self.lang))
            return
        names = ", ".join(str(p) for p in written)
        self.app.notify(self.tr("ui.exported_to", path=names), markup=False)

    # -- quitting ---------------------------------------------------------------------

    async def quit(self) -> None:
        """Quit, asking Save / Discard / Cancel when something is unsaved."""
        from inddrag.ui.dialogs.confirm import quit_dialog

        state = self.app.state
        if state is None or state.saved:
            self.finish()
            return
        self.flush_edits()
        choice = await self.app.push_screen_wait(quit_dialog(self.lang))
        if choice == "save":
            if await self.save():
                self.finish()
        elif choice == "discard":
            self.finish()

    def finish(self) -> None:
        """Leave cleanly: the recovery copy goes, as everything wanted is saved or discarded."""
        self._finished = True
        self.recovery.discard()
        for kept in self._set_aside:
            kept.release()  # work given up for the file's version: offered at the next start
        self.write_position()
        if self.app.state is not None and not self.app.state.read_only:
            self.guard.let_go(self.app.state.path)
        self.live.close()
        self.app.exit(0)

    def dialog_open(self) -> bool:
        """True while one of our dialogs waits for an answer."""
        return isinstance(self.app.screen, Dialog)


def _same(a: Path, b: Path) -> bool:
    return same_file(a, b)  # macOS: NFC and NFD of one name are one file
