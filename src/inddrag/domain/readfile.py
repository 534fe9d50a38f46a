"""The one way inddrag reads a file: bounded, non-blocking, regular files only.

Every file the program reads (a session, a preparation, a content pack, a lock beside a
session, the live channel's view and lock, the settings, the reading positions, a
recovery copy, the file watcher's look at the open file) goes through :func:`read_bounded`.
A FIFO, a device, a socket or a folder put where a file is expected is refused at once
instead of hanging the program or filling its memory (``/dev/zero``):

* the file is opened with ``O_NONBLOCK`` (opening a FIFO with no writer returns at once)
  and, where no link is expected (``follow_links=False``: locks, the live channel,
  positions, recovery copies), with ``O_NOFOLLOW``;
* ``fstat`` on the open descriptor must say "regular file" before a byte is read;
* at most ``limit`` bytes are read; a longer file raises :class:`FileRefused` with
  ``reason="too_large"``.

:class:`FileRefused` is an :class:`OSError`, so callers that already treat an unreadable
file as "none there" (a lock, the live view) keep doing so; :mod:`inddrag.domain.tomlfile`
turns it into one sentence naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from inddrag.domain import platform

LOCK_LIMIT = 16 * 1024
"""A lock file (``.~lock.NAME#``, ``live/<key>.lock``): a few hundred bytes in practice."""

LIVE_LIMIT = 8 * 1024 * 1024
"""The live view (``live/<key>.json``): the whole session as JSON."""

FILE_LIMIT = 20 * 1024 * 1024
"""A session, preparation, content pack file, settings, positions or recovery copy."""

_CHUNK = 1024 * 1024


class FileRefused(OSError):
    """A file that is not read: ``reason`` is ``not_regular``, ``link`` or ``too_large``."""

    def __init__(self, path: Path, reason: str, limit: int = 0) -> None:
        super().__init__(errno.EINVAL, reason, str(path))
        self.path = path
        self.reason = reason
        self.limit = limit

    @property
    def limit_mb(self) -> int:
        """The limit in whole megabytes (at least 1)."""
        return max(1, self.limit // (1024 * 1024))


def open_regular(
    path: Path | str, flags: int = os.O_RDONLY, mode: int = 0o600, *, follow_links: bool = True
) -> int:
    """A descriptor on the regular file ``path``, opened without blocking.

    The one open under every read (and under the OS locks of the live channel and the
    recovery copies): ``O_NONBLOCK``, ``O_NOFOLLOW`` unless ``follow_links``, then
    ``fstat`` must say "regular file". Raises :class:`FileRefused` (``not_regular``,
    ``link``), :class:`IsADirectoryError` or what :func:`os.open` raises.
    """
    path = path if isinstance(path, Path) else Path(path)  # Path(a Path) parses it again
    flags |= platform.careful_flags(follow_links=follow_links)
    if not follow_links and sys.platform == "win32" and path.is_symlink():  # no O_NOFOLLOW
        raise FileRefused(path, "link")
    try:
        fd = os.open(path, flags, mode)
    except OSError as exc:
        if not follow_links and exc.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink():
            raise FileRefused(path, "link") from None
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing
            raise FileRefused(path, "not_regular") from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(path, "not_regular")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_with_stat(
    path: Path | str, limit: int = FILE_LIMIT, *, follow_links: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` (at most ``limit``) and its ``fstat``.

    Raises :class:`FileRefused` for a FIFO, device, socket (``not_regular``), for a link
    when ``follow_links`` is False (``link``) and for a file over ``limit``
    (``too_large``); :class:`IsADirectoryError` for a folder; other :class:`OSError` as
    :func:`os.open` raises them.
    """
    path = path if isinstance(path, Path) else Path(path)  # Path(a Path) parses it again
    fd = open_regular(path, follow_links=follow_links)
    try:
        info = os.fstat(fd)
        if info.st_size > limit:
            raise FileRefused(path, "too_large", limit)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            try:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            except BlockingIOError:  # a regular file never blocks; be safe all the same
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read
            raise FileRefused(path, "too_large", limit)
        return b"".join(chunks), info
    finally:
        os.close(fd)


def read_bounded(path: Path | str, limit: int = FILE_LIMIT, *, follow_links: bool = True) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (see :func:`read_with_stat`)."""
    return read_with_stat(path, limit, follow_links=follow_links)[0]


def read_bounded_text(
    path: Path | str, limit: int = FILE_LIMIT, *, follow_links: bool = True
) -> str:
    """:func:`read_bounded`, decoded as UTF-8 (a BOM dropped); raises ``UnicodeDecodeError``."""
    return read_bounded(path, limit, follow_links=follow_links).decode("utf-8-sig")
