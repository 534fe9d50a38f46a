"""The session: what a team (or one person preparing) filled in.

The models mirror the version-1 file format in ``docs/session-format.md`` key for key.
Functions here are the only way the app changes a session, so the UI never edits model
fields by hand and every change can bump ``updated``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import Field

from inddrag.domain.content import ContentPack
from inddrag.domain.models import NonEmpty, Strict

FORMAT: Literal["inddrag-session"] = "inddrag-session"
FORMAT_VERSION: Literal[1] = 1
Kind = Literal["team", "prep"]


class SessionInfo(Strict):
    """The ``[session]`` table."""

    kind: Kind
    title: str = ""
    team: str = ""
    facilitator: str = ""
    participants: list[str] = Field(default_factory=list)
    created: datetime | None = None
    updated: datetime | None = None


class ContentRef(Strict):
    """The ``[content]`` table: which pack the session was made with."""

    pack: NonEmpty
    version: NonEmpty
    language: NonEmpty


class AdviceEntry(Strict):
    """One ``[[advice]]`` table: the team's votes and notes for one advice."""

    id: NonEmpty
    votes: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    notes: str = ""


class Priorities(Strict):
    """``[priorities]``: the advice ids, most important first."""

    order: list[NonEmpty] = Field(default_factory=list)


class Column(Strict):
    """A column of the team's roles table."""

    id: NonEmpty
    title: str


class Row(Strict):
    """A row of the team's roles table; ``cells`` maps column id to text."""

    id: NonEmpty
    name: str
    cells: dict[str, str] = Field(default_factory=dict)


class RolesTable(Strict):
    """``[roles]``: the worksheet as the team adapted it."""

    row_header: str = ""
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)


class Input(Strict):
    """One ``[[inputs]]`` table: one person's preparation, merged in."""

    participant: str = ""
    merged: datetime
    order: list[NonEmpty] = Field(default_factory=list)
    notes: dict[str, str] = Field(default_factory=dict)


class Session(Strict):
    """A whole session file."""

    format: Literal["inddrag-session"]
    version: Literal[1]
    session: SessionInfo
    content: ContentRef
    advice: list[AdviceEntry] = Field(default_factory=list)
    priorities: Priorities = Field(default_factory=Priorities)
    roles: RolesTable = Field(default_factory=RolesTable)
    inputs: list[Input] = Field(default_factory=list)

    @property
    def kind(self) -> Kind:
        return self.session.kind

    def entry(self, advice_id: str) -> AdviceEntry | None:
        """The team's entry for an advice, if it has one."""
        for entry in self.advice:
            if entry.id == advice_id:
                return entry
        return None


def now() -> datetime:
    """The current local time, with offset, to the second (as written to files)."""
    return datetime.now(UTC).astimezone().replace(microsecond=0)


def new_session(pack: ContentPack, kind: Kind = "team", *, when: datetime | None = None) -> Session:
    """A fresh session for ``pack`` with the pack's roles table laid out, ready to fill."""
    stamp = when or now()
    return Session(
        format=FORMAT,
        version=FORMAT_VERSION,
        session=SessionInfo(kind=kind, created=stamp, updated=stamp),
        content=ContentRef(
            pack=pack.info.id, version=pack.info.version, language=pack.info.language
        ),
        roles=RolesTable(
            row_header=pack.template.row_header,
            columns=[Column(id=c.id, title=c.title) for c in pack.columns],
            rows=[Row(id=r.id, name=r.name) for r in pack.roles],
        ),
    )


def touch(session: Session, when: datetime | None = None) -> None:
    """Record that the session changed."""
    session.session.updated = when or now()


def ensure_entry(session: Session, advice_id: str) -> AdviceEntry:
    """The entry for ``advice_id``, created (in pack order at the end) when missing."""
    entry = session.entry(advice_id)
    if entry is None:
        entry = AdviceEntry(id=advice_id)
        session.advice.append(entry)
    return entry


def set_notes(session: Session, advice_id: str, notes: str) -> bool:
    """Set the team's notes for an advice; return whether anything changed."""
    entry = session.entry(advice_id)
    if entry is None and not notes:
        return False
    entry = ensure_entry(session, advice_id)
    if entry.notes == notes:
        return False
    entry.notes = notes
    touch(session)
    return True


def add_votes(session: Session, advice_id: str, delta: int) -> int:
    """Change the dot votes for an advice by ``delta`` (never below 0); return the new count."""
    entry = ensure_entry(session, advice_id)
    new = max(0, entry.votes + delta)
    if new != entry.votes:
        entry.votes = new
        touch(session)
    return entry.votes


