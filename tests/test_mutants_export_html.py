"""``domain/export/html.py``: the printable page, pinned down where mutation testing found
the suite silent (docs/testing.md, "Mutation testing"). Expected HTML is written out; each
test says what it guards.
"""

from __future__ import annotations

from inddrag.domain.content import ContentPack
from inddrag.domain.export.html import is_wide, render_page, to_html
from inddrag.domain.session import add_votes, new_session


def body(markdown: str, breaks: tuple[str, ...] = ()) -> str:
    page = render_page(markdown, title="T", lang="da", break_before=breaks)
    return page.split("<body>\n", 1)[1].split("</body>", 1)[0]


def table(*columns: tuple[str, str]) -> str:
    """A Markdown table: one (header, body cell) pair per column."""
    head = "| " + " | ".join(h for h, _ in columns) + " |"
    rule = "|" + "---|" * len(columns)
    row = "| " + " | ".join(c for _, c in columns) + " |"
    return f"{head}\n{rule}\n{row}\n"


# -- to_html ----------------------------------------------------------------------------


def test_an_english_page_is_english_throughout(en_pack: ContentPack) -> None:
    """``lang`` reaches the page's ``lang``, its untitled title, the Markdown (headings and
    the pack's advice titles) and which heading starts a printed page."""
    session = new_session(en_pack, "team")
    add_votes(session, "konsekvenser", 2)
    page = to_html(session, en_pack, "en-GB")
    assert '<html lang="en">' in page
    assert "<title>Untitled discussion</title>" in page
    assert '<h2 class="page-break">Who does what?</h2>' in page
    assert (
        "Let employees assess the consequences for good work and the working environment – 2 votes"
    ) in page


def test_an_untitled_preparation_says_so_in_its_title(en_pack: ContentPack) -> None:
    """The untitled title follows the session's kind."""
    page = to_html(new_session(en_pack, "prep"), en_pack, "en")
    assert "<title>Untitled preparation</title>" in page


# -- is_wide ----------------------------------------------------------------------------


def test_a_table_is_wide_only_past_84_characters_of_longest_words() -> None:
    """Longest words plus 2 per column: 84 fits a portrait page, 85 does not."""
    assert is_wide([["x" * 82]]) is False
    assert is_wide([["x" * 83]]) is True
    assert is_wide([["a " + "x" * 40, "y" * 20], ["z" * 40]]) is False  # 42 + 42


def test_a_line_break_in_a_cell_separates_words() -> None:
    """``<br>`` between two words is a break, not part of one long word."""
    assert is_wide([["x" * 40 + "<br>" + "y" * 40], ["z" * 40]]) is False  # 42 + 42


def test_an_empty_column_counts_one_character() -> None:
    """A column without words still takes a character and its padding (3 in all)."""
    assert is_wide([[], ["x" * 79]]) is False  # 3 + 81
    assert is_wide([[""], ["x" * 80]]) is True  # 3 + 82


# -- wide tables in the page -----------------------------------------------------------


def test_header_words_count_per_column() -> None:
    """A table's header cells are columns of their own: three long headers over short
    cells make it wide (52 + 42 + 3 = 97)."""
    markdown = table(("a", "b"), ("L" * 50, "c"), ("M" * 40, "d"))
    assert body(markdown).startswith('<table class="wide">')
    narrow = table(("a", "b"), ("L" * 40, "c"), ("M" * 30, "d"))  # 3 + 42 + 32
    assert body(narrow).startswith("<table>")


def test_a_wide_table_after_a_narrow_one_makes_the_part_wide() -> None:
    """Two tables in one part (no level-2 heading between): the second, wide one is
    measured on its own, and both are printed landscape."""
    markdown = table(("a", "b")) + "\n" + table(("w" * 90, "z"))
    assert body(markdown).count('<table class="wide">') == 2


# -- render_page ------------------------------------------------------------------------


def test_only_a_level_2_heading_starts_a_printed_page() -> None:
    """``break_before`` names level-2 headings: an h3 with the same text does not break."""
    assert body("## Roller\n\n### Roller\n\n## Andet\n", ("Roller",)) == (
        '<h2 class="page-break">Roller</h2>\n<h3>Roller</h3>\n<h2>Andet</h2>\n'
    )


def test_raw_inline_html_other_than_a_line_break_is_shown_as_text() -> None:
    """``<b>`` in the Markdown is shown as typed; ``<br>`` in any spelling stays a break."""
    assert body("a <b>x</b> <BR> <br/>") == "<p>a &lt;b&gt;x&lt;/b&gt; <BR> <br/></p>\n"


def test_an_image_is_its_alt_text() -> None:
    """An image is never loaded: its text is shown, an image without text shows none."""
    assert body("![logo](x.png) ![](y.png)") == "<p>logo </p>\n"
