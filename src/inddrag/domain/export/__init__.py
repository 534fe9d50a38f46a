"""The summary of a session: Markdown, CSV, a workbook and a printable page.

All are written in the language asked for (the CLI passes the session's own content
language) and work without a pack: advice titles then fall back to their ids. Ids the pack
does not know, and cells in columns the table lacks, are kept and shown, never dropped.

* :mod:`~inddrag.domain.export.markdown`: :func:`to_markdown`;
* :mod:`~inddrag.domain.export.tables`: the tidy tables the CSV files and the workbook
  are written from; :mod:`~inddrag.domain.export.csv` (:func:`to_csv`, :func:`csv_files`)
  and :mod:`~inddrag.domain.export.xlsx` (:func:`to_xlsx`) write them;
* :mod:`~inddrag.domain.export.html`: :func:`to_html`, the Markdown as a printable page;
* :mod:`~inddrag.domain.export.since`: “Siden sidst” after a follow-up meeting;
* :mod:`~inddrag.domain.export.formats`: the one list of export formats, each with its
  renderer (see docs/architecture.md, “A format”);
* :mod:`~inddrag.domain.export.files`: any of these as files (:func:`write_summary`);
* :mod:`~inddrag.domain.export.escape`: the one set of escaping rules;
* :mod:`~inddrag.domain.export.parts`: what all are built from.

A new format is one entry in :data:`~inddrag.domain.export.formats.FORMATS` and its
renderer. The counting behind the preparation sections is :mod:`inddrag.domain.aggregate`;
it is done once per summary.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inddrag.domain.export.csv import csv_files, to_csv
    from inddrag.domain.export.files import write_summary
    from inddrag.domain.export.html import to_html
    from inddrag.domain.export.markdown import to_markdown
    from inddrag.domain.export.xlsx import to_xlsx

_WHERE = {
    "csv_files": "csv",
    "to_csv": "csv",
    "write_summary": "files",
    "to_html": "html",
    "to_markdown": "markdown",
    "to_xlsx": "xlsx",
}
__all__ = ["csv_files", "to_csv", "to_html", "to_markdown", "to_xlsx", "write_summary"]


def __getattr__(name: str) -> Any:
    """The writers, imported when first used: reading the list of formats
    (:mod:`~inddrag.domain.export.formats`, for ``--help``) loads none of them."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
