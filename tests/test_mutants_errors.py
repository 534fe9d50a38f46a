"""``domain/errors.py``: how a problem in a file is named and worded, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
texts are written out; each test says what it guards.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from inddrag.domain.errors import (
    FileProblems,
    Problem,
    Term,
    display_path,
    format_key,
    parse_key,
    problem,
)

# -- keys -------------------------------------------------------------------------------


def test_a_key_path_reads_as_people_count() -> None:
    """Entries are counted from 1 (``[2]`` for index 1), names joined by dots, an index
    right after a name or another index."""
    assert format_key(("advice", 1, "title")) == "advice[2].title"
    assert format_key(("roles", "rows", 0, "cells", "x")) == "roles.rows[1].cells.x"
    assert format_key(("inputs", 2, 0)) == "inputs[3][1]"
    assert format_key((0, "id")) == "[1].id"
    assert format_key(("advice",)) == "advice"
    assert format_key(()) == ""


def test_a_key_text_reads_back_as_its_path() -> None:
    """``parse_key`` undoes ``format_key``: indices counted from 0 again, several indices
    after one name, a name in brackets kept as a name."""
    assert parse_key("advice[2].title") == ("advice", 1, "title")
    assert parse_key("roles.rows[1].cells.x") == ("roles", "rows", 0, "cells", "x")
    assert parse_key("inputs[3][1]") == ("inputs", 2, 0)
    assert parse_key("inputs[1].notes[tidligt]") == ("inputs", 0, "notes", "tidligt")
    assert parse_key("title") == ("title",)


# -- file names -------------------------------------------------------------------------


def test_a_path_is_shown_relative_to_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the working folder a path is shown from there; the folder itself and a path
    outside it as given."""
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "sub" / "møde.toml") == os.path.join("sub", "møde.toml")
    assert display_path(str(tmp_path / "møde.toml")) == "møde.toml"
    assert display_path(tmp_path) == str(tmp_path)
    outside = tmp_path.parent / "andet.toml"
    assert display_path(outside) == str(outside)


def test_a_path_is_shown_as_given_when_the_working_folder_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No working folder (deleted under us): the path as typed, not an error."""

    def gone() -> str:
        raise FileNotFoundError("gone")

    monkeypatch.setattr(os, "getcwd", gone)
    assert display_path(Path("mappe") / "møde.toml") == os.path.join("mappe", "møde.toml")


# -- sentences --------------------------------------------------------------------------


def test_a_bare_code_is_a_problems_sentence_in_danish_by_default() -> None:
    """``file_not_found`` is ``problems.file_not_found``; no language given is Danish."""
    found = Problem("møde.toml", "file_not_found")
    assert found.sentence() == "filen findes ikke"
    assert found.sentence("en") == "the file does not exist"


def test_a_dotted_code_is_looked_up_as_it_stands_with_its_params() -> None:
    """``storage.other_pack`` is not under ``problems.``; its placeholders are filled."""
    other = Problem("m.toml", "storage.other_pack", params={"found": "a", "expected": "b"})
    assert other.sentence("en") == (
        "the session was made with the content pack “a”, but “b” is used here"
    )


def test_a_term_param_is_translated_into_the_sentence_language() -> None:
    """A ``Term`` is a word (``problems.found.int``) put in the sentence's language."""
    wrong = Problem("m.toml", "wrong_type", params={"expected": Term("int"), "found": "x"})
    assert wrong.sentence("en") == "expected a number, found x"
    assert wrong.sentence("da") == "forventede et tal, men fandt x"
    assert Term("list").text("en") == "a list"


