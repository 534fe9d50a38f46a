"""The live channel: the leader's app says what the room should see; projector views follow.

Everything goes through two small files in the user's state folder
(:func:`inddrag.domain.statedir.state_folder`), named after the session file they are about:

* ``live/<key>.json`` — a :class:`LiveView`: the session as it is now (unsaved changes
  included), the step and advice on screen, whether the notes are hidden, and the clock.
  The leader writes it atomically (a temporary file renamed over it) from its autosave
  timer, only when something changed, never on a keystroke's path.
* ``live/<key>.lock`` — the leader holds an OS lock on it while it runs. A follower asks
  the lock, not the clock, whether the leader is there: a killed leader loses its lock at
  once, a restarted one takes it again.

A follower only reads: it never writes to the session file, its lock, or the live files,
and no socket is involved. The key is a hash of the session file's absolute path, so the
leader and every follower of one file meet without being told.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from inddrag.domain.atomic import SaveError, atomic_write_bytes
from inddrag.domain.models import Strict
from inddrag.domain.session import Session
from inddrag.domain.statedir import state_folder

FOLDER_NAME = "live"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


class LiveClock(Strict):
    """The meeting clock as it stood when the view was written (seconds)."""

    #: Seconds since the meeting started (None: the clock is not running).
    meeting: float | None = None
    plan_minutes: int = 90
    #: Seconds spent on the advice on screen (None: not on an advice).
    advice: float | None = None
    timebox_minutes: int | None = None


class LiveAnswers(Strict):
    """Participants answering from their phones (``inddrag collect`` in the leader's app):
    the link to show as a QR code, how many have answered, and whether answers are open,
    closed, or closed with the result revealed to the room."""

    url: str
    count: int = 0
    state: Literal["open", "closed", "revealed"] = "open"


class LiveView(Strict):
    """What the leader's app shows, for the room."""

    format: Literal["inddrag-live"] = "inddrag-live"
    version: Literal[1] = 1
    #: The session file's absolute path.
    source: str
    pid: int
    #: When this was written (seconds since the epoch), to run the clock on from.
    at: float
    step: str
    advice_index: int = 0
    notes_hidden: bool = False
    saved: bool = True
    clock: LiveClock = LiveClock()
    session: Session
    #: Participants' answers, while the leader has them open (and after, until revealed).
    answers: LiveAnswers | None = None


def live_key(source: Path) -> str:
    """The name both sides use for ``source``: a hash of its absolute, resolved path."""
    try:
        resolved = Path(source).expanduser().resolve()
    except (OSError, RuntimeError):
        resolved = Path(source).absolute()
    return hashlib.sha256(os.fsencode(resolved)).hexdigest()[:24]


def live_paths(source: Path, state_dir: Path | None = None) -> tuple[Path, Path]:
    """``(view file, lock file)`` for the session file ``source``."""
    folder = state_folder(state_dir) / FOLDER_NAME
    key = live_key(source)
    return folder / f"{key}.json", folder / f"{key}.lock"


# --- locks ------------------------------------------------------------------------------


def _lock(fd: int, *, shared: bool) -> bool:
    """Take a non-blocking lock on ``fd``; False when someone else holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: one kind of lock only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def leader_running(lock_path: Path) -> bool:
    """Whether a leader holds ``lock_path`` now (asked without creating or writing it)."""
    try:
        fd = os.open(lock_path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return not _lock(fd, shared=True)
    finally:
        os.close(fd)  # releases a lock we took


# --- the leader's side ------------------------------------------------------------------


class Publisher:
    """Writes the live view of one session file while holding its lock.

    :meth:`publish` is called from a timer; it writes only when the caller's
    ``signature`` of what is shown changed, and only while it holds the lock (a second
    window on the same file stays quiet). Errors are swallowed: the room's view is a
    convenience and must never disturb the leader.
    """

    def __init__(self, state_dir: Path | None = None) -> None:
        self.state_dir = state_dir
        self.source: Path | None = None
        self.writes = 0
        self._fd: int | None = None
        self._signature: Hashable = None
        self._paths: tuple[Path, Path] | None = None

    @property
    def holding(self) -> bool:
        """Whether this publisher holds the lock of its source."""
        return self._fd is not None

    def publish(self, source: Path, signature: Hashable, build: Callable[[], LiveView]) -> bool:
        """Write ``build()`` for ``source`` if ``signature`` changed; True when written."""
        if source != self.source:
            self.close()
            self.source = source
            self._paths = live_paths(source, self.state_dir)
            self._signature = None
        if not self._hold():
            return False
        if signature == self._signature and self._signature is not None:
            return False
        assert self._paths is not None
        try:
            data = build().model_dump_json().encode("utf-8")
            atomic_write_bytes(self._paths[0], data, mode=FILE_MODE)
        except (SaveError, OSError, ValueError):
            return False
        self._signature = signature
        self.writes += 1
        return True

    def _hold(self) -> bool:
        if self._fd is not None:
            return True
        assert self._paths is not None
        lock_path = self._paths[1]
        try:
            lock_path.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return False
        if _lock(fd, shared=False):
            self._fd = fd
            return True
        os.close(fd)
        return False

    def close(self) -> None:
        """Stop publishing: the view file goes, the lock is released."""
        if self._fd is not None and self._paths is not None:
            with contextlib.suppress(OSError):
                self._paths[0].unlink()
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = None
        self._signature = None


# --- the follower's side ----------------------------------------------------------------


@dataclass(frozen=True)
class Followed:
    """What a follower knows after a poll."""

    #: The leader's view (the last one read; None before the first).
    view: LiveView | None
    #: Whether the leader's app is running now.
    leader: bool
    #: Whether anything changed since the previous poll.
    changed: bool


class Follower:
    """Reads the live view of one session file; :meth:`poll` it a few times a second."""

    def __init__(self, source: Path, state_dir: Path | None = None) -> None:
        self.source = source
        self.view_path, self.lock_path = live_paths(source, state_dir)
        self.view: LiveView | None = None
        self.leader = False
        self._stamp: tuple[int, int, int] | None = None

    def poll(self) -> Followed:
        """Ask the lock whether the leader runs; read the view when its file changed."""
        leader = leader_running(self.lock_path)
        changed = leader != self.leader
        self.leader = leader
        if leader:
            try:
                info = self.view_path.stat()
            except OSError:
                info = None
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino) if info else None
            if stamp is not None and stamp != self._stamp:
                view = self._read()
                if view is not None:
                    self._stamp = stamp
                    self.view = view
                    changed = True
        return Followed(self.view, leader and self.view is not None, changed)

    def _read(self) -> LiveView | None:
        try:
            return LiveView.model_validate_json(self.view_path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return None


def running_clock(view: LiveView, now: float | None = None) -> LiveClock:
    """The view's clock run on to ``now`` (seconds since the epoch)."""
    passed = max(0.0, (time.time() if now is None else now) - view.at)
    clock = view.clock
    return LiveClock(
        meeting=None if clock.meeting is None else clock.meeting + passed,
        plan_minutes=clock.plan_minutes,
        advice=None if clock.advice is None else clock.advice + passed,
        timebox_minutes=clock.timebox_minutes,
    )
