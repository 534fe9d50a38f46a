"""``domain/merge.py``: which earlier input a merge replaces, and where nameless inputs
go, pinned down where mutation testing found the suite silent (docs/testing.md,
"Mutation testing"). Expected values are written out; each test says what it guards.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.errors import Problem
from inddrag.domain.merge import PrepOutcome, merge_preps
from inddrag.domain.session import PrepInput, Session, new_session
from inddrag.domain.storage import save_session

TZ = timezone(timedelta(hours=1))
WHEN = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
LATER = datetime(2026, 11, 26, 10, 30, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # file names in problems are shown relative to here


def prep(pack: ContentPack, name: str, order: Sequence[str]) -> Session:
    session = new_session(pack, "prep", when=WHEN)
    session.session.facilitator = name
    session.priorities.order = list(order)
    return session


def team(pack: ContentPack) -> Session:
    return new_session(pack, "team", when=WHEN)


def test_a_namesakes_new_prep_replaces_their_own_input_not_the_other_namesakes(
    da_pack: ContentPack,
) -> None:
    """Two different people both called Bo (two prep files, two ids; a team file edited by
    hand, or answers merged by prep id): the first Bo's edited prep replaces the first Bo's
    input, found by its prep id, not the later input named Bo. Guards the name key each
    input keeps and ``take_id`` compares."""
    first_bo = prep(da_pack, "Bo", ["tidligt", "agile"])
    first_bo.session.id = "11111111-1111-4111-8111-111111111111"
    session = team(da_pack)
    session.inputs = [
        PrepInput(participant="Bo", prep_id=first_bo.session.id, merged=WHEN, order=["tidligt"]),
        PrepInput(
            participant="Bo",
            prep_id="22222222-2222-4222-8222-222222222222",
            merged=WHEN,
            order=["agile"],
        ),
    ]
    again = merge_preps(session, [(Path("bo1.toml"), first_bo)], anonymous=False, when=LATER)
    assert (again.added, again.replaced) == (0, 1)
    assert [(i.participant, i.prep_id, i.order, i.merged) for i in again.session.inputs] == [
        ("Bo", "11111111-1111-4111-8111-111111111111", ["tidligt", "agile"], LATER),
        ("Bo", "22222222-2222-4222-8222-222222222222", ["agile"], WHEN),
    ]
    assert again.warnings == []


def test_a_name_of_only_invisible_characters_is_no_name(da_pack: ContentPack) -> None:
    """A name of only a zero-width space looks empty and compares as empty: the input is
    nameless, the "no name" warning is given, and two such people with different rankings
    stay two inputs (they were one name, and the second replaced the first)."""
    x = prep(da_pack, "\u200b", ["tidligt"])
    first = merge_preps(team(da_pack), [(Path("x.toml"), x)], anonymous=False, when=WHEN)
    assert [(i.participant, i.order) for i in first.session.inputs] == [("", ["tidligt"])]
    assert [w.render("en") for w in first.warnings] == [
        "x.toml: session.facilitator: warning: the preparation has no name; it was merged"
        " without one"
    ]
    y = prep(da_pack, "\u200c ", ["agile"])
    again = merge_preps(first.session, [(Path("y.toml"), y)], anonymous=False, when=LATER)
    assert (again.added, again.replaced) == (1, 0)
    assert [(i.participant, i.order) for i in again.session.inputs] == [
        ("", ["tidligt"]),
        ("", ["agile"]),
    ]


def test_an_earlier_input_with_an_invisible_name_is_matched_as_nameless(
    da_pack: ContentPack,
) -> None:
    """An input a team file already holds with an invisible name (written before this
    rule, or by hand) is nameless to the merge: a nameless prep with other content is
    added beside it, one with the same content replaces it."""
    start = team(da_pack)
    start.inputs = [PrepInput(participant="\u200b", merged=WHEN, order=["tidligt"])]
    other = merge_preps(
        start, [(Path("b.toml"), prep(da_pack, "", ["agile"]))], anonymous=True, when=LATER
    )
    assert (other.added, other.replaced) == (1, 0)
    same = merge_preps(
        start, [(Path("c.toml"), prep(da_pack, "", ["tidligt"]))], anonymous=True, when=LATER
    )
    assert (same.added, same.replaced) == (0, 1)
    assert [(i.participant, i.order) for i in same.session.inputs] == [("", ["tidligt"])]


def test_one_earlier_input_is_replaced_once_in_a_run_whichever_way_it_was_found(
    da_pack: ContentPack,
) -> None:
    """Anna edits her prep; Bo's prep ranks as Anna's first version did. Merged in one run
    into an anonymous session, Anna's edit takes her input by its id, and Bo's prep must
    not take the same input again by its content: two people, two inputs, in either order
    (one of them was lost)."""
    anna = prep(da_pack, "Anna", ["tidligt"])
    first = merge_preps(team(da_pack), [(Path("anna.toml"), anna)], anonymous=True, when=WHEN)
    anna.priorities.order = ["agile"]
    bo = prep(da_pack, "Bo", ["tidligt"])
    for files in ([("anna.toml", anna), ("bo.toml", bo)], [("bo.toml", bo), ("anna.toml", anna)]):
        run = merge_preps(
            first.session, [(Path(n), p) for n, p in files], anonymous=True, when=LATER
        )
        assert run.added == 1, files[0][0]
        assert sorted(i.order[0] for i in run.session.inputs) == ["agile", "tidligt"]


def test_a_prep_takes_the_input_with_its_id_and_name_even_behind_a_copy(
    da_pack: ContentPack,
) -> None:
    """Two earlier inputs came from one prep file (Anna's, and a copy Bo filled in); a
    second Bo also has an input. Bo's new prep from the copied file replaces the input
    with that id and his name, not the other Bo's (it looked only at the first input
    with the id, then fell back to the name and took the last Bo)."""
    start = team(da_pack)
    start.inputs = [
        PrepInput(participant="Anna", prep_id="a" * 32, merged=WHEN, order=["tidligt"]),
        PrepInput(participant="Bo", prep_id="a" * 32, merged=WHEN, order=["agile"]),
        PrepInput(participant="Bo", prep_id="b" * 32, merged=WHEN, order=["rammer"]),
    ]
    bo = prep(da_pack, "Bo", ["agile", "tidligt"])
    bo.session.id = "a" * 32
    run = merge_preps(start, [(Path("bo.toml"), bo)], anonymous=False, when=LATER)
    assert [(i.participant, i.prep_id[:1], i.order) for i in run.session.inputs] == [
        ("Anna", "a", ["tidligt"]),
        ("Bo", "a", ["agile", "tidligt"]),
        ("Bo", "b", ["rammer"]),
    ]


@pytest.mark.parametrize(
    "orders",
    [
        [["tidligt"], ["agile"], ["rammer"]],
        [["rammer"], ["agile"], ["tidligt"]],
    ],
)
def test_nameless_inputs_without_prep_id_are_ordered_by_their_content(
    da_pack: ContentPack, orders: list[list[str]]
) -> None:
    """In an anonymous session, inputs merged before ``prep_id`` existed are sorted by a
    hash of their ranking and notes, so whichever order they are in, they come out in one
    order that tells nothing of who came first. Guards the content in that hash."""
    session = team(da_pack)
    session.session.anonymous = True
    session.inputs = [PrepInput(merged=WHEN, order=order) for order in orders]
    result = merge_preps(session, [], anonymous=False, when=LATER)
    assert [i.order for i in result.session.inputs] == [["agile"], ["tidligt"], ["rammer"]]


def test_an_answer_sent_again_without_a_name_replaces_its_nameless_input(
    da_pack: ContentPack,
) -> None:
    """Merging by prep id (collected answers) finds an earlier input that has no name and
    replaces it, instead of failing on the missing name. Guards ``take_own_id`` looking up
    the earlier input's name only if it has one."""
    answer = prep(da_pack, "", ["agile", "tidligt"])
    answer.session.id = "11111111-1111-4111-8111-111111111111"
    session = team(da_pack)
    session.inputs = [
        PrepInput(prep_id="11111111-1111-4111-8111-111111111111", merged=WHEN, order=["agile"])
    ]
    result = merge_preps(
        session, [(Path("svar.toml"), answer)], anonymous=False, when=LATER, by_prep_id=True
    )
    assert (result.added, result.replaced) == (0, 1)
    assert [(i.participant, i.order, i.merged) for i in result.session.inputs] == [
        ("", ["agile", "tidligt"], LATER)
    ]
    assert [w.code for w in result.warnings] == ["merge.no_name"]


