"""Reports as files: Markdown, CSV (one file per table), a workbook, or a printable page.

A :class:`Report` is what every summary is made of (the session's summary and the
plenary's roll-up alike): its Markdown, its tidy tables, and a title. :func:`render` turns
it into the bytes of each file for one format; :func:`write_report` writes them, each
atomically, and removes what it wrote in this call when a later file fails, so nothing is
left half-written. CSV makes one file per table, named after the one asked for:
``referat.csv`` → ``referat-raad.csv``, ``referat-roller.csv``, …
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from inddrag.domain.atomic import encode_text, write_file
from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import one_line
from inddrag.domain.export.tables import Table, summary_tables
from inddrag.domain.session import Session
from inddrag.i18n import normalise_language, t

FORMATS = ("md", "csv", "xlsx", "html")
SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".xlsx": "xlsx", ".html": "html"}
SUFFIXES[".htm"] = "html"


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


def format_for(path: Path | None, asked: str | None) -> str:
    """The format asked for, else the one the output's ending names, else Markdown."""
    if asked:
        return asked
    if path is not None:
        return SUFFIXES.get(path.suffix.lower(), "md")
    return "md"


def render(report: Report, fmt: str, target: Path) -> list[tuple[Path, bytes]]:
    """(path, bytes) of each file ``fmt`` makes for ``target``."""
    if fmt == "csv":
        from inddrag.domain.export.csv import table_csv

        stem = target.stem if target.suffix else target.name
        return [
            (
                target.with_name(f"{stem}-{_file_part(table.name, report.lang)}.csv"),
                encode_text(table_csv(table, report.lang)),
            )
            for table in report.tables
        ]
    if fmt == "xlsx":
        from inddrag.domain.export.xlsx import workbook_bytes

        return [(target, workbook_bytes(report.tables))]
    if fmt == "html":
        from inddrag.domain.export.html import render_page

        page = render_page(
            report.markdown,
            title=report.title,
            lang=report.lang,
            break_before=report.break_before,
            links=report.links,
        )
        return [(target, encode_text(page))]
    return [(target, encode_text(report.markdown))]


def _file_part(name: str, lang: str) -> str:
    """The file-name part of a table: ``raad`` for the advice, ``samlet`` for a ranking."""
    key = f"export.csv.file_{name}"
    text = t(key, lang)
    return text if text != key else t(f"rollup.file_{name}", lang)


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
