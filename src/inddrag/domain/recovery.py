"""Autosave and recovery: nothing typed is lost when the app or the machine dies.

While a session is open, :class:`Autosaver` keeps a recovery copy of it in the user's
state folder (:func:`inddrag.domain.statedir.state_folder`), in
``recovery/recovery-<instance>.toml``. The UI calls :meth:`Autosaver.note_change` on
every edit; that only records the session and a time. The UI's own timer calls
:meth:`Autosaver.tick`, which writes the copy :data:`DEBOUNCE` seconds after the last
change (and at least every :data:`MAX_WAIT` seconds while changes keep coming), so writing
never sits on a keystroke's path.

A recovery file is a session file with one extra table, ``[recovery]``, saying where the
session came from, its title and when the copy was written (``docs/session-format.md``).
It is created readable by the user only (0600, in a 0700 folder): notes can be sensitive.
Each running app holds an OS lock on ``recovery-<instance>.lock``, so
:func:`find_recoveries` offers only the work of instances that are no longer running,
newest first. A state folder that belongs to someone else or that others may write in is
not used at all (:attr:`Autosaver.refused` says why; nothing is offered from it). A
recovery file that cannot be read is renamed ``….corrupt`` and reported,
never a crash; one written by a newer inddrag is left alone for it. After a clean
save-and-quit, :meth:`Autosaver.discard` removes the copy.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from inddrag.domain.atomic import (
    SaveError,
    atomic_write_bytes,
    clean_stray_temps,
    encode_text,
    free_name,
)
from inddrag.domain.errors import FileProblems, Problem, problem
from inddrag.domain.models import Strict
from inddrag.domain.platform import close_locked, try_lock
from inddrag.domain.readfile import open_regular
from inddrag.domain.session import Session, now
from inddrag.domain.statedir import (
    StateRefused,
    make_private_folder,
    prepare_state_folder,
    state_folder,
    untrusted,
)
from inddrag.domain.storage import migrate, session_from_document
from inddrag.domain.tomlfile import TomlDocument, read_toml, validate
from inddrag.domain.tomlwrite import dump_parts, toml_lines
from inddrag.i18n import format_datetime, t

DEBOUNCE = 0.5
"""Seconds of quiet after the last change before the copy is written."""

MAX_WAIT = 3.0
"""Seconds after the first unwritten change by which the copy is written regardless."""

FOLDER_NAME = "recovery"
PREFIX = "recovery-"
SUFFIX = ".toml"
LOCK_SUFFIX = ".lock"
CORRUPT_SUFFIX = ".corrupt"
FILE_MODE = 0o600


def recovery_folder(state_dir: Path | None = None) -> Path:
    """Where recovery files live: ``<state folder>/recovery``."""
    return state_folder(state_dir) / FOLDER_NAME


def new_instance_id() -> str:
    """An id for one running app: its process id and a random part (pids are reused)."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


# --- the file ----------------------------------------------------------------------------


class RecoveryHeader(Strict):
    """The ``[recovery]`` table of a recovery file."""

    written: datetime
    source: str = ""
    title: str = ""
    instance: Annotated[str, Field(min_length=1)]
    pid: int = 0


def dumps_recovery(session: Session, header: RecoveryHeader) -> str:
    """The recovery file's text: the session file with ``[recovery]`` after the version."""
    head, body = dump_parts(session)
    return head + "\n[recovery]\n" + toml_lines(header.model_dump()) + body


def _ensure_folder(folder: Path, path: Path) -> None:
    """Make the recovery folder as every state folder is made: a state folder deleted
    while the app runs comes back private, not listable by other users."""
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise SaveError.from_os(path, exc, existed=False, stage="create") from None


