"""Who has a session file open: a small lock file beside it, as LibreOffice keeps one.

``hold.toml`` open in the app has ``.~lock.hold.toml#`` beside it, holding who opened it,
on which machine, in which process and since when. The app writes it when it opens or
saves a file and removes it when it lets go. Another window, a browser tab of ``serve``
or ``inddrag merge`` reads it and asks before touching the file. A lock left by a process
that no longer runs on this machine is stale: it is taken over, after saying so.

The lock file is never a session: it does not end in ``.toml``, so nothing lists, merges
or exports it. Plain Python, no Textual.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from inddrag.domain.platform import pid_alive, user_id
from inddrag.domain.readfile import LOCK_LIMIT, read_bounded

PREFIX = ".~lock."
SUFFIX = "#"


def lock_path(path: Path) -> Path:
    """``folder/.~lock.NAME#`` for the session file ``folder/NAME``."""
    return path.with_name(f"{PREFIX}{path.name}{SUFFIX}")


@dataclass(frozen=True)
class LockInfo:
    """Who holds a session file open."""

    user: str
    host: str
    pid: int
    since: str
    """When it was opened, ISO 8601 with the offset."""

    @classmethod
    def mine(cls) -> LockInfo:
        """A lock for this process, now."""
        try:
            user = getpass.getuser()
        except Exception:  # no user name to be had (a container without passwd)
            user = user_id()
        return cls(user, socket.gethostname(), os.getpid(), datetime.now(UTC).isoformat())

    @property
    def is_mine(self) -> bool:
        """True when this process holds it."""
        return self.host == socket.gethostname() and self.pid == os.getpid()

    @property
    def is_stale(self) -> bool:
        """True when it was left by a process on this machine that no longer runs."""
        if self.host != socket.gethostname():
            return False  # another machine: we cannot tell, so it counts as live
        if self.pid == os.getpid():
            return False
        return not pid_alive(self.pid)

    def since_local(self) -> str:
        """``30.11. 20:03`` in the local time zone (the raw text if it is not a time)."""
        try:
            when = datetime.fromisoformat(self.since).astimezone()
        except ValueError:
            return self.since
        return when.strftime("%d.%m. %H:%M")


def read_lock(path: Path) -> LockInfo | None:
    """The lock on ``path``, if there is a readable one (an unreadable one counts as none)."""
    try:
        raw = read_bounded(lock_path(path), LOCK_LIMIT, follow_links=False)
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(
            user=str(data["user"]),
            host=str(data["host"]),
            pid=int(data["pid"]),
            since=str(data["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def holder(path: Path) -> LockInfo | None:
    """Someone else who has ``path`` open now (None: nobody, us, or a stale lock)."""
    info = read_lock(path)
    if info is None or info.is_mine or info.is_stale:
        return None
    return info


def acquire(path: Path) -> LockInfo | None:
    """Write our lock beside ``path``; returns the stale lock it replaced, if any.

    Best effort: a folder we cannot write to leaves the file unlocked (saving there would
    fail anyway, and says so).
    """
    before = read_lock(path)
    replaced = before if before is not None and before.is_stale else None
    mine = LockInfo.mine()
    target = lock_path(path)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(mine), handle)
        os.replace(tmp, target)
    with contextlib.suppress(OSError):
        tmp.unlink()
    return replaced


def release(path: Path) -> None:
    """Remove our lock beside ``path`` (someone else's is left alone)."""
    info = read_lock(path)
    if info is not None and info.is_mine:
        with contextlib.suppress(OSError):
            lock_path(path).unlink()