def test_a_problem_renders_file_line_key_and_sentence() -> None:
    """``file:line: key: sentence``, Danish by default; line and key left out where
    unknown; a warning says so first."""
    assert Problem("m.toml", "file_not_found", 3, "advice[1].id").render("en") == (
        "m.toml:3: advice[1].id: the file does not exist"
    )
    assert Problem("m.toml", "file_not_found", 3, "advice[1].id").render() == (
        "m.toml:3: advice[1].id: filen findes ikke"
    )
    assert Problem("m.toml", "file_not_found").render("en") == "m.toml: the file does not exist"
    assert Problem("m.toml", "file_not_found", key="id").render("en") == (
        "m.toml: id: the file does not exist"
    )
    assert Problem("m.toml", "file_not_found", 0).render("en") == (
        "m.toml:0: the file does not exist"
    )
    warned = Problem("m.toml", "file_not_found", severity="warning")
    assert warned.render("en") == "m.toml: warning: the file does not exist"
    assert warned.render("da") == "m.toml: advarsel: filen findes ikke"


def test_a_file_name_and_key_show_zero_width_characters() -> None:
    """A file name or key is a name: a zero-width space in it is shown (two names that
    look the same are told apart), and a control character never reaches the terminal."""
    odd = Problem("a\u200bb.toml", "file_not_found", key="x\u200by\x1b")
    assert odd.render("en") == "a⟨U+200B⟩b.toml: x⟨U+200B⟩y␛: the file does not exist"


# -- FileProblems and problem() ---------------------------------------------------------


def test_file_problems_render_one_line_each_and_read_in_english_as_an_exception() -> None:
    """Every problem on its own line; ``str()`` of the exception (a traceback, a log) is
    English, ``render()`` Danish by default; ``errors`` leaves warnings out."""
    error = Problem("a.toml", "file_not_found")
    warning = Problem("b.toml", "empty_file", 2, severity="warning")
    exc = FileProblems(iter([error, warning]))
    assert exc.problems == [error, warning]
    assert str(exc) == "a.toml: the file does not exist\nb.toml:2: warning: the file is empty"
    assert exc.render() == "a.toml: filen findes ikke\nb.toml:2: advarsel: filen er tom"
    assert exc.errors == [error]


def test_problem_builds_a_problem_with_its_key_formatted() -> None:
    """``problem()`` formats a key path, keeps a key text, fills every field, and is an
    error without a key unless told otherwise."""
    built = problem("m.toml", "wrong_type", 4, ("advice", 0, "votes"), expected="x")
    assert built == Problem(
        file="m.toml",
        code="wrong_type",
        line=4,
        key="advice[1].votes",
        params={"expected": "x"},
        severity="error",
    )
    assert problem("m.toml", "file_not_found", key="title").key == "title"
    bare = problem(Path("m.toml"), "file_not_found")
    assert (bare.file, bare.line, bare.key, bare.severity, dict(bare.params)) == (
        "m.toml",
        None,
        "",
        "error",
        {},
    )
    assert problem("m.toml", "file_not_found", severity="warning").severity == "warning"


def test_a_problem_without_a_file_names_none() -> None:
    """A problem of no file (the open session's warnings, ``check.session_warnings``
    without a path) has no file and renders from its key on: it read
    ``.: priorities.order[1]: …`` before, as if the working folder were at fault."""
    loose = problem("", "file_not_found", key=("priorities", "order", 0), severity="warning")
    assert loose.file == ""
    assert loose.render("en") == "priorities.order[1]: warning: the file does not exist"
    assert Problem("", "file_not_found").render("en") == "the file does not exist"
    assert problem(Path("."), "file_not_found").file == "."


@pytest.mark.skipif(sys.platform == "win32", reason="a symbolic link needs rights on Windows")
def test_a_link_is_named_as_the_user_named_it_not_by_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link refused where links are not followed said "hej.toml: det er et link"."""
    from inddrag.domain.tomlfile import read_toml

    monkeypatch.chdir(tmp_path)
    (tmp_path / "hej.toml").write_text('format = "inddrag-session"\n')
    (tmp_path / "link.toml").symlink_to(tmp_path / "hej.toml")
    assert display_path(Path("link.toml")) == "link.toml"
    assert display_path(tmp_path / "link.toml") == "link.toml"
    with pytest.raises(FileProblems) as info:
        read_toml(Path("link.toml"), follow_links=False)
    assert info.value.render("en") == (
        "link.toml: this is a link, and inddrag does not follow a link here"
    )
