"""The summary as an Excel workbook (``.xlsx``), written with openpyxl.

One sheet per table of :func:`~inddrag.domain.export.tables.summary_tables`: the session,
the advice (votes and places as numbers, notes as text), the preparation's figures, the
roles and, after a follow-up, “Siden sidst”. Every piece of text is stored as text
(openpyxl would store ``=1+1`` as a formula; we set the cell's type back to a string), so
what the team typed arrives as typed: Danish letters, line breaks (the cell wraps), and
``=1+1``, ``+45 12 34 56 78``, ``- punkt`` or ``@SUM`` never evaluated and with no
apostrophe in front. openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import clean_text
from inddrag.domain.export.tables import Cell, Table
from inddrag.domain.session import Session
from inddrag.i18n import t

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from inddrag.domain.export.files import Report

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60
"""The widest a column gets (characters); longer text wraps in it."""
PAGE_WIDTH = 150
"""Column widths (characters) that fit across a landscape A4 page at 100 %."""
MIN_WRAP = 24
"""The narrowest a long text column is made to fit the page."""
LINE_HEIGHT = 15
"""Points per line of wrapped text (Calibri 11)."""
MAX_HEADER = 120
"""Characters of the title in a printed page's header (Excel allows 255 in all)."""


def to_xlsx(session: Session, pack: ContentPack | None, lang: str) -> bytes:
    """The summary as the bytes of an ``.xlsx`` file."""
    from inddrag.domain.export.files import session_report

    report = session_report(session, pack, lang)
    return workbook_bytes(report.tables, report.title, report.lang)


def files(report: Report, target: Path) -> list[tuple[Path, bytes]]:
    """The report's renderer (:mod:`~inddrag.domain.export.formats`): one workbook."""
    return [(target, workbook_bytes(report.tables, report.title, report.lang))]


def sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique."""
    base = _SHEET_FORBIDDEN.sub("-", clean_text(title)).strip("' ")[:31] or "Ark"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def workbook_bytes(tables: list[Table], title: str = "", lang: str = "da") -> bytes:
    """A workbook with one sheet per table, laid out to print (see :func:`_print_setup`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.title, taken))
        for column, name in enumerate(table.header, start=1):
            _put(sheet, 1, column, name).font = Font(bold=True)
        for row_number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                _put(sheet, row_number, column, value)
        sheet.freeze_panes = "A2"
        _layout(sheet, table)
        _print_setup(sheet, title or table.title, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(sheet: Worksheet, row: int, column: int, value: Cell) -> Any:
    """Put one value in a cell, text as text (never a formula); return the cell."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, str):
        cell.value = clean_text(value)
        cell.data_type = "s"  # text stays text, even when it starts with "="
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
    return cell


def _lines(value: Cell) -> list[str]:
    return [] if value is None else str(value).split("\n")


def _layout(sheet: Worksheet, table: Table) -> None:
    """Columns as wide as their content (at most :data:`MAX_WIDTH`, and narrowed towards
    :data:`MIN_WRAP` while the sheet is wider than a landscape page); a column whose text
    is longer or has line breaks wraps (top-aligned), and each row is as tall as its
    tallest cell, so no text runs into the next cell or row."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    longest: list[int] = []
    floors: list[int] = []
    broken: list[bool] = []
    for index, name in enumerate(table.header):
        column = [row[index] for row in table.rows if index < len(row)]
        lines = [line for value in column for line in _lines(value)]
        longest.append(max([len(name), *map(len, lines)]) + 2)
        word = max((len(w) for text in [name, *lines] for w in text.split()), default=0)
        floors.append(min(MAX_WIDTH, max(MIN_WRAP, word + 2)))
        broken.append(any(len(_lines(value)) > 1 for value in column))
    widths = _fit([min(MAX_WIDTH, n) for n in longest], floors)
    top, wrapped = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        wraps = longest[index] > width or broken[index]
        for row_number in range(1, len(table.rows) + 2):
            cell = sheet.cell(row=row_number, column=index + 1)
            cell.alignment = wrapped if wraps else top  # a row's cells all start at its top
    rows: list[list[Cell]] = [list(table.header), *table.rows]
    for row_number, row in enumerate(rows, start=1):
        tallest = max((_height(v, widths[i]) for i, v in enumerate(row[: len(widths)])), default=1)
        if tallest > 1:
            sheet.row_dimensions[row_number].height = LINE_HEIGHT * tallest


def _fit(widths: list[int], floors: list[int]) -> list[int]:
    """Narrow the wide columns, in proportion, until the sheet fits :data:`PAGE_WIDTH`,
    never below their floor (:data:`MIN_WRAP`, or the longest word, so no word is cut);
    the page's fit-to-width shrinks what is still too wide."""
    excess = sum(widths) - PAGE_WIDTH
    room = sum(max(0, w - f) for w, f in zip(widths, floors, strict=True))
    if excess <= 0 or room == 0:
        return widths
    share = min(1.0, excess / room)
    return [w - math.floor(max(0, w - f) * share) for w, f in zip(widths, floors, strict=True)]


def _height(value: Cell, width: int) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide."""
    return sum(max(1, math.ceil(len(line) / max(1, width - 1))) for line in _lines(value))


def _print_setup(sheet: Worksheet, title: str, lang: str) -> None:
    """A4 landscape, as wide as one page, the header row on every page, the title at the
    top and “Side 1 af 3” at the foot of every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    # "&" starts a code in a header or footer: a title's own "&" is written "&&".
    sheet.oddHeader.center.text = clean_text(title)[:MAX_HEADER].replace("&", "&&")
    sheet.oddFooter.center.text = t("export.xlsx.footer", lang, page="&P", pages="&N")