def test_two_namesakes_answers_sent_again_without_names_both_replace_their_own(
    da_pack: ContentPack,
) -> None:
    """Two inputs named Bo; both answers come back nameless in one merge by prep id. The
    name index points at the later Bo only, so replacing the first Bo must leave it alone
    and replacing the second Bo takes it off, once. Guards the check in ``take_own_id``
    that the name index points at the input being replaced."""
    first_id = "11111111-1111-4111-8111-111111111111"
    second_id = "22222222-2222-4222-8222-222222222222"
    session = team(da_pack)
    session.inputs = [
        PrepInput(participant="Bo", prep_id=first_id, merged=WHEN, order=["tidligt"]),
        PrepInput(participant="Bo", prep_id=second_id, merged=WHEN, order=["agile"]),
    ]
    second = prep(da_pack, "", ["agile", "rammer"])
    second.session.id = second_id
    first = prep(da_pack, "", ["tidligt", "rammer"])
    first.session.id = first_id
    result = merge_preps(
        session,
        [(Path("bo1.toml"), first), (Path("bo2.toml"), second)],
        anonymous=False,
        when=LATER,
        by_prep_id=True,
    )
    assert (result.added, result.replaced) == (0, 2)
    assert [(i.participant, i.prep_id, i.order) for i in result.session.inputs] == [
        ("", "11111111-1111-4111-8111-111111111111", ["tidligt", "rammer"]),
        ("", "22222222-2222-4222-8222-222222222222", ["agile", "rammer"]),
    ]


