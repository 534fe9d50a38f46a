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
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain.storage import open_session, save_session
from tests.ui_helpers import meeting_file

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("tmux") is None and not IN_CI, reason="needs tmux (CI installs it)"
    ),
    pytest.mark.skipif(os.name != "posix", reason="tmux is a POSIX terminal"),
]

DEADLINE = 60.0
"""Seconds any one wait may take (both cores are busy on purpose)."""


def inddrag_command() -> list[str]:
    script = Path(sys.executable).with_name("inddrag")
    return [str(script)] if script.exists() else [sys.executable, "-m", "inddrag"]


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


class Terminal:
    """One tmux server with one 80×24 window running the app."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = f"inddrag-ta-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g status off\n")
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TMUX", "INDDRAG_", "TEXTUAL"))
        }
        self.env.update(
            INDDRAG_STATE_DIR=str(folder / "state"),
            LC_ALL="C.UTF-8",
            LANG="C.UTF-8",
            TERM="xterm-256color",
        )
        self.pid = 0

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-u", "-L", self.name, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=DEADLINE,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, *args: str) -> None:
        command = " ".join(_quote(a) for a in ["exec", *inddrag_command(), *args])
        self.tmux("new-session", "-d", "-x", "80", "-y", "24", "-c", str(self.folder), command)
        self.pid = int(self.tmux("display-message", "-p", "#{pane_pid}").strip())

    def flat(self) -> str:
        """The screen as one line: box drawing and runs of spaces gone."""
        text = self.tmux("capture-pane", "-p", check=False)
        text = re.sub(r"[│┃╭╮╰╯─━▔▁█▀▄▊▎▏║═╔╗╚╝]", " ", text)
        return re.sub(r"\s+", " ", text)

    def wait_for(self, text: str) -> None:
        until(lambda: text in self.flat(), f"never saw {text!r} on the screen", self)

    def send(self, *keys: str) -> None:
        """Send keys back to back in one tmux command: ``"Enter"``, ``"C-s"``, ``"F2"`` are
        keys; ``"=text"`` is text typed literally."""
        args: list[str] = []
        for key in keys:
            if args:
                args.append(";")
            args += ["send-keys", "-l", key[1:]] if key.startswith("=") else ["send-keys", key]
        self.tmux(*args)

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        stat = Path(f"/proc/{self.pid}/stat")
        return not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] not in "ZX"

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        if self.pid and self.alive():
            os.kill(self.pid, signal.SIGKILL)


def until(condition: Callable[[], object], message: str, term: Terminal | None = None) -> None:
    """Poll ``condition`` until it holds; fail after :data:`DEADLINE` seconds."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    screen = term.tmux("capture-pane", "-p", check=False) if term else ""
    raise AssertionError(f"{message}\n{screen}")


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
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def held_today(path: Path) -> Path:
    """The fixture's meeting moved to today (reopening it offers no follow-up meeting)."""
    session = open_session(path)
    session.session.created = session.session.updated = datetime.now().astimezone()
    for meeting in session.meetings:
        meeting.date = date.today()
    save_session(session, path)
    return path


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
