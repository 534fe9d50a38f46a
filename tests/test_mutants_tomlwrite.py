"""Tests written for survivors of mutmut on domain/tomlwrite.py (docs/testing.md)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from inddrag.domain import tomlwrite
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.session import PrepInput, new_session


def test_an_inputs_prep_id_is_written() -> None:
    session = new_session(load_pack(bundled_pack_dir("da")), "team")
    merged = datetime(2026, 11, 26, 10, 5, tzinfo=UTC)
    session.inputs.append(PrepInput(participant="Bo", prep_id="abc-123", merged=merged))
    text = tomlwrite.dumps_session(session)
    assert '[[inputs]]\nparticipant = "Bo"\nprep_id = "abc-123"\n' in text


def test_an_offset_with_seconds_is_written_in_utc_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    try:
        value = datetime(2026, 11, 26, 10, 2, tzinfo=timezone(timedelta(hours=1, seconds=30)))
        assert tomlwrite._datetime(value) == "2026-11-26T09:01:30+00:00"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_an_ended_meeting_is_written_with_its_order_votes_and_rows() -> None:
    """What a meeting ended with is what a follow-up compares with: its order, its votes
    and each row with its cells, in this text (a row without cells has no cells table)."""
    from datetime import date

    from inddrag.domain.session import Meeting, Row, Snapshot

    session = new_session(load_pack(bundled_pack_dir("da")))
    ended = Snapshot(
        order=["tidligt", "agile"],
        votes={"agile": 3},
        rows=[
            Row(id="leder", name="Leder", cells={"hvad": "Beslutter"}),
            Row(id="tom", name="Tom"),
        ],
    )
    session.meetings = [
        Meeting(date=date(2026, 11, 26), ended=ended),
        Meeting(date=date(2026, 12, 3)),
    ]
    text = tomlwrite.dumps_session(session)
    assert text[text.index("[[meetings]]") :].startswith(
        "[[meetings]]\ndate = 2026-11-26\n"
        '[meetings.ended]\norder = ["tidligt", "agile"]\n'
        "[meetings.ended.votes]\nagile = 3\n\n"
        '[[meetings.ended.rows]]\nid = "leder"\nname = "Leder"\n'
        '[meetings.ended.rows.cells]\nhvad = "Beslutter"\n\n'
        '[[meetings.ended.rows]]\nid = "tom"\nname = "Tom"\n\n'
        "[[meetings]]\ndate = 2026-12-03\n"
    )


def test_a_value_a_session_never_holds_is_refused_by_its_kind() -> None:
    """Guards ``_literal``'s last line: a value of a kind no session holds (a float) is a
    programming error named by its kind, never written as something else."""
    with pytest.raises(TypeError) as caught:
        tomlwrite.toml_lines({"andel": 0.5})
    assert str(caught.value) == "not written to session files: float"