def test_the_same_prep_id_twice_in_one_run_warns_at_the_second_file_naming_the_first(
    da_pack: ContentPack,
) -> None:
    """The warning about two files with one ``[session] id`` is a warning (not an error),
    put on the second file and the ``session.id`` key, and names the first file. Guards
    every field of that problem."""
    anna = prep(da_pack, "", ["tidligt"])
    copy = anna.model_copy(deep=True)
    copy.priorities.order = ["agile"]
    result = merge_preps(
        team(da_pack), [(Path("a.toml"), anna), (Path("b.toml"), copy)], anonymous=True, when=WHEN
    )
    assert result.warnings == [
        Problem(
            file="b.toml",
            code="merge.same_prep_id",
            key="session.id",
            params={"other": "a.toml"},
            severity="warning",
        )
    ]


def test_preps_without_an_id_are_not_warned_about_as_one_prep(da_pack: ContentPack) -> None:
    """Files from before ``[session] id`` existed have an empty id; two of them in one run
    are not "the same prep file", so there is no warning about a shared id. Guards the
    empty id being left out of the ids seen in the run."""
    old_one = prep(da_pack, "", ["tidligt"])
    old_one.session.id = ""
    old_two = prep(da_pack, "", ["agile"])
    old_two.session.id = ""
    result = merge_preps(
        team(da_pack),
        [(Path("a.toml"), old_one), (Path("b.toml"), old_two)],
        anonymous=True,
        when=WHEN,
    )
    assert result.warnings == []
    assert [i.order for i in result.session.inputs] == [["agile"], ["tidligt"]]