@dataclass(frozen=True)
class RecoveryInfo:
    """A recovery copy left by an app that is no longer running."""

    path: Path
    instance: str
    written: datetime
    title: str
    source: Path | None
    kind: str
    session: Session = field(compare=False, repr=False)

    def when_text(self, lang: str) -> str:
        """When it was written, as people say it (``26. november 2026 kl. 11.40``)."""
        return format_datetime(self.written, lang)

    def describe(self, lang: str) -> str:
        """``Gendan arbejde fra 26. november 2026 kl. 11.40 af “Nyt vagtplanssystem”``."""
        title = self.title or t("storage.recovery.untitled", lang)
        return t("storage.recovery.offer", lang, time=self.when_text(lang), title=title)


@dataclass(frozen=True)
class SetAside:
    """A recovery file that could not be read, renamed so it is not offered again."""

    original: Path
    moved_to: Path | None
    problems: list[Problem]

    def render(self, lang: str) -> str:
        """The problems, then where the file went."""
        lines = [p.render(lang) for p in self.problems]
        if self.moved_to is not None:
            lines.append(t("storage.recovery.set_aside", lang, name=self.moved_to.name))
        return "\n".join(lines)


@dataclass(frozen=True)
class RecoveryScan:
    """What :func:`scan_recoveries` found."""

    found: list[RecoveryInfo]
    set_aside: list[SetAside]


def read_recovery(path: Path) -> RecoveryInfo:
    """Read and check one recovery file; raise :class:`FileProblems` if it is unusable."""
    doc = read_toml(path, follow_links=False)
    data = dict(doc.data)
    meta = data.pop("recovery", None)
    data = migrate(doc, data)  # a newer version is refused before anything else
    if not isinstance(meta, dict):
        raise FileProblems([problem(path, "storage.recovery.not_a_recovery", line=1)])
    header = _header(doc, meta)
    session = session_from_document(doc, data)
    return RecoveryInfo(
        path=path,
        instance=header.instance,
        written=header.written,
        title=header.title,
        source=Path(header.source) if header.source else None,
        kind=session.kind,
        session=session,
    )


class _HeaderOnly(Strict):
    recovery: RecoveryHeader


def _header(doc: TomlDocument, meta: dict[str, Any]) -> RecoveryHeader:
    """Validate ``[recovery]`` with line numbers from the whole file."""
    return validate(_HeaderOnly, doc.with_data({"recovery": meta})).recovery


def load_recovery(info: RecoveryInfo) -> Session:
    """The session in a recovery file, read again from disk (it may have changed)."""
    return read_recovery(info.path).session


# --- finding and discarding --------------------------------------------------------------


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SUFFIX) + LOCK_SUFFIX)


def _is_live(path: Path) -> bool:
    """Whether the app that writes ``path`` is still running (it holds the lock)."""
    try:
        fd = open_regular(_lock_path(path), os.O_RDWR, follow_links=False)
    except OSError:
        return False
    try:
        return not try_lock(fd)
    finally:
        close_locked(fd)  # releases a lock we took


def _set_aside(path: Path) -> Path | None:
    target = free_name(path, path.name + CORRUPT_SUFFIX)
    try:
        os.replace(path, target)
    except OSError:
        return None
    with contextlib.suppress(OSError):
        _lock_path(path).unlink()
    return target


def scan_recoveries(state_dir: Path | None = None) -> RecoveryScan:
    """Recovery copies of apps no longer running (newest first), and any set aside.

    Never raises: an unreadable folder finds nothing; an unreadable file is set aside.
    """
    folder = recovery_folder(state_dir)
    found: list[RecoveryInfo] = []
    set_aside: list[SetAside] = []
    if not folder.parent.exists() or untrusted(folder.parent) is not None:
        return RecoveryScan(found, set_aside)  # nothing there, or not ours alone
    if folder.exists() and untrusted(folder) is not None:
        return RecoveryScan(found, set_aside)
    try:
        paths = sorted(folder.glob(f"{PREFIX}*{SUFFIX}"))
    except OSError:
        return RecoveryScan(found, set_aside)
    clean_stray_temps(folder)
    for path in paths:
        if _is_live(path):
            continue
        try:
            found.append(read_recovery(path))
        except FileProblems as exc:
            if not path.exists():
                continue  # discarded by its owner while we looked
            if any(p.code == "storage.newer_version" for p in exc.problems):
                continue  # a newer inddrag's: left for it to offer
            set_aside.append(SetAside(path, _set_aside(path), exc.problems))
    found.sort(key=lambda r: _sort_key(r.written), reverse=True)
    return RecoveryScan(found, set_aside)


