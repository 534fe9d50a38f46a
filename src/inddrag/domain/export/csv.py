"""The summary as CSV, for a Danish spreadsheet: one tidy table per file.

UTF-8 with a byte-order mark, ``;`` between fields and CRLF between rows, as Danish Excel
and LibreOffice expect. Fields with ``;``, quotes or line breaks are quoted, line breaks
inside a field are LF. A text field starting with ``=``, ``+``, ``-``, ``@`` or a tab gets a
leading ``'`` so no spreadsheet runs it as a formula
(:func:`~inddrag.domain.export.escape.csv_text`). Numbers are written the way the
session's language writes them (``1,5`` in Danish, ``1.5`` in English), dates as ISO
(``2026-11-26``).

Each table of :func:`~inddrag.domain.export.tables.summary_tables` is one file
(:func:`csv_files`): a header row and then one row per advice, role or change, so a
spreadsheet can filter and sort it. :func:`to_csv` is the main one, the advice.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import csv_text
from inddrag.domain.export.tables import Cell, Table, advice_table, summary_tables
from inddrag.domain.session import Session
from inddrag.i18n import format_decimal, normalise_language, t

if TYPE_CHECKING:
    from inddrag.domain.export.files import Report


def field_text(value: Cell, lang: str) -> str:
    """One cell as CSV text: guarded text, numbers in the language's way, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_decimal(value, lang, digits=2)
    if isinstance(value, date):
        return value.isoformat()
    return csv_text(value)


def table_csv(table: Table, lang: str) -> str:
    """One table as a CSV file's text (byte-order mark, ``;``, CRLF)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_text(name) for name in table.header])
    writer.writerows([field_text(value, lang) for value in row] for row in table.rows)
    return "\ufeff" + buffer.getvalue()


def csv_files(session: Session, pack: ContentPack | None, lang: str) -> list[tuple[str, str]]:
    """(file-name part, CSV text) for every table: ``raad``, ``roller``, … in ``lang``."""
    lang = normalise_language(lang)
    return [
        (t(f"export.csv.file_{table.name}", lang), table_csv(table, lang))
        for table in summary_tables(session, pack, lang)
    ]


def to_csv(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The advice table as CSV: one row per advice (see the module docstring)."""
    lang = normalise_language(lang)
    return table_csv(advice_table(session, pack, lang), lang)


def files(report: Report, target: Path) -> list[tuple[Path, bytes]]:
    """The report's renderer (:mod:`~inddrag.domain.export.formats`): a file per table,
    named after ``target``: ``referat.csv`` → ``referat-raad.csv``, ``referat-roller.csv``…"""
    from inddrag.domain.atomic import encode_text

    stem = target.stem if target.suffix else target.name
    return [
        (
            target.with_name(f"{stem}-{_file_part(table.name, report.lang)}.csv"),
            encode_text(table_csv(table, report.lang)),
        )
        for table in report.tables
    ]


def _file_part(name: str, lang: str) -> str:
    """The file-name part of a table: ``raad`` for the advice, ``samlet`` for a ranking."""
    key = f"export.csv.file_{name}"
    text = t(key, lang)
    return text if text != key else t(f"rollup.file_{name}", lang)
