"""The session file: load, migrate, write (see ``docs/session-format.md``).

Loading reports every problem the way pack loading does (file, line, key, sentence) and
never changes the file. Files of an older format version are migrated step by step in
memory (:data:`MIGRATIONS`); a file of a newer version is refused.

Saving goes through :func:`inddrag.domain.atomic.write_file`: on any failure the old file
is byte-for-byte as it was and :class:`~inddrag.domain.atomic.SaveError` says why in one
sentence; the target is checked again as it is written (never a file that is not a
session, never through a link to one, never a special file) and keeps its mode, owner,
group and hard links. Before a file of an older version is overwritten, a copy of it is
kept beside it. The text written is :mod:`inddrag.domain.tomlwrite`'s. Checking a
session against a pack is :mod:`inddrag.domain.check`.
"""

from __future__ import annotations

import gc
import hashlib
import re
import tomllib
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
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
from inddrag.domain.readfile import read_bounded
from inddrag.domain.session import FORMAT, FORMAT_VERSION, Session
from inddrag.domain.tomlfile import (
    KeyLines,
    TomlDocument,
    found_kind,
    parse_toml,
    read_toml,
    validate,
)
from inddrag.domain.tomlwrite import dumps_session

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
            if not (info.get("created") or str(info.get("title", "")).strip()):
                # Nothing tells two such files apart: their whole content does (two
                # people's nameless v1 preps must not share an id), and stays the same
                # each time the same file is loaded.
                seed += (
                    "|" + hashlib.sha256(repr(data).encode("utf-8", "surrogatepass")).hexdigest()
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

    At the end, what was loaded is moved to the oldest generation (``gc.freeze`` then
    ``gc.unfreeze``, as Python's documentation describes them) instead of being left in
    the youngest: the first collection after the pause would otherwise walk all of it at
    once, a sixth of a 1,000-preparation merge. It is walked at the next full collection,
    as anything long-lived is.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was loaded goes to the oldest generation without a scan
        gc.unfreeze()
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
    _check_table_size(doc, migrated)
    session = validate(Session, doc.with_data(migrated))
    if _has_duplicates(session):  # line numbers only when needed: scanning costs time
        raise FileProblems(list(_duplicate_ids(session, doc.path, doc.lines)))
    return session


MAX_ROLE_ROWS = 1000
"""The most rows a roles table may have (the worksheet has six; a team adds a few)."""
MAX_ROLE_COLUMNS = 100
"""The most columns a roles table may have (the worksheet has four)."""


def _check_table_size(doc: TomlDocument, data: dict[str, Any]) -> None:
    """Refuse a roles table too large to work with, in one sentence, before validating it
    (100,000 rows once took ``check`` 45 s and 400 MB)."""
    roles = data.get("roles")
    if not isinstance(roles, dict):
        return
    for key, limit in (("rows", MAX_ROLE_ROWS), ("columns", MAX_ROLE_COLUMNS)):
        items = roles.get(key)
        if isinstance(items, list) and len(items) > limit:
            line = doc.lines.line_of(("roles", key, 0))
            raise FileProblems(
                [
                    problem(
                        doc.path,
                        f"storage.too_many_{key}",
                        line=line,
                        key=("roles", key),
                        count=len(items),
                        max=limit,
                    )
                ]
            )


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


# --- saving ------------------------------------------------------------------------------


_VERSION_LINE = re.compile(rb"^version\s*=\s*(\d+)\s*(?:#.*)?$", re.MULTILINE)
_FORMAT_LINE = re.compile(rb'^format\s*=\s*"inddrag-session"\s*(?:#.*)?$', re.MULTILINE)


def file_version(path: Path) -> int | None:
    """The format version of the session file at ``path``; ``None`` if it is not one."""
    try:
        raw = read_bounded(path)
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
