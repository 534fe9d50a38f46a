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
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from inddrag.domain import atomic, recovery, storage
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.session import new_session, set_notes
from inddrag.ui.app import InddragApp
from inddrag.ui.dialogs.files import SaveAsDialog
from inddrag.ui.dialogs.message import MessageDialog
from inddrag.ui.factory import build_app
from tests.ui_helpers import FIXTURE_DAY, settle
from tests.waiting import wait_until

SIZE = (100, 30)
TYPED = "Det vi skrev under mødet - æøå [red]ikke markup[/red]"
"""Typed key by key. (Textual's Pilot cannot type "–": it looks "en_dash" up as a Unicode
name and sends no character. The kill tests type it through a real terminal.)"""
LAST_TIME = "Sidste gang: aftenvagterne."
"""The notes of the first advice in the file the team saved last time (``saved``)."""

# What the user reads when a save fails, written out here rather than taken from the
# product's own ``SaveError.sentence``: a wrong sentence there must fail these tests.
WHY = {
    "disk_full": "fordi der ikke er mere plads på disken",
    "read_only": "fordi disken eller mappen kun kan læses",
    "no_access": "fordi du ikke har lov til at skrive i mappen {folder}",
    "vanished": "fordi mappen {folder} forsvandt, mens filen blev gemt",
    "folder_missing": "fordi mappen {folder} ikke findes",
    "os_error": "fordi styresystemet meldte en fejl: {system}",
    "unexpected": "fordi der skete en uventet fejl: {system}",
}
KEPT = "; den tidligere udgave er uændret"
ELSEWHERE = (
    "Dit arbejde er ikke tabt: prøv igen med ctrl+s, eller gem et andet sted med F12 (Gem som)."
)


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
    # The app's own timer (every quarter second) writes the copy: wait for it, not a time.
    await wait_until(lambda: not saver.pending, pause=pilot.pause, what="the autosave timer")


async def type_notes(pilot: Pilot[Any], text: str) -> None:
    """Type at the end of the notes (one line in these files), key by key as a user does."""
    assert isinstance(pilot.app.screen.focused, TextArea), pilot.app.screen.focused
    keys = ["enter" if char == "\n" else char for char in text]
    await pilot.press("end", *keys)
    await settle(pilot)


