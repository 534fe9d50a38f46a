"""Writing a file so that it is either the old one or the new one, never half of each.

:func:`atomic_write_bytes` writes a temporary file in the same folder (created by
:func:`tempfile.mkstemp`, so its name cannot be guessed or taken over), flushes and fsyncs
it, sets its mode, renames it over the target (tried again briefly while another program
holds the target) and fsyncs the folder. On any failure the temporary file is removed, the
old file is byte-for-byte as it was, and :class:`SaveError` says why in one sentence.

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
from pathlib import Path

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
            reason = "locked" if stage == "write" and os.name == "nt" else "no_access"
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
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def temp_prefix(name: str) -> str:
    """The start of our temporary file names for a target called ``name``."""
    return f".{name[:80]}{TEMP_MARK}"


def atomic_write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one.

    ``mode`` is the new file's permission bits; by default an existing file keeps its own
    and a new one gets the usual ``0o666`` less the umask. Raises :class:`SaveError`.
    """
    path = Path(path)
    try:
        if stat.S_ISLNK(path.lstat().st_mode):
            path = path.resolve()
        current: os.stat_result | None = path.stat()
    except OSError:
        current = None
    folder = path.parent
    existed = current is not None
    if current is not None and stat.S_ISDIR(current.st_mode):
        raise SaveError(path, "is_a_directory", code=errno.EISDIR)
    if mode is None:
        mode = (current.st_mode & 0o7777) if current is not None else 0o666 & ~_umask()
    try:
        fd, temp = tempfile.mkstemp(prefix=temp_prefix(path.name), dir=folder)
    except OSError as exc:
        raise SaveError.from_os(path, exc, existed=existed, stage="create") from None
    done = False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _fsync(handle.fileno())
        if os.name != "nt":
            with contextlib.suppress(OSError):  # FAT and some network shares refuse modes
                os.chmod(temp, mode)
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
    _fsync_folder(folder)


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
    atomic_write_bytes(target, source.read_bytes(), mode=mode)


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


def clean_stray_temps(folder: Path, *, min_age: float = STRAY_AGE) -> list[Path]:
    """Remove our temporary files older than ``min_age`` seconds from ``folder``.

    Younger ones may belong to a save in progress in another running inddrag. Returns the
    files removed; anything that cannot be removed is left alone.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_stray_temp(entry.name):
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
