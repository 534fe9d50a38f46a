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
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import clean_text
from inddrag.domain.export.tables import Cell, Table, summary_tables
from inddrag.domain.session import Session

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from inddrag.domain.export.files import Report

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 60


def to_xlsx(session: Session, pack: ContentPack | None, lang: str) -> bytes:
    """The summary as the bytes of an ``.xlsx`` file."""
    return workbook_bytes(summary_tables(session, pack, lang))


def files(report: Report, target: Path) -> list[tuple[Path, bytes]]:
    """The report's renderer (:mod:`~inddrag.domain.export.formats`): one workbook."""
    return [(target, workbook_bytes(report.tables))]


def sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique."""
    base = _SHEET_FORBIDDEN.sub("-", clean_text(title)).strip("' ")[:31] or "Ark"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def workbook_bytes(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table, header row bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

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
                cell = _put(sheet, row_number, column, value)
                if isinstance(value, str) and "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        _widths(sheet, table)
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


def _widths(sheet: Worksheet, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    for index, name in enumerate(table.header, start=1):
        longest = len(name)
        for row in table.rows:
            if index <= len(row) and row[index - 1] is not None:
                text = str(row[index - 1])
                longest = max(longest, *(len(line) for line in text.split("\n")))
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, longest + 2)
