"""Reading and writing session files (see ``docs/session-format.md``).

Loading reports every problem the way pack loading does (file, line, key, sentence) and
never changes the file. Files of an older format version are migrated step by step in
memory (:data:`MIGRATIONS`); a file of a newer version is refused. :func:`session_warnings`
lists what a pack does not know (advice ids, cells in columns the table lacks) without
dropping any of it.

Saving is atomic (:func:`atomic_write_bytes`): a temporary file in the same folder is
written, flushed and fsynced, then renamed over the target, and the folder is fsynced. On
any failure the old file is byte-for-byte as it was and :class:`SaveError` says why in one
sentence. Before a file of an older version is overwritten, a copy of it is kept beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from inddrag.domain.content import ContentPack, bundled_languages, bundled_pack_dir, load_pack
from inddrag.domain.errors import FileProblems, KeyPath, Problem, Term, display_path, problem
from inddrag.domain.session import FORMAT, FORMAT_VERSION, Session
from inddrag.domain.tomlfile import (
    KeyLines,
    TomlDocument,
    found_kind,
    parse_toml,
    read_toml,
    validate,
)
from inddrag.i18n import t

if TYPE_CHECKING:
    from inddrag.domain.check import CheckReport

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns the data of a version-``n`` file into version ``n + 1``.

Version 1 is the first format, so there is nothing to migrate yet. When version 2 comes,
add ``MIGRATIONS[1]`` and bump :data:`inddrag.domain.session.FORMAT_VERSION`.
"""

TEMP_MARK = ".inddrag-tmp-"
"""Part of every temporary file name we create: ``.NAME.inddrag-tmp-XXXXXXXX``."""

STRAY_AGE = 60.0
"""Seconds after which a temporary file is surely left over from a killed process."""

REPLACE_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.4)
"""Pauses between attempts to rename over a file another program holds (Windows)."""


def oldest_version() -> int:
    """The oldest format version we can still read (through the migrations)."""
    version: int = FORMAT_VERSION
    while version - 1 in MIGRATIONS:
        version -= 1
    return version


# --- loading -----------------------------------------------------------------------------


def load_session(path: Path) -> Session:
    """Read and validate a session file; raise :class:`FileProblems` if it can't be used."""
    return session_from_document(read_toml(path))


def read_session(path: Path) -> tuple[Session, TomlDocument]:
    """:func:`load_session`, also giving the document (for line numbers in warnings)."""
    doc = read_toml(path)
    return session_from_document(doc), doc


def load_session_text(path: Path, raw: bytes) -> Session:
    """Validate the bytes of a session file said to come from ``path``."""
    return session_from_document(parse_toml(path, raw))


def session_from_document(doc: TomlDocument, data: dict[str, Any] | None = None) -> Session:
    """Check the header, migrate, validate and look for duplicate ids.

    ``data`` replaces ``doc.data`` when the caller has taken keys of its own out first
    (the recovery file's ``[recovery]`` table).
    """
    data = doc.data if data is None else data
    migrated = migrate(doc, data)
    session = validate(Session, TomlDocument(path=doc.path, text=doc.text, data=migrated))
    if _has_duplicates(session):  # line numbers only when needed: scanning costs time
        raise FileProblems(list(_duplicate_ids(session, doc.path, doc.lines)))
    return session


def _id_groups(session: Session) -> list[tuple[KeyPath, list[str], str | None]]:
    groups: list[tuple[KeyPath, list[str], str | None]] = [
        (("advice",), [a.id for a in session.advice], "id"),
        (("roles", "columns"), [c.id for c in session.roles.columns], "id"),
        (("roles", "rows"), [r.id for r in session.roles.rows], "id"),
        (("priorities", "order"), session.priorities.order, None),
    ]
    for index, item in enumerate(session.inputs):
        groups.append((("inputs", index, "order"), item.order, None))
    return groups


def _has_duplicates(session: Session) -> bool:
    return any(len(set(ids)) != len(ids) for _, ids, _ in _id_groups(session))


