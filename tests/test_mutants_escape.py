"""``domain/export/escape.py``: the summary's escaping rules, pinned down where mutation
testing found the suite silent (docs/testing.md, "Mutation testing"). Expected values are
written out; each test says what it guards.
"""

from __future__ import annotations

from inddrag.domain.export.escape import escape_line_start


def test_a_blank_line_comes_back_as_it_is() -> None:
    """Guards the early return of ``escape_line_start`` for an empty or blank line: it is
    returned unchanged, never looked at by index (``stripped[0]`` on nothing fails)."""
    assert escape_line_start("") == ""
    assert escape_line_start(" \t ") == " \t "


def test_a_line_not_starting_a_block_is_returned_before_any_rule() -> None:
    """Guards the first-character shortcut: a line whose first character cannot start a
    block comes back unchanged, even where a block rule would match the text as given."""
    assert escape_line_start("* item") == "* item"
    assert escape_line_start("  ___") == "  ___"
    assert escape_line_start("a. b") == "a. b"
