"""``domain/check.py``: what ``inddrag check`` reports for a pack or a session file,
pinned down where mutation testing found the suite silent (docs/testing.md, "Mutation
testing"). Expected problems (file, line, key, params, severity) are written out; each
test says what it guards.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.check import CheckReport, check_path, session_warnings
from inddrag.domain.content import ADVICE_FILE, ROLES_FILE, ContentPack
from inddrag.domain.errors import Problem
from inddrag.domain.packs import bundled_pack_dir
from inddrag.domain.session import Column, PrepInput, Row, Session, new_session

CET = timezone(timedelta(hours=1))
MADE = datetime(2026, 11, 26, 10, 0, tzinfo=CET)

PREP_OF_AN_UNSHIPPED_PACK = """\
format = "inddrag-session"
version = 2

[session]
kind = "prep"

[content]
pack = "egen-pakke"
version = "3"
language = "da"

[[inputs]]
participant = "Bo"
merged = 2026-11-26T10:05:00+01:00
order = ["a1"]

[[inputs]]
participant = "Cai"
merged = 2026-11-26T10:06:00+01:00
"""


def warning(file: str, code: str, key: str, line: int | None = None, **params: object) -> Problem:
    return Problem(file=file, code=code, line=line, key=key, params=params, severity="warning")


def team(pack: ContentPack) -> Session:
    return new_session(pack, "team", when=MADE)


# -- summary and paths ------------------------------------------------------------------


def test_a_pack_summary_names_its_title_and_advice_in_the_language_asked(
    en_pack: ContentPack,
) -> None:
    """The ``ok`` line for a pack: its title and number of advice, in the language given."""
    report = CheckReport(display="en", pack=en_pack)
    assert report.summary("en") == (
        "valid content pack “Ten pieces of advice on involving employees in "
        "digitalisation” with 10 pieces of advice"
    )


@pytest.mark.parametrize("name", [ADVICE_FILE, ROLES_FILE])
def test_a_file_inside_a_pack_folder_checks_the_pack(tmp_path: Path, name: str) -> None:
    """``inddrag check pack/advice.toml`` (or ``roles.toml``) checks the whole pack."""
    folder = tmp_path / "pakke"
    shutil.copytree(bundled_pack_dir("en"), folder)
    report = check_path(folder / name)
    assert report.problems == []
    assert report.pack is not None
    assert report.pack.info.id == "ti-gode-raad"


# -- a session whose pack is not shipped -------------------------------------------------


def test_a_prep_with_inputs_of_an_unshipped_pack_gets_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No shipped pack to compare with, yet a preparation holding ``[[inputs]]`` is still
    warned about: the file's name, the ``[[inputs]]`` line, key ``inputs``, the count."""
    monkeypatch.chdir(tmp_path)
    Path("forb.toml").write_text(PREP_OF_AN_UNSHIPPED_PACK, encoding="utf-8")
    report = check_path(tmp_path / "forb.toml")
    assert report.problems == [
        warning("forb.toml", "storage.prep_with_inputs", "inputs", 12, count=2)
    ]
    assert report.ok
    assert (report.what, report.count) == ("prep", 0)


def test_a_team_session_of_an_unshipped_pack_with_inputs_is_not_warned_about(
    tmp_path: Path,
) -> None:
    """``[[inputs]]`` belong in a team session: no warning there."""
    path = tmp_path / "hold.toml"
    path.write_text(
        PREP_OF_AN_UNSHIPPED_PACK.replace('kind = "prep"', 'kind = "team"'), encoding="utf-8"
    )
    assert check_path(path).problems == []


def test_a_prep_without_inputs_of_an_unshipped_pack_is_not_warned_about(tmp_path: Path) -> None:
    """A preparation without inputs is as it should be."""
    path = tmp_path / "forb.toml"
    path.write_text(PREP_OF_AN_UNSHIPPED_PACK.split("[[inputs]]")[0], encoding="utf-8")
    assert check_path(path).problems == []


