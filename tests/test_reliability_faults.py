"""Faults while the app saves: what the user sees, and that nothing is lost.

``tests/test_storage_faults.py`` proves the domain's side (a failure at any step of an
atomic save leaves the old file byte for byte; the error names its cause). These tests do
the same through the app: a save (ctrl+s) or an export fails at a step of the save, on a
full disk, in a read-only or vanished folder, or the autosave fails. Each time the old file
is byte-identical, the user reads one clear message (no traceback, no errno), the session
is still in memory, unsaved, and can be saved somewhere else.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from inddrag.domain import atomic, recovery, storage
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.session import new_session, set_notes
from inddrag.i18n import t
from inddrag.ui.app import InddragApp
from inddrag.ui.dialogs.files import SaveAsDialog
from inddrag.ui.dialogs.message import MessageDialog
from inddrag.ui.factory import build_app
from tests.ui_helpers import FIXTURE_DAY

SIZE = (100, 30)
TYPED = "Det vi skrev under mødet – æøå [red]ikke markup[/red]"


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class Fault:
    """Make one step of saving ``target`` fail, leaving every other file alone.

    Steps: ``create`` (the temporary file), ``write``, ``flush``, ``fsync``, ``replace``.
    The autosave and the positions file write elsewhere and keep working.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, target: Path, step: str, error: Any):
        self.target = target
        self.step = step
        self.error = error
        self.fds: set[int] = set()
        self.hits = 0
        prefix = atomic.temp_prefix(target.name)
        real_mkstemp = tempfile.mkstemp
        real_fdopen = os.fdopen
        real_fsync = os.fsync
        real_replace = os.replace
        fault = self

        def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            ours = str(kwargs.get("prefix", "")).startswith(prefix)
            if ours and step == "create":
                fault.hits += 1
                raise error
            fd, name = real_mkstemp(*args, **kwargs)
            if ours:
                fault.fds.add(fd)
            return fd, name

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, *args, **kwargs)
            if fd in fault.fds and step in ("write", "flush"):
                return _Breaking(handle, fault)
            return handle

        def fsync(fd: int) -> None:
            if fd in fault.fds and step == "fsync":
                fault.hits += 1
                raise error
            real_fsync(fd)

        def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            if Path(dst) == target and step == "replace":
                fault.hits += 1
                raise error
            real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "fdopen", fdopen)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(atomic, "REPLACE_DELAYS", (0.0,))


