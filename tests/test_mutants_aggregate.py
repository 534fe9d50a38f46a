"""Tests written for survivors of mutmut on domain/aggregate.py (docs/testing.md,
"Mutation testing"). Expected values are written out, never computed by the product."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from inddrag.domain.aggregate import aggregate, disagreements, placements, split, third
from inddrag.domain.content import ContentPack
from inddrag.domain.session import PrepInput, Session, new_session

WHEN = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))


def team_with(pack: ContentPack, *orders: Sequence[str]) -> Session:
    session = new_session(pack, "team", when=WHEN)
    for index, order in enumerate(orders):
        session.inputs.append(
            PrepInput(participant=f"Person {index + 1}", merged=WHEN, order=list(order))
        )
    return session


def test_a_third_of_a_short_list_is_one_place() -> None:
    """Guards ``max(1, size // 3)``: a list of 2 to 5 has a top third of one place."""
    assert [third(size) for size in (0, 1, 2, 5, 6, 10)] == [1, 1, 1, 1, 2, 3]


def test_places_two_and_four_of_five_are_no_split() -> None:
    """Guards the top third of a list of 5 (one place): 2nd and 4th are neither top nor
    bottom third, and 2 apart is less than half of 5."""
    assert split([2, 4], 5) is None
    assert split([1, 5], 5) == (1, 5)


def test_disagreements_count_with_the_pack_when_not_given_counts(da_pack: ContentPack) -> None:
    """Guards ``aggregate(session, pack)`` inside :func:`disagreements`: with the pack the
    list is 10 long, and 1st against 2nd is no split; counted without the pack it would be
    a list of 2, where it is."""
    session = team_with(da_pack, ["tidligt", "rammer"], ["rammer", "tidligt"])
    assert disagreements(session, da_pack) == []
    # Without a pack the list is the two ids mentioned, and 1st vs 2nd is a split.
    found = disagreements(session, None)
    assert [(d.score.id, d.best, d.worst) for d in found] == [("tidligt", 1, 2), ("rammer", 1, 2)]


def test_disagreements_use_the_counts_they_are_given(da_pack: ContentPack) -> None:
    """Guards ``counts if counts is not None``: the caller's counts (here with the pack,
    a list of 10) are used, not a new count (here without a pack, a list of 2)."""
    session = team_with(da_pack, ["tidligt", "rammer"], ["rammer", "tidligt"])
    assert disagreements(session, None, counts=aggregate(session, da_pack)) == []


def test_the_edges_of_the_top_and_bottom_thirds() -> None:
    """Guards ``best <= cut and worst > size - cut``: of 12 places the top third is 1-4
    and the bottom third 9-12; 4th against 9th is a split though only 5 apart (less than
    half of 12), 4th against 8th is not."""
    assert split([4, 9], 12) == (4, 9)
    assert split([9, 4, None], 12) == (4, 9)
    assert split([4, 8], 12) is None
    assert split([5, 9], 12) is None


def test_anonymous_inputs_that_left_an_advice_out_come_last(da_pack: ContentPack) -> None:
    """Guards ``(p is None, p or 0)`` in :func:`placements`: among the nameless, those who
    did not rank the advice come after those who did, whatever the merge order."""
    session = team_with(da_pack, ["rammer"], ["tidligt", "agile"], ["agile"], ["rammer"])
    for item in session.inputs:
        item.participant = ""
    assert placements(session, "agile") == [("", 1), ("", 2), ("", None), ("", None)]
