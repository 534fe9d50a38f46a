"""``inddrag merge``: exit codes, output in Danish and English, and files left alone on error."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session, set_notes
from inddrag.domain.storage import load_session

Run = Callable[..., tuple[int, str, str]]
WHEN = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def write(session: Session, path: Path) -> Path:
    from inddrag.domain.storage import save_session

    save_session(session, path)
    return path


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
    session = new_session(pack, "team", when=WHEN)
    session.session.title = "Nyt vagtplanssystem"
    return session


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, da_pack: ContentPack) -> Path:
    """A working folder with hold.toml and two preps (bo.toml, cy.toml)."""
    monkeypatch.chdir(tmp_path)
    write(team(da_pack), tmp_path / "hold.toml")
    write(
        prep(da_pack, "Bo Larsen", ["tidligt", "konsekvenser"], {"tidligt": "Sent | <b>"}),
        tmp_path / "bo.toml",
    )
    write(prep(da_pack, "Cy", ["agile"], {"agile": "a", "rammer": "b"}), tmp_path / "cy.toml")
    return tmp_path


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak"))


def test_merge_in_place_keeps_a_backup_da(folder: Path, run_cli: Run) -> None:
    before = (folder / "hold.toml").read_bytes()
    code, out, err = run_cli("merge", "hold.toml", "bo.toml", "cy.toml")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "bo.toml: Bo Larsen: 1 note, 2 råd rangordnet – tilføjet"
    assert lines[1] == "cy.toml: Cy: 2 noter, 1 råd rangordnet – tilføjet"
    assert "2 tilføjet, 0 erstattet" in lines[2]
    [backup] = backups(folder)
    assert re.fullmatch(r"hold\.toml\.\d{8}-\d{6}\.bak", backup.name)
    assert lines[3] == f"Skrev hold.toml (den tidligere version er gemt som {backup.name})."
    assert backup.read_bytes() == before
    merged = load_session(folder / "hold.toml")
    assert [i.participant for i in merged.inputs] == ["Bo Larsen", "Cy"]
    assert merged.inputs[0].notes == {"tidligt": "Sent | <b>"}
    assert merged.inputs[1].notes == {"agile": "a", "rammer": "b"}
    stamp = merged.inputs[0].merged
    assert stamp.tzinfo is not None and stamp.microsecond == 0


def test_merging_again_replaces_en(folder: Path, run_cli: Run, da_pack: ContentPack) -> None:
    assert run_cli("merge", "hold.toml", "bo.toml", "cy.toml")[0] == 0
    write(prep(da_pack, "Bo Larsen", ["rammer"]), folder / "bo.toml")
    code, out, err = run_cli("merge", "--lang", "en", "hold.toml", "bo.toml")
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0]
        == "bo.toml: Bo Larsen: 0 notes, 1 advice ranked – replaced the earlier one"
    )
    assert "0 added, 1 replaced, 0 unchanged; the team's session now has 2 preparations." in out
    assert "Wrote hold.toml (the earlier version is kept as hold.toml." in out
    merged = load_session(folder / "hold.toml")
    assert [(i.participant, i.order) for i in merged.inputs] == [
        ("Bo Larsen", ["rammer"]),
        ("Cy", ["agile"]),
    ]


def test_output_file_leaves_the_team_file_alone(folder: Path, run_cli: Run) -> None:
    before = (folder / "hold.toml").read_bytes()
    code, out, _ = run_cli("merge", "hold.toml", "bo.toml", "-o", "samlet.toml")
    assert code == 0
    assert out.splitlines()[-1] == "Skrev samlet.toml."
    assert (folder / "hold.toml").read_bytes() == before
    assert backups(folder) == []
    assert len(load_session(folder / "samlet.toml").inputs) == 1


def test_anonymous_leaves_names_out_and_recognises_a_repeat(folder: Path, run_cli: Run) -> None:
    code, out, _ = run_cli("merge", "hold.toml", "bo.toml", "cy.toml", "--anonymous")
    assert code == 0
    assert out.splitlines()[0] == "2 forberedelser er hentet ind uden navne."
    assert "bo.toml" not in out and "cy.toml" not in out  # no file is tied to an input
    text = (folder / "hold.toml").read_text(encoding="utf-8")
    assert "Bo Larsen" not in text and '"Cy"' not in text
    code, out, _ = run_cli("merge", "hold.toml", "cy.toml", "bo.toml", "--anonymous")
    assert code == 0
    assert "0 tilføjet, 0 erstattet, 2 uændret" in out
    assert len(load_session(folder / "hold.toml").inputs) == 2


def _assert_nothing_written(folder: Path, before: bytes) -> None:
    assert (folder / "hold.toml").read_bytes() == before
    assert backups(folder) == []
    assert not (folder / "ud.toml").exists()


def test_an_invalid_prep_writes_nothing(folder: Path, run_cli: Run) -> None:
    (folder / "bad.toml").write_text('format = "inddrag-session"\nversion = \n', encoding="utf-8")
    before = (folder / "hold.toml").read_bytes()
    for extra in ([], ["-o", "ud.toml"]):
        code, out, err = run_cli("merge", "hold.toml", "bo.toml", "bad.toml", *extra)
        assert code == 2
        assert out == ""
        assert re.search(r"^bad\.toml:2: ugyldig TOML", err, re.M), err
        assert "Intet er skrevet" in err
        _assert_nothing_written(folder, before)


def test_a_missing_prep_and_a_bad_key_are_all_reported(folder: Path, run_cli: Run) -> None:
    text = (folder / "cy.toml").read_text(encoding="utf-8")
    (folder / "cy.toml").write_text(text.replace("kind =", "kindd =", 1), encoding="utf-8")
    before = (folder / "hold.toml").read_bytes()
    code, _, err = run_cli("merge", "--lang", "en", "hold.toml", "nope.toml", "cy.toml")
    assert code == 2
    assert re.search(r"^nope\.toml: ", err, re.M), err
    assert "cy.toml:" in err
    assert "Nothing was written" in err
    _assert_nothing_written(folder, before)


def test_a_prep_as_the_team_file_is_refused(folder: Path, run_cli: Run) -> None:
    before = (folder / "hold.toml").read_bytes()
    bo_before = (folder / "bo.toml").read_bytes()
    code, _, err = run_cli("merge", "bo.toml", "cy.toml")
    assert code == 2
    assert re.search(r"^bo\.toml:\d+: session\.kind: det er en forberedelse", err, re.M), err
    assert (folder / "bo.toml").read_bytes() == bo_before
    _assert_nothing_written(folder, before)


def test_a_team_file_among_the_preps_is_refused(
    folder: Path, run_cli: Run, da_pack: ContentPack
) -> None:
    write(team(da_pack), folder / "hold2.toml")
    before = (folder / "hold.toml").read_bytes()
    code, _, err = run_cli("merge", "--lang", "en", "hold.toml", "bo.toml", "hold2.toml")
    assert code == 2
    assert re.search(r"^hold2\.toml:\d+: session\.kind: this is a team session", err, re.M), err
    _assert_nothing_written(folder, before)


def test_another_pack_warns_names_the_file_and_keeps_notes(
    folder: Path, run_cli: Run, da_pack: ContentPack
) -> None:
    other = prep(da_pack, "Di", ["tidligt", "nyt"], {"nyt": "Mit eget råd"})
    other.content.pack = "andre-raad"
    write(other, folder / "di.toml")
    code, out, err = run_cli("merge", "hold.toml", "di.toml")
    assert code == 0
    assert re.search(r"^di\.toml:\d+: content\.pack: advarsel: .*andre-raad", err, re.M), err
    assert re.search(
        r"^di\.toml:\d+: priorities\.order\[2\]: advarsel: holdets indholdspakke kender ikke "
        r"rådet “nyt”;",
        err,
        re.M,
    ), err
    assert "di.toml: Di: 1 note" in out
    assert load_session(folder / "hold.toml").inputs[0].notes == {"nyt": "Mit eget råd"}


def test_an_unreadable_output_file_is_not_overwritten(folder: Path, run_cli: Run) -> None:
    (folder / "ud.toml").write_text("noget andet\n", encoding="utf-8")
    code, _, err = run_cli("merge", "hold.toml", "bo.toml", "-o", "ud.toml")
    assert code == 2
    assert "ud.toml: filen findes, men er ikke en session" in err
    assert (folder / "ud.toml").read_text(encoding="utf-8") == "noget andet\n"


def test_a_bad_content_folder_writes_nothing(folder: Path, run_cli: Run) -> None:
    before = (folder / "hold.toml").read_bytes()
    code, _, err = run_cli("merge", "hold.toml", "bo.toml", "--content", "ingen-pakke")
    assert code == 2
    assert re.search(r"^ingen-pakke: ", err, re.M), err
    _assert_nothing_written(folder, before)


def test_own_content_pack_is_used_for_unknown_ids(
    folder: Path, run_cli: Run, pack_copy: Path
) -> None:
    text = (pack_copy / "advice.toml").read_text(encoding="utf-8")
    (pack_copy / "advice.toml").write_text(
        text.replace('id = "tidligt"', 'id = "tidlig"'), encoding="utf-8"
    )
    code, _, err = run_cli("merge", "hold.toml", "bo.toml", "--content", str(pack_copy))
    assert code == 0
    assert "kender ikke rådet “tidligt”;" in err


def test_no_prep_files_is_a_usage_error(folder: Path, run_cli: Run) -> None:
    code, _, err = run_cli("merge", "hold.toml")
    assert code == 2
    assert "fejl" in err


def test_help_in_both_languages(run_cli: Run) -> None:
    code, out, _ = run_cli("merge", "--help")
    assert code == 0 and "--anonymous" in out and "uden navne" in out
    code, out, _ = run_cli("merge", "--lang", "en", "--help")
    assert code == 0 and "without names" in out
