"""``domain/rollup.py``: what the roll-up checks and counts, pinned down where mutation
testing found the suite silent (docs/testing.md, "Mutation testing"). Expected values are
written out; each test says what it guards.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems, Problem
from inddrag.domain.rollup import (
    Group,
    Ranked,
    Rollup,
    check_groups,
    group_names,
    group_order,
    rollup,
    splits,
)
from inddrag.domain.session import Session, add_votes, new_session

WHEN = datetime(2026, 11, 26, 13, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # file names in problems are shown relative to here


def team(pack: ContentPack, name: str = "Gruppe") -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.team = name
    return session


def refused(groups: list[tuple[Path, Session]]) -> list[Problem]:
    with pytest.raises(FileProblems) as info:
        check_groups(groups)
    return info.value.problems


def test_no_groups_and_one_group_are_accepted(da_pack: ContentPack) -> None:
    assert check_groups([]) is None
    assert check_groups([(Path("a.toml"), team(da_pack))]) is None


def test_a_group_made_with_another_pack_is_named_with_both_packs(da_pack: ContentPack) -> None:
    other = team(da_pack)
    other.content.pack = "andet-forloeb"
    problems = refused([(Path("a.toml"), team(da_pack)), (Path("b.toml"), other)])
    assert problems == [
        Problem(
            file="b.toml",
            code="rollup.other_pack",
            key="content.pack",
            params={
                "found": "andet-forloeb",
                "expected": "ti-gode-raad",
                "first": "a.toml",
            },
        )
    ]


def test_a_group_in_another_language_names_the_first_groups_language(
    da_pack: ContentPack, en_pack: ContentPack
) -> None:
    english = team(en_pack)
    english.content.pack = team(da_pack).content.pack  # the same pack, another language
    problems = refused([(Path("a.toml"), team(da_pack)), (Path("b.toml"), english)])
    assert [(p.file, p.code, p.key, dict(p.params)) for p in problems] == [
        (
            "b.toml",
            "rollup.other_language",
            "content.language",
            {"found": "en", "expected": "da", "first": "a.toml"},
        )
    ]


def test_the_same_file_twice_names_both_and_the_check_goes_on(da_pack: ContentPack) -> None:
    prep = new_session(da_pack, "prep", when=WHEN)
    Path("sub").mkdir()
    problems = refused(
        [
            (Path("a.toml"), team(da_pack)),
            (Path("sub/../a.toml"), team(da_pack)),
            (Path("c.toml"), prep),
        ]
    )
    assert [(p.file, p.code, p.key, dict(p.params)) for p in problems] == [
        ("a.toml", "rollup.same_file_twice", "", {"other": "a.toml"}),
        ("c.toml", "rollup.prep", "session.kind", {}),
    ]


def test_votes_order_ties_by_the_pack_and_unknown_ids_last(da_pack: ContentPack) -> None:
    session = team(da_pack)
    for advice_id in ("egen", "tidligt", "konsekvenser", "rammer"):  # not in pack order
        add_votes(session, advice_id, 1)
    add_votes(session, "rammer", -1)  # back to no votes: not in the order
    add_votes(session, "agile", 2)
    assert group_order(session, da_pack) == (("agile", "konsekvenser", "tidligt", "egen"), True)
    # Without the pack, ties keep the order the votes were first given in.
    assert group_order(session, None) == (("agile", "egen", "tidligt", "konsekvenser"), True)


def test_a_group_without_team_is_called_by_its_title_else_its_file(da_pack: ContentPack) -> None:
    titled = team(da_pack, "")
    titled.session.title = "Workshop om vagtplaner"
    bare = team(da_pack, "")
    bare.session.title = ""
    assert group_names([(Path("a.toml"), titled), (Path("b.toml"), bare)]) == [
        "Workshop om vagtplaner",
        "b",
    ]


def test_splits_come_furthest_apart_first(da_pack: ContentPack) -> None:
    session = team(da_pack)
    groups = tuple(Group(Path(f"{n}.toml"), n, session, ("x",), False) for n in "abc")
    near = Ranked("near", 10, 2, (1, 6, None), 1)  # 5 apart
    far = Ranked("far", 9, 3, (1, 10, 4), 2)  # 9 apart
    result = Rollup(groups=groups, ranking=(near, far), size=10)
    found = splits(result)
    assert [(s.item.id, s.best, s.worst, s.gap, s.unranked) for s in found] == [
        ("far", 1, 10, 9, 0),
        ("near", 1, 6, 5, 1),
    ]


def test_groups_with_the_same_name_are_told_apart_by_their_file(da_pack: ContentPack) -> None:
    groups = [
        (Path("a.toml"), team(da_pack, "Gruppe")),
        (Path("b.toml"), team(da_pack, "Gruppe")),
        (Path("c.toml"), team(da_pack, "Plejen")),
    ]
    assert group_names(groups) == ["Gruppe (a.toml)", "Gruppe (b.toml)", "Plejen"]


def test_the_rollup_counts_with_the_packs_tie_order_its_size_and_the_paths(
    da_pack: ContentPack,
) -> None:
    voted = team(da_pack, "Stemt")
    for advice_id in ("tidligt", "konsekvenser"):  # equal votes, not in pack order
        add_votes(voted, advice_id, 1)
    own = team(da_pack, "Egen")
    own.priorities.order = ["egen"]  # an id the pack does not know
    result = rollup([(Path("a.toml"), voted), (Path("b.toml"), own)], da_pack)
    assert [(g.path, g.order, g.by_votes) for g in result.groups] == [
        (Path("a.toml"), ("konsekvenser", "tidligt"), True),
        (Path("b.toml"), ("egen",), False),
    ]
    assert result.size == 10  # the pack's advice, not the 11 ids seen
    assert [(r.id, r.points, r.rank) for r in result.ranking[:3]] == [
        ("konsekvenser", 10, 1),
        ("egen", 10, 1),
        ("tidligt", 9, 3),
    ]


def test_without_a_pack_the_size_is_the_ids_seen_and_no_groups_count_nothing(
    da_pack: ContentPack,
) -> None:
    one = team(da_pack, "En")
    one.priorities.order = ["b", "a"]
    other = team(da_pack, "To")
    other.priorities.order = ["c"]
    result = rollup([(Path("a.toml"), one), (Path("b.toml"), other)], None)
    assert result.size == 3
    assert [(r.id, r.points, r.places) for r in result.ranking] == [
        ("b", 3, (1, None)),
        ("c", 3, (None, 1)),
        ("a", 2, (2, None)),
    ]
    assert rollup([], None).size == 0
    assert rollup([], da_pack).size == 10
    assert rollup([], da_pack).ranking[0].points == 0
