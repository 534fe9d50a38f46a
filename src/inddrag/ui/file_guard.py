"""The open file on disk: who else has it open, whether it changed, and what to keep.

Many hands touch one session: a merge during the meeting, a second window, a browser tab
of ``serve``, a shared drive. The guard makes sure none of them loses a change without a
sentence on screen:

- **The lock** beside the file (:mod:`inddrag.domain.filelock`) is taken when the app
  opens or saves a file and released when it leaves. When someone else holds it, the
  leader chooses: read-only (the default), a copy, or open anyway. A stale lock from a
  process that no longer runs is taken over, and the app says so.
- **Watching**: once a second the file's size and time are compared with what we read or
  wrote; when its bytes differ, :func:`~inddrag.domain.reconcile.reconcile` decides. New
  preparation (``[[inputs]]``) is taken in at once, keeping every edit of the meeting;
  anything else marks the file as changed, and the next save asks.
- **Before every save** the same check runs again; a real conflict offers: save as a
  copy, take the file's version, overwrite, or cancel (preselected).
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from inddrag.domain import filelock
from inddrag.domain.errors import FileProblems
from inddrag.domain.paths import same_file
from inddrag.domain.reconcile import reconcile
from inddrag.domain.storage import load_session
from inddrag.i18n import t_plural
from inddrag.ui.dialogs.confirm import ChoiceDialog
from inddrag.ui.state import FileIdentity

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp

WATCH_INTERVAL = 1.0

#: What the save should do after the check: write the file, nothing more (the work went
#: elsewhere or was replaced by the file's version), or stop (cancelled).
Verdict = Literal["write", "done", "stop"]


class FileGuard:
    """Lock, watch and reconcile the open session's file, for one app."""

    def __init__(self, app: InddragApp) -> None:
        self.app = app
        self._last_look = 0.0
        self._warned = False

    def tr(self, key: str, **params: object) -> str:
        return self.app.tr(key, **params)

    # -- the lock -----------------------------------------------------------------------

    def take(self, path: Path) -> None:
        """Hold ``path`` open (our lock beside it); say so when a stale lock was replaced."""
        replaced = filelock.acquire(path)
        if replaced is not None:
            self.app.notify(
                self.tr(
                    "ui.lock_taken_over",
                    user=replaced.user,
                    pid=replaced.pid,
                    since=replaced.since_local(),
                ),
                timeout=8,
                markup=False,
            )

    def let_go(self, path: Path | None) -> None:
        """Release our lock on ``path``."""
        if path is not None:
            filelock.release(path)

    async def check_lock(self) -> None:
        """Just opened: when someone else has the file open, ask how to open it."""
        state = self.app.state
        if state is None or state.path is None:
            return
        path = state.path
        other = filelock.holder(path)
        if other is None:
            self.take(path)
            return
        lang = self.app.lang
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                lang,
                self.tr("ui.locked_title"),
                self.tr(
                    "ui.locked_text",
                    name=path.name,
                    user=other.user,
                    host=other.host,
                    pid=other.pid,
                    since=other.since_local(),
                ),
                [
                    ("read_only", self.tr("ui.button_read_only")),
                    ("copy", self.tr("ui.button_copy")),
                    ("anyway", self.tr("ui.button_anyway")),
                ],
                "read_only",
            )
        )
        if self.app.state is not state:
            return
        if choice == "anyway":
            self.take(path)
        elif choice == "copy":
            state.detach()
            self.app.notify(self.tr("ui.opened_copy", name=path.name), timeout=6, markup=False)
        else:
            state.make_read_only()

    # -- unsaved work left from before ---------------------------------------------------

    async def offer_recovery(self) -> None:
        """Just opened a file: offer unsaved work an earlier run left for it, saying which
        is newer. Choosing it makes the session unsaved; the file is not touched until the
        leader saves."""
        from datetime import UTC, datetime

        from inddrag.domain import recovery

        state = self.app.state
        if state is None or state.path is None:
            return
        path = state.path
        scan = await asyncio.to_thread(recovery.scan_recoveries, self.app.state_dir)
        mine = [
            found
            for found in scan.found
            if found.source is not None and same_file(found.source, path)
        ]
        if not mine or self.app.state is not state:
            return
        found = mine[0]
        lang = self.app.lang
        try:
            # Copies record whole seconds: compare the file's time at that precision too.
            saved = datetime.fromtimestamp(int(path.stat().st_mtime), UTC)
        except OSError:
            saved = None
        newer = saved is None or found.written >= saved
        from inddrag.i18n import format_datetime

        text = self.tr(
            "ui.recovery_for_file_newer" if newer else "ui.recovery_for_file_older",
            name=path.name,
            copy=format_datetime(found.written.astimezone(), lang),
            file=format_datetime(saved.astimezone(), lang) if saved else "",
        )
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                lang,
                self.tr("ui.recovery_for_file_title"),
                text,
                [
                    ("recover", self.tr("ui.button_recover")),
                    ("file", self.tr("ui.button_use_file")),
                ],
                "recover" if newer else "file",
            )
        )
        if choice != "recover" or self.app.state is not state:
            return
        self.app.files.recovery.adopt(found)
        state.replace(found.session)

    # -- a session from an earlier meeting -------------------------------------------------

    async def offer_follow_up(self) -> None:
        """Reopened on a later day: offer "Opfølgning", a new meeting that keeps what the
        last one ended with (the roles table then shows what each cell said last time)."""
        from datetime import date

        from inddrag.domain import followup
        from inddrag.ui.dialogs.follow_up import FOLLOW_UP, follow_up_dialog

        state = self.app.state
        today = self.app.today or date.today()
        if state is None or state.read_only or not followup.offer_follow_up(state.session, today):
            return
        held = state.session.meeting_date
        assert held is not None
        answer = await self.app.push_screen_wait(follow_up_dialog(self.app.lang, held, today))
        if answer == FOLLOW_UP and self.app.state is state:
            self.app.files.flush_edits()
            if followup.start_follow_up(state.session, today):
                state.replace(state.session)  # the meeting's first day starts afresh

    # -- watching -------------------------------------------------------------------------

    def watch(self) -> None:
        """Look at the file once a second; take new preparation in, flag anything else."""
        moment = time.monotonic()
        if moment - self._last_look < WATCH_INTERVAL:
            return
        self._last_look = moment
        state = self.app.state
        if state is None or state.path is None or state.identity is None or state.read_only:
            return
        try:
            stat = os.stat(state.path)
        except OSError:
            return  # gone for now: the next save writes it again
        if (stat.st_size, stat.st_mtime_ns) == (state.identity.size, state.identity.mtime_ns):
            return
        now = FileIdentity.of(state.path)
        if now is None:
            return
        if now.digest == state.identity.digest:
            state.touched(now)
            return
        self.app.files.flush_edits()
        self._take_in(now)

    def _take_in(self, now: FileIdentity) -> bool:
        """Reconcile with the file as it is now; True when nothing is left to decide."""
        state = self.app.state
        assert state is not None and state.path is not None and state.base is not None
        try:
            theirs = load_session(state.path)
        except FileProblems:
            self._flag()
            return False
        result = reconcile(state.base, state.session, theirs)
        if result.outcome == "conflict":
            self._flag()
            return False
        if result.outcome == "inputs":
            state.take_in(result.session, theirs, now)
            self.app.notify(
                t_plural("ui.inputs_taken_in", result.added, self.app.lang, name=state.path.name),
                timeout=8,
                markup=False,
            )
        else:
            state.touched(now)  # nothing of theirs to take: the file is as we know it
        state.note_disk_change(False)
        return True

    def _flag(self) -> None:
        state = self.app.state
        assert state is not None and state.path is not None
        state.note_disk_change(True)
        if not self._warned:
            self._warned = True
            self.app.notify(
                self.tr("ui.disk_changed", name=state.path.name),
                severity="warning",
                timeout=12,
                markup=False,
            )

    # -- before saving --------------------------------------------------------------------

    async def before_save(self, path: Path) -> Verdict:
        """Check the file we are about to write over; ask when it changed on disk."""
        state = self.app.state
        assert state is not None
        if path != state.path or state.identity is None:
            other = filelock.holder(path)
            if other is not None and path != state.path:
                return await self._refuse_locked(path, other)
            return "write"
        now = FileIdentity.of(path)
        if now is None or now.digest == state.identity.digest:
            return "write"
        if self._take_in(now):
            return "write"
        return await self._ask_conflict(path)

    async def _refuse_locked(self, path: Path, other: filelock.LockInfo) -> Verdict:
        from inddrag.ui.dialogs.message import MessageDialog

        text = self.tr(
            "ui.locked_refuse",
            name=path.name,
            user=other.user,
            host=other.host,
            since=other.since_local(),
        )
        await self.app.push_screen_wait(
            MessageDialog(self.app.lang, self.tr("ui.error_title"), text)
        )
        return "stop"

    async def _ask_conflict(self, path: Path) -> Verdict:
        from inddrag.ui.dialogs.files import SaveAsDialog

        state = self.app.state
        assert state is not None
        lang = self.app.lang
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                lang,
                self.tr("ui.conflict_title"),
                self.tr("ui.conflict_text", name=path.name),
                [
                    ("copy", self.tr("ui.button_save_copy")),
                    ("reload", self.tr("ui.button_reload")),
                    ("overwrite", self.tr("ui.button_overwrite")),
                    ("cancel", self.tr("ui.button_cancel")),
                ],
                "cancel",
            )
        )
        if choice == "overwrite":
            return "write"
        if choice == "reload":
            sure = await self.app.push_screen_wait(
                ChoiceDialog(
                    lang,
                    self.tr("ui.reload_sure_title"),
                    self.tr("ui.reload_sure_text", name=path.name),
                    [
                        ("reload", self.tr("ui.button_reload_sure")),
                        ("cancel", self.tr("ui.button_cancel")),
                    ],
                    "cancel",
                )
            )
            if sure != "reload" or self.app.state is not state:
                return "stop"
            try:
                theirs = load_session(path)
            except FileProblems as exc:
                await self.app.files.show_error(exc.render(lang))
                return "stop"
            self.app.files.set_aside_copy()  # what was typed stays recoverable
            state.replace(theirs, saved_to=path)
            self.app.notify(self.tr("ui.reloaded_copy_kept"), timeout=10, markup=False)
            return "done"
        if choice == "copy":
            proposed = path.with_name(f"{path.stem}-{self.tr('ui.copy_suffix')}{path.suffix}")
            target = await self.app.push_screen_wait(SaveAsDialog(lang, proposed, "session"))
            if target is None or target == path:
                return "stop"
            return "done" if await self.app.files.save_to(target) else "stop"
        return "stop"
