"""Opening sessions: a new one, a file, a recovery copy; what to ask once one is open;
changing its details. The App's side of "which session is open", kept apart from the App
(which wires screens) and from :mod:`inddrag.ui.file_flows` (which saves and exports).

Each flow that asks questions is a coroutine the App runs as one worker, awaiting its
dialogs one after the other.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.errors import FileProblems
from inddrag.i18n import normalise_language

if TYPE_CHECKING:
    from inddrag.domain.recovery import RecoveryInfo
    from inddrag.domain.session import Kind, Session
    from inddrag.ui.app import InddragApp
    from inddrag.ui.dialogs.new_session import SessionFacts


class Sessions:
    """Starts, opens and recovers sessions for one app, and edits their details."""

    def __init__(self, app: InddragApp) -> None:
        self.app = app

    def tr(self, key: str, **params: object) -> str:
        return self.app.tr(key, **params)

    def _tell(self, title_key: str, text: str) -> None:
        from inddrag.ui.dialogs.message import MessageDialog

        self.app.push_screen(MessageDialog(self.app.lang, self.tr(title_key), text))

    # -- opening ------------------------------------------------------------------------

    def start_new(self, kind: Kind, facts: SessionFacts) -> None:
        """A new session of ``kind`` with the facts the form collected."""
        from inddrag.domain.session import new_session

        app = self.app
        session = new_session(app.pack, kind)
        facts.apply(session)
        app.begin(session, None)
        assert app.state is not None
        app.state.changed()  # not saved anywhere yet

    def open_file(self, path: Path) -> None:
        """Open the session file ``path`` (one sentence in a dialog when it cannot be)."""
        from inddrag.domain.storage import open_session

        try:
            session = open_session(path)
        except FileProblems as exc:
            self._tell("ui.open_failed_title", exc.render(self.app.lang))
            return
        self.open_session(session, path)

    def open_session(self, session: Session, path: Path | None) -> None:
        """Open a loaded session, switching to its language's pack when we ship one."""
        from inddrag.domain.check import session_warnings
        from inddrag.ui.factory import choose_pack

        app = self.app
        if session.content.language != app.pack.info.language and self.pack_is_bundled():
            with contextlib.suppress(FileProblems):  # keep ours; the warnings say what differs
                pack = choose_pack(None, session.content.language, session)
                app.use_pack(pack, normalise_language(pack.info.language))
        app.begin(session, path, step=None)
        warnings = session_warnings(session, app.pack)
        if warnings:
            self._tell("ui.warnings_title", "\n".join(w.render(app.lang) for w in warnings))

    def recover(self, found: RecoveryInfo) -> None:
        """Open a recovery copy; its file again only if the file is not newer than it."""
        from inddrag.domain import recovery
        from inddrag.ui.screens.start import StartScreen

        app = self.app
        try:
            session = recovery.load_recovery(found)
        except FileProblems as exc:
            self._tell("ui.recover_failed_title", exc.render(app.lang))
            if isinstance(app.screen, StartScreen):
                app.screen.refresh_recoveries()
            return
        app.files.recovery.adopt(found)
        source = found.source
        if source is not None and _saved_after(source, found.written):
            # The file was saved after this copy: never let the copy overwrite it unasked.
            app.notify(self.tr("ui.recovered_as_copy", name=source.name), timeout=10, markup=False)
            source = None
        app.begin(session, source, recovered=True)
        assert app.state is not None
        if source is not None:
            app.run_worker(app.files.guard.check_lock(), group="lock", name="lock")
        app.state.changed()

    async def opened(self) -> None:
        """A file was just opened: ask about its lock, unsaved work left for it, and whether
        this is a follow-up meeting."""
        guard = self.app.files.guard
        await guard.check_lock()
        await guard.offer_recovery()
        await guard.offer_follow_up()

    def pack_is_bundled(self) -> bool:
        """Whether the app's pack is one we ship (then another language's may replace it)."""
        from inddrag.domain.content import bundled_content_root

        try:
            return self.app.pack.path.resolve().parent == bundled_content_root().resolve()
        except OSError:
            return False

    # -- details --------------------------------------------------------------------------

    async def edit_details(self) -> None:
        """ "Ret oplysninger": the session's title, team, leader and participants."""
        from inddrag.ui.dialogs.new_session import NewSessionDialog, SessionFacts

        app = self.app
        state = app.state
        if state is None:
            return
        facts = await app.push_screen_wait(
            NewSessionDialog(
                app.lang, state.session.session.kind, SessionFacts.of(state.session), editing=True
            )
        )
        if facts is not None and app.state is state and facts.apply(state.session):
            state.replace(state.session)  # every step (and the status line) shows it afresh


def _saved_after(path: Path, when: datetime) -> bool:
    """True when ``path`` was written after ``when``."""
    try:
        return datetime.fromtimestamp(int(path.stat().st_mtime), UTC) > when
    except OSError:
        return False
