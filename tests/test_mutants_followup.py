"""``domain/followup.py``: what a follow-up records and compares, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
values are written out; each test says what it guards.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from inddrag.domain import followup
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Meeting, Row, Snapshot, new_session

CET = timezone(timedelta(hours=1))
MADE = datetime(2026, 11, 26, 10, 0, tzinfo=CET)
DAY1, DAY2, DAY3 = date(2026, 11, 26), date(2027, 1, 14), date(2027, 3, 2)


def row(row_id: str, **cells: str) -> Row:
    return Row(id=row_id, name=row_id.title(), cells=cells)


def test_a_session_without_meetings_first_gets_one_on_the_day_it_was_made(
    da_pack: ContentPack,
) -> None:
    session = new_session(da_pack, "team", when=MADE)
    session.meetings.clear()  # made by hand
    assert followup.start_follow_up(session, DAY2)
    assert [m.date for m in session.meetings] == [DAY1, DAY2]
    assert session.meetings[0].ended is not None


def test_a_session_without_meetings_or_dates_starts_on_the_day_given(
    da_pack: ContentPack,
) -> None:
    session = new_session(da_pack, "team", when=MADE)
    session.meetings.clear()
    session.session.created = None
    session.session.updated = None
    assert not followup.start_follow_up(session, DAY2)  # its one meeting is that day
    assert [m.date for m in session.meetings] == [DAY2]


def test_cells_are_compared_in_every_row_after_an_added_one() -> None:
    before = Snapshot(rows=[row("ledere", hvad="Klarhed", hvem="Anna")])
    after = Snapshot(rows=[row("nye", hvad="Ny"), row("ledere", hvad="Klarhed nu")])
    changes = followup.compare(before, after, DAY2, DAY1)
    assert [r.id for r in changes.rows_added] == ["nye"]
    assert [(c.row_id, c.row_name, c.column_id, c.before, c.after) for c in changes.cells] == [
        ("ledere", "Ledere", "hvad", "Klarhed", "Klarhed nu"),
        ("ledere", "Ledere", "hvem", "Anna", ""),  # a cell gone is emptied, to ""
    ]


def test_votes_given_or_taken_away_count_from_and_to_zero() -> None:
    before = Snapshot(votes={"gone": 1, "kept": 2})
    after = Snapshot(votes={"kept": 2, "new": 1})
    changes = followup.compare(before, after, DAY2, DAY1)
    assert [(v.advice_id, v.before, v.after) for v in changes.votes] == [
        ("new", 0, 1),
        ("gone", 1, 0),
    ]


def test_a_meeting_in_between_is_compared_with_how_it_ended(da_pack: ContentPack) -> None:
    session = new_session(da_pack, "team", when=MADE)
    session.meetings = [
        Meeting(date=DAY1, ended=Snapshot(order=["a"])),
        Meeting(date=DAY2, ended=Snapshot(order=["b"])),
        Meeting(date=DAY3),
    ]
    session.priorities.order = ["c"]
    first, second = followup.history(session)
    assert [(p.advice_id, p.before, p.after) for p in first.places] == [
        ("b", None, 1),
        ("a", 1, None),
    ]
    assert [(p.advice_id, p.before, p.after) for p in second.places] == [
        ("c", None, 1),
        ("b", 1, None),
    ]
