"""What the team brought from its preparation: merged rankings, counted and compared.

Each ``[[inputs]]`` table of a team session is one person's ranking (``order``, most
important first) and notes. :func:`aggregate` counts the rankings with a Borda count:
with N advice, the first place in a person's order earns N points, the second N − 1 and so
on; advice the person did not place earns 0. Advice with equal points share a rank
(“1.”, “1.”, “3.”) and keep the pack's order among themselves. The spread of an advice is
the (population) standard deviation of the places it was given.

N is the number of advice in the pack, or the length of the longest ranking if someone
ranked more (ids the pack does not know); without a pack it is the number of distinct
advice ids the session and its inputs mention. Ids the pack does not know are kept and
shown by their id, never dropped.

:func:`disagreements` finds the advice people placed far apart, by one rule
(:func:`split`, written out for facilitators in docs/merge.md): among those who ranked it
(at least two), someone has it in the top third of the list and someone in the bottom
third, or the best and the worst place are at least half the list apart. Not ranking an
advice is not ranking it low; how many left it out is a fact shown beside it. The roll-up
uses the same rule between groups.
:func:`placements` says where each person put an advice. Everything here is counting,
linear in the total length of the inputs; :mod:`inddrag.domain.export` renders the result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session

TOP = 3
"""How many places count as “the top” (the top-three counts)."""
SHOWN_SPLITS = 5
"""How many disagreements a summary lists before “og N mere”."""


@dataclass(frozen=True)
class AdviceScore:
    """The merged figures for one advice."""

    id: str
    number: int | None
    """1-based position in the pack; ``None`` for an id the pack does not know."""
    title: str
    """The pack's title, or the id itself when the pack does not know it."""
    known: bool
    points: int
    ranked: int
    """How many people placed it in their order."""
    top: int
    """How many people placed it in their top three."""
    mean_position: float | None
    """Mean place among those who ranked it (1 = first); ``None`` when nobody did."""
    spread: float | None
    """Standard deviation of those places; ``None`` when nobody ranked it."""
    rank: int
    """Shared competition rank by points (“1.”, “1.”, “3.”)."""


@dataclass(frozen=True)
class Disagreement:
    """How far apart the places are among those who ranked one advice."""

    score: AdviceScore
    best: int
    """The highest place anyone gave it (1 = first)."""
    worst: int
    """The lowest place anyone gave it."""
    unranked: int
    """How many did not rank it at all (not counted as ranking it low)."""

    @property
    def gap(self) -> int:
        """``worst − best``: 0 when everyone who ranked it agreed on the place."""
        return self.worst - self.best


@dataclass(frozen=True)
class PrepAggregate:
    """All advice scored, best first, and what the count was based on."""

    scores: tuple[AdviceScore, ...]
    size: int
    """N: the points the first place earns."""
    inputs: int
    """How many preparations were counted."""
    anonymous: int
    """How many of them were merged without a name."""
    participants: tuple[str, ...]
    """The names of those merged with one, in merge order."""

    def score(self, advice_id: str) -> AdviceScore | None:
        for item in self.scores:
            if item.id == advice_id:
                return item
        return None


@dataclass
class _Tally:
    id: str
    order_index: int
    points: int = 0
    ranked: int = 0
    top: int = 0
    pos_sum: int = 0
    pos_sq_sum: int = 0


def _ranking(order: Iterable[str]) -> list[str]:
    """A person's order with repeated ids counted once (at their first place)."""
    seen: set[str] = set()
    out: list[str] = []
    for advice_id in order:
        if advice_id not in seen:
            seen.add(advice_id)
            out.append(advice_id)
    return out


def advice_ids(session: Session, pack: ContentPack | None) -> list[str]:
    """Every advice id to show: the pack's, in pack order, then any others in first mention.

    Without a pack, the ids the session itself mentions (its advice, its priorities, its
    inputs' orders and notes) in the order they first appear.
    """
    ids: dict[str, None] = {}
    if pack is not None:
        ids.update((a.id, None) for a in pack.advice)
    else:
        ids.update((e.id, None) for e in session.advice)
        ids.update((i, None) for i in session.priorities.order)
    for item in session.inputs:
        ids.update((i, None) for i in item.order)
        ids.update((i, None) for i in item.notes)
    return list(ids)


