"""Whatever the team types, the exports keep it whole (hypothesis).

The roles table parses with markdown-it to the right shape with every cell's text intact;
notes render as typed, line by line; CSV fields read back as written.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

import tests.hypothesis_profiles  # noqa: F401  (loads the profile)
from inddrag.domain import export
from inddrag.domain.export import escape, markdown
from inddrag.domain.export.csv import csv_files
from inddrag.domain.export.parts import table_columns
from inddrag.domain.session import (
    AdviceEntry,
    Column,
    ContentRef,
    PrepInput,
    RolesTable,
    Row,
    Session,
    SessionInfo,
)
from tests.session_strategies import TRICKY

MARKDOWN_BITS = [
    "*",
    "**",
    "_",
    "__",
    "`",
    "```",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "![",
    "#",
    "##",
    ">",
    "-",
    "+",
    "1.",
    "2)",
    "=",
    "---",
    "===",
    "<",
    ">",
    "&",
    "&amp;",
    "&#35;",
    "&#x41;",
    "<br>",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "<?",
    "<http://x.dk>",
    "\\",
    "\\\\",
    "|",
    "||",
    "$",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "a",
    "æ",
    "ø",
    "å",
    "1",
    "x_y",
    "👩‍💻",
    "\u00a0",
    "\u3000",
    "\x00",
    "\x0b",
    "\x85",
    "\u2028",
]

hostile = st.one_of(
    st.text(),
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(MARKDOWN_BITS) | st.text(max_size=3), max_size=12).map("".join),
)


def session_with(roles: RolesTable | None = None, notes: str = "", kind: str = "team") -> Session:
    return Session(
        format="inddrag-session",
        version=2,
        session=SessionInfo(kind="team" if kind == "team" else "prep"),
        content=ContentRef(pack="p", version="1", language="da"),
        advice=[AdviceEntry(id="raad", notes=notes)],
        roles=roles or RolesTable(),
    )


def inline_text(token: Token) -> str:
    out: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type == "hardbreak" or (child.type == "html_inline" and child.content == "<br>"):
            out.append("\n")
        else:
            raise AssertionError(f"live markup from user text: {child.type} {child.content!r}")
    return "".join(out)


def parse(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def expected_cell(text: str) -> str:
    return escape.clean_text(text).strip()


@st.composite
def tables(draw: st.DrawFn) -> RolesTable:
    column_ids = draw(st.lists(st.text(min_size=1, max_size=4), max_size=4, unique=True))
    columns = [Column(id=c, title=draw(hostile)) for c in column_ids]
    keys = (
        st.sampled_from(column_ids) | st.text(min_size=1, max_size=3)
        if column_ids
        else (st.text(min_size=1, max_size=3))
    )
    rows = [
        Row(
            id=str(index),
            name=draw(hostile),
            cells=draw(st.dictionaries(keys, hostile, max_size=5)),
        )
        for index in range(draw(st.integers(min_value=0, max_value=4)))
    ]
    return RolesTable(row_header=draw(hostile), columns=columns, rows=rows)


@given(tables())
def test_roles_table_keeps_its_shape_and_every_cell_whole(roles: RolesTable) -> None:
    session = session_with(roles)
    markdown = export.to_markdown(session, None, "da")
    tokens = parse(markdown)
    assert not [t for t in tokens if t.type == "html_block"]
    start = max(i for i, t in enumerate(tokens) if t.type == "heading_open")
    rows: list[list[str]] = []
    for token in tokens[start:]:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(inline_text(token))
    columns = table_columns(session)
    if not columns and not roles.rows:
        assert rows == []
        return
    header = roles.row_header.strip() and roles.row_header
    assert rows[0] == [
        expected_cell(header) or "Hvem",
        *(expected_cell(title) for _, title in columns),
    ]
    assert len(rows) == 1 + len(roles.rows)
    for row, cells in zip(roles.rows, rows[1:], strict=True):
        assert cells == [
            expected_cell(row.name),
            *(expected_cell(row.cells.get(column_id, "")) for column_id, _ in columns),
        ]


def expected_notes(text: str) -> str:
    """The notes as a reader sees them: paragraphs and lines kept, line-edge spaces gone."""
    paragraphs: list[list[str]] = [[]]
    for raw in escape.clean_text(text).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line.lstrip() if not paragraphs[-1] else line.lstrip(" \t"))
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


@given(hostile)
def test_notes_render_as_typed(notes: str) -> None:
    markdown = export.to_markdown(session_with(notes=notes), None, "da")
    tokens = parse(markdown)
    assert not [t for t in tokens if t.type in ("html_block", "code_block", "fence", "hr")]
    heading = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "raad")
    following = tokens[heading + 2 :]
    stop = next(i for i, t in enumerate(following) if t.type == "heading_open")
    body = following[:stop]
    assert {t.type for t in body} <= {"paragraph_open", "inline", "paragraph_close"}
    texts = [inline_text(t) for t in body if t.type == "inline"]
    assert texts[0] == "0 stemmer"
    shown = "\n\n".join(texts[1:])
    assert shown == (expected_notes(notes) or "(Ingen noter.)")


@given(st.lists(st.tuples(hostile, hostile), min_size=1, max_size=3))
def test_prepared_notes_render_as_typed(preps: list[tuple[str, str]]) -> None:
    session = session_with()
    when = datetime(2026, 11, 26, 10, 5)
    session.inputs = [
        PrepInput(participant=who, merged=when, notes={"raad": note}) for who, note in preps
    ]
    with patch.object(markdown, "prep_section", lambda *args: ""):
        tokens = parse(export.to_markdown(session, None, "da"))
    items: list[list[Token]] = []
    inside = False
    for token in tokens:
        if token.type == "bullet_list_open":
            inside = True
        elif token.type == "bullet_list_close":
            inside = False
        elif inside and token.type == "list_item_open":
            items.append([])
        elif inside and token.type == "inline":
            items[-1].append(token)
    shown = [(who, note) for who, note in preps if escape.clean_text(note).strip()]
    assert len(items) == len(shown)
    for (who, note), inlines in zip(shown, items, strict=True):
        first = [c for c in inlines[0].children or [] if c.type != "text" or c.content]
        assert [c.type for c in first[:3]] == ["strong_open", "text", "strong_close"]
        assert first[1].content == (escape.one_line(who) or "Anonym") + ":"
        head = Token("inline", "", 0, children=first[3:])
        paragraphs = [inline_text(head).removeprefix(" ")]
        paragraphs += [inline_text(t) for t in inlines[1:]]
        assert "\n\n".join(paragraphs) == expected_notes(note)


# --- an oracle of our own: nothing below calls the escaping it checks ------------------------

_CONTROL_CHARS = {
    chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
}


_SHOWN = {
    "\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\ufffe", "\uffff",
}  # fmt: skip
"""Bidi marks, overrides and isolates, and what XML cannot hold: shown as ⟨U+XXXX⟩ (issue 22)."""
_ZERO_WIDTH = {
    "\u00ad", "\u180e", "\u200b", "\u200c", "\u200d", "\u2060", "\u2061", "\u2062",
    "\u2063", "\u2064", "\ufeff",
}  # fmt: skip
"""Also shown in names and titles (issue 22, item 11)."""


def _show(text: str, shown: set[str]) -> str:
    return "".join(f"⟨U+{ord(ch):04X}⟩" if ch in shown else ch for ch in text)


def plain(text: str) -> str:
    """What the team typed, as the exports must keep it: CR/CRLF and line or paragraph
    separators as LF, no control characters, bidi controls and U+FFFE/U+FFFF shown."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _show("".join(ch for ch in text if ch not in _CONTROL_CHARS), _SHOWN)


