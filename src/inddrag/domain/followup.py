"""Follow-up meetings: what each meeting ended with, and what changed since.

A session's ``[[meetings]]`` are the meetings held on it, oldest first; the last is the
one going on. :func:`start_follow_up` closes it, keeping what it ended with (the
priorities, the votes and every row of the roles table, a :class:`Snapshot`), and starts a
new meeting on the given date. The team then edits the session as usual (through
:mod:`inddrag.domain.session`); nothing else needs recording, because what changed in a
meeting is the difference between what the meeting before it ended with and what this
one ended with (or, for the meeting going on, the session as it stands). So a change that
is undone again leaves no trace, and only real changes appear in “Siden sidst”.

* :func:`offer_follow_up`: whether reopening a session should offer “Opfølgning”;
* :func:`start_follow_up`: record a new meeting;
* :func:`last_time`: what a cell of the roles table said when the last meeting ended;
* :func:`history`: the changes, per meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from datetime import date as Date

from inddrag.domain.session import Meeting, Row, Session, Snapshot, touch


def snapshot(session: Session) -> Snapshot:
    """The session's priorities, votes and roles rows as they stand (a copy)."""
    return Snapshot(
        order=list(dict.fromkeys(session.priorities.order)),
        votes={entry.id: entry.votes for entry in session.advice if entry.votes},
        rows=[row.model_copy(deep=True) for row in session.roles.rows],
    )


def offer_follow_up(session: Session, today: date) -> bool:
    """Whether reopening ``session`` on ``today`` should offer “Opfølgning”.

    True for a team session whose meeting going on was held on an earlier day.
    """
    held = session.meeting_date
    return session.kind == "team" and held is not None and held < today


def start_follow_up(session: Session, when: date) -> bool:
    """Close the meeting going on, keeping what it ended with, and start one on ``when``.

    Returns whether a meeting was started: nothing changes when the meeting going on is
    on ``when`` already (or later). A session without meetings (made by hand) first gets
    one on the day it was made.
    """
    if not session.meetings:
        session.meetings.append(Meeting(date=session.meeting_date or when))
    current = session.meetings[-1]
    if when <= current.date:
        return False
    current.ended = snapshot(session)
    session.meetings.append(Meeting(date=when))
    touch(session)
    return True


def previous(session: Session) -> Snapshot | None:
    """What the last meeting before the one going on ended with; ``None`` if there was none."""
    if len(session.meetings) < 2:
        return None
    return session.meetings[-2].ended


def last_time(session: Session, row_id: str, column_id: str) -> str | None:
    """What a cell said when the last meeting ended (``""`` if empty then).

    ``None`` when there was no earlier meeting or the row did not exist then: the UI shows
    “last time” only where there was a last time.
    """
    before = previous(session)
    if before is None:
        return None
    for row in before.rows:
        if row.id == row_id:
            return row.cells.get(column_id, "")
    return None


@dataclass(frozen=True)
class CellChange:
    """A cell of the roles table that says something else now."""

    row_id: str
    row_name: str
    column_id: str
    before: str
    after: str


@dataclass(frozen=True)
class PlaceChange:
    """An advice that moved in the priorities (``None``: not among them)."""

    advice_id: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class VoteChange:
    """An advice whose votes changed."""

    advice_id: str
    before: int
    after: int


@dataclass(frozen=True)
class MeetingChanges:
    """What changed in one meeting, compared with how the meeting before it ended."""

    date: Date
    since: Date
    cells: list[CellChange] = field(default_factory=list)
    rows_added: list[Row] = field(default_factory=list)
    rows_removed: list[Row] = field(default_factory=list)
    places: list[PlaceChange] = field(default_factory=list)
    votes: list[VoteChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.cells or self.rows_added or self.rows_removed or self.places or self.votes)


def compare(before: Snapshot, after: Snapshot, when: date, since: date) -> MeetingChanges:
    """The changes from ``before`` to ``after``, in the order of ``after`` (then ``before``).

    A row counts as the same row by its id (renaming it is not a change of its cells);
    a cell emptied is a change to ``""``.
    """
    old_rows = {row.id: row for row in before.rows}
    new_ids = {row.id for row in after.rows}
    changes = MeetingChanges(date=when, since=since)
    for row in after.rows:
        old = old_rows.get(row.id)
        if old is None:
            changes.rows_added.append(row)
            continue
        for column_id in dict.fromkeys([*old.cells, *row.cells]):
            was, now = old.cells.get(column_id, ""), row.cells.get(column_id, "")
            if was != now:
                changes.cells.append(CellChange(row.id, row.name, column_id, was, now))
    changes.rows_removed.extend(row for row in before.rows if row.id not in new_ids)
    old_places = {advice_id: n for n, advice_id in enumerate(before.order, start=1)}
    new_places = {advice_id: n for n, advice_id in enumerate(after.order, start=1)}
    for advice_id in dict.fromkeys([*after.order, *before.order]):
        was_place, now_place = old_places.get(advice_id), new_places.get(advice_id)
        if was_place != now_place:
            changes.places.append(PlaceChange(advice_id, was_place, now_place))
    for advice_id in dict.fromkeys([*after.votes, *before.votes]):
        was_votes, now_votes = before.votes.get(advice_id, 0), after.votes.get(advice_id, 0)
        if was_votes != now_votes:
            changes.votes.append(VoteChange(advice_id, was_votes, now_votes))
    return changes


def history(session: Session) -> list[MeetingChanges]:
    """What changed in each follow-up meeting, oldest first (empty: no follow-up yet).

    The meeting going on is compared with the session as it stands. A meeting whose
    predecessor kept nothing (edited by hand) is compared with an empty table.
    """
    out: list[MeetingChanges] = []
    meetings = session.meetings
    for index in range(1, len(meetings)):
        before = meetings[index - 1].ended or Snapshot()
        is_current = index == len(meetings) - 1
        after = snapshot(session) if is_current else meetings[index].ended or Snapshot()
        out.append(compare(before, after, meetings[index].date, meetings[index - 1].date))
    return out