def _sort_key(when: datetime) -> float:
    try:
        return when.timestamp()
    except (OverflowError, OSError, ValueError):
        return 0.0


def find_recoveries(state_dir: Path | None = None) -> list[RecoveryInfo]:
    """Recovery copies to offer, newest first (see :func:`scan_recoveries`)."""
    return scan_recoveries(state_dir).found


def discard_recovery(info: RecoveryInfo | Path) -> None:
    """Remove a recovery copy (after it was recovered or declined)."""
    path = info.path if isinstance(info, RecoveryInfo) else Path(info)
    for item in (path, _lock_path(path)):
        with contextlib.suppress(OSError):
            item.unlink()


# --- the autosaver -----------------------------------------------------------------------

_SOURCE_UNCHANGED: Any = object()
"""Default of ``source`` arguments: keep the source recorded before."""


class Autosaver:
    """Keeps the recovery copy of the open session up to date (see the module docstring).

    The caller's timer calls :meth:`tick`; :meth:`note_change` is cheap. Write errors are
    kept in :attr:`last_error` and passed to ``on_error``; only :meth:`write` raises them.
    :attr:`refused` is set when the state folder is not the user's alone: then nothing is
    written at all, and ``refused.sentence(lang)`` says so in one sentence for the UI.
    Its state is guarded by locks, so a signal handler may call :meth:`write` at any time.
    """

    def __init__(
        self,
        state_dir: Path | None = None,
        *,
        delay: float = DEBOUNCE,
        max_wait: float = MAX_WAIT,
        on_error: Callable[[SaveError], None] | None = None,
        instance: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = recovery_folder(state_dir)
        self.refused: StateRefused | None = prepare_state_folder(state_dir)
        """Why recovery copies are off (the state folder is not ours alone), or None."""
        self.instance = instance or new_instance_id()
        self.path = self.folder / f"{PREFIX}{self.instance}{SUFFIX}"
        self.delay = delay
        self.max_wait = max_wait
        self.on_error = on_error
        self.last_error: SaveError | None = None
        self.last_written: datetime | None = None
        self.writes = 0
        self._clock = clock
        self._state = threading.RLock()
        self._io = threading.RLock()
        self._session: Session | None = None
        self._source: Path | None = None
        self._first: float | None = None
        self._last: float | None = None
        self._epoch = 0
        self._lock_fd: int | None = None

    # -- what the UI calls ---------------------------------------------------------------

    def note_change(self, session: Session, source: Path | None = _SOURCE_UNCHANGED) -> None:
        """The session changed; write the copy soon. Cheap: no I/O, no serialising."""
        with self._state:
            self._record(session, source)
            stamp = self._clock()
            self._last = stamp
            if self._first is None:
                self._first = stamp

    @property
    def pending(self) -> bool:
        """Whether a change is waiting to be written."""
        with self._state:
            return self._first is not None

    def due_in(self) -> float | None:
        """Seconds until the pending write is due (0 = now); ``None`` if nothing is pending
        (the app puts the meeting's clock into the session just before a write)."""
        with self._state:
            return self._due_in()

    def tick(self) -> bool:
        """Write the copy if it is due; the caller's timer calls this."""
        with self._state:
            due = self._due_in()
            if due is None or due > 0:
                return False
            snapshot = self._take()
        return self._write(*snapshot, raise_errors=False)

    def flush(self) -> bool:
        """Write a pending change now (e.g. before quitting)."""
        with self._state:
            if self._first is None:
                return False
            snapshot = self._take()
        return self._write(*snapshot, raise_errors=False)

    def write(self, session: Session, source: Path | None = _SOURCE_UNCHANGED) -> Path:
        """Write the copy of ``session`` now (e.g. on SIGTERM); raise :class:`SaveError`."""
        with self._state:
            self._record(session, source)
            snapshot = self._take()
        self._write(*snapshot, raise_errors=True)
        return self.path

    def adopt(self, info: RecoveryInfo) -> None:
        """Continue recovered work in its own recovery file, so there is only ever one.

        The file is locked at once, so no other instance offers it while this one runs.
        """
        with self._io:
            with self._state:
                self._source = info.source
                old = self.path
                self.path = info.path
                self.instance = info.instance
            if old != info.path:
                self._release_lock()
                discard_recovery(old)
            self._hold_lock()

    def discard(self) -> None:
        """Everything is saved or deliberately dropped: remove the copy, cancel what's due."""
        with self._state:
            self._first = self._last = None
            self._epoch += 1
        with self._io:
            discard_recovery(self.path)
            self._release_lock()
            with contextlib.suppress(OSError):  # Windows removes no open file: only now
                _lock_path(self.path).unlink()

    def release(self) -> None:
        """Leave the copy on disk, unlocked: the next start offers it (work set aside)."""
        with self._io:
            self._release_lock()

    def saved(self, path: Path) -> None:
        """The session was saved to ``path``: the copy is not needed until the next change."""
        with self._state:
            self._source = path
        self.discard()

    # -- inside --------------------------------------------------------------------------

    def _record(self, session: Session, source: Path | None) -> None:
        """Remember what to write (``source`` only when given); the caller holds the lock."""
        self._session = session
        if source is not _SOURCE_UNCHANGED:
            self._source = source

    def _due_in(self) -> float | None:
        if self._first is None or self._last is None or self._session is None:
            return None
        now_ = self._clock()
        due = min(self._last + self.delay, self._first + self.max_wait)
        return max(0.0, due - now_)

    def _take(self) -> tuple[Session | None, Path | None, int]:
        """The state to write, marking it written (a change meanwhile marks it again)."""
        self._first = self._last = None
        return self._session, self._source, self._epoch

    def _text(self, session: Session, source: Path | None) -> str:
        header = RecoveryHeader(
            written=now(),
            source=str(source.absolute()) if source is not None else "",
            title=session.session.title,
            instance=self.instance,
            pid=os.getpid(),
        )
        return dumps_recovery(session, header)

    def _write(
        self, session: Session | None, source: Path | None, epoch: int, *, raise_errors: bool
    ) -> bool:
        if session is None or self.refused is not None:
            return False
        try:
            with self._io:
                text = self._text(session, source)
                with self._state:
                    if epoch != self._epoch:
                        return False  # discarded meanwhile
                _ensure_folder(self.folder, self.path)
                self._hold_lock()
                atomic_write_bytes(self.path, encode_text(text), mode=FILE_MODE)
                self.last_written = now()
                self.writes += 1
                self.last_error = None
        except Exception as exc:
            error = (
                exc
                if isinstance(exc, SaveError)
                else SaveError(self.path, "unexpected", detail=f"{type(exc).__name__}: {exc}")
            )
            self.last_error = error
            if raise_errors:
                if error is exc:
                    raise
                raise error from exc
            if self.on_error is not None:
                with contextlib.suppress(Exception):
                    self.on_error(error)
            return False
        return True

    def _hold_lock(self) -> None:
        """Hold the lock that tells other instances this copy is live (best effort)."""
        if self._lock_fd is not None:
            return
        try:
            fd = open_regular(
                _lock_path(self.path), os.O_RDWR | os.O_CREAT, FILE_MODE, follow_links=False
            )
        except OSError:
            return
        if try_lock(fd):
            self._lock_fd = fd
        else:
            os.close(fd)

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            close_locked(self._lock_fd)
            self._lock_fd = None
