"""Session files: the v1 contract read and migrated, v2 written, round trips, versions, checks."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain import atomic, check, storage
from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems
from inddrag.domain.session import (
    add,
    add_votes,
    new_session,
    set_cell,
    set_notes,
)
from tests.conftest import REPO

Run = Callable[..., tuple[int, str, str]]
GOLDEN = REPO / "tests" / "golden"
CONTRACT = Path(__file__).resolve().parent / "seed" / "session-format.md"
"""The first session-format contract, shipped with the tests (tests/seed/README.md)."""
SHARED_CONTRACT = REPO.parent / "shared" / "design" / CONTRACT.name

MINIMAL = """\
format = "inddrag-session"
version = 1

[session]
kind = "team"

[content]
pack = "ti-gode-raad"
version = "1"
language = "da"
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the temporary folder so file names print short, as a user would see them."""
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def assert_kept(old: object, new: object, where: str = "") -> None:
    """Every key and value of ``old`` (a version-1 file's data) is in ``new`` unchanged."""
    if isinstance(old, dict):
        assert isinstance(new, dict), where
        for key, value in old.items():
            if where == "" and key == "version":
                continue
            assert key in new, f"{where}.{key} was dropped"
            assert_kept(value, new[key], f"{where}.{key}")
    elif isinstance(old, list):
        assert isinstance(new, list) and len(new) == len(old), where
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            assert_kept(a, b, f"{where}[{index}]")
    else:
        assert old == new, where


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FileProblems) as info:
        storage.load_session(path)
    return [p.render("en") for p in info.value.problems]


def contract_example() -> str:
    """The example file in the shared format document (the contract)."""
    text = CONTRACT.read_text(encoding="utf-8")
    start = text.index("```toml\n") + len("```toml\n")
    example = text[start : text.index("```", start)]
    return example.replace("# … hvornaar, hvordan, status, and any added by the team\n", "")


def test_the_shipped_contract_is_the_shared_one_when_it_is_beside_the_clone() -> None:
    assert "version = 1" in contract_example()
    if SHARED_CONTRACT.exists():
        assert CONTRACT.read_bytes() == SHARED_CONTRACT.read_bytes()


# --- reading -----------------------------------------------------------------------------


def test_contract_example_loads_and_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path / "kontrakt.toml", contract_example())
    session = storage.load_session(path)
    assert session.session.facilitator == "Anna Jensen"
    assert session.advice[0].notes == "Vagtplanen rammer aftenvagterne hårdest.\n"
    assert session.roles.rows[0].cells["status"] == "Møde med IT aftalt 3. dec."
    assert session.inputs[0].notes["tidligt"].startswith("Vi hørte først")
    again = storage.load_session_text(path, storage.dumps_session(session).encode())
    assert again == session
    written = tomllib.loads(storage.dumps_session(session))
    assert written["version"] == 2
    assert_kept(tomllib.loads(contract_example()), written)


@pytest.mark.parametrize("name", ["session-da.toml", "session-en.toml"])
def test_dump_of_a_loaded_file_gives_the_same_data(name: str, tmp_path: Path) -> None:
    source = GOLDEN / name
    session = storage.load_session(source)
    text = storage.dumps_session(session)
    assert_kept(tomllib.loads(source.read_text(encoding="utf-8")), tomllib.loads(text))
    target = tmp_path / name
    storage.save_session(session, target)
    assert storage.load_session(target) == session
    storage.save_session(storage.load_session(target), target)
    assert target.read_text(encoding="utf-8") == text  # saving is stable


def test_dump_layout_follows_the_contract(da_pack: ContentPack) -> None:
    session = new_session(da_pack)
    session.session.title = "Møde"
    set_notes(session, "tidligt", "Linje 1\nLinje 2")
    add_votes(session, "tidligt", 2)
    set_cell(session, "ledere", "hvad", "Noget")
    session.priorities.order = ["tidligt"]
    text = storage.dumps_session(session)
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers[:4] == ["[session]", "[content]", "[[advice]]", "[priorities]"]
    assert headers[4:6] == ["[roles]", "[[roles.columns]]"]
    assert "[roles.rows.cells]" in headers
    assert text.startswith('format = "inddrag-session"\nversion = 2\n\n[session]\nid = "')
    assert headers[-1] == "[[meetings]]"
    assert "notes = '''\nLinje 1\nLinje 2'''\n" in text  # the lines as they are, lossless
    assert "created = 20" in text and "T" in text.split("created = ")[1][:12]
    assert "None" not in text and "= {" not in text  # no None, no inline tables


def test_empty_lists_and_missing_tables_get_defaults(tmp_path: Path) -> None:
    session = storage.load_session(write(tmp_path / "lille.toml", MINIMAL))
    assert session.advice == [] and session.roles.rows == [] and session.inputs == []
    text = storage.dumps_session(session)
    assert "[[advice]]" not in text and "[[inputs]]" not in text
    assert storage.load_session_text(Path("x.toml"), text.encode()) == session


