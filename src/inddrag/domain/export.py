"""The summary of a session as Markdown (to share, print or mail) and as CSV (to a spreadsheet).

Both are written in the language asked for (the CLI passes the session's own content
language) and work without a pack: advice titles then fall back to their ids. Ids the pack
does not know, and cells in columns the table lacks, are kept and shown, never dropped.

**Markdown** is GitHub-flavoured. The team's words are plain text, not Markdown: what they
typed shows as typed when rendered, line by line. To keep the raw file readable (it is
often pasted into an e-mail as it is), characters are escaped with a backslash only where
they would otherwise mean something (see :func:`escape_inline` and :func:`escape_block`
and ``docs/session-format.md``):

* always: ``\\``, ``*``, `````, ``[``, ``~``, ``$``, ``|``;
* ``_`` unless it sits inside a word (``snake_case`` stays as it is);
* ``<`` before a letter, ``/``, ``!`` or ``?`` (a tag, comment or autolink), and ``&``
  when it starts a character reference (``&amp;``), so no HTML is ever live;
* at the start of a line in notes: ``#``, ``>``, list markers (``-``, ``+``, ``1.``),
  and lines of only ``=`` or ``-``.

Line breaks in notes become hard line breaks (two trailing spaces); in table cells they
become ``<br>``, the one piece of HTML we write. Control characters other than tab and
newline are left out of both exports.

**CSV** is UTF-8 with a byte-order mark, ``;`` between fields and CRLF between rows, as
Danish Excel and LibreOffice expect. Fields with ``;``, quotes or line breaks are quoted,
line breaks inside a field are LF. A text field starting with ``=``, ``+``, ``-``, ``@``
or a tab gets a leading ``'`` so no spreadsheet runs it as a formula. The file holds
blocks (the session's facts, the advice, the roles table and, when preparation was
merged, its count), each a title row, a header row and data, with an empty row between.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from typing import Any

from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session
from inddrag.i18n import normalise_language, t

# --- dates -------------------------------------------------------------------------------


def format_date(value: date, lang: str) -> str:
    """``26. november 2026`` (da), ``26 November 2026`` (en); no locale needed."""
    month = t(f"export.month_{value.month}", lang)
    return t("export.date", lang, day=value.day, month=month, year=value.year)


def format_datetime(value: datetime, lang: str) -> str:
    """``26. november 2026 kl. 11.40`` (da), ``26 November 2026 at 11:40`` (en)."""
    clock = t("export.time", lang, hour=f"{value.hour:02d}", minute=f"{value.minute:02d}")
    return t("export.date_time", lang, date=format_date(value.date(), lang), time=clock)


# --- escaping ----------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TAG_START = re.compile(r"[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
_LIST_MARK = re.compile(r"([-+*])(?=[ \t]|$)")
_ORDERED = re.compile(r"([0-9]{1,9})([.)])(?=[ \t]|$)")
_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
_BREAK_LINE = re.compile(r"(?:[-_*][ \t]*){3,}$")


def clean_text(text: str) -> str:
    """Line ends as ``\\n`` and no control characters but tab and newline."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


_SPECIAL = re.compile(r"[\\*`\[~$|_<&]")


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
    lead = line[: len(line) - len(stripped)]
    if not stripped:
        return line
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

    ``indent`` is put before each line but the first (for text inside a list item).
    """
    lines: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            if lines:
                lines.append("")
            lines.extend(line + "  " for line in paragraph[:-1])
            lines.append(paragraph[-1])
            paragraph.clear()

    for raw in clean_text(text).split("\n"):
        line = raw.rstrip()
        if not line.strip():
            end_paragraph()
            continue
        if not paragraph:
            line = line.lstrip()
        paragraph.append(escape_line_start(escape_inline(line)))
    end_paragraph()
    return [lines[0], *[(indent + line if line else "") for line in lines[1:]]] if lines else []


def escape_cell(text: str) -> str:
    """Text for one GFM table cell: escaped, on one line, line breaks as ``<br>``."""
    lines = clean_text(text).strip().split("\n")
    return "<br>".join(escape_inline(line) for line in lines)


def one_line(text: str) -> str:
    """Text on one line: control characters gone, runs of white space one space."""
    return " ".join(clean_text(text).split())


def escape_heading(text: str) -> str:
    """Text for a heading or list item label: one line, ``#`` escaped too."""
    return escape_inline(one_line(text)).replace("#", "\\#")


# --- what the summary is built from ------------------------------------------------------


def _lang(lang: str) -> str:
    return normalise_language(lang)


def advice_order(session: Session, pack: ContentPack | None) -> list[str]:
    """Every advice id to show: the pack's in pack order, then any others as they appear."""
    ids: dict[str, None] = {}
    if pack is not None:
        ids.update((a.id, None) for a in pack.advice)
    ids.update((e.id, None) for e in session.advice)
    ids.update((i, None) for i in session.priorities.order)
    for item in session.inputs:
        ids.update((i, None) for i in item.order)
        ids.update((i, None) for i in item.notes)
    return list(ids)


