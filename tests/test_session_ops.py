"""Unit tests for the session's operations: exact values, so a changed rule is noticed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from inddrag.domain import session as ops
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Column, Row, Session, new_session

CET = timezone(timedelta(hours=1))
CREATED = datetime(2026, 11, 26, 10, 0, tzinfo=CET)
CHANGED = datetime(2026, 11, 26, 11, 30, tzinfo=CET)
PACK_ROWS = [
    "ledere",
    "medarbejdere",
    "fagspecialister",
    "tillidsvalgte",
    "samarbejdsfora",
    "andre",
]
PACK_COLUMNS = ["hvad", "hvornaar", "hvordan", "status"]


@pytest.fixture
def session(da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch) -> Session:
    """A fresh team session made at CREATED; every change after it is stamped CHANGED."""
    made = new_session(da_pack, when=CREATED)
    monkeypatch.setattr(ops, "now", lambda: CHANGED)
    return made


def changed(session: Session) -> bool:
    return session.session.updated == CHANGED


def row_ids(session: Session) -> list[str]:
    return [r.id for r in session.roles.rows]


def column_ids(session: Session) -> list[str]:
    return [c.id for c in session.roles.columns]


# --- a new session -----------------------------------------------------------------------


def test_a_new_session_lays_out_the_packs_worksheet(session: Session) -> None:
    assert session.kind == "team"
    assert session.session.created == CREATED and session.session.updated == CREATED
    assert (session.content.pack, session.content.version, session.content.language) == (
        "ti-gode-raad",
        "1",
        "da",
    )
    assert session.roles.row_header == "Hvem"
    assert row_ids(session) == PACK_ROWS
    assert column_ids(session) == PACK_COLUMNS
    assert [c.title for c in session.roles.columns][:2] == ["Hvad", "Hvornår/hvor ofte?"]
    assert all(r.cells == {} for r in session.roles.rows)
    assert session.advice == [] and session.priorities.order == [] and session.inputs == []


# --- notes and votes ---------------------------------------------------------------------


def test_set_notes_creates_the_entry_and_reports_a_change(session: Session) -> None:
    assert ops.set_notes(session, "tidligt", "Vi hørte det for sent.") is True
    assert ops.notes_of(session, "tidligt") == "Vi hørte det for sent."
    assert [e.id for e in session.advice] == ["tidligt"]
    assert changed(session)


def test_set_notes_without_a_change_is_no_change(session: Session) -> None:
    assert ops.set_notes(session, "tidligt", "") is False
    assert session.advice == [] and not changed(session)
    ops.set_notes(session, "tidligt", "x")
    session.session.updated = CREATED
    assert ops.set_notes(session, "tidligt", "x") is False
    assert not changed(session)
    assert ops.set_notes(session, "tidligt", "") is True  # clearing is a change
    assert ops.notes_of(session, "tidligt") == ""


def test_votes_go_up_and_down_but_never_below_zero(session: Session) -> None:
    assert ops.votes_of(session, "agile") == 0
    assert ops.add_votes(session, "agile", 3) == 3
    assert ops.add_votes(session, "agile", -1) == 2
    assert ops.add_votes(session, "agile", -5) == 0
    assert ops.votes_of(session, "agile") == 0
    assert changed(session)
    session.session.updated = CREATED
    assert ops.add_votes(session, "agile", -1) == 0
    assert not changed(session)  # already at zero: nothing changed
    assert [e.id for e in session.advice] == ["agile"]


def test_set_priorities_copies_and_only_touches_on_change(session: Session) -> None:
    order = ["tidligt", "agile"]
    ops.set_priorities(session, order)
    assert session.priorities.order == ["tidligt", "agile"] and changed(session)
    order.append("rammer")
    assert session.priorities.order == ["tidligt", "agile"]  # a copy, not the caller's list
    session.session.updated = CREATED
    ops.set_priorities(session, ["tidligt", "agile"])
    assert not changed(session)


def test_set_priorities_keeps_the_order_given(session: Session) -> None:
    ops.set_priorities(session, ["agile", "tidligt", "agile"])
    # the domain stores what it is given; the prioritise screen never repeats an id
    assert session.priorities.order == ["agile", "tidligt", "agile"]


# --- cells -------------------------------------------------------------------------------


def test_set_and_clear_a_cell(session: Session) -> None:
    assert ops.set_cell(session, "ledere", "hvad", "Skabe klarhed") is True
    assert session.roles.rows[0].cells == {"hvad": "Skabe klarhed"}
    assert changed(session)
    session.session.updated = CREATED
    assert ops.set_cell(session, "ledere", "hvad", "Skabe klarhed") is False
    assert not changed(session)
    assert ops.set_cell(session, "ledere", "hvad", "") is True
    assert session.roles.rows[0].cells == {}  # an empty cell is left out, not kept as ""
    assert ops.set_cell(session, "ledere", "hvad", "") is False


def test_a_cell_in_an_unknown_row_is_refused(session: Session) -> None:
    assert ops.set_cell(session, "findes-ikke", "hvad", "x") is False
    assert all(r.cells == {} for r in session.roles.rows) and not changed(session)


# --- rows and columns --------------------------------------------------------------------


@pytest.mark.parametrize(("axis", "ids"), [("row", PACK_ROWS), ("column", PACK_COLUMNS)])
def test_index_of(session: Session, axis: ops.Axis, ids: list[str]) -> None:
    assert ops.index_of(session, axis, ids[0]) == 0
    assert ops.index_of(session, axis, ids[-1]) == len(ids) - 1
    assert ops.index_of(session, axis, "findes-ikke") is None


def test_add_a_row_at_the_end_or_at_a_place(session: Session) -> None:
    row = ops.add(session, "row", "Projektleder")
    assert isinstance(row, Row) and (row.id, row.name, row.cells) == (
        "projektleder",
        "Projektleder",
        {},
    )
    assert row_ids(session) == [*PACK_ROWS, "projektleder"] and changed(session)
    first = ops.add(session, "row", "IT-afdelingen", at=0)
    assert first.id == "it-afdelingen" and row_ids(session)[0] == "it-afdelingen"
    ops.add(session, "row", "Langt ude", at=99)
    assert row_ids(session)[-1] == "langt-ude"
    ops.add(session, "row", "Før alle", at=-3)
    assert row_ids(session)[0] == "foer-alle"


def test_a_third_column_with_the_same_title_gets_a_distinct_id(session: Session) -> None:
    first = ops.add(session, "column", "Budget")
    second = ops.add(session, "column", "Budget")
    third = ops.add(session, "column", "Budget")
    assert isinstance(third, Column)
    assert [first.id, second.id, third.id] == ["budget", "budget-2", "budget-3"]
    assert [c.title for c in session.roles.columns][-3:] == ["Budget"] * 3


def test_a_label_with_no_letters_gets_the_axis_fallback_id(session: Session) -> None:
    assert ops.add(session, "row", "???").id == "rolle"
    assert ops.add(session, "row", "!!").id == "rolle-2"
    assert ops.add(session, "column", "").id == "kolonne"


def test_rename_a_row_and_a_column(session: Session) -> None:
    ops.rename(session, "row", "ledere", "Ledelsen")
    ops.rename(session, "column", "hvad", "Opgave")
    assert session.roles.rows[0].name == "Ledelsen"
    assert session.roles.rows[0].id == "ledere"  # the id stays: cells point at it
    assert session.roles.columns[0].title == "Opgave" and session.roles.columns[0].id == "hvad"
    assert changed(session)


def test_rename_to_the_same_label_or_an_unknown_id_changes_nothing(session: Session) -> None:
    ops.rename(session, "row", "ledere", "Ledere")
    ops.rename(session, "column", "findes-ikke", "x")
    assert not changed(session)
    assert session.roles.columns[0].title == "Hvad"


@pytest.mark.parametrize(("axis", "ids"), [("row", PACK_ROWS), ("column", PACK_COLUMNS)])
def test_move_within_the_table(session: Session, axis: ops.Axis, ids: list[str]) -> None:
    assert ops.move(session, axis, ids[0], 1) == 1
    order = row_ids(session) if axis == "row" else column_ids(session)
    assert order == [ids[1], ids[0], *ids[2:]]
    assert changed(session)
    assert ops.move(session, axis, ids[0], -1) == 0
    order = row_ids(session) if axis == "row" else column_ids(session)
    assert order == ids


@pytest.mark.parametrize(("axis", "ids"), [("row", PACK_ROWS), ("column", PACK_COLUMNS)])
def test_moving_past_either_end_stops_there(
    session: Session, axis: ops.Axis, ids: list[str]
) -> None:
    assert ops.move(session, axis, ids[0], -1) == 0  # already first: stays, no change
    assert ops.move(session, axis, ids[-1], 1) == len(ids) - 1  # already last
    assert not changed(session)
    assert ops.move(session, axis, ids[1], -10) == 0  # far past the start: to the start
    order = row_ids(session) if axis == "row" else column_ids(session)
    assert order == [ids[1], ids[0], *ids[2:]]
    assert ops.move(session, axis, ids[1], 10) == len(ids) - 1
    order = row_ids(session) if axis == "row" else column_ids(session)
    assert order == [ids[0], *ids[2:], ids[1]]


def test_moving_an_unknown_id_is_none(session: Session) -> None:
    assert ops.move(session, "row", "findes-ikke", 1) is None
    assert ops.move(session, "column", "findes-ikke", -1) is None
    assert not changed(session)


def test_removing_a_column_clears_its_text_from_every_row(session: Session) -> None:
    ops.set_cell(session, "ledere", "hvad", "a")
    ops.set_cell(session, "andre", "hvad", "b")
    ops.set_cell(session, "andre", "status", "c")
    gone = ops.remove(session, "column", "hvad")
    assert isinstance(gone, Column) and (gone.id, gone.title) == ("hvad", "Hvad")
    assert column_ids(session) == PACK_COLUMNS[1:]
    assert session.roles.rows[0].cells == {}
    assert session.roles.rows[-1].cells == {"status": "c"}


def test_removing_a_row_keeps_the_other_rows_cells(session: Session) -> None:
    ops.set_cell(session, "ledere", "hvad", "a")
    ops.set_cell(session, "andre", "hvad", "b")
    session.session.updated = CREATED
    gone = ops.remove(session, "row", "ledere")
    assert isinstance(gone, Row) and gone.cells == {"hvad": "a"}
    assert row_ids(session) == PACK_ROWS[1:] and changed(session)
    assert session.roles.rows[-1].cells == {"hvad": "b"}
    assert column_ids(session) == PACK_COLUMNS


def test_removing_an_unknown_id_is_none_and_no_change(session: Session) -> None:
    assert ops.remove(session, "row", "findes-ikke") is None
    assert ops.remove(session, "column", "findes-ikke") is None
    assert not changed(session)
    assert row_ids(session) == PACK_ROWS and column_ids(session) == PACK_COLUMNS


def test_has_text_ignores_white_space(session: Session) -> None:
    assert not ops.has_text(session, "row", "ledere")
    assert not ops.has_text(session, "column", "hvad")
    ops.set_cell(session, "ledere", "hvad", "  \n\t")
    assert not ops.has_text(session, "row", "ledere")
    assert not ops.has_text(session, "column", "hvad")
    ops.set_cell(session, "andre", "status", " x ")
    assert ops.has_text(session, "row", "andre")
    assert ops.has_text(session, "column", "status")
    assert not ops.has_text(session, "row", "ledere")
    assert not ops.has_text(session, "column", "hvordan")
    assert not ops.has_text(session, "row", "findes-ikke")


def test_label_of() -> None:
    assert ops.label_of(Row(id="a", name="Navn")) == "Navn"
    assert ops.label_of(Column(id="b", title="Titel")) == "Titel"


# --- ids ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "taken", "expected"),
    [
        ("Hvornår?", set(), "hvornaar"),
        ("Æbler og Øl på Ærø", set(), "aebler-og-oel-paa-aeroe"),
        ("  Café  ", set(), "cafe"),
        ("IT-afdelingen", {"it-afdelingen"}, "it-afdelingen-2"),
        ("x", {"x", "x-2"}, "x-3"),
        ("---", set(), "fb"),
        ("a" * 50, set(), "a" * 40),
        ("Snake_case & mere", set(), "snake-case-mere"),
    ],
)
def test_slugify(text: str, taken: set[str], expected: str) -> None:
    assert ops.slugify(text, taken, "fb") == expected


def test_slugify_default_fallback() -> None:
    assert ops.slugify("", set()) == "x"
    assert ops.slugify("", {"x"}) == "x-2"


def test_touch_records_the_time(session: Session) -> None:
    when = datetime(2027, 1, 2, 3, 4, 5, tzinfo=CET)
    ops.touch(session, when)
    assert session.session.updated == when
    ops.touch(session)
    assert session.session.updated == CHANGED


def test_ensure_entry_appends_once(session: Session) -> None:
    first = ops.ensure_entry(session, "agile")
    again = ops.ensure_entry(session, "agile")
    assert first is again and (first.votes, first.notes) == (0, "")
    assert [e.id for e in session.advice] == ["agile"]