def test_prep_file_round_trips(tmp_path: Path, da_pack: ContentPack) -> None:
    session = new_session(da_pack, "prep")
    session.session.facilitator = "Bo"
    set_notes(session, "agile", "Prøv i det små")
    session.priorities.order = ["agile", "tidligt"]
    path = tmp_path / "forb.toml"
    storage.save_session(session, path)
    assert storage.load_session(path) == session


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[pack]\nid = "x"\n',
            "hej.toml:1: this is not an inddrag session file",
        ),
        (
            'format = "inddrag-pack"\nversion = 1\n',
            "hej.toml:1: format: format is “inddrag-pack”, but a session file must have format",
        ),
        (
            'format = "inddrag-session"\nversion = 3\n',
            "hej.toml:2: version: the file was written by a newer version of inddrag "
            "(file format version 3; this version reads up to version 2)",
        ),
        (
            'format = "inddrag-session"\nversion = 0\n',
            "hej.toml:2: version: file format version 0 is unknown",
        ),
        (
            'format = "inddrag-session"\nversion = "1"\n[session]\nkind = "team"\n',
            "hej.toml:2: version: expected a number, found text",
        ),
        (
            MINIMAL.replace('kind = "team"', 'kind = "hold"'),
            "hej.toml:5: session.kind: must be one of 'team', 'prep'",
        ),
        (
            MINIMAL + '\n[[advice]]\nid = "a"\nvotes = -1\n',
            "hej.toml:14: advice[1].votes: must be 0 or more",
        ),
        (
            MINIMAL + '\n[[advice]]\nid = "a"\nvoters = 1\n',
            "hej.toml:14: advice[1].voters: unknown key – did you mean “votes”?",
        ),
        (
            MINIMAL + '\n[[advice]]\nid = "a"\n\n[[advice]]\nid = "a"\n',
            "hej.toml:16: advice[2].id: the id “a” is already used (in no. 1)",
        ),
        (
            MINIMAL + '\n[priorities]\norder = ["a", "b", "a"]\n',
            "hej.toml:13: priorities.order[3]: the id “a” is already used (in no. 1)",
        ),
        (
            MINIMAL.replace('language = "da"\n', ""),
            "hej.toml:7: content.language: this key is missing and is required",
        ),
        (
            MINIMAL + '\n[roles]\n[[roles.rows]]\nid = "x"\nname = "X"\ncells = { a = 1 }\n',
            "hej.toml:16: roles.rows[1].cells.a: expected text, found a number",
        ),
        # A line is what ends in a line feed (as TOML and every editor count), not what
        # str.splitlines splits at: a note holding a line or paragraph separator or a NEL
        # (all allowed as they are in a TOML string) leaves the lines below it where they are.
        (
            MINIMAL + '\n[[advice]]\nid = "a"\nnotes = "x\u2028y\u2029z\x85w"\nvotes = -1\n',
            "hej.toml:15: advice[1].votes: must be 0 or more",
        ),
    ],
)
def test_bad_session_files_get_one_clear_line_each(text: str, expected: str) -> None:
    path = write(Path("hej.toml"), text)
    before = path.read_bytes()
    rendered = problems_of(path)
    assert any(line.startswith(expected) for line in rendered), rendered
    assert path.read_bytes() == before  # never touched


def test_newer_file_is_refused_in_danish_too() -> None:
    path = write(Path("ny.toml"), 'format = "inddrag-session"\nversion = 9\n[session]\nx = 1\n')
    with pytest.raises(FileProblems) as info:
        storage.load_session(path)
    assert info.value.render("da") == (
        "ny.toml:2: version: filen er skrevet af en nyere udgave af inddrag (filformat version "
        "9; denne udgave kan læse op til version 2); opdatér inddrag for at åbne den – filen "
        "er ikke ændret"
    )


# --- the version scaffold ----------------------------------------------------------------

V0 = """\
format = "inddrag-session"
version = 0

[session]
kind = "team"
leader = "Anna Jensen"

[content]
pack = "ti-gode-raad"
version = "1"
language = "da"
"""


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    info = dict(data["session"])
    info["facilitator"] = info.pop("leader", "")
    return {**data, "session": info}