def notes_in(path: Path) -> str:
    """The first advice's notes in the file at ``path``, read without the product's code."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(str(e.get("notes", "")) for e in data["advice"] if e["id"] == "konsekvenser")


def title_in(path: Path) -> str:
    return str(tomllib.loads(path.read_text(encoding="utf-8"))["session"]["title"])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.is_stray_temp(p.name))


def assert_one_clear_message(app: InddragApp, path: Path, reason: str, system: str = "") -> str:
    """The error dialog is up, alone, with the cause in words and the way out (``system``:
    the system's own words, which follow an ``os_error`` or ``unexpected`` reason)."""
    assert isinstance(app.screen, MessageDialog), app.screen
    assert sum(isinstance(s, MessageDialog) for s in app.screen_stack) == 1
    text = app.screen.text
    why = WHY[reason].format(folder=path.parent, system=system)
    kept = KEPT if path.exists() else ""
    assert text == f"“{path.name}” blev ikke gemt, {why}{kept}. {ELSEWHERE}", text
    assert "\n" not in text
    for noise in ("Traceback", "Errno", "OSError", "Exception", "None"):
        assert noise not in text, text
    return text


def status_line(app: InddragApp) -> str:
    """The status line at the top of the screen, as it reads."""
    from inddrag.ui.widgets.status import StatusBar

    step = next(s for s in reversed(app.screen_stack) if s.query(StatusBar))
    return step.query_one(StatusBar).render().plain


async def save_as(pilot: Pilot[Any], name: str) -> None:
    """What the palette's "Fil: Gem som …" does: ask for a name, then save there."""
    app = pilot.app
    assert isinstance(app, InddragApp)
    await pilot.press("f12")
    await settle(pilot)
    assert isinstance(app.screen, SaveAsDialog)
    await type_name(pilot, name)
    await pilot.press("enter")
    await settle(pilot)


async def type_name(pilot: Pilot[Any], name: str) -> None:
    """Replace the proposed name in the focused field, as a user does: select it, type."""
    assert isinstance(pilot.app.screen.focused, Input), pilot.app.screen.focused
    await pilot.press("end", "shift+home", *name)
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


SYSTEM_WORDS = {"os_error": "Input/output error", "unexpected": "RuntimeError: kaput"}
"""The system's words that follow the reason: the errors' own messages in STEPS."""


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
        assert_one_clear_message(app, saved, reason, SYSTEM_WORDS.get(reason, ""))
        # Still marked unsaved (still in memory: saved elsewhere below, in full).
        assert "ikke gemt" in status_line(app)
        await pilot.press("enter")  # OK
        await settle(pilot)
        assert app.screen.id == "advice"
        # Saved somewhere else, in full; the old file is still as it was.
        await save_as(pilot, "reserve.toml")
        other = saved.with_name("reserve.toml")
        assert notes_in(other) == LAST_TIME + "\n" + TYPED
        assert title_in(other) == "Nyt vagtplanssystem"
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
        assert "✓ alt er gemt" in status_line(app)
        assert notes_in(saved) == LAST_TIME + TYPED


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
        assert notes_in(state.parent / "andet-sted.toml") == LAST_TIME + TYPED


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
        assert "ikke gemt" in status_line(app)
        await pilot.press("enter")
        await settle(pilot)
        target = state.parent / "reddet.toml"
        await save_as(pilot, str(target))
        assert notes_in(target) == LAST_TIME + TYPED
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
        await pilot.press(*"Fejltest")  # the title field has the focus
        await pilot.click("#start")
        await settle(pilot)
        await type_notes(pilot, TYPED)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveAsDialog)
        await type_name(pilot, "findes-ikke/møde.toml")
        await pilot.press("enter")
        await settle(pilot)
        assert_one_clear_message(app, folder / "findes-ikke" / "møde.toml", "folder_missing")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveAsDialog)
        await type_name(pilot, "møde.toml")
        await pilot.press("enter")
        await settle(pilot)
        assert notes_in(folder / "møde.toml") == TYPED
        assert title_in(folder / "møde.toml") == "Fejltest"
        assert status_line(app).strip().startswith("Fejltest – møde.toml")
        assert "✓ alt er gemt" in status_line(app)


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
        assert app.screen.text == "“møde.md” blev ikke gemt, " + WHY["disk_full"] + KEPT + "."
        assert summary.read_bytes() == before
        assert leftovers(saved.parent) == []
        assert "ikke gemt" in status_line(app)
        await pilot.press("enter")  # OK; the session, still in memory, can be saved
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert notes_in(saved) == LAST_TIME + TYPED


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
        entry = copy.session.entry("konsekvenser")
        assert entry is not None and entry.notes == LAST_TIME + TYPED
        assert copy.source == saved.absolute()


async def test_while_typing_never_pauses_the_copy_falls_at_most_0_8_s_behind(
    saved: Path, state: Path
) -> None:
    """The kill tests' old wall-clock promise, on a fake clock: a key every tenth of a
    second never gives the half-second pause, yet the copy is written 0.8 s after the
    first key (the app waits at most 0.75 s; its timer looks every quarter second, and
    here after every key), holding every key typed until then."""
    app = open_app(saved, state, saved.parent)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        clock = fake_autosave_clock(app)
        saver = app.files.recovery
        start = clock.seconds
        typed = ""
        while saver.writes == 0:
            assert clock.seconds - start < 5, "the copy was never written while typing"
            await type_notes(pilot, "x")
            typed += "x"
            clock.seconds += 0.1
            app.files.autosave_now()  # the timer's look, now (its own may come first)
        assert clock.seconds - start == pytest.approx(0.8)
        copy = recovery.read_recovery(saver.path)
        entry = copy.session.entry("konsekvenser")
        assert entry is not None and entry.notes == LAST_TIME + typed
        assert typed == "x" * 8
