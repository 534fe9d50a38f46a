"""``domain/safe_text.py``: what a terminal is shown instead of a control character,
pinned down character class by character class (docs/testing.md, "Mutation testing").
Expected texts are written out; each test says what it guards.
"""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.safe_text import visible, visible_path


def test_c0_controls_and_del_become_control_pictures() -> None:
    """NUL, ESC, the last C0 (US) and DEL as their pictures (U+2400 + code, U+2421)."""
    assert visible("a\x00b\x1bc\x1fd\x7fe") == "a␀b␛c␟d␡e"
    assert visible("\x01\x08\x0b\x0c\x0e") == "␁␈␋␌␎"


def test_c1_controls_are_written_as_hex() -> None:
    """C1 controls have no pictures: ``\\x80`` … ``\\x9f`` as text, two lower-case digits."""
    assert visible("a\x80b\x9bc\x9fd") == "a\\x80b\\x9bc\\x9fd"


def test_bytes_of_a_name_that_is_not_utf8_are_written_as_hex() -> None:
    """A lone surrogate from ``surrogateescape`` (U+DC80–U+DCFF) is the byte it stands
    for; any other surrogate is named by its code point."""
    assert visible("\udc80\udcff") == "\\x80\\xff"
    assert visible("\udc7f\ud800\udd00") == "⟨U+DC7F⟩⟨U+D800⟩⟨U+DD00⟩"


def test_bidi_separators_and_non_characters_are_named() -> None:
    """Trojan-source characters, the Arabic letter mark, line and paragraph separators and
    U+FFFE/U+FFFF are named by their code point, four hex digits upper case."""
    assert visible("\u202e\u2066\u061c\u200e\u2028\u2029\ufffe\uffff") == (
        "⟨U+202E⟩⟨U+2066⟩⟨U+061C⟩⟨U+200E⟩⟨U+2028⟩⟨U+2029⟩⟨U+FFFE⟩⟨U+FFFF⟩"
    )


def test_one_line_text_shows_tabs_and_line_breaks() -> None:
    """By default text is one line: tab, newline and carriage return are pictures too."""
    assert visible("a\tb\nc\rd") == "a␉b␊c␍d"
    assert visible("plain æøå text") == "plain æøå text"


def test_text_over_several_lines_keeps_tabs_and_line_ends() -> None:
    """``lines=True`` keeps ``\\t``, ``\\n`` and ``\\r\\n``; a ``\\r`` not before a
    ``\\n`` (which moves the cursor back over the line) is shown."""
    assert visible("a\tb\nc\r\nd", lines=True) == "a\tb\nc\r\nd"
    assert visible("a\rb\r", lines=True) == "a␍b␍"
    assert visible("a\x1bb\x85c", lines=True) == "a␛b\\x85c"


def test_a_name_also_shows_zero_width_characters_and_is_one_line() -> None:
    """``name=True``: soft hyphen, zero-width space/joiners, word joiner and BOM are named
    (two names would look the same); a line break too, even with ``lines=True``."""
    assert visible("a\u00adb\u200bc\u200dd\u2060e\ufeff", name=True) == (
        "a⟨U+00AD⟩b⟨U+200B⟩c⟨U+200D⟩d⟨U+2060⟩e⟨U+FEFF⟩"
    )
    assert visible("a\nb\tc", name=True, lines=True) == "a␊b␉c"
    assert visible("a\u200bb") == "a\u200bb"  # in notes they are left alone
    assert visible("a\u200bb", lines=True) == "a\u200bb"


def test_a_path_is_shown_as_a_name() -> None:
    """``visible_path`` is ``str(path)`` shown as a name."""
    assert visible_path(Path("a\x1bb\u200bc.toml")) == "a␛b⟨U+200B⟩c.toml"
    assert visible_path("x\ny") == "x␊y"
