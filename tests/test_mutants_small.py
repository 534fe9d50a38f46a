"""Small domain modules (``places``, ``hosts``), pinned down where mutation testing found
the suite silent (docs/testing.md, "Mutation testing"). Expected values are written out."""

from __future__ import annotations

from inddrag.domain.hosts import is_loopback
from inddrag.domain.places import vote_places


def test_advice_without_votes_come_after_those_with_votes() -> None:
    assert vote_places(["a", "b"], {"b": 1}) == {"b": "1", "a": "2"}


def test_two_tied_advice_share_a_place_marked_equal() -> None:
    assert vote_places(["a", "b", "c"], {"a": 2, "b": 2}) == {"a": "1=", "b": "1=", "c": "3"}
    assert vote_places(["a", "b"], {}) == {"a": "1=", "b": "1="}


def test_only_brackets_are_taken_off_an_address() -> None:
    assert is_loopback("[::1]") is True
    assert is_loopback("X127.0.0.1") is False
    assert is_loopback("127.0.0.1X") is False
