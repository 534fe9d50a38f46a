"""Reports as files, in any format of :mod:`inddrag.domain.export.formats`.

A :class:`Report` is what every summary is made of (the session's summary and the
plenary's roll-up alike): its Markdown, its tidy tables, and a title. :func:`render` turns
it into the bytes of each file for one format (the format's own renderer);
:func:`write_report` writes them, each
atomically, and removes what it wrote in this call when a later file fails, so nothing is
left half-written. CSV makes one file per table, named after the one asked for:
``referat.csv`` → ``referat-raad.csv``, ``referat-roller.csv``, …
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from inddrag.domain.atomic import write_file
from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import one_line
from inddrag.domain.export.formats import FORMATS
from inddrag.domain.export.tables import Table, summary_tables
from inddrag.domain.session import Session
from inddrag.i18n import normalise_language, t


@dataclass
class Report:
    """One report in every form: Markdown, tables, and what the printed page needs."""

    markdown: str
    tables: list[Table]
    title: str
    lang: str
    break_before: list[str] = field(default_factory=list)
    """Level-2 headings that start a new printed page."""
    links: set[str] = field(default_factory=set)
    """Web addresses the HTML may link to (those the content pack names)."""
    main: str = "advice"
    """The table shown when only one can be (CSV on stdout)."""


def session_report(session: Session, pack: ContentPack | None, lang: str) -> Report:
    """The summary of one session as a :class:`Report`."""
    from inddrag.domain.export.html import pack_links
    from inddrag.domain.export.markdown import to_markdown

    lang = normalise_language(lang)
    title = one_line(session.session.title) or t(f"export.untitled_{session.kind}", lang)
    return Report(
        markdown=to_markdown(session, pack, lang),
        tables=summary_tables(session, pack, lang),
        title=title,
        lang=lang,
        break_before=[t("export.roles", lang)],
        links=pack_links(pack),
    )


def render(report: Report, fmt: str, target: Path) -> list[tuple[Path, bytes]]:
    """(path, bytes) of each file ``fmt`` makes for ``target``."""
    return FORMATS[fmt].render(report, target)


def one_file(report: Report, fmt: str) -> bytes:
    """What ``fmt`` writes when there is room for one file only (stdout): CSV's main table."""
    files = render(report, fmt, Path("-"))
    if len(files) == 1:
        return files[0][1]
    return files[[table.name for table in report.tables].index(report.main)][1]


def _a_session(path: Path) -> str | None:
    from inddrag.domain.storage import a_session

    return a_session(path)


def write_report(report: Report, fmt: str, target: Path) -> list[Path]:
    """Write the files of ``fmt`` atomically; on a failure remove this call's new files.

    Raises :class:`~inddrag.domain.atomic.SaveError` (the first failure) then.
    """
    files = render(report, fmt, target)
    written: list[Path] = []
    try:
        for path, data in files:
            existed = path.exists()
            # Never over a session or a special file; links only to a regular file.
            write_file(path, data, check=_a_session)
            if not existed:
                written.append(path)
    except OSError:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return [path for path, _ in files]


def write_summary(
    session: Session, pack: ContentPack | None, lang: str, fmt: str, target: Path
) -> list[Path]:
    """The session's summary in ``fmt`` at ``target`` (CSV: one file per table)."""
    return write_report(session_report(session, pack, lang), fmt, target)
