"""The app in a real terminal: one tmux server per test, to read the screen, type and kill.

Shared by the kill, exit and type-ahead suites (``tests/test_reliability_kill.py``,
``tests/test_security_exits.py``, ``tests/test_typeahead_tmux.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

from tests.waiting import DEADLINE, wait_for


def inddrag_command() -> list[str]:
    script = Path(sys.executable).with_name("inddrag")
    return [str(script)] if script.exists() else [sys.executable, "-m", "inddrag"]


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


class Terminal:
    """One tmux server with one window running the app; read the screen, type, kill."""

    def __init__(self, folder: Path, state: Path, size: tuple[int, int] = (120, 40)) -> None:
        self.folder = folder
        self.size = size
        self.state = state
        self.name = f"inddrag-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.config = folder / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g status off\n")
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TMUX", "INDDRAG_", "TEXTUAL"))
        }
        self.env.update(
            INDDRAG_STATE_DIR=str(state),
            LC_ALL="C.UTF-8",
            LANG="C.UTF-8",
            TERM="xterm-256color",
        )
        self.pid = 0
        self.socket: Path | None = None

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
        self.tmux(
            "new-session",
            "-d",
            "-x",
            str(self.size[0]),
            "-y",
            str(self.size[1]),
            "-c",
            str(self.folder),
            command,
        )
        self.pid = int(self.tmux("display-message", "-p", "#{pane_pid}").strip())
        self.socket = Path(self.tmux("display-message", "-p", "#{socket_path}").strip())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", check=False)

    def flat(self) -> str:
        """The screen as one line: box drawing and runs of spaces gone (text wraps in boxes)."""
        text = re.sub(r"[│┃╭╮╰╯─━▔▁█▀▄▊▎▏]", " ", self.screen())
        return re.sub(r"\s+", " ", text)

    def wait_for(self, text: str, *, timeout: float = DEADLINE) -> None:
        wanted = re.sub(r"\s+", " ", text)

        def seen() -> bool:
            if wanted in self.flat():
                return True
            if not self.alive():
                raise AssertionError(f"the app ended before {text!r} was on screen")
            return False

        wait_for(seen, timeout, what=lambda: f"{text!r} on the screen:\n{self.screen()}")

    def wait_until_not_shown(self, text: str) -> None:
        wanted = re.sub(r"\s+", " ", text)
        wait_for(
            lambda: wanted not in self.flat(),
            what=lambda: f"{text!r} to leave the screen:\n{self.screen()}",
        )

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is: in the field or editor that has the focus."""
        x, y = self.tmux("display-message", "-p", "#{cursor_x},#{cursor_y}").split(",")
        return int(x), int(y)

    def next_field(self) -> None:
        """Enter in a form's field: wait until the cursor has moved to the next field, so
        the next key cannot land in the field just left (however slow the machine)."""
        before = self.cursor()
        self.press("Enter")
        wait_for(
            lambda: self.cursor() != before,
            what=lambda: f"the cursor to leave {before} after Enter:\n{self.screen()}",
        )

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", text)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def send(self, *keys: str) -> None:
        """Send keys back to back in ONE tmux command, as a fast typist or a paste does:
        ``"Enter"``, ``"C-s"``, ``"F2"`` are keys; ``"=text"`` is text typed literally."""
        args: list[str] = []
        for key in keys:
            if args:
                args.append(";")
            args += ["send-keys", "-l", key[1:]] if key.startswith("=") else ["send-keys", key]
        self.tmux(*args)

    def alive(self) -> bool:
        return self.pid != 0 and _running(self.pid)

    def wait_until_gone(self) -> None:
        """Wait for the app's process to end (the deadline only guards against a hang)."""
        wait_for(lambda: not _running(self.pid), what=f"the app (pid {self.pid}) to exit")

    def pane_dead(self) -> bool:
        """Whether tmux saw the app's end (its exit status it reports unreliably)."""
        wait_for(
            lambda: self.tmux("display-message", "-p", "#{pane_dead}", check=False).strip() == "1",
            what="tmux to see the app's end",
        )
        return True

    def close(self) -> None:
        """Close the terminal window: the app gets SIGHUP and its terminal goes away."""
        self.tmux("kill-server", check=False)

    def remove_socket(self) -> None:
        """tmux leaves its socket file behind when its server is killed."""
        if self.socket is not None and self.socket.name == self.name:
            self.socket.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether any thread of the process still runs (its files, and locks, still open).

    A process whose main thread has ended shows as a zombie while its other threads are
    still on their way out, holding its files; so every thread is looked at.
    """
    tasks = Path(f"/proc/{pid}/task")
    if not tasks.parent.exists():
        if tasks.parent.parent.exists():  # Linux: no such process
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in tasks.glob("*/stat"):
        try:
            state = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in ("Z", "X"):
            return True
    return False
