"""Writing a file so that it is either the old one or the new one, never half of each.

:func:`atomic_write_bytes` writes a temporary file in the same folder (created by
:func:`tempfile.mkstemp`, so its name cannot be guessed or taken over), flushes and fsyncs
it, sets its mode, renames it over the target (tried again briefly while another program
holds the target) and fsyncs the folder; it replaces a link, never writes through one. On
any failure the temporary file is removed, the old file is byte-for-byte as it was, and
:class:`SaveError` says why in one sentence.

:func:`write_file` is how a user's file (a session, a summary) is written: the target is
looked at again at that moment (links followed only to an existing regular file, special
files refused, a caller's check), and the file keeps its mode, owner, group and hard
links, written in place when replacing it would lose them.

:func:`copy_atomically` keeps a copy of a file the same way (backups before an overwrite),
:func:`free_name` finds a name for it that is not taken, and :func:`clean_stray_temps`
removes the temporary files a killed process left behind. Every file inddrag writes goes
through here: sessions, summaries, recovery copies, backups and the positions file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from inddrag.domain import platform
from inddrag.domain.errors import display_path
from inddrag.domain.safe_text import visible
from inddrag.i18n import t

TEMP_MARK = ".inddrag-tmp-"
"""Part of every temporary file name we create: ``.NAME.inddrag-tmp-XXXXXXXX``."""

STRAY_AGE = 60.0
"""Seconds after which a temporary file is surely left over from a killed process."""

REPLACE_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.4)
"""Pauses between attempts to rename over a file another program holds (Windows)."""


class SaveError(OSError):
    """A file could not be written; the old one is untouched.

    It is an :class:`OSError` so code that guards file operations catches it too.
    :meth:`sentence` says what happened in one sentence, in Danish or English.
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        *,
        detail: str = "",
        existed: bool = False,
        code: int | None = None,
        **params: object,
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.detail = detail
        self.existed = existed
        self.params = params
        super().__init__(code or 0, self.sentence("en"), str(path))

    def sentence(self, lang: str = "da") -> str:
        """E.g. "“møde.toml” was not saved, because the disk is full; the previous … ."""
        folder = self.path.parent
        why = t(
            f"storage.save.{self.reason}",
            lang,
            folder=display_path(folder) if str(folder) else ".",
            reason=self.detail,
            **self.params,
        )
        text = t("storage.save.failed", lang, file=self.path.name, why=why)
        if self.existed:
            text += t("storage.save.unchanged", lang)
        return visible(text + ".")

    def __str__(self) -> str:
        return self.sentence("en")

    @classmethod
    def from_os(cls, path: Path, exc: OSError, *, existed: bool, stage: str) -> SaveError:
        """Name the cause of an :class:`OSError` in the user's words."""
        code = exc.errno
        reason = "os_error"
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            reason = "disk_full"
        elif code == errno.EROFS:
            reason = "read_only"
        elif code in (errno.ENOENT, errno.ENOTDIR) and stage == "create":
            reason = "folder_missing"
        elif code == errno.ENOENT:
            reason = "vanished"
        elif code == errno.ENAMETOOLONG:
            reason = "name_too_long"
        elif code == errno.EISDIR:
            reason = "is_a_directory"
        elif isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
            reason = "locked" if stage == "write" and platform.denied_is_locked() else "no_access"
        detail = exc.strerror or str(exc)
        return cls(path, reason, detail=detail, existed=existed, code=code)


_umask_cache: list[int] = []


def _umask() -> int:
    if not _umask_cache:
        mask = os.umask(0o022)
        os.umask(mask)
        _umask_cache.append(mask)
    return _umask_cache[0]