def migrate(doc: TomlDocument, data: dict[str, Any]) -> dict[str, Any]:
    """Bring ``data`` up to :data:`FORMAT_VERSION`, refusing what we cannot read."""
    fmt = data.get("format")
    if fmt is None:
        raise FileProblems([problem(doc.path, "storage.not_a_session", line=1)])
    if fmt != FORMAT:
        raise FileProblems(
            [
                problem(
                    doc.path,
                    "storage.wrong_format",
                    line=doc.lines.line_of(("format",)),
                    key="format",
                    found=str(fmt),
                )
            ]
        )
    version = data.get("version")
    if version is None:
        return data  # validation names the missing key along with any others
    if version == FORMAT_VERSION and not isinstance(version, bool):
        return data
    line = doc.lines.line_of(("version",))
    if not isinstance(version, int) or isinstance(version, bool):
        raise FileProblems(
            [
                problem(
                    doc.path,
                    "wrong_type",
                    line=line,
                    key="version",
                    expected=Term("int"),
                    found=Term(found_kind(version)),
                )
            ]
        )
    if version > FORMAT_VERSION:
        raise FileProblems(
            [
                problem(
                    doc.path,
                    "storage.newer_version",
                    line=line,
                    key="version",
                    found=version,
                    supported=FORMAT_VERSION,
                )
            ]
        )
    if version < oldest_version():
        raise FileProblems(
            [
                problem(
                    doc.path,
                    "storage.unknown_version",
                    line=line,
                    key="version",
                    found=version,
                    oldest=oldest_version(),
                    supported=FORMAT_VERSION,
                )
            ]
        )
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
        data["version"] = version
    return data


def _duplicate_ids(session: Session, path: Path, lines: KeyLines) -> Iterable[Problem]:
    """Two entries with one id make the file ambiguous: which notes are the advice's?"""
    for base, ids, attr in _id_groups(session):
        seen: dict[str, int] = {}
        for position, value in enumerate(ids):
            if value in seen:
                key: KeyPath = (*base, position, attr) if attr else (*base, position)
                yield problem(
                    path,
                    "duplicate_id",
                    line=lines.line_of(key),
                    key=key,
                    id=value,
                    first=seen[value] + 1,
                )
            else:
                seen[value] = position


# --- warnings ----------------------------------------------------------------------------


def session_warnings(
    session: Session,
    pack: ContentPack,
    path: Path | None = None,
    lines: KeyLines | None = None,
) -> list[Problem]:
    """What ``pack`` does not know in ``session``; each a warning, nothing is dropped.

    Advice ids the pack lacks (in ``[[advice]]``, ``[priorities]`` and ``[[inputs]]``),
    cells in columns the session's own table lacks, and a different pack id or version.
    Rows and columns the team added are not warned about: the worksheet invites them.
    """
    file = display_path(path) if path is not None else ""
    out: list[Problem] = []

    def warn(code: str, key: KeyPath, **params: object) -> None:
        line = lines.line_of(key) if lines is not None else None
        prob = problem(file, code, line=line, key=key, severity="warning", **params)
        out.append(prob)

    if session.content.pack != pack.info.id:
        warn(
            "storage.other_pack",
            ("content", "pack"),
            found=session.content.pack,
            expected=pack.info.id,
        )
    elif session.content.version != pack.info.version:
        warn(
            "storage.other_pack_version",
            ("content", "version"),
            found=session.content.version,
            expected=pack.info.version,
        )
    known = {a.id for a in pack.advice}
    reported: set[str] = set()

    def check_advice(advice_id: str, key: KeyPath) -> None:
        if advice_id not in known and advice_id not in reported:
            reported.add(advice_id)
            warn("storage.unknown_advice", key, id=advice_id, pack=pack.info.id)

    for index, entry in enumerate(session.advice):
        check_advice(entry.id, ("advice", index, "id"))
    for index, advice_id in enumerate(session.priorities.order):
        check_advice(advice_id, ("priorities", "order", index))
    for index, item in enumerate(session.inputs):
        for place, advice_id in enumerate(item.order):
            check_advice(advice_id, ("inputs", index, "order", place))
        for advice_id in item.notes:
            check_advice(advice_id, ("inputs", index, "notes", advice_id))
    columns = {c.id for c in session.roles.columns}
    for index, row in enumerate(session.roles.rows):
        for column_id in row.cells:
            if column_id not in columns:
                warn(
                    "storage.unknown_cell_column",
                    ("roles", "rows", index, "cells", column_id),
                    id=column_id,
                )
    if session.kind == "prep" and session.inputs:
        warn("storage.prep_with_inputs", ("inputs",), count=len(session.inputs))
    return out


