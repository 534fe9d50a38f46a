"""The session file: load, migrate, write (see ``docs/session-format.md``).

Loading reports every problem the way pack loading does (file, line, key, sentence) and
never changes the file. Files of an older format version are migrated step by step in
memory (:data:`MIGRATIONS`); a file of a newer version is refused.

Saving goes through :func:`inddrag.domain.atomic.write_file`: on any failure the old file
is byte-for-byte as it was and :class:`~inddrag.domain.atomic.SaveError` says why in one
sentence; the target is checked again as it is written (never a file that is not a
session, never through a link to one, never a special file) and keeps its mode, owner,
group and hard links. :func:`save_summary` writes exports the same way. Before a file of
an older version is overwritten, a copy of it is kept beside it. Checking a session
against a pack is :mod:`inddrag.domain.check`.
"""

from __future__ import annotations

import gc
import re
import tomllib
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from inddrag.domain.atomic import (
    SaveError,
    clean_stray_temps,
    copy_atomically,
    encode_text,
    free_name,
    write_file,
)
from inddrag.domain.errors import FileProblems, KeyPath, Problem, Term, problem
from inddrag.domain.session import FORMAT, FORMAT_VERSION, Meeting, Session
from inddrag.domain.tomlfile import (
    KeyLines,
    TomlDocument,
    found_kind,
    parse_toml,
    read_toml,
    validate,
)

Migration = Callable[[dict[str, Any]], dict[str, Any]]

_V1_IDS = uuid.UUID("6f1d2c1e-4b7a-4f0e-9a51-3c2d8e7b1a90")
"""The namespace of the identities given to version-1 files (see :func:`_v1_to_v2`)."""


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: a session identity, sticky anonymity and the first meeting.

    Every version-1 key is kept as it is. Added, only where the data has the expected
    shape (anything else is left for validation to name):

    * ``session.id``: derived from the file's kind, creation time, author and title
      (a UUID 5), so loading the same version-1 file twice gives the same identity;
    * ``session.anonymous``: ``true`` when any ``[[inputs]]`` has no name (it may have
      been merged with ``--anonymous``; keeping names out is the safe reading);
    * ``[[meetings]]``: one meeting on the day the session was created (or last changed).
    """
    info = data.get("session")
    if isinstance(info, dict):
        info = dict(info)
        if "id" not in info:
            seed = "|".join(
                str(info.get(key, "")) for key in ("kind", "created", "facilitator", "title")
            )
            info["id"] = str(uuid.uuid5(_V1_IDS, seed))
        inputs = data.get("inputs")
        if "anonymous" not in info and isinstance(inputs, list):
            info["anonymous"] = any(
                isinstance(item, dict) and not str(item.get("participant", "")).strip()
                for item in inputs
            )
        when = info.get("created") or info.get("updated")
        if "meetings" not in data and isinstance(when, datetime):
            data["meetings"] = [{"date": when.date()}]
        data["session"] = info
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2}
"""``MIGRATIONS[n]`` turns the data of a version-``n`` file into version ``n + 1``.

