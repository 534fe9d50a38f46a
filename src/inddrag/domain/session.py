"""The session: what a team (or one person preparing) filled in.

The models mirror the version-2 file format in ``docs/session-format.md`` key for key.
Functions here are the only way the app changes a session, so the UI never edits model
fields by hand and every change can bump ``updated``.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from datetime import date as Date
from typing import Annotated, Literal, TypeVar, overload

from pydantic import Field

from inddrag.domain.content import ContentPack
from inddrag.domain.models import NonEmpty, Strict

FORMAT: Literal["inddrag-session"] = "inddrag-session"
FORMAT_VERSION: Literal[2] = 2
Kind = Literal["team", "prep"]


def new_id() -> str:
    """A random identity for a session file (a UUID), made once and kept forever."""
    return str(uuid.uuid4())


class SessionInfo(Strict):
    """The ``[session]`` table.

    ``id`` is the file's random identity: an edited prep keeps it, so merging it again
    replaces its earlier input even without a name. ``anonymous`` is sticky: once a team
    session holds anonymous input, later merges leave names out unless asked to reveal them.
    """

    id: str = ""
    kind: Kind
    title: str = ""
    team: str = ""
    facilitator: str = ""
    participants: list[str] = Field(default_factory=list)
    anonymous: bool = False
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


class PrepInput(Strict):
    """One ``[[inputs]]`` table: one person's preparation, merged in."""

    participant: str = ""
    prep_id: str = ""
    """The ``[session] id`` of the prep it came from; ``""`` for inputs merged before v2."""
    merged: datetime
    order: list[NonEmpty] = Field(default_factory=list)
    notes: dict[str, str] = Field(default_factory=dict)


class Snapshot(Strict):
    """What a meeting ended with: the priorities, the votes and the roles table's rows."""

    order: list[NonEmpty] = Field(default_factory=list)
    votes: dict[str, Annotated[int, Field(ge=0, le=1_000_000)]] = Field(default_factory=dict)
    rows: list[Row] = Field(default_factory=list)


class Meeting(Strict):
    """One ``[[meetings]]`` table: a meeting's date and, once it is over, how it ended.

    The last meeting is the one going on; every earlier one keeps what it ended with
    (``ended``), so a follow-up can show what changed since (:mod:`inddrag.domain.followup`).
    The meeting clock (optional; :func:`set_clock`) is kept with its meeting: the seconds
    the meeting has run, the seconds spent on each advice, and the timebox per advice.
    """

    date: Date
    seconds: Annotated[int, Field(ge=0, le=10_000_000)] = 0
    timebox: Annotated[int, Field(ge=1, le=999)] | None = None
    advice_seconds: dict[str, Annotated[int, Field(ge=0, le=10_000_000)]] = Field(
        default_factory=dict
    )
    ended: Snapshot | None = None


class Session(Strict):
    """A whole session file."""

    format: Literal["inddrag-session"]
    version: Literal[2]
    session: SessionInfo
    content: ContentRef
    advice: list[AdviceEntry] = Field(default_factory=list)
    priorities: Priorities = Field(default_factory=Priorities)
    roles: RolesTable = Field(default_factory=RolesTable)
    inputs: list[PrepInput] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)

    @property
    def kind(self) -> Kind:
        return self.session.kind

    @property
    def meeting_date(self) -> Date | None:
        """The date of the meeting going on (the last one); else the day it was created."""
        if self.meetings:
            return self.meetings[-1].date
        when = self.session.created or self.session.updated
        return when.date() if when is not None else None

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
        session=SessionInfo(id=new_id(), kind=kind, created=stamp, updated=stamp),
        content=ContentRef(
            pack=pack.info.id, version=pack.info.version, language=pack.info.language
        ),
        roles=RolesTable(
            row_header=pack.template.row_header,
            columns=[Column(id=c.id, title=c.title) for c in pack.columns],
            rows=[Row(id=r.id, name=r.name) for r in pack.roles],
        ),
        meetings=[Meeting(date=stamp.date())],
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


def set_details(
    session: Session, title: str, team: str, facilitator: str, participants: list[str]
) -> bool:
    """Set the session's title, team, leader (or preparer) and participants; return
    whether anything changed."""
    info = session.session
    new = (title, team, facilitator, list(participants))
    if (info.title, info.team, info.facilitator, info.participants) == new:
        return False
    info.title, info.team, info.facilitator, info.participants = new
    touch(session)
    return True


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
    nfc = unicodedata.normalize("NFC", text)  # "å" typed or from a Mac's disk (NFD) alike
    base = unicodedata.normalize("NFKD", nfc.translate(_DANISH)).encode("ascii", "ignore")
    slug = _SLUG_CHARS.sub("-", base.decode("ascii").lower()).strip("-")[:40] or fallback
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


Axis = Literal["row", "column"]
"""Which side of the roles table an operation works on: a role (row) or a column."""

_FALLBACK_ID: dict[Axis, str] = {"row": "rolle", "column": "kolonne"}


def _items(session: Session, axis: Axis) -> Sequence[Row | Column]:
    return session.roles.rows if axis == "row" else session.roles.columns