def votes_of(session: Session, advice_id: str) -> int:
    entry = session.entry(advice_id)
    return entry.votes if entry else 0


def notes_of(session: Session, advice_id: str) -> str:
    entry = session.entry(advice_id)
    return entry.notes if entry else ""


def set_priorities(session: Session, order: list[str]) -> None:
    """Set the team's order of importance (most important first)."""
    if session.priorities.order != order:
        session.priorities.order = list(order)
        touch(session)


# --- roles table -------------------------------------------------------------------------

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str, taken: set[str], fallback: str = "x") -> str:
    """A new id from a name, unique among ``taken`` (``"Hvornår?"`` → ``"hvornaar"``)."""
    base = unicodedata.normalize("NFKD", text.translate(_DANISH)).encode("ascii", "ignore")
    slug = _SLUG_CHARS.sub("-", base.decode("ascii").lower()).strip("-")[:40] or fallback
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def column_index(session: Session, column_id: str) -> int | None:
    for index, column in enumerate(session.roles.columns):
        if column.id == column_id:
            return index
    return None


def row_index(session: Session, row_id: str) -> int | None:
    for index, row in enumerate(session.roles.rows):
        if row.id == row_id:
            return index
    return None


def set_cell(session: Session, row_id: str, column_id: str, text: str) -> bool:
    """Set one cell's text (empty text removes the cell); return whether it changed."""
    index = row_index(session, row_id)
    if index is None:
        return False
    row = session.roles.rows[index]
    old = row.cells.get(column_id, "")
    if old == text:
        return False
    if text:
        row.cells[column_id] = text
    else:
        row.cells.pop(column_id, None)
    touch(session)
    return True


def add_row(session: Session, name: str, at: int | None = None) -> Row:
    """Add a role (row) named ``name``; return it."""
    taken = {r.id for r in session.roles.rows}
    row = Row(id=slugify(name, taken, "rolle"), name=name)
    rows = session.roles.rows
    rows.insert(len(rows) if at is None else max(0, min(at, len(rows))), row)
    touch(session)
    return row


def add_column(session: Session, title: str, at: int | None = None) -> Column:
    """Add a column titled ``title``; return it."""
    taken = {c.id for c in session.roles.columns}
    column = Column(id=slugify(title, taken, "kolonne"), title=title)
    cols = session.roles.columns
    cols.insert(len(cols) if at is None else max(0, min(at, len(cols))), column)
    touch(session)
    return column


def rename_row(session: Session, row_id: str, name: str) -> None:
    index = row_index(session, row_id)
    if index is not None and session.roles.rows[index].name != name:
        session.roles.rows[index].name = name
        touch(session)


def rename_column(session: Session, column_id: str, title: str) -> None:
    index = column_index(session, column_id)
    if index is not None and session.roles.columns[index].title != title:
        session.roles.columns[index].title = title
        touch(session)


def move_row(session: Session, row_id: str, delta: int) -> int | None:
    """Move a row up (<0) or down (>0); return its new index."""
    rows = session.roles.rows
    index = row_index(session, row_id)
    if index is None:
        return None
    new = max(0, min(len(rows) - 1, index + delta))
    if new != index:
        rows.insert(new, rows.pop(index))
        touch(session)
    return new


def move_column(session: Session, column_id: str, delta: int) -> int | None:
    """Move a column left (<0) or right (>0); return its new index."""
    cols = session.roles.columns
    index = column_index(session, column_id)
    if index is None:
        return None
    new = max(0, min(len(cols) - 1, index + delta))
    if new != index:
        cols.insert(new, cols.pop(index))
        touch(session)
    return new


def remove_row(session: Session, row_id: str) -> Row | None:
    index = row_index(session, row_id)
    if index is None:
        return None
    touch(session)
    return session.roles.rows.pop(index)


def remove_column(session: Session, column_id: str) -> Column | None:
    """Remove a column and the text in it from every row."""
    index = column_index(session, column_id)
    if index is None:
        return None
    for row in session.roles.rows:
        row.cells.pop(column_id, None)
    touch(session)
    return session.roles.columns.pop(index)


def column_has_text(session: Session, column_id: str) -> bool:
    return any(row.cells.get(column_id, "").strip() for row in session.roles.rows)


def row_has_text(session: Session, row_id: str) -> bool:
    index = row_index(session, row_id)
    if index is None:
        return False
    return any(text.strip() for text in session.roles.rows[index].cells.values())