def aggregate(session: Session, pack: ContentPack | None) -> PrepAggregate:
    """Count the inputs of ``session`` (see the module docstring for the rule)."""
    rankings = [_ranking(item.order) for item in session.inputs]
    ids = advice_ids(session, pack)
    longest = max((len(r) for r in rankings), default=0)
    size = max(len(pack.advice), longest) if pack is not None else len(ids)
    tallies = {advice_id: _Tally(advice_id, index) for index, advice_id in enumerate(ids)}
    for ranking in rankings:
        for place, advice_id in enumerate(ranking, start=1):
            tally = tallies[advice_id]
            tally.points += size - place + 1
            tally.ranked += 1
            tally.top += place <= TOP
            tally.pos_sum += place
            tally.pos_sq_sum += place * place
    pack_index = {a.id: (n, a.title) for n, a in enumerate(pack.advice, start=1)} if pack else {}
    ordered = sorted(tallies.values(), key=lambda x: (-x.points, x.order_index))
    scores: list[AdviceScore] = []
    rank = 0
    previous: int | None = None
    for index, tally in enumerate(ordered, start=1):
        if tally.points != previous:
            rank, previous = index, tally.points
        scores.append(_score(tally, pack_index, rank))
    names = tuple(item.participant for item in session.inputs if item.participant)
    return PrepAggregate(
        scores=tuple(scores),
        size=size,
        inputs=len(session.inputs),
        anonymous=len(session.inputs) - len(names),
        participants=names,
    )


def _score(tally: _Tally, pack_index: dict[str, tuple[int, str]], rank: int) -> AdviceScore:
    number, title = pack_index.get(tally.id, (None, tally.id))
    mean: float | None = None
    spread: float | None = None
    if tally.ranked:
        mean = tally.pos_sum / tally.ranked
        variance = max(0.0, tally.pos_sq_sum / tally.ranked - mean * mean)
        spread = math.sqrt(variance)
    return AdviceScore(
        id=tally.id,
        number=number,
        title=title,
        known=number is not None,
        points=tally.points,
        ranked=tally.ranked,
        top=tally.top,
        mean_position=mean,
        spread=spread,
        rank=rank,
    )


def placements(session: Session, advice_id: str) -> list[tuple[str, int | None]]:
    """(name, place) for each input: where each person put ``advice_id`` (None: not ranked).

    Anonymous inputs have the name ``""``; their entries come last, sorted by place (the
    unranked after the rest), so their order reveals nothing about who is who.
    """
    named: list[tuple[str, int | None]] = []
    nameless: list[int | None] = []
    for item in session.inputs:
        ranking = _ranking(item.order)
        place = ranking.index(advice_id) + 1 if advice_id in ranking else None
        if item.participant:
            named.append((item.participant, place))
        else:
            nameless.append(place)
    nameless.sort(key=lambda p: (p is None, p or 0))
    return named + [("", place) for place in nameless]


def third(size: int) -> int:
    """How many places make a third of a list of ``size``: 3 of 10, 2 of 6, at least 1."""
    return max(1, size // 3)


def split(places: Iterable[int | None], size: int) -> tuple[int, int] | None:
    """(best, worst) when ``places`` (1 = first; ``None``: not ranked) are a real split.

    Among the places given (at least two), one is in the top :func:`third` and one in the
    bottom third (places ``size − third + 1`` … ``size``), or the best and the worst are
    at least half the list apart (``2 × (worst − best) ≥ size``). ``None`` otherwise.
    """
    given = [place for place in places if place is not None]
    if len(given) < 2:
        return None
    best, worst = min(given), max(given)
    if best == worst:
        return None
    cut = third(size)
    if (best <= cut and worst > size - cut) or 2 * (worst - best) >= size:
        return best, worst
    return None


def disagreements(
    session: Session,
    pack: ContentPack | None,
    *,
    limit: int | None = None,
    counts: PrepAggregate | None = None,
) -> list[Disagreement]:
    """Every advice the people who ranked it placed far apart (:func:`split`).

    Furthest apart (worst − best place) first; equal gaps by the larger spread, then in
    the order of the scores. ``counts`` is :func:`aggregate` of the same session and pack,
    when the caller has it.
    """
    result = counts if counts is not None else aggregate(session, pack)
    places: dict[str, list[int]] = {}
    for item in session.inputs:
        for place, advice_id in enumerate(_ranking(item.order), start=1):
            places.setdefault(advice_id, []).append(place)
    found: list[tuple[int, float, int, Disagreement]] = []
    for index, score in enumerate(result.scores):
        apart = split(places.get(score.id, []), result.size)
        if apart is None:
            continue
        entry = Disagreement(
            score=score, best=apart[0], worst=apart[1], unranked=result.inputs - score.ranked
        )
        found.append((-entry.gap, -round(score.spread or 0.0, 9), index, entry))
    found.sort(key=lambda x: x[:3])
    entries = [x[3] for x in found]
    return entries if limit is None else entries[:limit]
