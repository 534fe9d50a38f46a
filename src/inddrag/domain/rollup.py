"""The plenary's roll-up: several groups' sessions side by side, and one combined ranking.

A union workshop runs groups in parallel, each with its own team session; the plenary
wants one overview. :func:`check_groups` refuses what cannot be rolled up (a prep file,
groups made with other packs or in other languages, the same file twice), naming every
file; :func:`rollup` counts; :func:`rollup_report` renders it for every format.

**Each group's order** is its team's ``[priorities] order``. A group that set no order
but voted counts with its advice by votes (most first, ties in pack order), and that is
said. A group with neither ranked nothing: it is left out of the combined ranking and
named.

**The combined ranking** is a Borda count over the groups' orders: with N advice (the
pack's, or the longest order if one is longer), a group's 1st place earns N points, its
2nd N − 1 and so on; advice a group did not place earns 0 from it. Advice with equal
points share a rank (“1.”, “1.”, “3.”) and are listed in pack order among themselves,
ids the pack does not know after the pack's advice with the same points.

**Where the groups disagree** (:func:`splits`) is the preparation's rule
(:func:`inddrag.domain.aggregate.split`) applied to the groups' places: among the groups
that placed an advice, one has it in the top third and one in the bottom third, or their
places are at least half the list apart. A group that did not place it is shown beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inddrag.domain.aggregate import split
from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems, Problem, display_path, problem
from inddrag.domain.export.escape import one_line
from inddrag.domain.paths import path_key
from inddrag.domain.session import Session

TOP_PLACES = 5
"""How many places of each group's order the side-by-side table shows."""


@dataclass(frozen=True)
class Group:
    """One group's session and the order it counts with."""

    path: Path
    name: str
    session: Session
    order: tuple[str, ...]
    by_votes: bool
    """The group set no order; its advice by votes is used."""


@dataclass(frozen=True)
class Ranked:
    """One advice in the combined ranking."""

    id: str
    points: int
    groups: int
    """How many groups placed it."""
    places: tuple[int | None, ...]
    """Its place in each group's order, in the order of the groups."""
    rank: int


@dataclass(frozen=True)
class Rollup:
    """The groups, the combined ranking, and what it was counted from."""

    groups: tuple[Group, ...]
    ranking: tuple[Ranked, ...]
    size: int
    """N: the points a 1st place earns."""

    @property
    def unranked(self) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if not g.order)

    @property
    def date(self) -> date | None:
        """The latest meeting date among the groups."""
        dates = [d for g in self.groups if (d := g.session.meeting_date) is not None]
        return max(dates) if dates else None


@dataclass(frozen=True)
class GroupSplit:
    """An advice the groups placed far apart (see the module docstring)."""

    item: Ranked
    best: int
    worst: int
    unranked: int
    """How many of the groups that ranked something did not place it."""

    @property
    def gap(self) -> int:
        return self.worst - self.best


def splits(result: Rollup) -> list[GroupSplit]:
    """The advice the groups placed far apart, furthest apart first, then by rank."""
    ranking = sum(1 for g in result.groups if g.order)
    found: list[GroupSplit] = []
    for item in result.ranking:
        apart = split(item.places, result.size)
        if apart is not None:
            found.append(GroupSplit(item, apart[0], apart[1], ranking - item.groups))
    found.sort(key=lambda entry: -entry.gap)  # stable: equal gaps keep the ranking's order
    return found


def check_groups(groups: Sequence[tuple[Path, Session]]) -> None:
    """Refuse groups that cannot be rolled up together, naming every such file."""
    problems: list[Problem] = []
    seen: dict[Path, Path] = {}
    first = groups[0][1] if groups else None
    for path, session in groups:
        resolved = _resolve(path)
        if resolved in seen:
            problems.append(
                problem(path, "rollup.same_file_twice", other=display_path(seen[resolved]))
            )
            continue
        seen[resolved] = path
        if session.kind != "team":
            problems.append(problem(path, "rollup.prep", key="session.kind"))
        elif first is not None and session.content.pack != first.content.pack:
            problems.append(
                problem(
                    path,
                    "rollup.other_pack",
                    key="content.pack",
                    found=session.content.pack,
                    expected=first.content.pack,
                    first=display_path(groups[0][0]),
                )
            )
        elif first is not None and session.content.language != first.content.language:
            problems.append(
                problem(
                    path,
                    "rollup.other_language",
                    key="content.language",
                    found=session.content.language,
                    expected=first.content.language,
                    first=display_path(groups[0][0]),
                )
            )
    if problems:
        raise FileProblems(problems)


def group_order(session: Session, pack: ContentPack | None) -> tuple[tuple[str, ...], bool]:
    """The group's order and whether it comes from its votes (see the module docstring)."""
    order = tuple(dict.fromkeys(session.priorities.order))
    if order:
        return order, False
    pack_index = {a.id: n for n, a in enumerate(pack.advice)} if pack is not None else {}
    voted = [entry for entry in session.advice if entry.votes > 0]
    voted.sort(key=lambda e: (-e.votes, pack_index.get(e.id, len(pack_index))))
    return tuple(entry.id for entry in voted), bool(voted)


def group_names(groups: Sequence[tuple[Path, Session]]) -> list[str]:
    """What each group is called: its team, else its title, else its file; made distinct."""
    names = [one_line(s.session.team) or one_line(s.session.title) or p.stem for p, s in groups]
    counts = {name: names.count(name) for name in names}
    return [
        f"{name} ({path.name})" if counts[name] > 1 else name
        for name, (path, _) in zip(names, groups, strict=True)
    ]


def rollup(groups: Sequence[tuple[Path, Session]], pack: ContentPack | None) -> Rollup:
    """Count the groups (call :func:`check_groups` first)."""
    built: list[Group] = []
    for (path, session), name in zip(groups, group_names(groups), strict=True):
        order, by_votes = group_order(session, pack)
        built.append(Group(path, name, session, order, by_votes))
    ids: dict[str, None] = {}
    if pack is not None:
        ids.update((a.id, None) for a in pack.advice)
    for group in built:
        ids.update((i, None) for i in group.order)
    longest = max((len(g.order) for g in built), default=0)
    size = max(len(pack.advice) if pack is not None else len(ids), longest)
    rows: list[tuple[int, int, str, int, tuple[int | None, ...]]] = []
    for index, advice_id in enumerate(ids):
        places = tuple(
            (g.order.index(advice_id) + 1) if advice_id in g.order else None for g in built
        )
        points = sum(size - p + 1 for p in places if p is not None)
        placed = sum(1 for p in places if p is not None)
        rows.append((-points, index, advice_id, placed, places))
    rows.sort()
    ranking: list[Ranked] = []
    rank, previous = 0, None
    for position, (negative, _, advice_id, placed, places) in enumerate(rows, start=1):
        if negative != previous:
            rank, previous = position, negative
        ranking.append(Ranked(advice_id, -negative, placed, places, rank))
    return Rollup(groups=tuple(built), ranking=tuple(ranking), size=size)


def _resolve(path: Path) -> Path:
    return Path(path_key(path))  # macOS: NFC and NFD of one name are one file
