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
import stat
import sys
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from inddrag.domain.atomic import SaveError, atomic_write_bytes
from inddrag.domain.models import Strict
from inddrag.domain.paths import path_key
from inddrag.domain.platform import close_locked, try_lock
from inddrag.domain.readfile import LIVE_LIMIT, open_regular, read_with_stat
from inddrag.domain.session import Session
from inddrag.domain.statedir import StateRefused, make_private_folder, state_folder, untrusted

FOLDER_NAME = "live"
FILE_MODE = 0o600


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
    """The name both sides use for ``source``: a hash of its absolute, resolved path.

    On macOS the path is taken in NFC (:func:`~inddrag.domain.paths.path_key`), so a
    name typed and the same name listed from disk meet.
    """
    return hashlib.sha256(os.fsencode(path_key(source))).hexdigest()[:24]


def live_paths(source: Path, state_dir: Path | None = None) -> tuple[Path, Path]:
    """``(view file, lock file)`` for the session file ``source``."""
    folder = state_folder(state_dir) / FOLDER_NAME
    key = live_key(source)
    return folder / f"{key}.json", folder / f"{key}.lock"


def live_refused(state_dir: Path | None = None) -> StateRefused | None:
    """Why the live channel must not be used (``None``: it may).

    The same rule as for the recovery copies (:func:`inddrag.domain.statedir.untrusted`):
    the state folder, and its ``live`` folder if there is one, must belong to this user
    and be writable by nobody else; the ``live`` folder must not be a link. Then nobody
    else can read the notes the leader publishes, nor plant a view for the room.
    """
    folder = state_folder(state_dir)
    refused = untrusted(folder)
    if refused is not None:
        return refused
    inner = folder / FOLDER_NAME
    try:
        found = os.lstat(inner)
    except OSError:
        return None
    if stat.S_ISLNK(found.st_mode):
        return StateRefused(inner, "is_a_link")
    return untrusted(inner)


def _mine(info: os.stat_result) -> bool:
    """Whether a file was written by this user (always, where files have no owner)."""
    return sys.platform == "win32" or info.st_uid == os.geteuid()


# --- locks ------------------------------------------------------------------------------


def leader_running(lock_path: Path) -> bool:
    """Whether a leader holds ``lock_path`` now (asked without creating or writing it)."""
    try:
        fd = open_regular(lock_path, follow_links=False)  # a FIFO here must not hang us
    except OSError:
        return False
    try:
        if not _mine(os.fstat(fd)):
            return False  # a lock someone else made is no leader of ours
        return not try_lock(fd, shared=True)
    finally:
        close_locked(fd)  # releases a lock we took


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
        if live_refused(self.state_dir) is not None:
            return False  # said once, with the recovery copies (storage.state.off)
        try:
            make_private_folder(lock_path.parent)
            fd = open_regular(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE, follow_links=False)
        except OSError:
            return False
        if try_lock(fd):
            self._fd = fd
            return True
        os.close(fd)
        return False

    def close(self) -> None:
        """Stop publishing: the view file goes, the lock is released."""
        if self._fd is not None and self._paths is not None:
            with contextlib.suppress(OSError):
                self._paths[0].unlink()
            close_locked(self._fd)
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
        #: Why the channel is not followed at all (checked once, at start).
        self.refused = live_refused(state_dir)
        self._stamp: tuple[int, int, int] | None = None

    def poll(self) -> Followed:
        """Ask the lock whether the leader runs; read the view when its file changed.

        Only a channel in a trusted state folder, written by this user, is followed."""
        leader = self.refused is None and leader_running(self.lock_path)
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
        """The view, if it is a regular file of this user's of at most a few MB."""
        try:
            raw, info = read_with_stat(self.view_path, LIVE_LIMIT, follow_links=False)
            if not _mine(info):
                return None
            return LiveView.model_validate_json(raw)
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