# -- warnings against the shipped pack ---------------------------------------------------


def test_warnings_of_a_session_file_name_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, da_pack: ContentPack
) -> None:
    """A session file of a shipped pack: each warning names the file as shown to the
    user (here relative to the working folder)."""
    from inddrag.domain.storage import save_session

    monkeypatch.chdir(tmp_path)
    session = team(da_pack)
    session.priorities.order = ["ukendt"]
    save_session(session, tmp_path / "møde.toml")
    problems = check_path(tmp_path / "møde.toml").problems
    assert [(p.file, p.code, p.key, p.severity) for p in problems] == [
        ("møde.toml", "storage.unknown_advice", "priorities.order[1]", "warning")
    ]


def test_warnings_without_a_path_name_no_file(da_pack: ContentPack) -> None:
    """``session_warnings`` without a path (an open session, not a file) names none."""
    session = team(da_pack)
    session.priorities.order = ["ukendt"]
    assert session_warnings(session, da_pack) == [
        warning(
            "", "storage.unknown_advice", "priorities.order[1]", id="ukendt", pack="ti-gode-raad"
        )
    ]
    assert session_warnings(session, da_pack, Path("m.toml"))[0].file == "m.toml"


def test_another_pack_is_named_with_what_was_found_and_expected(da_pack: ContentPack) -> None:
    """Another pack id: key ``content.pack``, both ids; another version of the same pack:
    key ``content.version``, both versions."""
    session = team(da_pack)
    session.content.pack = "en-anden-pakke"
    assert session_warnings(session, da_pack) == [
        warning(
            "",
            "storage.other_pack",
            "content.pack",
            found="en-anden-pakke",
            expected="ti-gode-raad",
        )
    ]
    session = team(da_pack)
    session.content.version = "0.9"
    assert session_warnings(session, da_pack) == [
        warning("", "storage.other_pack_version", "content.version", found="0.9", expected="1")
    ]


def test_unknown_advice_is_named_where_it_first_stands(da_pack: ContentPack) -> None:
    """An advice id the pack lacks, once, at its first place: in a prep's order, else in
    its notes (by id); the pack's id is named."""
    session = team(da_pack)
    session.inputs = [
        PrepInput(participant="Bo", merged=MADE, order=["rammer", "ukendt-a"]),
        PrepInput(participant="Cai", merged=MADE, notes={"ukendt-b": "x", "ukendt-a": "y"}),
    ]
    assert session_warnings(session, da_pack) == [
        warning(
            "", "storage.unknown_advice", "inputs[1].order[2]", id="ukendt-a", pack="ti-gode-raad"
        ),
        warning(
            "",
            "storage.unknown_advice",
            "inputs[2].notes.ukendt-b",
            id="ukendt-b",
            pack="ti-gode-raad",
        ),
    ]


def test_a_cell_in_a_column_the_table_lacks_is_named(da_pack: ContentPack) -> None:
    """A cell whose column the session's own table lacks: its row and column id."""
    session = team(da_pack)
    session.roles.columns = [Column(id="k1", title="K1")]
    session.roles.rows = [Row(id="r1", name="R1", cells={"k1": "ok", "gammel": "x"})]
    assert session_warnings(session, da_pack) == [
        warning("", "storage.unknown_cell_column", "roles.rows[1].cells.gammel", id="gammel")
    ]


def test_a_prep_of_a_shipped_pack_with_inputs_is_warned_about(da_pack: ContentPack) -> None:
    """A preparation holding ``[[inputs]]``: key ``inputs`` and how many; at its line when
    the file's lines are known."""
    session = new_session(da_pack, "prep", when=MADE)
    session.inputs = [PrepInput(participant="Bo", merged=MADE)]
    assert session_warnings(session, da_pack) == [
        warning("", "storage.prep_with_inputs", "inputs", count=1)
    ]
    team_session = team(da_pack)
    team_session.inputs = [PrepInput(participant="Bo", merged=MADE)]
    assert session_warnings(team_session, da_pack) == []