class _Breaking:
    """A file handle whose write (half written) or flush fails."""

    def __init__(self, handle: io.BufferedWriter, fault: Fault) -> None:
        self.handle = handle
        self.fault = fault

    def __enter__(self) -> _Breaking:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        if self.fault.step == "write":
            self.handle.write(data[: len(data) // 2])
            self.fault.hits += 1
            raise self.fault.error
        return self.handle.write(data)

    def flush(self) -> None:
        if self.fault.step == "flush":
            self.fault.hits += 1
            raise self.fault.error
        self.handle.flush()

    def fileno(self) -> int:
        return self.handle.fileno()


# --- setting up --------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "møder"
    work.mkdir()
    return work


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def saved(folder: Path) -> Path:
    """A session file on disk, as the team left it last time."""
    session = new_session(load_pack(bundled_pack_dir("da")))
    session.session.title = "Nyt vagtplanssystem"
    set_notes(session, "konsekvenser", "Sidste gang: aftenvagterne.")
    path = folder / "møde.toml"
    storage.save_session(session, path)
    return path


def open_app(path: Path | None, state: Path, cwd: Path) -> InddragApp:
    return build_app(file=path, state_dir=state, cwd=cwd, today=FIXTURE_DAY)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause(0.05)


def notes_editor(app: Any) -> TextArea:
    """The notes being typed: the focused editor, else the one shown on the advice step."""
    focused = app.screen.focused
    if isinstance(focused, TextArea):
        return focused
    for area in app.screen.query(TextArea):
        if (area.id == "notes" or area.has_class("notes")) and area.display:
            return area
    raise LookupError("no notes editor on the screen")


class FakeClock:
    """The autosave's clock, moved by the test: no assertion waits on the wall clock."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def fake_autosave_clock(app: InddragApp) -> FakeClock:
    clock = FakeClock()
    app.files.recovery._clock = clock
    return clock


async def autosave_due(pilot: Pilot[Any], clock: FakeClock) -> None:
    """Move the autosave's clock past its longest wait; let its timer write the copy."""
    saver = pilot.app.files.recovery  # type: ignore[attr-defined]
    clock.seconds += 60
    for _ in range(400):  # the timer runs every quarter second; a slow machine gets 20 s
        if not saver.pending:
            break
        await pilot.pause(0.05)
    assert not saver.pending, "the autosave timer never ran"


async def type_notes(pilot: Pilot[Any], text: str) -> None:
    notes = notes_editor(pilot.app)
    notes.move_cursor(notes.document.end)
    notes.insert(text)
    await settle(pilot)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.is_stray_temp(p.name))


def assert_one_clear_message(app: InddragApp, path: Path, reason: str) -> str:
    """The error dialog is up, alone, with the cause in words and the way out."""
    assert isinstance(app.screen, MessageDialog), app.screen
    assert sum(isinstance(s, MessageDialog) for s in app.screen_stack) == 1
    text = app.screen.text
    expected = atomic.SaveError(path, reason, existed=path.exists()).sentence("da")
    elsewhere = t("ui.save_elsewhere", "da")
    if reason in ("os_error", "unexpected"):  # the system's own words follow the reason
        assert text.startswith(expected.split(",")[0]), text
    else:
        assert text == f"{expected} {elsewhere}", text
    assert text.endswith(elsewhere)
    assert "\n" not in text
    for noise in ("Traceback", "Errno", "OSError", "Exception", "None"):
        assert noise not in text, text
    return text


def status_line(app: InddragApp) -> str:
    """The status line at the top of the screen, as it reads."""
    from inddrag.ui.widgets.status import StatusBar

    step = next(s for s in reversed(app.screen_stack) if s.query(StatusBar))
    return step.query_one(StatusBar).render().plain


def session_notes(app: InddragApp) -> str:
    assert app.session is not None
    entry = app.session.entry("konsekvenser")
    assert entry is not None
    return entry.notes


async def save_as(pilot: Pilot[Any], name: str) -> None:
    """What the palette's "Fil: Gem som …" does: ask for a name, then save there."""
    app = pilot.app
    assert isinstance(app, InddragApp)
    await pilot.press("f12")
    await settle(pilot)
    assert isinstance(app.screen, SaveAsDialog)
    app.screen.query_one("#name", Input).value = name
    await pilot.press("enter")
    await settle(pilot)


# --- a failing save ----------------------------------------------------------------------

STEPS = [
    ("create", oserror(errno.ENOSPC), "disk_full"),
    ("create", oserror(errno.EROFS), "read_only"),
    ("create", PermissionError(errno.EACCES, "Permission denied"), "no_access"),
    ("write", oserror(errno.ENOSPC), "disk_full"),
    ("write", oserror(getattr(errno, "EDQUOT", errno.ENOSPC)), "disk_full"),
    ("write", oserror(errno.EIO), "os_error"),
    ("write", RuntimeError("kaput"), "unexpected"),
    ("flush", oserror(errno.ENOSPC), "disk_full"),
    ("fsync", oserror(errno.EIO), "os_error"),
    ("replace", PermissionError(errno.EACCES, "Permission denied"), "no_access"),
    ("replace", oserror(errno.ENOENT), "vanished"),
]


@pytest.mark.parametrize(("step", "error", "reason"), STEPS, ids=[f"{s}-{r}" for s, _, r in STEPS])
async def test_a_failed_save_keeps_the_file_the_session_and_a_way_out(
    step: str,
    error: BaseException,
    reason: str,
    saved: Path,
    state: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = saved.read_bytes()
    app = open_app(saved, state, saved.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_notes(pilot, "\n" + TYPED)
        with monkeypatch.context() as patch:
            fault = Fault(patch, saved, step, error)
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert fault.hits >= 1
        assert saved.read_bytes() == before
        assert leftovers(saved.parent) == []
        assert_one_clear_message(app, saved, reason)
        # Still in memory, still marked unsaved.
        assert session_notes(app).endswith(TYPED)
        assert not app.state.saved and "ikke gemt" in status_line(app)
        await pilot.press("enter")  # OK
        await settle(pilot)
        assert app.screen.id == "advice"
        # Saved somewhere else, in full; the old file is still as it was.
        await save_as(pilot, "reserve.toml")
        other = saved.with_name("reserve.toml")
        assert storage.load_session(other) == app.session
        assert session_notes(app).endswith(TYPED)
        assert saved.read_bytes() == before
        assert app.state.saved


async def test_after_a_failed_save_ctrl_s_works_once_the_cause_is_gone(
    saved: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app(saved, state, saved.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_notes(pilot, TYPED)
        with monkeypatch.context() as patch:
            Fault(patch, saved, "write", oserror(errno.ENOSPC))
            await pilot.press("ctrl+s")
            await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")  # the disk has room again
        await settle(pilot)
        assert not isinstance(app.screen, MessageDialog)
        assert app.state.saved
        assert session_notes(app) == storage.load_session(saved).entry("konsekvenser").notes  # type: ignore[union-attr]


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
async def test_a_read_only_folder(
    saved: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real read-only folder where the OS enforces it; root ignores modes, so simulate."""
    before = saved.read_bytes()
    folder = saved.parent
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    app = open_app(saved, state, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_notes(pilot, TYPED)
        folder.chmod(0o555)
        try:
            with monkeypatch.context() as patch:
                if as_root:
                    Fault(patch, saved, "create", PermissionError(errno.EACCES, "denied"))
                await pilot.press("ctrl+s")
                await settle(pilot)
        finally:
            folder.chmod(0o755)
        assert saved.read_bytes() == before
        assert_one_clear_message(app, saved, "no_access")
        await pilot.press("enter")
        await settle(pilot)
        await save_as(pilot, str(state.parent / "andet-sted.toml"))
        assert storage.load_session(state.parent / "andet-sted.toml") == app.session


async def test_a_vanished_folder(saved: Path, state: Path) -> None:
    """The USB stick was pulled, or the folder deleted while the meeting went on."""
    folder = saved.parent
    app = open_app(saved, state, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_notes(pilot, TYPED)
        shutil.rmtree(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_one_clear_message(app, saved, "folder_missing")
        assert session_notes(app).endswith(TYPED)
        assert not app.state.saved
        await pilot.press("enter")
        await settle(pilot)
        target = state.parent / "reddet.toml"
        await save_as(pilot, str(target))
        assert storage.load_session(target) == app.session
        assert not folder.exists()  # nothing was re-created behind the user's back


async def test_a_new_session_saved_into_a_missing_folder_then_elsewhere(
    folder: Path, state: Path
) -> None:
    """The message says "(ctrl+s)": for a session not yet saved that asks for a name again."""
    app = open_app(None, state, folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Ny holddrøftelse
        await settle(pilot)
        app.screen.query_one("#title", Input).value = "Fejltest"
        await pilot.click("#start")
        await settle(pilot)
        await type_notes(pilot, TYPED)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("#name", Input).value = "findes-ikke/møde.toml"
        await pilot.press("enter")
        await settle(pilot)
        assert_one_clear_message(app, folder / "findes-ikke" / "møde.toml", "folder_missing")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveAsDialog)
        app.screen.query_one("#name", Input).value = "møde.toml"
        await pilot.press("enter")
        await settle(pilot)
        saved = storage.load_session(folder / "møde.toml")
        assert saved == app.session
        assert session_notes(app) == TYPED
        assert app.state.path == folder / "møde.toml" and app.state.saved


# --- a failing export --------------------------------------------------------------------


async def test_a_failed_export_leaves_the_old_summary_and_the_session(
    saved: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = saved.with_suffix(".md")
    summary.write_text("# Referat fra sidst\n", encoding="utf-8")
    before = summary.read_bytes()
    app = open_app(saved, state, saved.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_notes(pilot, TYPED)
        with monkeypatch.context() as patch:
            Fault(patch, summary, "write", oserror(errno.ENOSPC))
            app.action_export("md")
            await settle(pilot)
            assert isinstance(app.screen, SaveAsDialog)
            assert app.screen.query_one("#name", Input).value == summary.name
            await pilot.press("enter")
            await settle(pilot)
            await pilot.click("#replace")  # "Erstat" the summary from last time
            await settle(pilot)
        assert isinstance(app.screen, MessageDialog)
        text = app.screen.text
        assert text == atomic.SaveError(summary, "disk_full", existed=True).sentence("da")
        assert summary.read_bytes() == before
        assert leftovers(saved.parent) == []
        assert session_notes(app).endswith(TYPED) and not app.state.saved


# --- a failing autosave ------------------------------------------------------------------


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    seen: list[str] = []
    real = InddragApp.notify

    def notify(self: InddragApp, message: str, *args: Any, **kwargs: Any) -> None:
        seen.append(str(message))
        real(self, message, *args, **kwargs)

    monkeypatch.setattr(InddragApp, "notify", notify)
    yield seen


async def test_a_failing_autosave_says_so_once_and_saving_still_works(
    saved: Path, tmp_path: Path, notices: list[str]
) -> None:
    state = tmp_path / "state-is-a-file"
    state.write_text("not a folder")  # the recovery folder cannot be made
    app = open_app(saved, state, saved.parent)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        clock = fake_autosave_clock(app)
        for n in range(3):
            await type_notes(pilot, f" {n}")
            assert app.files.recovery.pending
            await autosave_due(pilot, clock)
        failures = [n for n in notices if n.startswith("Kunne ikke gemme en sikkerhedskopi")]
        assert len(failures) == 1, notices
        assert "Traceback" not in failures[0] and "Errno" not in failures[0]
        assert app.files.recovery.last_error is not None
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.state.saved
        assert storage.load_session(saved).entry("konsekvenser").notes.endswith(" 0 1 2")  # type: ignore[union-attr]


async def test_the_recovery_copy_has_the_work_while_saving_fails(
    saved: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session file cannot be written, but the copy in the state folder can."""
    app = open_app(saved, state, saved.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock = fake_autosave_clock(app)
        await type_notes(pilot, TYPED)
        with monkeypatch.context() as patch:
            Fault(patch, saved, "write", oserror(errno.ENOSPC))
            await pilot.press("ctrl+s")
            await settle(pilot)
            await autosave_due(pilot, clock)
        copy = recovery.read_recovery(app.files.recovery.path)
        assert copy.session == app.session
        assert copy.source == saved.absolute()
