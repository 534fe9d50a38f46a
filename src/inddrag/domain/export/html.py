"""The summary as one self-contained HTML page that prints well (A4, save as PDF).

Rendered from the same Markdown the app shows (:func:`~inddrag.domain.export.to_markdown`)
with markdown-it-py. The Markdown escapes everything the team typed, so the only raw HTML
in it is the ``<br>`` we write for line breaks in table cells; as a second guard, every
other piece of raw HTML is turned back into text, images into their text, and links lose
their target unless it is one the content pack itself names. No script, no style sheet,
font or image from elsewhere: the page works offline and opens the same anywhere.

The print style sheet puts the page on A4, starts the roles table on a new page, repeats
a table's header row on every page, and keeps rows whole. No word or number is ever broken
to make a column narrower: columns are as wide as their longest word (``overflow-wrap:
break-word`` breaks only a word wider than the whole page), long text wraps between words,
numbers never wrap, and the browser hyphenates only where it knows the page's language
(``lang``, ``hyphens: auto``; never in a header). A table whose longest words together do
not fit across a portrait A4 page (:func:`is_wide`) is printed on a landscape page in a
smaller type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import one_line
from inddrag.domain.session import Session
from inddrag.i18n import normalise_language, t

if TYPE_CHECKING:
    from markdown_it.token import Token

    from inddrag.domain.export.files import Report

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  line-height: 1.45; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #111; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #777; padding: 0.3rem 0.45rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: auto; }
th { background: #eee; hyphens: manual; }
th[style*="right"], td[style*="right"] { white-space: nowrap; }
@page { size: A4; margin: 16mm 14mm; }
@page wide { size: A4 landscape; margin: 12mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .page-break { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9.5pt; }
  .wide { page: wide; }
  table.wide { font-size: 8.5pt; }
}
""".strip()

_ALLOWED_HTML = {"<br>", "<br/>", "<br />"}
PORTRAIT_CHARACTERS = 84
"""How many characters of table text (at 9.5 pt, with each cell's padding) fit across a
portrait A4 page; a table whose longest words need more is printed landscape."""
_CELL_PADDING = 2
_URL = re.compile(r"https?://[^\s\"<>]+")


def to_html(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The summary as a self-contained HTML page."""
    from inddrag.domain.export.markdown import to_markdown

    lang = normalise_language(lang)
    title = one_line(session.session.title) or t(f"export.untitled_{session.kind}", lang)
    return render_page(
        to_markdown(session, pack, lang),
        title=title,
        lang=lang,
        break_before=[t("export.roles", lang)],
        links=pack_links(pack),
    )


def files(report: Report, target: Path) -> list[tuple[Path, bytes]]:
    """The report's renderer (:mod:`~inddrag.domain.export.formats`): one printable page."""
    from inddrag.domain.atomic import encode_text

    page = render_page(
        report.markdown,
        title=report.title,
        lang=report.lang,
        break_before=report.break_before,
        links=report.links,
    )
    return [(target, encode_text(page))]


def is_wide(columns: Sequence[Sequence[str]]) -> bool:
    """Whether a table whose columns hold these texts is too wide for a portrait page:
    the sum over its columns of the longest word (a cell's text never breaks inside one)."""
    need = 0
    for texts in columns:
        words = [word for text in texts for word in text.replace("<br>", " ").split()]
        need += max((len(word) for word in words), default=1) + _CELL_PADDING
    return need > PORTRAIT_CHARACTERS


def _mark_wide_tables(tokens: list[Token]) -> None:
    """Print every part (a level-2 heading and what follows it) that holds a table
    :func:`is_wide` calls wide on landscape pages: its blocks get the class ``wide``.

    The whole part, not the table alone, so its headings and tables share their pages.
    """
    part: list[Token] = []
    wide = False
    for index, token in enumerate([*tokens, None]):
        if token is None or (token.type == "heading_open" and token.tag == "h2"):
            for block in part if wide else []:
                classes = str(block.attrGet("class") or "").split()
                block.attrSet("class", " ".join([*classes, "wide"]))
            part, wide = [], False
        if token is None:
            break
        if token.level == 0 and token.nesting == 1:
            part.append(token)
        if token.type == "table_open":
            wide = wide or _table_is_wide(tokens, index)


def _table_is_wide(tokens: list[Token], start: int) -> bool:
    """:func:`is_wide` of the table whose ``table_open`` is ``tokens[start]``."""
    columns: list[list[str]] = []
    column = 0
    for token in tokens[start + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            column = 0
        elif token.type in ("th_open", "td_open") and column == len(columns):
            columns.append([])
        elif token.type in ("th_close", "td_close"):
            column += 1
        elif token.type == "inline" and column < len(columns):
            columns[column].append(token.content)
    return is_wide(columns)


def pack_links(pack: ContentPack | None) -> set[str]:
    """The web addresses the content pack itself names (its advice texts, its sources)."""
    if pack is None:
        return set()
    models = [pack.info, *pack.advice, *pack.columns, *pack.roles]
    texts = " ".join(model.model_dump_json() for model in models)
    return set(_URL.findall(texts))


def render_page(
    markdown: str,
    *,
    title: str,
    lang: str,
    break_before: Sequence[str] = (),
    links: Iterable[str] = (),
) -> str:
    """Markdown as a whole HTML page with the print style sheet (see the module docstring).

    A level-2 heading whose text is in ``break_before`` starts a new printed page.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = parser.parse(markdown)
    allowed = set(links)
    breaks = set(break_before)
    for index, token in enumerate(tokens):
        if token.type == "html_block":
            token.type = "text"  # rendered escaped
        heading = token.type == "heading_open" and token.tag == "h2"
        if heading and index + 1 < len(tokens) and tokens[index + 1].content.strip() in breaks:
            token.attrSet("class", "page-break")
        for child in token.children or []:
            if child.type == "html_inline" and child.content.strip().lower() not in _ALLOWED_HTML:
                child.type = "text"
            elif child.type == "image":
                child.type = "text"
                child.content = child.content or str(child.attrGet("alt") or "")
            elif child.type == "link_open" and str(child.attrGet("href") or "") not in allowed:
                child.attrs.pop("href", None)
    _mark_wide_tables(tokens)
    body = parser.renderer.render(tokens, parser.options, {})
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
