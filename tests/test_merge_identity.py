"""Merge, issue 11: a prep's identity, sticky anonymity, and the bugs mutation testing found.

Each test here fails for one specific wrong merge: a ``break`` for a ``continue``, a
deleted warning, names that come back, an order or a line that tells who wrote what.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.merge import merge_preps
from inddrag.domain.session import PrepInput, Session, new_session, set_notes
from inddrag.domain.storage import load_session, save_session

Run = Callable[..., tuple[int, str, str]]
TZ = timezone(timedelta(hours=1))
WHEN = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
LATER = datetime(2026, 11, 26, 10, 30, tzinfo=TZ)


def prep(
    pack: ContentPack, name: str, order: Sequence[str] = (), notes: dict[str, str] | None = None
) -> Session:
    session = new_session(pack, "prep", when=WHEN)
    session.session.facilitator = name
    session.priorities.order = list(order)
    for advice_id, text in (notes or {}).items():
        set_notes(session, advice_id, text)
    return session


def team(pack: ContentPack) -> Session:
    return new_session(pack, "team", when=WHEN)


# --- identity ----------------------------------------------------------------------------


def test_an_edited_anonymous_prep_replaces_its_earlier_version(da_pack: ContentPack) -> None:
    anna = prep(da_pack, "Anna", ["tidligt"], {"tidligt": "først"})
    bo = prep(da_pack, "Bo", ["agile"])
    carl = prep(da_pack, "Carl", ["rammer"])
    files = [(Path("a.toml"), anna), (Path("b.toml"), bo), (Path("c.toml"), carl)]
    first = merge_preps(team(da_pack), files, anonymous=True, when=WHEN)
    bo.priorities.order = ["agile", "tidligt"]  # Bo changes his mind and hands it in again
    again = merge_preps(first.session, [(Path("b.toml"), bo)], anonymous=True, when=LATER)
    assert len(again.session.inputs) == 3  # not "4 forberedelser" from 3 people
    assert (again.added, again.replaced) == (0, 1)
    assert ["agile", "tidligt"] in [item.order for item in again.session.inputs]


def test_a_copy_of_one_prep_filled_in_by_someone_else_is_not_a_replacement(
    da_pack: ContentPack,
) -> None:
    anna = prep(da_pack, "Anna", ["tidligt"])
    first = merge_preps(team(da_pack), [(Path("a.toml"), anna)], anonymous=False, when=WHEN)
    copy = anna.model_copy(deep=True)
    copy.session.facilitator = "Bo"
    again = merge_preps(first.session, [(Path("b.toml"), copy)], anonymous=False, when=LATER)
    assert [i.participant for i in again.session.inputs] == ["Anna", "Bo"]


def test_the_same_prep_id_twice_in_one_run_keeps_both_and_warns(da_pack: ContentPack) -> None:
    anna = prep(da_pack, "", ["tidligt"])
    copy = anna.model_copy(deep=True)
    copy.priorities.order = ["agile"]
    result = merge_preps(
        team(da_pack), [(Path("a.toml"), anna), (Path("b.toml"), copy)], anonymous=True, when=WHEN
    )
    assert len(result.session.inputs) == 2
    assert [w.code for w in result.warnings] == ["merge.same_prep_id"]
    assert "a.toml" in result.warnings[0].sentence("en")


# --- anonymity belongs to the session ------------------------------------------------------


def test_anonymous_inputs_are_ordered_by_random_id_and_share_one_time(
    da_pack: ContentPack,
) -> None:
    preps = [(Path(f"p{n}.toml"), prep(da_pack, f"P{n}", [f"x{n}"])) for n in range(6)]
    one = merge_preps(team(da_pack), preps[:3], anonymous=True, when=WHEN).session
    both = merge_preps(one, preps[3:], anonymous=True, when=LATER).session
    reverse = merge_preps(team(da_pack), preps[::-1], anonymous=True, when=LATER).session
    ids = [item.prep_id for item in both.inputs]
    assert all(ids) and ids == sorted(ids)  # by each prep's random id, whoever came first
    assert [i.order for i in both.inputs] == [i.order for i in reverse.inputs]
    assert {i.merged for i in both.inputs} == {LATER}


def test_anonymity_is_kept_by_a_plain_merge(da_pack: ContentPack) -> None:
    bo = prep(da_pack, "Bo Larsen", ["tidligt"])
    anon = merge_preps(team(da_pack), [(Path("bo.toml"), bo)], anonymous=True, when=WHEN)
    assert anon.session.session.anonymous
    cy = prep(da_pack, "Cy", ["agile"])
    plain = merge_preps(
        anon.session, [(Path("bo.toml"), bo), (Path("cy.toml"), cy)], anonymous=False, when=LATER
    )
    assert plain.kept_anonymous and plain.anonymous
    assert [i.participant for i in plain.session.inputs] == ["", ""]
    assert "Bo Larsen" not in plain.session.model_dump_json()
    assert [o.participant for o in plain.outcomes] == ["", ""]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, da_pack: ContentPack) -> Path:
    monkeypatch.chdir(tmp_path)
    save_session(team(da_pack), tmp_path / "hold.toml")
    save_session(prep(da_pack, "Anna Jensen", ["tidligt"], {"tidligt": "a"}), Path("anna.toml"))
    save_session(prep(da_pack, "Bo Larsen", ["agile"], {"agile": "b"}), Path("bo.toml"))
    save_session(prep(da_pack, "Carl Hansen", ["rammer"]), Path("carl.toml"))
    return tmp_path


def test_cli_sticky_anonymity_and_no_names_in_the_output(folder: Path, run_cli: Run) -> None:
    code, out, err = run_cli("merge", "hold.toml", "anna.toml", "bo.toml", "--anonymous")
    assert code == 0 and err == ""
    for who in ("Anna", "Bo", "anna.toml", "bo.toml"):
        assert who not in out
    code, out, err = run_cli("merge", "hold.toml", "anna.toml", "bo.toml", "carl.toml")
    assert code == 0
    assert "Holdets session er anonym, så navnene er udeladt" in out
    for who in ("Anna", "Bo", "Carl", "anna.toml", "carl.toml"):
        assert who not in out + err
    text = (folder / "hold.toml").read_text(encoding="utf-8")
    assert "Jensen" not in text and "Larsen" not in text and "Hansen" not in text
    assert "anonymous = true" in text
    assert "1 tilføjet, 0 erstattet, 2 uændret" in out


def test_cli_reveal_names_needs_a_confirmation(folder: Path, run_cli: Run) -> None:
    assert run_cli("merge", "hold.toml", "anna.toml", "--anonymous")[0] == 0
    before = (folder / "hold.toml").read_bytes()
    code, out, err = run_cli("merge", "hold.toml", "anna.toml", "--reveal-names")
    assert code == 2 and out == ""
    assert "--reveal-names skal bekræftes" in err
    assert (folder / "hold.toml").read_bytes() == before
    code, out, _ = run_cli("merge", "hold.toml", "anna.toml", "--reveal-names", "--yes")
    assert code == 0
    assert "Navnene er skrevet i hold.toml; holdets session er ikke længere anonym." in out
    merged = load_session(folder / "hold.toml")
    assert [i.participant for i in merged.inputs] == ["Anna Jensen"]
    assert not merged.session.anonymous


def test_cli_reveal_names_asks_on_a_terminal(
    folder: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("merge", "hold.toml", "anna.toml", "--anonymous")[0] == 0
    before = (folder / "hold.toml").read_bytes()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "nej")
    code, _, err = run_cli("merge", "hold.toml", "anna.toml", "--reveal-names")
    assert code == 2 and "Navnene er ikke skrevet" in err
    assert (folder / "hold.toml").read_bytes() == before
    monkeypatch.setattr("builtins.input", lambda prompt: " Ja ")
    assert run_cli("merge", "hold.toml", "anna.toml", "--reveal-names")[0] == 0
    assert load_session(folder / "hold.toml").inputs[0].participant == "Anna Jensen"


# --- the command line ----------------------------------------------------------------------


def test_lang_before_the_command(folder: Path, run_cli: Run) -> None:
    code, out, err = run_cli("--lang", "en", "merge", "hold.toml", "anna.toml")
    assert (code, err) == (0, "")
    assert out.startswith("anna.toml: Anna Jensen: 1 note, 1 advice ranked – added")


def test_argparse_speaks_danish(folder: Path, run_cli: Run) -> None:
    code, _, err = run_cli("merge", "hold.toml")
    assert code == 2
    assert "disse argumenter mangler: FORB.toml" in err
    assert "the following" not in err
    code, _, err = run_cli("merge", "--anonymous", "--reveal-names", "hold.toml", "anna.toml")
    assert code == 2 and "kan ikke bruges sammen med --anonymous" in err


def test_output_into_a_missing_folder_fails_before_printing_anything(
    folder: Path, run_cli: Run
) -> None:
    before = (folder / "hold.toml").read_bytes()
    code, out, err = run_cli("merge", "hold.toml", "anna.toml", "-o", "ingen/samlet.toml")
    assert (code, out) == (2, "")
    assert "ingen/samlet.toml: mappen findes ikke" in err
    assert (folder / "hold.toml").read_bytes() == before and not list(folder.glob("*.bak"))


def test_output_over_one_of_the_preps_is_refused(folder: Path, run_cli: Run) -> None:
    before = (folder / "anna.toml").read_bytes()
    code, out, err = run_cli("merge", "hold.toml", "anna.toml", "-o", "anna.toml")
    assert (code, out) == (2, "")
    assert "anna.toml: den samlede session kan ikke skrives oven i en af forberedelserne" in err
    assert (folder / "anna.toml").read_bytes() == before


def test_replaced_is_said_only_when_something_changed(
    folder: Path, run_cli: Run, da_pack: ContentPack
) -> None:
    assert run_cli("merge", "hold.toml", "anna.toml", "bo.toml")[0] == 0
    edited = load_session(Path("bo.toml"))
    edited.priorities.order = ["agile", "rammer"]
    save_session(edited, Path("bo.toml"))
    code, out, _ = run_cli("merge", "hold.toml", "anna.toml", "bo.toml")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("– uændret (den samme som sidst)")
    assert lines[1].endswith("– erstattede den tidligere")
    assert "0 tilføjet, 1 erstattet, 1 uændret" in lines[2]


def test_a_prep_from_the_english_pack_says_so(
    folder: Path, run_cli: Run, en_pack: ContentPack
) -> None:
    save_session(prep(en_pack, "Eve", ["tidligt"]), Path("eve.toml"))
    code, _, err = run_cli("merge", "hold.toml", "eve.toml")
    assert code == 0
    assert re.search(r"^eve\.toml:\d+: content\.language: advarsel: .*“en”.*“da”", err, re.M), err


def test_a_file_given_twice_does_not_stop_the_files_after_it(folder: Path, run_cli: Run) -> None:
    code, _, err = run_cli("merge", "hold.toml", "anna.toml", "anna.toml", "bo.toml")
    assert code == 0
    assert "anna.toml: advarsel: filen er nævnt to gange" in err
    merged = load_session(folder / "hold.toml")
    assert [i.participant for i in merged.inputs] == ["Anna Jensen", "Bo Larsen"]


def test_the_same_name_twice_never_overwrites_another_persons_input(
    da_pack: ContentPack,
) -> None:
    start = team(da_pack)
    carl = PrepInput(participant="", merged=WHEN, order=["rammer"], notes={"rammer": "c"})
    start.inputs.append(carl)  # merged without a name before inputs had a prep id
    first = prep(da_pack, "Bo", ["agile"])
    second = prep(da_pack, "Bo", ["rammer"], {"rammer": "c"})  # happens to equal Carl's
    result = merge_preps(
        start, [(Path("b1.toml"), first), (Path("b2.toml"), second)], anonymous=False, when=LATER
    )
    assert result.session.inputs[0] == carl  # Carl's input is still Carl's
    assert [(i.participant, i.order) for i in result.session.inputs[1:]] == [("Bo", ["rammer"])]


def test_a_prep_with_inputs_of_its_own_is_warned_about(
    folder: Path, run_cli: Run, da_pack: ContentPack
) -> None:
    odd = prep(da_pack, "Di", ["agile"])
    odd.inputs.append(PrepInput(participant="X", merged=WHEN, order=["tidligt"]))
    result = merge_preps(team(da_pack), [(Path("di.toml"), odd)], anonymous=False, when=WHEN)
    assert [(w.code, w.key) for w in result.warnings] == [("merge.prep_has_inputs", "inputs")]
    assert result.session.inputs[0].order == ["agile"]  # its own inputs are not merged
    save_session(odd, Path("di.toml"))
    code, _, err = run_cli("merge", "hold.toml", "di.toml")
    assert code == 0
    assert re.search(
        r"^di\.toml:\d+: inputs: advarsel: forberedelsen har 1 \[\[inputs\]\]", err, re.M
    )