def on_one_line(text: str) -> str:
    return _show(" ".join(plain(text).split()), _ZERO_WIDTH)


def spreadsheet(text: str) -> str:
    """A CSV text field: a leading ``'`` keeps a spreadsheet from running it as a formula."""
    text = plain(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text


def read_csv(text: str) -> list[list[str]]:
    """RFC 4180 with ``;`` and CRLF, by hand (not the csv module the export is written with)."""
    rows: list[list[str]] = []
    row: list[str] = []
    field: list[str] = []
    i, quoted, was_quoted = 0, False, False
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                field.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                field.append(ch)
        elif ch == '"':
            assert not field, f"a quote inside an unquoted field at {i}"
            quoted = was_quoted = True
        elif ch == ";":
            row.append("".join(field))
            field, was_quoted = [], False
        elif text.startswith("\r\n", i):
            row.append("".join(field))
            rows.append(row if row != [""] or was_quoted else [])
            row, field, was_quoted = [], [], False
            i += 1
        else:
            assert ch not in "\r\n", f"a line break outside quotes at {i}"
            field.append(ch)
        i += 1
    assert not quoted and not field and not row, "the file ends inside a row"
    return rows


def columns_of(roles: RolesTable) -> list[tuple[str, str]]:
    """(id, title): the table's columns, then each id only cells mention, once, as met."""
    out = [(c.id, c.title) for c in roles.columns]
    for row in roles.rows:
        for column_id in row.cells:
            if column_id not in [i for i, _ in out]:
                out.append((column_id, column_id))
    return out


@given(hostile, hostile)
def test_titles_and_names_stay_on_their_line(title: str, name: str) -> None:
    session = session_with()
    session.session.title = title
    session.session.facilitator = name
    tokens = parse(export.to_markdown(session, None, "da"))
    first = tokens[1]
    assert tokens[0].type == "heading_open" and first.type == "inline"
    assert inline_text(first) == (on_one_line(title) or "Drøftelse uden titel")
    facts = [
        [c for c in token.children or [] if c.type != "text" or c.content]
        for token in tokens
        if token.type == "inline" and any(c.type == "strong_open" for c in token.children or [])
    ]
    if not on_one_line(name):
        assert facts == []
        return
    [fact] = facts
    assert fact[1].content == "Mødeleder:"
    value = Token("inline", "", 0, children=fact[3:])
    assert inline_text(value).removeprefix(" ") == on_one_line(name)


@given(tables(), hostile, hostile)
def test_csv_fields_read_back_as_written(roles: RolesTable, notes: str, name: str) -> None:
    session = session_with(roles, notes)
    files = dict(csv_files(session, None, "da"))
    for text in files.values():
        assert text.startswith("\ufeff")
        assert "\r" not in text.replace("\r\n", "")  # CR only in row ends
    rows = list(csv.reader(io.StringIO(files["raad"][1:], newline=""), delimiter=";"))
    advice = rows[1]
    assert advice[5] == escape.csv_text(notes)
    assert not advice[5].startswith(("=", "+", "-", "@", "\t"))
    table = list(csv.reader(io.StringIO(files["roller"][1:], newline=""), delimiter=";"))
    columns = table_columns(session)
    header = roles.row_header or "Hvem"
    assert table[0] == [escape.csv_text(header), *(escape.csv_text(t) for _, t in columns)]
    for row, fields in zip(roles.rows, table[1:], strict=True):
        assert fields == [
            spreadsheet(row.name),
            *(spreadsheet(row.cells.get(c, "")) for c, _ in columns),
        ]