def _replace(src: str, dst: Path) -> None:
    """``os.replace``, tried again briefly while another program holds the target."""
    for delay in (*REPLACE_DELAYS, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if delay is None:
                raise
            time.sleep(delay)


def _fsync(fd: int) -> None:
    """``os.fsync``, tolerating file systems that cannot sync (the data is written)."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, getattr(errno, "ENOTSUP", -1)):
            raise


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); folders cannot be opened on Windows."""
    platform.sync_folder(folder)


def temp_prefix(name: str) -> str:
    """The start of our temporary file names for a target called ``name``."""
    return f".{name[:80]}{TEMP_MARK}"


def atomic_write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one.

    For our own files (recovery copies, backups, the positions file): the name is
    replaced, never followed, so a link planted there is replaced, not written through.
    ``mode`` is the new file's permission bits; by default an existing file keeps its own
    and a new one gets the usual ``0o666`` less the umask. Raises :class:`SaveError`.
    """
    path = Path(path)
    try:
        current: os.stat_result | None = path.lstat()
    except OSError:
        current = None
    if current is not None and stat.S_ISDIR(current.st_mode):
        raise SaveError(path, "is_a_directory", code=errno.EISDIR)
    if current is not None and not stat.S_ISREG(current.st_mode):
        current = None  # a link or a special file: replaced by a new file of ours
    if mode is None:
        mode = (current.st_mode & 0o7777) if current is not None else 0o666 & ~_umask()
    _replace_with(path, data, mode=mode, existed=current is not None)


def _write_temp(path: Path, data: bytes, mode: int, *, existed: bool) -> str:
    """A new file beside ``path`` holding ``data`` (flushed, synced, ``mode`` set)."""
    try:
        fd, temp = tempfile.mkstemp(prefix=temp_prefix(path.name), dir=path.parent)
    except OSError as exc:
        raise SaveError.from_os(path, exc, existed=existed, stage="create") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _fsync(handle.fileno())
        platform.set_mode(temp, mode)  # not on Windows; FAT and some shares refuse
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise SaveError.from_os(path, exc, existed=existed, stage="write") from None
        if isinstance(exc, Exception):
            detail = f"{type(exc).__name__}: {exc}"
            raise SaveError(path, "unexpected", detail=detail, existed=existed) from None
        raise
    return temp


def _replace_with(
    path: Path,
    data: bytes,
    *,
    mode: int,
    existed: bool,
    owner: os.stat_result | None = None,
) -> bool:
    """Write a temporary file and rename it over ``path``.

    With ``owner`` (the file being replaced), the new file gets its owner and group
    first; returns False (and writes nothing) when that is not permitted.
    """
    temp = _write_temp(path, data, mode, existed=existed)
    done = False
    try:
        if owner is not None and not _same_owner(temp, owner):
            return False
        _replace(temp, path)
        done = True
    except OSError as exc:
        raise SaveError.from_os(path, exc, existed=existed, stage="write") from None
    except Exception as exc:
        raise SaveError(
            path, "unexpected", detail=f"{type(exc).__name__}: {exc}", existed=existed
        ) from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _fsync_folder(path.parent)
    return True


def _same_owner(temp: str, owner: os.stat_result) -> bool:
    """Give ``temp`` the owner and group of ``owner``; False if we may not (not root)."""
    return platform.give_owner(temp, owner)


Check = Callable[[Path], "str | None"]
"""Whether an existing file may be overwritten: ``None``, or the reason it may not."""


def write_file(path: Path, data: bytes, *, check: Check | None = None) -> None:
    """Write a user's file (a session, a summary) without harming what is there.

    At the moment of writing, the target is looked at again: a link is followed to an
    existing file (a dangling one is refused), anything but a regular file is refused,
    and ``check`` may refuse the file (e.g. one that is not a session). Then the file
    keeps its mode, owner, group and hard links: it is replaced atomically with those
    copied when that is permitted, and otherwise written in place (a copy of the old
    bytes is kept beside it while that happens). A new file follows the umask and is
    created only if the name is still free. Raises :class:`SaveError`.
    """
    path = Path(path)
    for _attempt in range(3):
        target, current = _target(path)
        if current is None:
            if _create(target, data):
                return
            continue  # someone created it meanwhile: look at it again
        if check is not None:
            reason = check(target)
            if reason is not None:
                raise SaveError(target, reason, existed=True)
        mode = stat.S_IMODE(current.st_mode)
        if current.st_nlink <= 1 and _replace_with(
            target, data, mode=mode, existed=True, owner=current
        ):
            return
        _write_in_place(target, data, current)
        return
    raise SaveError(path, "vanished", existed=True, code=errno.EEXIST)


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file to write (a link followed) and its state now (None: no file there).

    A dangling link, a folder or a special file is refused without "the previous version
    is unchanged": there is no previous version of the file to speak of."""
    try:
        found = path.lstat()
    except FileNotFoundError:
        return path, None
    except OSError as exc:
        raise SaveError.from_os(path, exc, existed=False, stage="create") from None
    if stat.S_ISLNK(found.st_mode):
        target = Path(os.path.realpath(path))
        try:
            found = target.lstat()
        except OSError:
            raise SaveError(path, "dangling_link") from None
        path = target
    if stat.S_ISDIR(found.st_mode):
        raise SaveError(path, "is_a_directory", code=errno.EISDIR)
    if not stat.S_ISREG(found.st_mode):
        raise SaveError(path, "not_a_regular_file")
    return path, found


def _create(path: Path, data: bytes) -> bool:
    """Create ``path`` with ``data`` unless a file appeared there; False if one did."""
    temp = _write_temp(path, data, 0o666 & ~_umask(), existed=False)
    try:
        try:
            os.link(temp, path)  # fails if the name is taken, unlike a rename
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise SaveError.from_os(path, exc, existed=False, stage="write") from None
            if os.path.lexists(path):
                return False
            _replace(temp, path)  # no hard links here (FAT, some shares): rename
            temp = ""
    finally:
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    _fsync_folder(path.parent)
    return True


OLD_MARK = ".inddrag-old-"
"""Part of the name of the copy kept while a file is written in place (not cleaned)."""


def _write_in_place(path: Path, data: bytes, before: os.stat_result) -> None:
    """Overwrite the bytes of ``path`` itself, so owner, group and hard links stay.

    The file opened must be the one looked at (same device and inode, no link
    followed). The old bytes are first copied beside it (``.NAME.inddrag-old-XXXX``,
    removed after), so a failure halfway can put them back.
    """
    flags = os.O_RDWR | platform.nofollow_flags()  # Windows: the identity check below
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SaveError.from_os(path, exc, existed=True, stage="write") from None
    keep: str | None = None
    try:
        now_ = os.fstat(fd)
        if (now_.st_dev, now_.st_ino) != (before.st_dev, before.st_ino):
            raise SaveError(path, "vanished", existed=True)
        with os.fdopen(os.dup(fd), "rb") as reader:
            old = reader.read()
        with contextlib.suppress(OSError):
            keep_fd, keep = tempfile.mkstemp(prefix=f".{path.name[:80]}{OLD_MARK}", dir=path.parent)
            with os.fdopen(keep_fd, "wb") as handle:
                handle.write(old)
                handle.flush()
                _fsync(handle.fileno())
        try:
            _write_all(fd, data)
        except OSError as exc:
            with contextlib.suppress(OSError):
                _write_all(fd, old)
                if keep is not None:
                    os.unlink(keep)
                    keep = None
            raise SaveError.from_os(path, exc, existed=True, stage="write") from None
    finally:
        os.close(fd)
    if keep is not None:
        with contextlib.suppress(OSError):
            os.unlink(keep)


def _write_all(fd: int, data: bytes) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.ftruncate(fd, len(data))
    _fsync(fd)


def atomic_write_text(path: Path, text: str, *, mode: int | None = None) -> None:
    """:func:`atomic_write_bytes` of ``text`` in UTF-8, line ends exactly as given."""
    atomic_write_bytes(path, encode_text(text), mode=mode)


_SURROGATE = re.compile("[\ud800-\udfff]")


def encode_text(text: str) -> bytes:
    """UTF-8 bytes; a lone surrogate (not valid Unicode text) becomes U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def copy_atomically(source: Path, target: Path) -> None:
    """Copy ``source``'s bytes and permission bits to ``target`` with :func:`atomic_write_bytes`.

    Reading ``source`` raises :class:`OSError`; writing raises :class:`SaveError`.
    """
    mode = stat.S_IMODE(source.stat().st_mode)
    from inddrag.domain.readfile import read_bounded

    atomic_write_bytes(target, read_bounded(source), mode=mode)


def free_name(path: Path, stem: str, suffix: str = "") -> Path:
    """``stem + suffix`` beside ``path``, else ``stem-2 + suffix``, ``stem-3 + suffix``, …

    The first that does not exist (for backups and set-aside files, never over another).
    """
    candidate = path.with_name(f"{stem}{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}-{number}{suffix}")
        number += 1
    return candidate


def is_stray_temp(name: str) -> bool:
    """Whether ``name`` is one of our temporary files."""
    return name.startswith(".") and TEMP_MARK in name


def clean_stray_temps(
    folder: Path, *, min_age: float = STRAY_AGE, name: str | None = None
) -> list[Path]:
    """Remove our temporary files older than ``min_age`` seconds from ``folder``.

    Younger ones may belong to a save in progress in another running inddrag. With
    ``name``, only the temporary files of that file are removed. Returns the files
    removed; anything that cannot be removed is left alone.
    """
    prefix = temp_prefix(name) if name is not None else None
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_stray_temp(entry.name):
            continue
        if prefix is not None and not entry.name.startswith(prefix):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < min_age:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