def test_older_file_is_migrated_in_memory_and_kept_beside_on_save(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(storage.MIGRATIONS, 0, _v0_to_v1)
    assert storage.oldest_version() == 0
    path = write(Path("gammel.toml"), V0)
    original = path.read_bytes()
    session = storage.load_session(path)
    assert session.session.facilitator == "Anna Jensen" and session.version == 2
    assert path.read_bytes() == original  # loading never writes
    backup = storage.save_session(session, path)
    assert backup == Path("gammel.v0.toml")
    assert backup.read_bytes() == original
    assert storage.load_session(path) == session
    assert storage.save_session(session, path) is None  # now v2: no second copy
    write(path, V0)
    assert storage.save_session(session, path) == Path("gammel.v0-2.toml")


def test_saving_over_a_newer_file_is_refused(da_pack: ContentPack) -> None:
    path = write(Path("ny.toml"), 'format = "inddrag-session"\nversion = 5\n')
    before = path.read_bytes()
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(new_session(da_pack), path)
    assert path.read_bytes() == before
    assert "newer version of inddrag" in info.value.sentence("en")
    assert info.value.sentence("da").startswith("“ny.toml” blev ikke gemt, fordi filen er skrevet")


# --- warnings ----------------------------------------------------------------------------


def test_unknown_ids_are_kept_and_warned_about(da_pack: ContentPack) -> None:
    session, doc = storage.read_session(GOLDEN / "session-da.toml")
    warnings = check.session_warnings(session, da_pack, GOLDEN / "session-da.toml", doc.lines)
    assert all(w.severity == "warning" for w in warnings)
    codes = {(w.code, w.key) for w in warnings}
    assert codes == {
        ("storage.unknown_advice", "advice[4].id"),
        ("storage.unknown_cell_column", "roles.rows[3].cells.gammel-kolonne"),
    }
    assert all(w.line for w in warnings)
    assert session.entry("lokalt-raad") is not None  # kept


def test_warnings_for_another_pack_and_ids_only_in_inputs(da_pack: ContentPack) -> None:
    session = new_session(da_pack)
    session.content.version = "0.9"
    session.priorities.order = ["ukendt"]
    warnings = check.session_warnings(session, da_pack)
    assert [w.code for w in warnings] == [
        "storage.other_pack_version",
        "storage.unknown_advice",
    ]
    session.content.pack = "en-anden-pakke"
    assert check.session_warnings(session, da_pack)[0].code == "storage.other_pack"


def test_added_rows_and_columns_are_not_warned_about(da_pack: ContentPack) -> None:
    session = new_session(da_pack)
    row = add(session, "row", "Superbrugere")
    column = add(session, "column", "Budget")
    set_cell(session, row.id, column.id, "10.000 kr.")
    assert check.session_warnings(session, da_pack) == []


# --- inddrag check -----------------------------------------------------------------------


def test_check_session_ok_with_warnings_exits_0(run_cli: Run) -> None:
    code, out, _ = run_cli("check", str(GOLDEN / "session-da.toml"), "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert any(":34: advice[4].id: warning: the advice “lokalt-raad”" in line for line in lines)
    assert lines[-1].startswith("✓ ") and "valid team session" in lines[-1]


def test_check_bad_session_exits_2_without_traceback(run_cli: Run) -> None:
    write(Path("slem.toml"), MINIMAL + '\n[[advice]]\nid = "a"\nvotes = "mange"\n')
    write(Path("ny.toml"), 'format = "inddrag-session"\nversion = 3\n')
    code, out, err = run_cli("check", "slem.toml", "ny.toml")
    assert code == 2
    assert out.splitlines() == [
        "slem.toml:14: advice[1].votes: forventede et tal, men fandt tekst",
        "ny.toml:2: version: filen er skrevet af en nyere udgave af inddrag (filformat version 3;"
        " denne udgave kan læse op til version 2); opdatér inddrag for at åbne den – filen er"
        " ikke ændret",
    ]
    assert "Traceback" not in out + err


def test_check_a_prep_file(run_cli: Run, da_pack: ContentPack) -> None:
    session = new_session(da_pack, "prep")
    set_notes(session, "tidligt", "x")
    storage.save_session(session, Path("forb.toml"))
    code, out, _ = run_cli("check", "forb.toml")
    assert code == 0 and out.startswith("✓ forb.toml: gyldig forberedelse (1 råd med noter)")


def test_check_hostile_session(run_cli: Run) -> None:
    text = (GOLDEN / "session-da.toml").read_text(encoding="utf-8")
    write(Path("fjendtlig.toml"), text.replace('language = "da"', 'language = "en"'))
    code, out, _ = run_cli("check", "fjendtlig.toml")
    assert code == 0  # checked against the English pack, warnings only
    assert out.count("advarsel:") == 2


def test_session_files_need_the_toml_ending(run_cli: Run) -> None:
    write(Path("møde.txt"), MINIMAL)
    code, out, _ = run_cli("check", "møde.txt")
    assert code == 2 and "møde.txt" in out


def test_many_files_leaves_what_it_loaded_in_the_oldest_generation() -> None:
    """Objects made while loading many files are moved to the oldest generation when the
    loading ends (the collector would otherwise walk them all at its next young
    collection), and the collector is on again afterwards, off if it was off before."""
    import gc

    from inddrag.domain.storage import many_files

    assert gc.isenabled()
    with many_files():
        assert not gc.isenabled()
        loaded = [{"advice": [str(n)]} for n in range(100)]
    assert gc.isenabled()
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in loaded)
    assert gc.get_count()[0] < 100  # the youngest generation no longer holds them
    gc.disable()
    try:
        with many_files():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