A new version adds ``MIGRATIONS[n]`` and bumps
:data:`inddrag.domain.session.FORMAT_VERSION`; loading chains them.
"""


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


@contextmanager
def many_files() -> Iterator[None]:
    """Around loading many session files at once (a workshop's preparations, a folder).

    Python's cycle collector is paused meanwhile: every file adds thousands of objects that
    live on, and the collector walked them all again each time the heap had grown by a
    quarter (0.69 → 0.66 ms a file at 1,000 preparations on the benchmark machine). The
    models hold no reference cycles; the collector runs as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def open_session(path: Path) -> Session:
    """:func:`load_session` for the app opening a file to work on.

    Also removes the temporary files a killed save of this file left beside it
    (``.NAME.inddrag-tmp-*``, older than a minute): each holds a full copy of the notes.
    """
    session = load_session(path)
    clean_stray_temps(path.parent, name=path.name)
    return session


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
    session = validate(Session, doc.with_data(migrated))
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
    refusal = _refusal(data.get("format"), data.get("version"))
    if refusal is not None:
        code, key, params = refusal
        line = doc.lines.line_of((key,)) if key else 1
        raise FileProblems([problem(doc.path, code, line=line, key=key, **params)])
    version = data.get("version")
    if not isinstance(version, int):
        return data  # no version: validation names the missing key along with any others
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
        data["version"] = version
    return data


def _refusal(fmt: object, version: object) -> tuple[str, str, dict[str, Any]] | None:
    """Why a file's ``format`` and ``version`` keep us from reading it: code, key, params."""
    if fmt is None:
        return "storage.not_a_session", "", {}
    if fmt != FORMAT:
        return "storage.wrong_format", "format", {"found": str(fmt)}
    if version is None or (version == FORMAT_VERSION and not isinstance(version, bool)):
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        return (
            "wrong_type",
            "version",
            {
                "expected": Term("int"),
                "found": Term(found_kind(version)),
            },
        )
    if version > FORMAT_VERSION:
        return (
            "storage.newer_version",
            "version",
            {
                "found": version,
                "supported": FORMAT_VERSION,
            },
        )
    if version < oldest_version():
        return (
            "storage.unknown_version",
            "version",
            {
                "found": version,
                "oldest": oldest_version(),
                "supported": FORMAT_VERSION,
            },
        )
    return None


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


# --- writing TOML ------------------------------------------------------------------------


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
MAX_INLINE = 100


_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_BASIC_ESCAPES = {
    code: _COMPACT.get(chr(code), f"\\u{code:04x}")
    for code in [*range(0x20), 0x7F, ord('"'), ord("\\")]
    if code != ord("\t")
}
"""What a TOML basic string escapes, written exactly as :mod:`tomli_w` writes it."""


def _string(text: str) -> str:
    """A TOML basic string on one line (lossless for ``\\r\\n``), byte for byte as
    ``tomli_w.dumps(…, multiline_strings=False)`` writes it, at C speed (``str.translate``)
    instead of its loop over every character."""
    return '"' + text.translate(_BASIC_ESCAPES) + '"'


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
    if isinstance(value, date):
        return value.isoformat()
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

    Laid out by hand, with strings escaped as :mod:`tomli_w` escapes them, so the layout is the
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
        fields: dict[str, Any] = {"participant": item.participant}
        if item.prep_id:
            fields["prep_id"] = item.prep_id
        fields.update(merged=item.merged, order=item.order)
        text = _table("[[inputs]]", fields)
        if item.notes:
            text += f"[inputs.notes]\n{toml_lines(item.notes)}"
        parts.append(text)
    parts.extend(_meeting(meeting) for meeting in session.meetings)
    return head, "".join(parts)


def _meeting(meeting: Meeting) -> str:
    """One ``[[meetings]]`` table, with what it ended with once it is over."""
    keys: dict[str, Any] = {"date": meeting.date}
    if meeting.seconds:  # the clock only once it has run: files without one stay as they were
        keys["seconds"] = meeting.seconds
    if meeting.timebox is not None:
        keys["timebox"] = meeting.timebox
    text = _table("[[meetings]]", keys)
    if meeting.advice_seconds:
        text += f"[meetings.advice_seconds]\n{toml_lines(meeting.advice_seconds)}"
    ended = meeting.ended
    if ended is None:
        return text
    text += f"[meetings.ended]\n{toml_lines({'order': list(ended.order)})}"
    if ended.votes:
        text += f"[meetings.ended.votes]\n{toml_lines(ended.votes)}"
    for row in ended.rows:
        text += _table("[[meetings.ended.rows]]", {"id": row.id, "name": row.name})
        if row.cells:
            text += f"[meetings.ended.rows.cells]\n{toml_lines(row.cells)}"
    return text


def dumps_session(session: Session) -> str:
    """The session file's text (see :func:`dump_parts`)."""
    head, body = dump_parts(session)
    return head + body


# --- saving ------------------------------------------------------------------------------


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
    return free_name(path, f"{stem}.v{version}", suffix)


def not_a_session(path: Path) -> str | None:
    """Why ``path`` must not be overwritten by a session: ``None`` if it is one (or empty)."""
    try:
        if path.stat().st_size == 0:
            return None
    except OSError:
        return None
    return None if file_version(path) is not None else "not_a_session"


def a_session(path: Path) -> str | None:
    """Why ``path`` must not be overwritten by a summary: ``None`` unless it is a session."""
    return "is_a_session" if file_version(path) is not None else None


def save_session(session: Session, path: Path) -> Path | None:
    """Save ``session`` to ``path``; raise :class:`SaveError` on any failure.

    Written with :func:`~inddrag.domain.atomic.write_file`: at the moment of saving, a
    file that is not a session (or a link to one, or a special file) is never
    overwritten, and the file keeps its mode, owner, group and hard links. A file written
    by a newer inddrag is not overwritten. One written in an older format version is first
    copied beside it (:func:`backup_name`); that copy's path is returned (``None`` when no
    copy was needed).
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
            copy_atomically(path, backup)
        except OSError as exc:
            detail = exc.detail if isinstance(exc, SaveError) else exc.strerror or str(exc)
            raise SaveError(
                path, "backup_failed", detail=detail, existed=True, backup=backup.name
            ) from None
    write_file(path, data, check=not_a_session)
    return backup


def save_summary(path: Path, text: str) -> None:
    """Write an exported summary to ``path``; never over a session or a special file.

    Links are followed to an existing regular file only (see
    :func:`~inddrag.domain.atomic.write_file`). Raises :class:`SaveError`.
    """
    write_file(Path(path), encode_text(text), check=a_session)
