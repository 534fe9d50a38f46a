"""Tests written for survivors of mutmut on domain/content.py (docs/testing.md,
"Mutation testing"). Expected values are written out, never computed by the product."""

from __future__ import annotations

from pathlib import Path

import pytest

from inddrag.domain.content import load_pack
from inddrag.domain.errors import FileProblems
from tests.test_pack_errors import ADVICE_OK, ROLES_OK, write_pack

ROLES_BROKEN = """\
[template]
title = "Roller"

[[columns]]
id = "hvad"
title = "Hvad"

[[columns]]
id = "hvem"
title = "Hvem"

[[columns]]
id = "hvad"
title = "Hvad igen"

[[roles]]
id = "ledere"
name = "Ledere"
examples = { hvad = "Fx noget", ukendt = "x" }

[[roles]]
id = "ledere"
name = "Ledere igen"
"""


def test_every_problem_of_both_files_in_file_and_line_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards :func:`load_pack`'s problems: a duplicate column id and a duplicate role id
    (``_duplicates`` on ``columns`` and ``roles``, with the line and the first one's
    number), an example for a column the table does not have (its key, line and the
    known columns, ``_unknown_example_columns``), all with the advice file's problem, the
    advice file first and each file by line."""
    monkeypatch.chdir(tmp_path)
    advice = ADVICE_OK.replace('title = "Andet råd"', "title = 42")
    with pytest.raises(FileProblems) as info:
        load_pack(write_pack(Path("p"), advice, ROLES_BROKEN))
    assert [p.render("en") for p in info.value.problems] == [
        "p/advice.toml:14: advice[2].title: expected text, found a number",
        "p/roles.toml:13: columns[3].id: the id “hvad” is already used (in no. 1)",
        "p/roles.toml:19: roles[1].examples.ukendt: the column “ukendt” is not in the table"
        " (known columns: hvad, hvem, hvad)",
        "p/roles.toml:22: roles[2].id: the id “ledere” is already used (in no. 1)",
    ]


def test_pack_text_keeps_its_line_breaks_and_shows_control_characters(
    tmp_path: Path,
) -> None:
    """Guards ``visible(text, lines=True)`` in ``_shown``: an advice text's line break is
    kept, an escape character is shown instead of sent to the terminal."""
    advice = ADVICE_OK.replace('text = "Tekst."', 'text = "Linje et\\nLinje to\\u001b[2J"')
    pack = load_pack(write_pack(tmp_path / "p", advice, ROLES_OK))
    assert pack.advice[0].text == "Linje et\nLinje to\N{SYMBOL FOR ESCAPE}[2J"


def test_odd_advice_items_are_reported_not_crashed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``_duplicates``' skips: an advice that is text, not a table, is one clear
    problem (no crash on ``.get``); an id that is a number is skipped without stopping
    the search, so a later duplicate is still found."""
    monkeypatch.chdir(tmp_path)
    text_item = 'advice = ["foerste"]\n' + ADVICE_OK.split("[[advice]]")[0]
    with pytest.raises(FileProblems) as info:
        load_pack(write_pack(Path("r"), text_item, ROLES_OK))
    assert [p.render("en") for p in info.value.problems] == [
        "r/advice.toml:1: advice[1]: expected a table, found text"
    ]
    number_id = ADVICE_OK.replace('id = "foerste"', "id = 3", 1)
    number_id += '\n[[advice]]\nid = "andet"\ntitle = "T"\ntext = "X"\n'
    with pytest.raises(FileProblems) as info:
        load_pack(write_pack(Path("s"), number_id, ROLES_OK))
    assert [p.render("en") for p in info.value.problems] == [
        "s/advice.toml:8: advice[1].id: expected text, found a number",
        "s/advice.toml:18: advice[3].id: the id “andet” is already used (in no. 2)",
    ]


def test_a_file_given_as_a_pack_is_one_clear_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``problem(folder, "pack_not_a_folder")`` in :func:`load_pack`."""
    monkeypatch.chdir(tmp_path)
    Path("fil.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        load_pack(Path("fil.toml"))
    assert [p.render("en") for p in info.value.problems] == [
        "fil.toml: a content pack must be a folder holding advice.toml and roles.toml"
    ]


def test_a_problem_without_a_line_comes_before_the_files_first_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``p.line or 0`` in the sort: a problem of the whole file (a missing table,
    no line) is listed before one on line 1, though it was found after it."""
    monkeypatch.chdir(tmp_path)
    advice = (
        'advice = [{ id = "a", title = "T", text = "X" }, { id = "a", title = "T", text = "X" }]\n'
    )
    with pytest.raises(FileProblems) as info:
        load_pack(write_pack(Path("p"), advice, ROLES_OK))
    assert [p.render("en") for p in info.value.problems] == [
        "p/advice.toml: pack: this key is missing and is required",
        "p/advice.toml:1: advice[2].id: the id “a” is already used (in no. 1)",
    ]


def test_a_pack_knows_the_folder_it_was_loaded_from(tmp_path: Path) -> None:
    """Guards ``ContentPack(path=folder)``: the app finds the covers and tells a bundled
    pack from the user's own by it."""
    folder = write_pack(tmp_path / "egen", ADVICE_OK, ROLES_OK)
    assert load_pack(folder).path == folder
