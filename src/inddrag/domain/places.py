"""Places by votes: the ranking the prioritise step and the projector show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def vote_places(ids: Sequence[str], votes: Mapping[str, int]) -> dict[str, str]:
    """Competition ranking by votes, ties sharing a place marked ``=``.

    ``{"a": "1", "b": "2=", "c": "2=", "d": "4"}`` for votes 5, 3, 3, 1. Advice without
    votes count as 0; the order of ``ids`` breaks no tie (ties share the place)."""
    ordered = sorted(ids, key=lambda i: -votes.get(i, 0))
    first_at: dict[int, int] = {}
    count: dict[int, int] = {}
    for position, advice_id in enumerate(ordered, start=1):
        value = votes.get(advice_id, 0)
        first_at.setdefault(value, position)
        count[value] = count.get(value, 0) + 1
    places: dict[str, str] = {}
    for advice_id in ordered:
        value = votes.get(advice_id, 0)
        place = str(first_at[value])
        places[advice_id] = f"{place}=" if count[value] > 1 else place
    return places