@cache
def _bundled_pack(language: str) -> ContentPack | None:
    if language not in bundled_languages():
        return None
    try:
        return load_pack(bundled_pack_dir(language))
    except FileProblems:
        return None


def bundled_pack_for(session: Session) -> ContentPack | None:
    """The shipped pack the session was made with, if we ship it (same id, same language)."""
    pack = _bundled_pack(session.content.language)
    if pack is None or pack.info.id != session.content.pack:
        return None
    return pack


def check_session(path: Path, report: CheckReport) -> CheckReport:
    """Fill ``report`` with what is wrong (errors) and worth knowing (warnings) in a file."""
    try:
        session, doc = read_session(path)
    except FileProblems as exc:
        report.problems = exc.problems
        return report
    report.what = session.session.kind
    report.count = len(session.advice)
    pack = bundled_pack_for(session)
    if pack is not None:
        report.problems.extend(session_warnings(session, pack, path, doc.lines))
    elif session.kind == "prep" and session.inputs:
        report.problems.append(
            problem(
                path,
                "storage.prep_with_inputs",
                line=doc.lines.line_of(("inputs",)),
                key="inputs",
                severity="warning",
                count=len(session.inputs),
            )
        )
    return report


# --- writing TOML ------------------------------------------------------------------------


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
MAX_INLINE = 100


def _string(text: str) -> str:
    """A TOML basic string on one line, escaped by :mod:`tomli_w` (lossless for ``\\r\\n``)."""
    return tomli_w.dumps({"v": text}, multiline_strings=False)[4:-1]


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _datetime(value: datetime) -> str:
    """RFC 3339 with a ``T``; an offset TOML cannot write (seconds) is moved to UTC."""
    offset = value.utcoffset()
    if offset is not None and (offset.seconds % 60 or offset.microseconds):
        value = value.astimezone(UTC)
    return value.isoformat()


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime):
        return _datetime(value)
    raise TypeError(f"not written to session files: {type(value).__name__}")


def toml_lines(table: Mapping[str, Any]) -> str:
    """``key = value`` lines for a table of plain values and lists of them (no sub-tables).

    Lists go on one line when it fits in :data:`MAX_INLINE` columns, else one item a line.
    """
    lines: list[str] = []
    for name, value in table.items():
        if value is None:
            continue
        key = _key(name)
        if isinstance(value, list):
            items = [_literal(item) for item in value]
            inline = f"{key} = [{', '.join(items)}]"
            if len(inline) <= MAX_INLINE or not items:
                lines.append(inline)
            else:
                lines.append(f"{key} = [")
                lines.extend(f"    {item}," for item in items)
                lines.append("]")
        else:
            lines.append(f"{key} = {_literal(value)}")
    return "".join(line + "\n" for line in lines)


def _table(header: str, table: Mapping[str, Any]) -> str:
    return f"\n{header}\n{toml_lines(table)}"


