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
* :mod:`~inddrag.domain.export.files`: any of these as files (:func:`write_summary`);
* :mod:`~inddrag.domain.export.escape`: the one set of escaping rules;
* :mod:`~inddrag.domain.export.parts`: what all are built from.

A new report is one more function beside these. The counting behind the preparation
sections is :mod:`inddrag.domain.aggregate`; it is done once per summary.
"""

from inddrag.domain.export.csv import csv_files, to_csv
from inddrag.domain.export.files import write_summary
from inddrag.domain.export.html import to_html
from inddrag.domain.export.markdown import to_markdown
from inddrag.domain.export.xlsx import to_xlsx

__all__ = ["csv_files", "to_csv", "to_html", "to_markdown", "to_xlsx", "write_summary"]
