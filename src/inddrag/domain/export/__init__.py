"""The summary of a session as Markdown (to share, print or mail) and as CSV (to a spreadsheet).

Both are written in the language asked for (the CLI passes the session's own content
language) and work without a pack: advice titles then fall back to their ids. Ids the pack
does not know, and cells in columns the table lacks, are kept and shown, never dropped.

* :mod:`~inddrag.domain.export.markdown`: :func:`to_markdown`;
* :mod:`~inddrag.domain.export.csv`: :func:`to_csv`;
* :mod:`~inddrag.domain.export.escape`: the one set of escaping rules both use;
* :mod:`~inddrag.domain.export.parts`: what both are built from.

A new report is one more function beside these two. The counting behind the preparation
sections is :mod:`inddrag.domain.aggregate`; it is done once per summary.
"""

from inddrag.domain.export.csv import to_csv
from inddrag.domain.export.markdown import to_markdown

__all__ = ["to_csv", "to_markdown"]