def advice_title(advice_id: str, pack: ContentPack | None, lang: str) -> str:
    """The pack's title for an advice; its id (marked as unknown) when the pack lacks it."""
    if pack is not None:
        advice = pack.advice_by_id(advice_id)
        if advice is not None:
            return advice.title
        return t("export.unknown_advice", lang, id=advice_id)
    return advice_id


def advice_number(advice_id: str, pack: ContentPack | None) -> int | None:
    return pack.advice_number(advice_id) if pack is not None else None


def table_columns(session: Session) -> list[tuple[str, str]]:
    """(id, title) of every column: the table's own, then ids only cells mention."""
    columns = [(c.id, c.title) for c in session.roles.columns]
    known = {c.id for c in session.roles.columns}
    for row in session.roles.rows:
        for column_id in row.cells:
            if column_id not in known:
                known.add(column_id)
                columns.append((column_id, column_id))
    return columns


def prep_notes_for(session: Session, advice_id: str, lang: str) -> list[tuple[str, str]]:
    """(who, note) for each merged preparation with a note on this advice."""
    out: list[tuple[str, str]] = []
    for item in session.inputs:
        note = item.notes.get(advice_id, "")
        if clean_text(note).strip():
            out.append((one_line(item.participant) or t("export.anonymous", lang), note))
    return out


def _votes(count: int, lang: str) -> str:
    return t("export.votes_one" if count == 1 else "export.votes_many", lang, count=count)


def _ranks(session: Session) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for place, advice_id in enumerate(session.priorities.order, start=1):
        ranks.setdefault(advice_id, place)
    return ranks


