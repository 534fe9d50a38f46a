"""The one set of escaping rules for the summary: the team's words as plain text.

What the team typed shows as typed when the Markdown is rendered, and stays readable when
the raw file is pasted into an e-mail, so a character is escaped with a backslash only
where Markdown would act on it (``docs/session-format.md`` has the table):

* always: ``\\``, ``*``, `````, ``[``, ``~``, ``$``, ``|``;
* ``_`` unless it sits inside a word (``snake_case`` stays as it is);
* ``<`` before a letter, ``/``, ``!`` or ``?`` (a tag, comment or autolink), and ``&``
  when it starts a character reference (``&amp;``), so no HTML is ever live;
* at the start of a line in notes: ``#``, ``>``, list markers (``-``, ``+``, ``1.``),
  and lines of only ``=`` or ``-``.

Line breaks in notes become hard line breaks (two trailing spaces); in table cells they
become ``<br>``, the one piece of HTML we write. Control characters other than tab and
newline are left out of every export. What a reader could be fooled by, or an XML file
cannot hold, is shown as the terminal shows it (:func:`inddrag.domain.safe_text.visible`):
bidi overrides and isolates, line and paragraph separators and lone surrogates everywhere
(``⟨U+202E⟩``), zero-width characters in names and titles (:func:`one_line`), and the
non-characters U+FFFE and U+FFFF, which make a workbook unreadable. :func:`csv_text` is
the CSV side: no formulas.
"""

from __future__ import annotations

import re

from inddrag.domain.safe_text import shown_as_is, visible

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TAG_START = re.compile(r"[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_LIST_MARK = re.compile(r"([-+*])(?=[ \t]|$)")
_ORDERED = re.compile(r"([0-9]{1,9})([.)])(?=[ \t]|$)")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_BREAK_LINE = re.compile(r"(?:[-_*][ \t]*){3,}$")
_SPECIAL = re.compile(r"[\\*`\[~$|_<&]")
_MAY_START_BLOCK = frozenset("#>-+=0123456789")
"""The first characters :func:`escape_line_start` may have to escape (``*`` and ``_`` are
escaped inline already)."""


def _plain(text: str) -> str:
    """Line ends (and line or paragraph separators) as ``\\n``; no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n"))


def _shown_unsafe(text: str, *, name: bool = False) -> str:
    """What a reader could be fooled by, or XML cannot hold, shown as ``⟨U+202E⟩``."""
    return visible(text, name=name, lines=not name)


def clean_text(text: str) -> str:
    """Line ends as ``\\n``, no control characters but tab and newline, and nothing an
    XML file cannot hold or a reader could be fooled by (shown as ``⟨U+202E⟩``).

    Nearly every note has none of these, and is returned after one search.
    """
    if shown_as_is(text):  # no \r, no control character, nothing visible() would show
        return text
    return _shown_unsafe(_plain(text))


def one_line(text: str) -> str:
    """Text on one line (a name, a title): control characters gone, runs of white space
    one space, zero-width characters shown (``⟨U+200B⟩``) as the terminal shows them."""
    return _shown_unsafe(" ".join(_plain(text).split()), name=True)


def _escape_match(match: re.Match[str]) -> str:
    char = match.group()
    text, index = match.string, match.start()
    if char == "_":
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1 : index + 2]
        return "_" if before.isalnum() and after.isalnum() else "\\_"
    if char == "<":
        return "\\<" if _TAG_START.match(text, index + 1) else "<"
    if char == "&":
        return "\\&" if _ENTITY.match(text, index) else "&"
    return "\\" + char


def escape_inline(text: str) -> str:
    """Escape one line of plain text so Markdown shows it as typed (module docstring)."""
    return _SPECIAL.sub(_escape_match, text)


def escape_line_start(line: str) -> str:
    """Also escape what would start a heading, quote, list or rule (``line`` is escaped)."""
    stripped = line.lstrip(" \t")
    if not stripped or stripped[0] not in _MAY_START_BLOCK:
        return line  # the common case, decided without a regular expression
    lead = line[: len(line) - len(stripped)]
    if stripped[0] in "#>" or _LIST_MARK.match(stripped):
        return f"{lead}\\{stripped}"
    if _UNDERLINE.match(stripped) or _BREAK_LINE.match(stripped):
        return f"{lead}\\{stripped}"
    ordered = _ORDERED.match(stripped)
    if ordered:
        return f"{lead}{ordered.group(1)}\\{stripped[len(ordered.group(1)) :]}"
    return line


def escape_block(text: str, indent: str = "") -> list[str]:
    """Plain text as Markdown lines: paragraphs kept, every line break a hard break.

    ``indent`` is put before each line but the first (for text inside a list item). The
    text is escaped inline as a whole (no rule looks past a line's end), split into
    paragraphs at blank lines, and only a line that may start a block is looked at alone
    (string methods over the whole text: a 5 KB note has about 70 lines).
    """
    body = "\n".join([line.rstrip() for line in escape_inline(clean_text(text)).split("\n")])
    lines: list[str] = []
    for part in body.split("\n\n"):
        paragraph = part.strip()  # blank lines and the first line's leading blanks
        if not paragraph:
            continue
        if lines:
            lines.append("")
        paragraph = _LATER_BLOCK_START.sub(_escape_later_start, paragraph)
        first, newline, rest = paragraph.partition("\n")
        paragraph = escape_line_start(first) + newline + rest
        lines += paragraph.replace("\n", "  \n").split("\n")  # hard breaks
    if not indent or not lines:
        return lines
    return [lines[0], *[(indent + line if line else "") for line in lines[1:]]]


_LATER_BLOCK_START = re.compile(
    r"\n[ \t]*[" + re.escape("".join(sorted(_MAY_START_BLOCK))) + r"][^\n]*"
)
"""A line after the first that :func:`escape_line_start` may change: its first character
after blanks is one of ``_MAY_START_BLOCK`` (the search starts at a line break)."""


def _escape_later_start(match: re.Match[str]) -> str:
    return "\n" + escape_line_start(match.group()[1:])


def escape_cell(text: str) -> str:
    """Text for one GFM table cell: escaped, on one line, line breaks as ``<br>``."""
    cell = clean_text(text).strip()
    if "\n" not in cell:  # most cells
        return escape_inline(cell)
    return "<br>".join(escape_inline(line) for line in cell.split("\n"))


def escape_heading(text: str) -> str:
    """Text for a heading, a list item label or a name: one line, ``#`` escaped too."""
    return escape_inline(one_line(text)).replace("#", "\\#")


_FORMULA_START = ("=", "+", "-", "@", "\t")


def csv_text(value: str) -> str:
    """A CSV text field: clean line ends, no control characters, never read as a formula."""
    text = clean_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
