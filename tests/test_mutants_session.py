"""Tests written for survivors of mutmut on domain/session.py (docs/testing.md,
"Mutation testing"). Expected values are written out, never computed by the product."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from inddrag.domain import session as ops
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session

WHEN = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def session(da_pack: ContentPack) -> Session:
    return new_session(da_pack, "team", when=WHEN)


def test_set_details_says_whether_anything_changed(session: Session) -> None:
    """Guards both answers of :func:`ops.set_details`: ``True`` when a detail changed (and
    the session was touched), ``False`` when all four were already so (and not touched)."""
    assert ops.set_details(session, "Møde", "Team A", "Eva", ["Bo", "Ida"]) is True
    info = session.session
    assert (info.title, info.team, info.facilitator, info.participants) == (
        "Møde",
        "Team A",
        "Eva",
        ["Bo", "Ida"],
    )
    assert info.updated != WHEN
    info.updated = WHEN
    assert ops.set_details(session, "Møde", "Team A", "Eva", ["Bo", "Ida"]) is False
    assert info.updated == WHEN


def test_a_session_without_meetings_reports_no_change_of_clock(da_pack: ContentPack) -> None:
    """Guards ``return False`` of :func:`ops.set_clock` for a session without meetings: it
    keeps no clock, so nothing changed (and nothing needs saving). ``new_session`` gives
    every session a meeting, so the meetings are taken out here."""
    prep = new_session(da_pack, "prep", when=WHEN)
    prep.meetings.clear()
    assert ops.set_clock(prep, 90, {"tidligt": 30}, 5) is False
    assert ops.clock_of(prep) == (0, {}, None)


def test_an_advice_with_one_whole_second_keeps_it(session: Session) -> None:
    """Guards ``int(value) > 0`` in :func:`ops.set_clock`: one whole second is kept, less
    than a second is left out; the seconds are cut to whole ones."""
    assert ops.set_clock(session, 5.9, {"tidligt": 1.7, "rammer": 0.9}, None) is True
    assert ops.clock_of(session) == (5, {"tidligt": 1}, None)


def test_a_clock_under_a_second_is_kept_as_zero(session: Session) -> None:
    """Guards ``max(0, int(seconds))`` in :func:`ops.set_clock`: under a second is 0 (and
    a negative reading is 0 too), not 1."""
    ops.set_clock(session, 0.4, {}, 5)
    assert ops.clock_of(session) == (0, {}, 5)
    ops.set_clock(session, -3, {}, 5)
    assert ops.clock_of(session) == (0, {}, 5)
