"""Launch a program in a real pseudo-terminal and time it until some text is on screen.

Plain :mod:`pty` (no tmux): the clock starts just before the fork and stops when the
text has been written to the terminal. Escape sequences are removed before looking, so
text drawn in colours or moved into place by cursor movements is found all the same.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Mapping, Sequence

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]"  # character sets
    rb"|\x1b[@-Z\\-_=>78]"  # two-byte sequences
)


def plain(raw: bytes) -> str:
    """What a person would read: the text without escape codes, whitespace squeezed."""
    text = _ESCAPES.sub(b" ", raw).decode("utf-8", "replace")
    return re.sub(r"\s+", " ", text)


def time_to_text(
    argv: Sequence[str],
    text: str,
    *,
    env: Mapping[str, str],
    cwd: str,
    size: tuple[int, int] = (120, 40),
    timeout: float = 30.0,
) -> float:
    """Seconds from launching ``argv`` in a new terminal until ``text`` appears on it."""
    wanted = re.sub(r"\s+", " ", text)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is ours, size it and become the program
        try:
            cols, rows = size
            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(cwd)
            os.execve(argv[0], list(argv), dict(env))
        finally:
            os._exit(127)
    buffer = b""
    found = None
    try:
        while found is None:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{argv[0]} never showed {text!r}: {plain(buffer)[-400:]!r}")
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # the program ended
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[0]} ended before showing {text!r}: {plain(buffer)!r}")
            buffer += chunk
            if wanted in plain(buffer[-65536:]) or wanted in plain(buffer):
                found = time.perf_counter() - start
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return found