def _prep_markdown(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The “Fra forberedelsen” section from :mod:`inddrag.domain.aggregate`, if present."""
    try:
        from inddrag.domain import aggregate
    except ImportError:
        return ""
    section: str = aggregate.markdown_prep_section(session, pack, lang)
    return section


def _prep_csv(session: Session, pack: ContentPack | None, lang: str) -> list[list[str]]:
    try:
        from inddrag.domain import aggregate
    except ImportError:
        return []
    rows: list[list[str]] = aggregate.csv_prep_rows(session, pack, lang)
    return rows


# --- Markdown ----------------------------------------------------------------------------


def to_markdown(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The summary as GitHub-flavoured Markdown, ending in one newline."""
    lang = _lang(lang)
    out: list[str] = []
    _md_head(out, session, pack, lang)
    _md_priorities(out, session, pack, lang)
    if session.inputs:
        section = _prep_markdown(session, pack, lang).strip("\n")
        if section:
            out += ["", section]
    _md_advice(out, session, pack, lang)
    _md_roles(out, session, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_head(out: list[str], session: Session, pack: ContentPack | None, lang: str) -> None:
    info = session.session
    title = one_line(info.title) or t(f"export.untitled_{info.kind}", lang)
    out += [f"# {escape_heading(title)}", ""]
    facts: list[tuple[str, str]] = []
    if one_line(info.team):
        facts.append((t("export.team", lang), info.team))
    when = info.created or info.updated
    if when is not None:
        facts.append((t("export.date_label", lang), format_date(when.date(), lang)))
    if info.updated is not None and when is not None and info.updated.date() != when.date():
        facts.append((t("export.updated", lang), format_date(info.updated.date(), lang)))
    if one_line(info.facilitator):
        facts.append((t(f"export.facilitator_{info.kind}", lang), info.facilitator))
    names = [name for name in info.participants if one_line(name)]
    if names:
        facts.append((t("export.participants", lang), ", ".join(names)))
    for label, value in facts:
        out.append(f"- **{escape_heading(label)}:** {escape_heading(value)}")
    if facts:
        out.append("")
    source = pack.info.title if pack is not None else session.content.pack
    out.append(t(f"export.based_on_{info.kind}", lang, title=escape_heading(source)))


def _md_priorities(out: list[str], session: Session, pack: ContentPack | None, lang: str) -> None:
    out += ["", f"## {escape_heading(t('export.priorities', lang))}", ""]
    team = session.kind == "team"
    order = list(dict.fromkeys(session.priorities.order))
    note = ""
    if not order and team:
        voted = [e for e in session.advice if e.votes > 0]
        sequence = {a: i for i, a in enumerate(advice_order(session, pack))}
        voted.sort(key=lambda e: (-e.votes, sequence.get(e.id, 0)))
        order = [e.id for e in voted]
        note = t("export.by_votes", lang) if order else ""
    if not order:
        out.append(t("export.no_priorities", lang))
        return
    if note:
        out += [note, ""]
    for place, advice_id in enumerate(order, start=1):
        line = f"{place}. {escape_heading(advice_title(advice_id, pack, lang))}"
        entry = session.entry(advice_id)
        if team:
            line += f" – {_votes(entry.votes if entry else 0, lang)}"
        out.append(line)


def _md_advice(out: list[str], session: Session, pack: ContentPack | None, lang: str) -> None:
    out += ["", f"## {escape_heading(t('export.advice', lang))}"]
    ranks = _ranks(session)
    team = session.kind == "team"
    for advice_id in advice_order(session, pack):
        number = advice_number(advice_id, pack)
        title = escape_heading(advice_title(advice_id, pack, lang))
        out += ["", f"### {number}. {title}" if number is not None else f"### {title}", ""]
        entry = session.entry(advice_id)
        facts: list[str] = []
        if team:
            facts.append(_votes(entry.votes if entry else 0, lang))
        if advice_id in ranks:
            facts.append(t("export.ranked", lang, place=ranks[advice_id]))
        if facts:
            out += [" · ".join(facts), ""]
        notes = escape_block(entry.notes) if entry is not None else []
        out += notes or [t("export.no_notes", lang)]
        prepared = prep_notes_for(session, advice_id, lang)
        if prepared:
            out += ["", t("export.from_prep", lang), ""]
            for who, note in prepared:
                lines = escape_block(note, indent="  ")
                out.append(f"- **{escape_heading(who)}:** {lines[0]}")
                out += lines[1:]


def _md_roles(out: list[str], session: Session, lang: str) -> None:
    out += ["", f"## {escape_heading(t('export.roles', lang))}", ""]
    columns = table_columns(session)
    rows = session.roles.rows
    if not columns and not rows:
        out.append(t("export.no_roles", lang))
        return
    header = session.roles.row_header
    if not clean_text(header).strip():
        header = t("export.row_header", lang)
    cells = [escape_cell(header), *(escape_cell(title) for _, title in columns)]
    out.append(_md_row(cells))
    out.append("|" + "|".join("---" for _ in cells) + "|")
    for row in rows:
        values = [escape_cell(row.name), *(escape_cell(row.cells.get(c, "")) for c, _ in columns)]
        out.append(_md_row(values))


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


# --- CSV ---------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t")


def csv_text(value: str) -> str:
    """A text field: clean line ends, no control characters, never read as a formula."""
    text = clean_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The summary as CSV for a Danish spreadsheet (see the module docstring)."""
    lang = _lang(lang)
    rows: list[list[Any]] = []
    info = session.session
    rows.append([t("export.csv.session", lang)])
    rows.append([t("export.csv.field", lang), t("export.csv.value", lang)])
    when = info.created or info.updated
    facts = [
        ("title", info.title),
        ("kind", t(f"export.csv.kind_{info.kind}", lang)),
        ("team", info.team),
        ("date", when.date().isoformat() if when else ""),
        ("updated", info.updated.date().isoformat() if info.updated else ""),
        (f"facilitator_{info.kind}", info.facilitator),
        ("participants", ", ".join(info.participants)),
        ("pack", session.content.pack),
        ("pack_version", session.content.version),
        ("language", session.content.language),
    ]
    rows += [[t(f"export.csv.{key}", lang), csv_text(value)] for key, value in facts]

    rows += [[], [t("export.csv.advice_block", lang)]]
    rows.append([t(f"export.csv.{name}", lang) for name in _ADVICE_COLUMNS])
    ranks = _ranks(session)
    for advice_id in advice_order(session, pack):
        entry = session.entry(advice_id)
        number = advice_number(advice_id, pack)
        prepared = prep_notes_for(session, advice_id, lang)
        rows.append(
            [
                number if number is not None else "",
                csv_text(advice_id),
                csv_text(advice_title(advice_id, pack, lang)),
                entry.votes if entry is not None else 0,
                ranks.get(advice_id, ""),
                csv_text(entry.notes if entry is not None else ""),
                csv_text("\n".join(f"{who}: {note.strip()}" for who, note in prepared)),
            ]
        )

    rows += [[], [t("export.csv.roles_block", lang)]]
    columns = table_columns(session)
    header = session.roles.row_header or t("export.row_header", lang)
    rows.append([csv_text(header), *(csv_text(title) for _, title in columns)])
    for row in session.roles.rows:
        rows.append([csv_text(row.name), *(csv_text(row.cells.get(c, "")) for c, _ in columns)])

    if session.inputs:
        prep = _prep_csv(session, pack, lang)
        if prep:
            rows += [[], [t("export.csv.prep_block", lang)]]
            rows += [[csv_text(str(cell)) for cell in row] for row in prep]

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


_ADVICE_COLUMNS = ("number", "id", "advice_title", "votes", "rank", "notes", "from_prep")
