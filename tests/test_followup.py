"""Follow-up meetings: start_follow_up, last time's cells, history only of real changes,
and “Siden sidst” in the summary (golden files).

Set ``INDDRAG_UPDATE_GOLDEN=1`` to rewrite the golden files after a deliberate change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain import followup, storage
from inddrag.domain.content import ContentPack
from inddrag.domain.export import to_markdown
from inddrag.domain.export.since import change_records
from inddrag.domain.session import Session, add, add_votes, new_session, remove, set_cell
from tests.conftest import REPO
from tests.test_export import golden

GOLDEN = REPO / "tests" / "golden"
CET = timezone(timedelta(hours=1))
FIRST, SECOND, THIRD = date(2026, 11, 26), date(2027, 2, 10), date(2027, 5, 3)


def meeting_one() -> Session:
    """The golden v1 session, as a team would reopen it months later."""
    return storage.load_session(GOLDEN / "session-da.toml")


def follow_up_session() -> Session:
    """Two follow-ups: the first changes things, the second goes on now."""
    session = meeting_one()
    assert followup.start_follow_up(session, SECOND)
    set_cell(session, "ledere", "status", "System i drift fra 1. marts")
    set_cell(session, "medarbejdere", "hvornaar", "Hver 14. dag")  # the same: no change
    set_cell(session, "medarbejdere", "status", "midlertidigt")  # undone below: no change
    set_cell(session, "medarbejdere", "status", "")
    add(session, "row", "Projektgruppen")
    remove(session, "row", "superbrugere")
    session.priorities.order = ["tidligt", "konsekvenser", "rammer"]
    add_votes(session, "konsekvenser", 2)
    assert followup.start_follow_up(session, THIRD)
    set_cell(session, "projektgruppen", "hvad", "Følge op | hver måned")
    session.session.updated = datetime(2027, 5, 3, 14, 0, tzinfo=CET)
    return session


def test_starting_a_follow_up_keeps_how_the_last_meeting_ended() -> None:
    session = meeting_one()
    assert followup.last_time(session, "ledere", "status") is None  # no last time yet
    assert followup.start_follow_up(session, SECOND)
    assert [m.date for m in session.meetings] == [FIRST, SECOND]
    assert session.meeting_date == SECOND
    ended = session.meetings[0].ended
    assert ended is not None and ended.order == ["konsekvenser", "lokalt-raad", "tidligt"]
    assert ended.votes == {"konsekvenser": 3, "tidligt": 1, "lokalt-raad": 2}
    set_cell(session, "ledere", "status", "Nyt")
    assert followup.last_time(session, "ledere", "status") == (
        "Møde med IT aftalt 3. dec.\nOpfølgning i MED | SU"
    )
    assert followup.last_time(session, "ledere", "hvornaar") == ""
    assert followup.last_time(session, "ukendt", "status") is None


def test_a_second_start_on_the_same_day_changes_nothing() -> None:
    session = meeting_one()
    assert followup.start_follow_up(session, SECOND)
    before = session.model_copy(deep=True)
    assert not followup.start_follow_up(session, SECOND)
    assert not followup.start_follow_up(session, FIRST)  # never back in time
    assert session == before


def test_offer_follow_up_only_for_a_team_session_from_an_earlier_day(
    da_pack: ContentPack,
) -> None:
    session = meeting_one()
    assert followup.offer_follow_up(session, SECOND)
    assert not followup.offer_follow_up(session, FIRST)
    prep = new_session(da_pack, "prep")
    assert not followup.offer_follow_up(prep, date(2999, 1, 1))


def test_history_holds_only_real_changes() -> None:
    session = meeting_one()
    followup.start_follow_up(session, SECOND)
    assert followup.history(session)[-1].empty
    set_cell(session, "ledere", "hvad", "Noget andet")
    set_cell(session, "ledere", "hvad", "Skabe klarhed om rammer og roller")  # back again
    add_votes(session, "tidligt", 1)
    add_votes(session, "tidligt", -1)
    session.priorities.order = ["konsekvenser", "lokalt-raad", "tidligt"]  # as it was
    assert followup.history(session)[-1].empty


def test_the_changes_of_each_meeting() -> None:
    session = follow_up_session()
    first, second = followup.history(session)
    assert (first.date, first.since, second.date, second.since) == (SECOND, FIRST, THIRD, SECOND)
    assert [(c.row_id, c.column_id, c.after) for c in first.cells] == [
        ("ledere", "status", "System i drift fra 1. marts")
    ]
    assert [r.id for r in first.rows_added] == ["projektgruppen"]
    assert [r.id for r in first.rows_removed] == ["superbrugere"]
    assert [(p.advice_id, p.before, p.after) for p in first.places] == [
        ("tidligt", 3, 1),
        ("konsekvenser", 1, 2),
        ("rammer", None, 3),
        ("lokalt-raad", 2, None),
    ]
    assert [(v.advice_id, v.before, v.after) for v in first.votes] == [("konsekvenser", 3, 5)]
    assert [(c.row_id, c.before, c.after) for c in second.cells] == [
        ("projektgruppen", "", "Følge op | hver måned")
    ]
    assert not (second.places or second.votes or second.rows_added)


def test_meetings_survive_a_save_and_load(tmp_path: Path) -> None:
    session = follow_up_session()
    path = tmp_path / "møde.toml"
    storage.save_session(session, path)
    again = storage.load_session(path)
    assert again == session
    assert followup.history(again) == followup.history(session)
    golden("followup-da.toml", path.read_bytes())


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_since_last_time(lang: str, da_pack: ContentPack, en_pack: ContentPack) -> None:
    session = follow_up_session()
    pack = da_pack if lang == "da" else en_pack
    text = to_markdown(session, pack, lang)
    golden(f"followup-{lang}.md", text.encode("utf-8"))
    assert ("- **Dato:** 3. maj 2027" if lang == "da" else "- **Date:** 3 May 2027") in text


def test_records_are_plain_text_for_the_spreadsheets(da_pack: ContentPack) -> None:
    records = change_records(follow_up_session(), da_pack, "da")
    assert records[0].meeting == THIRD  # newest meeting first
    kinds = [r.kind for r in records if r.meeting == SECOND]
    assert kinds == ["cell", "row_added", "row_removed", *["place"] * 4, "votes"]
    cell = records[0]
    assert (cell.subject, cell.column, cell.after) == (
        "Projektgruppen",
        "Hvad",
        "Følge op | hver måned",
    )
