"""Type-ahead in a real terminal on a busy machine: every key reaches the screen it was for.

The app runs as a user runs it (the installed ``inddrag`` command) in tmux at 80×24 while
two processes keep both cores busy (a projector laptop in a video call). Each sequence of
keys goes to tmux in *one* command (``send-keys … ; send-keys …``), so the keys arrive back
to back, faster than any screen can appear, and the tests assert what a user sees: the
saved file's title, team and name, the saved file's name, no stray file or cell text from a
storm of step keys, one dialog for two Enters.

Every wait polls with a generous deadline; no fixed sleep decides a result. Slow; CI runs
them (it installs tmux, and there a missing tmux fails the tests instead of skipping them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ci import IN_CI
from tests.terminal import Terminal
from tests.ui_helpers import held_today, meeting_file
from tests.waiting import DEADLINE, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None and not IN_CI, reason="needs tmux (CI installs it)"
    ),
    pytest.mark.skipif(os.name != "posix", reason="tmux is a POSIX terminal"),
]


def until(condition: Callable[[], object], message: str, term: Terminal | None = None) -> None:
    """Poll ``condition`` until it holds (the deadline only guards against a hang)."""
    screen = term.screen if term is not None else str
    wait_for(condition, what=lambda: f"{message}\n{screen()}")


def saved(path: Path) -> dict[str, Any] | None:
    """The session file at ``path`` once it is there and whole (saves are atomic)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None


@pytest.fixture(params=[2, 0], ids=["both-cores-busy", "quiet"])
def busy(request: pytest.FixtureRequest) -> Iterator[None]:
    """Both cores busy for the length of the test (two spinning processes, stopped after
    it), or a quiet machine."""
    spin = [sys.executable, "-c", "while True: pass"]
    hogs = [subprocess.Popen(spin) for _ in range(request.param)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait(timeout=DEADLINE)


@pytest.fixture
def terminal(tmp_path: Path, busy: None) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:  # only reached in CI (elsewhere these tests skip)
        pytest.fail("tmux is missing: CI must run the type-ahead tests, not skip them")
    term = Terminal(tmp_path, tmp_path / "state", size=(80, 24))
    try:
        yield term
    finally:
        term.close()


def start_screen(term: Terminal) -> None:
    term.start()
    term.wait_for("Ny individuel forberedelse")


def test_a_new_session_typed_ahead_fills_each_field_and_saves_by_name(
    terminal: Terminal, tmp_path: Path
) -> None:
    start_screen(terminal)
    terminal.send("Enter", "=Titel", "Tab", "=Hold", "Tab", "=Navn", "Tab", "=Anna, Bo", "Enter")
    terminal.send("C-s", "C-u", "=ny-fil.toml", "Enter")
    until(lambda: saved(tmp_path / "ny-fil.toml"), "ny-fil.toml was never saved", terminal)
    info = saved(tmp_path / "ny-fil.toml")["session"]  # type: ignore[index]
    assert (info["kind"], info["title"], info["team"], info["facilitator"]) == (
        "team",
        "Titel",
        "Hold",
        "Navn",
    )
    assert info["participants"] == ["Anna", "Bo"]


def test_a_preparation_typed_ahead_keeps_title_team_and_name_apart(
    terminal: Terminal, tmp_path: Path
) -> None:
    start_screen(terminal)
    terminal.send("Down", "Enter", "=Titel", "Tab", "=Hold", "Tab", "=Navn", "Enter")
    terminal.send("C-s", "C-u", "=forb.toml", "Enter")
    until(lambda: saved(tmp_path / "forb.toml"), "forb.toml was never saved", terminal)
    info = saved(tmp_path / "forb.toml")["session"]  # type: ignore[index]
    assert (info["kind"], info["title"], info["team"], info["facilitator"]) == (
        "prep",
        "Titel",
        "Hold",
        "Navn",
    )


def test_enter_twice_on_the_start_screen_opens_one_dialog(terminal: Terminal) -> None:
    start_screen(terminal)
    terminal.send("Enter", "Enter")
    terminal.wait_for("Mangler:")
    terminal.send("Escape")
    # One Escape closes the one dialog (with two, the second would stay).
    until(lambda: "Mangler:" not in terminal.flat(), "a second dialog stayed", terminal)
    terminal.wait_for("Ny individuel forberedelse")


def test_a_step_storm_then_letters_writes_no_file_and_no_cell(
    terminal: Terminal, tmp_path: Path
) -> None:
    path = held_today(meeting_file(tmp_path))
    before = path.read_bytes()
    terminal.start(str(path))
    terminal.wait_for("Råd 1 af 10")
    terminal.send("F2", "F3", "F4", "F5", "F2", "F4", "F3", "F5", "=abc")
    terminal.wait_for("▶ F5 Referat")
    # Then to the roles and out: a cell editor opened by a letter would stand in the way.
    terminal.send("F4", "C-q")
    until(lambda: not terminal.alive(), "the app did not quit (a dialog in the way?)", terminal)
    assert path.read_bytes() == before
    written = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".conf")
    assert written == ["møde.toml", "state"], "a letter wrote a file"