def dump_parts(session: Session) -> tuple[str, str]:
    """The session as TOML: the ``format``/``version`` lines, and every table after them.

    Laid out by hand, with strings escaped by :mod:`tomli_w`, so the layout is always the
    contract's: arrays of tables as ``[[advice]]`` headers (never inline), datetimes with a
    ``T``, in the order of the format document.
    Empty ``[[advice]]``, ``[[inputs]]``, cells and notes are left out; everything else is
    written even when it holds its default, so the file shows what can be filled in.
    """
    head = toml_lines({"format": session.format, "version": session.version})
    info = session.session.model_dump(exclude_none=True)
    parts = [_table("[session]", info)]
    parts.append(_table("[content]", session.content.model_dump()))
    for entry in session.advice:
        parts.append(_table("[[advice]]", entry.model_dump()))
    parts.append(_table("[priorities]", {"order": list(session.priorities.order)}))
    roles = session.roles
    parts.append(_table("[roles]", {"row_header": roles.row_header}))
    for column in roles.columns:
        parts.append(_table("[[roles.columns]]", column.model_dump()))
    for row in roles.rows:
        text = _table("[[roles.rows]]", {"id": row.id, "name": row.name})
        if row.cells:
            text += f"[roles.rows.cells]\n{toml_lines(row.cells)}"
        parts.append(text)
    for item in session.inputs:
        fields = {"participant": item.participant, "merged": item.merged, "order": item.order}
        text = _table("[[inputs]]", fields)
        if item.notes:
            text += f"[inputs.notes]\n{toml_lines(item.notes)}"
        parts.append(text)
    return head, "".join(parts)


def dumps_session(session: Session) -> str:
    """The session file's text (see :func:`dump_parts`)."""
    head, body = dump_parts(session)
    return head + body


_SURROGATE = re.compile("[\ud800-\udfff]")


def encode_text(text: str) -> bytes:
    """UTF-8 bytes; a lone surrogate (not valid Unicode text) becomes U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


# --- saving ------------------------------------------------------------------------------


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
        return text + "."

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


_VERSION_LINE = re.compile(rb"^version\s*=\s*(\d+)\s*(?:#.*)?$", re.MULTILINE)
_FORMAT_LINE = re.compile(rb'^format\s*=\s*"inddrag-session"\s*(?:#.*)?$', re.MULTILINE)


def file_version(path: Path) -> int | None:
    """The format version of the session file at ``path``; ``None`` if it is not one."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = raw[:4096]
    fast = _VERSION_LINE.search(head)
    if fast and _FORMAT_LINE.search(head) and int(fast.group(1)) == FORMAT_VERSION:
        return FORMAT_VERSION
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    version = data.get("version")
    if data.get("format") != FORMAT or not isinstance(version, int):
        return None
    return None if isinstance(version, bool) else version


def backup_name(path: Path, version: int) -> Path:
    """A free name beside ``path`` for its version-``version`` original (``møde.v1.toml``)."""
    suffix = path.suffix or ".toml"
    stem = path.stem if path.suffix else path.name
    candidate = path.with_name(f"{stem}.v{version}{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.v{version}-{number}{suffix}")
        number += 1
    return candidate


def save_session(session: Session, path: Path) -> Path | None:
    """Save ``session`` to ``path`` atomically; raise :class:`SaveError` on any failure.

    A file at ``path`` written by a newer inddrag is not overwritten. One written in an
    older format version is first copied beside it (:func:`backup_name`); that copy's path
    is returned (``None`` when no copy was needed).
    """
    path = Path(path)
    data = encode_text(dumps_session(session))
    version = file_version(path)
    backup: Path | None = None
    if version is not None and version > FORMAT_VERSION:
        raise SaveError(path, "newer_file", existed=True, found=version)
    if version is not None and version < FORMAT_VERSION:
        backup = backup_name(path, version)
        try:
            atomic_write_bytes(backup, path.read_bytes())
        except OSError as exc:
            detail = exc.detail if isinstance(exc, SaveError) else exc.strerror or str(exc)
            raise SaveError(
                path, "backup_failed", detail=detail, existed=True, backup=backup.name
            ) from None
    atomic_write_bytes(path, data)
    return backup


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