def test_an_added_prep_is_reported_as_added_and_changed(da_pack: ContentPack) -> None:
    """The outcome of a prep that was added is the whole :class:`PrepOutcome` with its
    defaults: not replaced, not skipped, ``changed`` true (nothing was there before).
    Guards ``changed`` starting out true in ``_place``."""
    anna = prep(da_pack, "Anna", ["tidligt", "agile"])
    result = merge_preps(team(da_pack), [(Path("a.toml"), anna)], anonymous=False, when=WHEN)
    assert result.outcomes == [
        PrepOutcome(
            Path("a.toml"),
            "Anna",
            notes=0,
            ranked=2,
            replaced=False,
            skipped=False,
            changed=True,
        )
    ]
    assert (result.added, result.replaced, result.unchanged) == (1, 0, 0)


def test_revealing_names_writes_the_session_as_not_anonymous(da_pack: ContentPack) -> None:
    """Merging into an anonymous session with ``reveal_names`` sets ``anonymous`` to false,
    and the saved team file says so (``anonymous = false``), rather than leaving the key
    out. Guards the value ``merge_preps`` sets when names are revealed."""
    bo = prep(da_pack, "Bo", ["tidligt"])
    anon = merge_preps(team(da_pack), [(Path("bo.toml"), bo)], anonymous=True, when=WHEN)
    assert anon.session.session.anonymous is True
    back = merge_preps(
        anon.session, [(Path("bo.toml"), bo)], anonymous=False, when=LATER, reveal_names=True
    )
    assert back.session.session.anonymous is False
    save_session(back.session, Path("hold.toml"))
    assert "anonymous = false\n" in Path("hold.toml").read_text(encoding="utf-8")


def test_a_copy_filled_in_by_someone_else_is_kept_beside_the_first_with_a_warning(
    da_pack: ContentPack,
) -> None:
    """Bo filled in a copy of Anna's prep file (same id, his name): his prep is added,
    and the warning says why both are kept."""
    start = team(da_pack)
    start.inputs = [PrepInput(participant="Anna", prep_id="a" * 32, merged=WHEN, order=["agile"])]
    bo = prep(da_pack, "Bo", ["tidligt"])
    bo.session.id = "a" * 32
    run = merge_preps(start, [(Path("bo.toml"), bo)], anonymous=False, when=LATER)
    assert (run.added, run.replaced) == (1, 0)
    assert [w.render("en") for w in run.warnings] == [
        "bo.toml: session.id: warning: the file has the same id as a preparation merged"
        " before, but nothing shows it is the same person’s newer version, so both are kept"
    ]


def test_two_identical_nameless_inputs_stay_two_when_merged_again(da_pack: ContentPack) -> None:
    """Two people handed in the same ranking without names (inputs from before prep ids):
    merged again, each replaces one of them, and there are still two inputs."""
    start = team(da_pack)
    start.inputs = [
        PrepInput(participant="", merged=WHEN, order=["tidligt"]),
        PrepInput(participant="", merged=WHEN, order=["tidligt"]),
    ]
    again = [(Path(f"{n}.toml"), prep(da_pack, "", ["tidligt"])) for n in ("a", "b")]
    run = merge_preps(start, again, anonymous=True, when=LATER)
    assert run.added == 0
    assert [o.replaced for o in run.outcomes] == [True, True]
    assert [i.order for i in run.session.inputs] == [["tidligt"], ["tidligt"]]


def test_an_input_taken_by_its_authors_name_is_not_taken_again_in_the_same_run(
    da_pack: ContentPack,
) -> None:
    """Merged anonymously, Anna's prep takes her earlier named input by her name and
    makes it nameless. A second file by Anna in the same run cannot take that input again
    (each earlier input is replaced once per merge): it is added."""
    first = merge_preps(
        team(da_pack),
        [(Path("a.toml"), prep(da_pack, "Anna", ["agile"]))],
        anonymous=False,
        when=WHEN,
    )
    again = [
        (Path("b.toml"), prep(da_pack, "Anna", ["tidligt"])),
        (Path("c.toml"), prep(da_pack, "Anna", ["rammer"])),
    ]
    run = merge_preps(first.session, again, anonymous=True, when=LATER)
    assert (run.added, run.replaced) == (1, 1)
    assert sorted(i.order[0] for i in run.session.inputs) == ["rammer", "tidligt"]
    assert [i.participant for i in run.session.inputs] == ["", ""]
