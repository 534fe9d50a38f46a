"""merge_preps: preparation into a team session as [[inputs]], without touching files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems
from inddrag.domain.merge import merge_preps
from inddrag.domain.session import PrepInput, Session, new_session, set_cell, set_notes
from inddrag.domain.storage import save_session

TZ = timezone(timedelta(hours=1))
CREATED = datetime(2026, 11, 26, 9, 0, tzinfo=TZ)
FIRST = datetime(2026, 11, 26, 10, 5, 7, 123456, tzinfo=TZ)
LATER = datetime(2026, 11, 26, 11, 0, tzinfo=TZ)


def make_prep(
    pack: ContentPack,
    name: str,
    order: Sequence[str] = (),
    notes: dict[str, str] | None = None,
) -> Session:
    prep = new_session(pack, "prep", when=CREATED)
    prep.session.facilitator = name
    prep.priorities.order = list(order)
    for advice_id, text in (notes or {}).items():
        set_notes(prep, advice_id, text)
    return prep


def make_team(pack: ContentPack) -> Session:
    team = new_session(pack, "team", when=CREATED)
    team.session.title = "Nyt vagtplanssystem"
    team.session.facilitator = "Anna Jensen"
    return team


def test_prep_becomes_an_input_exactly_as_the_contract_says(da_pack: ContentPack) -> None:
    prep = make_prep(
        da_pack,
        "Bo Larsen",
        ["tidligt", "konsekvenser", "usynligt"],
        {"tidligt": "Vi hørte først om systemet ved go-live.\n", "rammer": "", "agile": "   "},
    )
    team = make_team(da_pack)
    result = merge_preps(team, [(Path("bo.toml"), prep)], anonymous=False, when=FIRST)
    assert team.inputs == []  # the team passed in is not changed
    [item] = result.session.inputs
    assert item == PrepInput(
        participant="Bo Larsen",
        prep_id=prep.session.id,
        merged=FIRST.replace(microsecond=0),
        order=["tidligt", "konsekvenser", "usynligt"],
        notes={"tidligt": "Vi hørte først om systemet ved go-live.\n"},  # verbatim, non-empty
    )
    assert result.session.session.updated == FIRST.replace(microsecond=0)
    [outcome] = result.outcomes
    assert (outcome.participant, outcome.notes, outcome.ranked, outcome.replaced) == (
        "Bo Larsen",
        1,
        3,
        False,
    )
    assert result.warnings == []


def test_merging_the_same_person_again_replaces_their_input(da_pack: ContentPack) -> None:
    team = make_team(da_pack)
    bo = make_prep(da_pack, "Bo Larsen", ["tidligt"], {"tidligt": "først"})
    cy = make_prep(da_pack, "Cy", ["agile"])
    first = merge_preps(
        team, [(Path("bo.toml"), bo), (Path("cy.toml"), cy)], anonymous=False, when=FIRST
    ).session
    bo_again = make_prep(da_pack, "  bo   LARSEN ", ["rammer", "tidligt"], {"rammer": "nu"})
    result = merge_preps(first, [(Path("bo2.toml"), bo_again)], anonymous=False, when=LATER)
    assert [i.participant for i in result.session.inputs] == ["bo   LARSEN", "Cy"]
    assert result.session.inputs[0].order == ["rammer", "tidligt"]
    assert result.session.inputs[0].notes == {"rammer": "nu"}
    assert result.session.inputs[0].merged == LATER
    assert result.outcomes[0].replaced
    assert (result.added, result.replaced) == (0, 1)


def test_same_person_twice_in_one_merge_keeps_the_later_and_warns(da_pack: ContentPack) -> None:
    one = make_prep(da_pack, "Bo", ["tidligt"])
    two = make_prep(da_pack, "Bo", ["agile"])
    result = merge_preps(
        make_team(da_pack),
        [(Path("a.toml"), one), (Path("b.toml"), two)],
        anonymous=False,
        when=FIRST,
    )
    assert [i.order for i in result.session.inputs] == [["agile"]]
    assert [w.code for w in result.warnings] == ["merge.same_person_twice"]
    assert "a.toml" in result.warnings[0].sentence("en")


def test_the_same_file_twice_is_merged_once(da_pack: ContentPack, tmp_path: Path) -> None:
    prep = make_prep(da_pack, "", ["tidligt"])
    path = tmp_path / "p.toml"
    result = merge_preps(
        make_team(da_pack), [(path, prep), (path, prep)], anonymous=True, when=FIRST
    )
    assert len(result.session.inputs) == 1
    assert [o.skipped for o in result.outcomes] == [False, True]
    assert [w.code for w in result.warnings] == ["merge.same_file_twice"]


def test_one_file_under_two_names_is_merged_once(da_pack: ContentPack, tmp_path: Path) -> None:
    # A link and the file it points to, and a hard link: the same file, however named.
    prep = make_prep(da_pack, "", ["tidligt"])
    path = tmp_path / "p.toml"
    save_session(prep, path)
    (tmp_path / "link.toml").symlink_to(path)
    os.link(path, tmp_path / "hard.toml")
    names = [path, tmp_path / "link.toml", tmp_path / "sub" / ".." / "hard.toml"]
    (tmp_path / "sub").mkdir()
    result = merge_preps(
        make_team(da_pack), [(name, prep) for name in names], anonymous=True, when=FIRST
    )
    assert [o.skipped for o in result.outcomes] == [False, True, True]
    missing = [(tmp_path / "gone.toml", prep), (tmp_path / "gone.toml", prep)]
    result = merge_preps(make_team(da_pack), missing, anonymous=True, when=FIRST)
    assert [o.skipped for o in result.outcomes] == [False, True]  # no file: by its name


def test_anonymous_leaves_names_out(da_pack: ContentPack) -> None:
    preps = [
        (Path("bo.toml"), make_prep(da_pack, "Bo Larsen", ["tidligt"], {"tidligt": "x"})),
        (Path("cy.toml"), make_prep(da_pack, "Cy Hansen", ["agile"])),
    ]
    result = merge_preps(make_team(da_pack), preps, anonymous=True, when=FIRST)
    assert [i.participant for i in result.session.inputs] == ["", ""]
    assert all(o.participant == "" for o in result.outcomes)
    dumped = result.session.model_dump_json()
    assert "Bo Larsen" not in dumped and "Cy Hansen" not in dumped


def test_anonymous_input_merged_twice_is_recognised(da_pack: ContentPack) -> None:
    bo = make_prep(da_pack, "Bo", ["tidligt", "rammer"], {"tidligt": "tidligt!"})
    cy = make_prep(da_pack, "Cy", ["agile"])
    first = merge_preps(
        make_team(da_pack),
        [(Path("bo.toml"), bo), (Path("cy.toml"), cy)],
        anonymous=True,
        when=FIRST,
    )
    again = merge_preps(
        first.session,
        [(Path("cy.toml"), cy), (Path("bo.toml"), bo)],
        anonymous=True,
        when=LATER,
    )
    assert len(again.session.inputs) == 2
    assert all(o.replaced and not o.changed for o in again.outcomes)
    assert (again.replaced, again.unchanged) == (0, 2)
    assert all(i.merged == FIRST.replace(microsecond=0) for i in again.session.inputs)


def test_identical_anonymous_preps_from_two_people_stay_two(da_pack: ContentPack) -> None:
    # Each earlier input is replaced at most once, so re-merging both keeps both.
    same = ["tidligt", "agile"]
    preps = [
        (Path("a.toml"), make_prep(da_pack, "A", same)),
        (Path("b.toml"), make_prep(da_pack, "B", same)),
    ]
    first = merge_preps(make_team(da_pack), preps, anonymous=True, when=FIRST)
    assert len(first.session.inputs) == 2
    again = merge_preps(first.session, preps, anonymous=True, when=LATER)
    assert len(again.session.inputs) == 2
    assert [o.replaced for o in again.outcomes] == [True, True]


def test_a_changed_anonymous_prep_is_a_new_input(da_pack: ContentPack) -> None:
    first = merge_preps(
        make_team(da_pack),
        [(Path("a.toml"), make_prep(da_pack, "A", ["tidligt"]))],
        anonymous=True,
        when=FIRST,
    )
    again = merge_preps(
        first.session,
        [(Path("a.toml"), make_prep(da_pack, "A", ["agile"]))],
        anonymous=True,
        when=LATER,
    )
    assert len(again.session.inputs) == 2


def test_switching_between_named_and_anonymous_replaces(da_pack: ContentPack) -> None:
    bo = make_prep(da_pack, "Bo", ["tidligt"], {"tidligt": "x"})
    named = merge_preps(make_team(da_pack), [(Path("bo.toml"), bo)], anonymous=False, when=FIRST)
    anon = merge_preps(named.session, [(Path("bo.toml"), bo)], anonymous=True, when=LATER)
    assert [i.participant for i in anon.session.inputs] == [""]
    assert anon.outcomes[0].replaced
    kept = merge_preps(anon.session, [(Path("bo.toml"), bo)], anonymous=False, when=LATER)
    assert [i.participant for i in kept.session.inputs] == [""]  # the session stays anonymous
    assert kept.kept_anonymous and kept.session.session.anonymous
    back = merge_preps(
        anon.session, [(Path("bo.toml"), bo)], anonymous=False, when=LATER, reveal_names=True
    )
    assert [i.participant for i in back.session.inputs] == ["Bo"]
    assert back.outcomes[0].replaced and not back.session.session.anonymous


def test_a_prep_without_a_name_is_merged_nameless_with_a_warning(da_pack: ContentPack) -> None:
    preps = [
        (Path("a.toml"), make_prep(da_pack, "", ["tidligt"])),
        (Path("b.toml"), make_prep(da_pack, " ", ["agile"])),
    ]
    result = merge_preps(make_team(da_pack), preps, anonymous=False, when=FIRST)
    assert [i.participant for i in result.session.inputs] == ["", ""]  # not matched on ""
    assert [w.code for w in result.warnings] == ["merge.no_name", "merge.no_name"]


def test_a_prep_as_team_is_refused(da_pack: ContentPack) -> None:
    prep = make_prep(da_pack, "Bo")
    with pytest.raises(FileProblems) as caught:
        merge_preps(
            prep, [(Path("x.toml"), prep)], anonymous=False, when=FIRST, team_path=Path("h.toml")
        )
    [prob] = caught.value.problems
    assert (prob.file, prob.code, prob.key) == ("h.toml", "merge.prep_as_team", "session.kind")


def test_a_team_among_the_preps_is_refused_naming_each(da_pack: ContentPack) -> None:
    team = make_team(da_pack)
    preps = [
        (Path("ok.toml"), make_prep(da_pack, "Bo")),
        (Path("hold2.toml"), make_team(da_pack)),
        (Path("hold3.toml"), make_team(da_pack)),
    ]
    with pytest.raises(FileProblems) as caught:
        merge_preps(team, preps, anonymous=False, when=FIRST)
    assert [p.file for p in caught.value.problems] == ["hold2.toml", "hold3.toml"]
    assert {p.code for p in caught.value.problems} == {"merge.team_as_prep"}


def test_other_pack_warns_and_keeps_everything(da_pack: ContentPack) -> None:
    prep = make_prep(da_pack, "Bo", ["tidligt", "nyt-raad"], {"nyt-raad": "Tekst", "gl": "Gl."})
    prep.content.pack = "andre-raad"
    result = merge_preps(
        make_team(da_pack), [(Path("bo.toml"), prep)], anonymous=False, when=FIRST, pack=da_pack
    )
    [item] = result.session.inputs
    assert item.order == ["tidligt", "nyt-raad"]
    assert item.notes == {"nyt-raad": "Tekst", "gl": "Gl."}
    codes = [w.code for w in result.warnings]
    assert codes == ["merge.other_pack", "merge.unknown_ids", "merge.unknown_ids"]
    assert all(w.severity == "warning" and w.file == "bo.toml" for w in result.warnings)
    assert [w.key for w in result.warnings[1:]] == ["priorities.order[2]", "advice[2].id"]
    assert "“nyt-raad”" in result.warnings[1].sentence("da")
    assert "andre-raad" in result.warnings[0].render("en")


def test_other_pack_version_warns(da_pack: ContentPack) -> None:
    prep = make_prep(da_pack, "Bo", ["tidligt"])
    prep.content.version = "2"
    result = merge_preps(make_team(da_pack), [(Path("bo.toml"), prep)], anonymous=False, when=FIRST)
    assert [w.code for w in result.warnings] == ["merge.other_version"]
    assert result.session.inputs[0].order == ["tidligt"]


def test_text_that_merge_cannot_bring_in_is_warned_about(da_pack: ContentPack) -> None:
    prep = make_prep(da_pack, "Bo")
    set_cell(prep, "ledere", "hvad", "Skabe klarhed")
    result = merge_preps(make_team(da_pack), [(Path("bo.toml"), prep)], anonymous=False, when=FIRST)
    assert [w.code for w in result.warnings] == ["merge.roles_not_merged"]


def test_merging_many_keeps_order_and_counts(da_pack: ContentPack) -> None:
    ids = [a.id for a in da_pack.advice]
    preps = [
        (Path(f"p{i}.toml"), make_prep(da_pack, f"P{i}", ids[i % 10 :] + ids[: i % 10]))
        for i in range(300)
    ]
    first = merge_preps(make_team(da_pack), preps, anonymous=False, when=FIRST)
    assert [i.participant for i in first.session.inputs] == [f"P{i}" for i in range(300)]
    again = merge_preps(first.session, preps[::-1], anonymous=False, when=LATER)
    assert [i.participant for i in again.session.inputs] == [f"P{i}" for i in range(300)]
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 300)