def index_of(session: Session, axis: Axis, item_id: str) -> int | None:
    """The place of the row or column ``item_id`` in the table; ``None`` if it has none."""
    for index, item in enumerate(_items(session, axis)):
        if item.id == item_id:
            return index
    return None


def label_of(item: Row | Column) -> str:
    """What a row or column is called: a row's ``name``, a column's ``title``."""
    return item.name if isinstance(item, Row) else item.title


@overload
def add(session: Session, axis: Literal["row"], label: str, at: int | None = None) -> Row: ...
@overload
def add(session: Session, axis: Literal["column"], label: str, at: int | None = None) -> Column: ...
@overload
def add(session: Session, axis: Axis, label: str, at: int | None = None) -> Row | Column: ...
def add(session: Session, axis: Axis, label: str, at: int | None = None) -> Row | Column:
    """Add a row named (or a column titled) ``label`` at place ``at`` (default: the end).

    Its id is made from ``label`` (:func:`slugify`), distinct from the others on that axis.
    ``at`` beyond either end puts it at that end.
    """
    taken = {item.id for item in _items(session, axis)}
    new_id = slugify(label, taken, _FALLBACK_ID[axis])
    item: Row | Column
    if axis == "row":
        item = Row(id=new_id, name=label)
        _insert(session.roles.rows, item, at)
    else:
        item = Column(id=new_id, title=label)
        _insert(session.roles.columns, item, at)
    touch(session)
    return item


_Item = TypeVar("_Item", Row, Column)


def _insert(items: list[_Item], item: _Item, at: int | None) -> None:
    items.insert(len(items) if at is None else max(0, min(at, len(items))), item)


def rename(session: Session, axis: Axis, item_id: str, label: str) -> None:
    """Rename a row or retitle a column (nothing happens for an unknown id)."""
    index = index_of(session, axis, item_id)
    if index is None:
        return
    item = _items(session, axis)[index]
    if label_of(item) == label:
        return
    if isinstance(item, Row):
        item.name = label
    else:
        item.title = label
    touch(session)


def move(session: Session, axis: Axis, item_id: str, delta: int) -> int | None:
    """Move a row up (<0) or down (>0), a column left or right; return its new place.

    A move past either end stops at that end (and changes nothing when it is already
    there); ``None`` for an unknown id.
    """
    index = index_of(session, axis, item_id)
    if index is None:
        return None
    if axis == "row":
        new = _shift(session.roles.rows, index, delta)
    else:
        new = _shift(session.roles.columns, index, delta)
    if new != index:
        touch(session)
    return new


def _shift(items: list[_Item], index: int, delta: int) -> int:
    new = max(0, min(len(items) - 1, index + delta))
    items.insert(new, items.pop(index))
    return new


@overload
def remove(session: Session, axis: Literal["row"], item_id: str) -> Row | None: ...
@overload
def remove(session: Session, axis: Literal["column"], item_id: str) -> Column | None: ...
@overload
def remove(session: Session, axis: Axis, item_id: str) -> Row | Column | None: ...
def remove(session: Session, axis: Axis, item_id: str) -> Row | Column | None:
    """Remove a row, or a column and the text in it from every row; return what went."""
    index = index_of(session, axis, item_id)
    if index is None:
        return None
    touch(session)
    if axis == "row":
        return session.roles.rows.pop(index)
    for row in session.roles.rows:
        row.cells.pop(item_id, None)
    return session.roles.columns.pop(index)


def has_text(session: Session, axis: Axis, item_id: str) -> bool:
    """Whether any cell of the row or column holds more than white space."""
    if axis == "column":
        return any(row.cells.get(item_id, "").strip() for row in session.roles.rows)
    index = index_of(session, "row", item_id)
    if index is None:
        return False
    return any(text.strip() for text in session.roles.rows[index].cells.values())


def set_cell(session: Session, row_id: str, column_id: str, text: str) -> bool:
    """Set one cell's text (empty text removes the cell); return whether it changed."""
    index = index_of(session, "row", row_id)
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


def set_clock(
    session: Session, seconds: float, advice_seconds: Mapping[str, float], timebox: int | None
) -> bool:
    """Keep the meeting clock with the meeting going on (the last one); whether it changed.

    Whole seconds; advice with no time left out. A session without meetings (a
    preparation) keeps no clock.
    """
    if not session.meetings:
        return False
    meeting = session.meetings[-1]
    whole = {key: int(value) for key, value in advice_seconds.items() if int(value) > 0}
    kept = (max(0, int(seconds)), whole, timebox)
    if (meeting.seconds, meeting.advice_seconds, meeting.timebox) == kept:
        return False
    meeting.seconds, meeting.advice_seconds, meeting.timebox = kept
    return True


def clock_of(session: Session) -> tuple[int, dict[str, int], int | None]:
    """The meeting clock kept with the meeting going on: seconds, per advice, timebox."""
    if not session.meetings:
        return 0, {}, None
    meeting = session.meetings[-1]
    return meeting.seconds, dict(meeting.advice_seconds), meeting.timebox
