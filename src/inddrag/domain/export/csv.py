"""The summary as CSV, for a Danish spreadsheet.

UTF-8 with a byte-order mark, ``;`` between fields and CRLF between rows, as Danish Excel
and LibreOffice expect. Fields with ``;``, quotes or line breaks are quoted, line breaks
inside a field are LF. A text field starting with ``=``, ``+``, ``-``, ``@`` or a tab gets a
leading ``'`` so no spreadsheet runs it as a formula
(:func:`~inddrag.domain.export.escape.csv_text`). The file holds blocks (the session's
facts, the advice, the roles table and, when preparation was merged, its count), each a
title row, a header row and data, with an empty row between.
"""

from __future__ import annotations

import csv
import io

from inddrag.domain.aggregate import PrepAggregate, aggregate
from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import csv_text
from inddrag.domain.export.parts import (
    advice_number,
    advice_order,
    advice_title,
    prep_notes_by_advice,
    priority_places,
    score_number,
    score_title,
    table_columns,
)
from inddrag.domain.session import Session
from inddrag.i18n import normalise_language, t

_ADVICE_COLUMNS = ("number", "id", "advice_title", "votes", "rank", "notes", "from_prep")
_PREP_COLUMNS = ("rank", "number", "id", "title", "points", "ranked", "top", "mean", "spread")

Cell = str | int


def to_csv(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The summary as CSV for a Danish spreadsheet (see the module docstring)."""
    lang = normalise_language(lang)
    rows: list[list[Cell]] = []
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
    places = priority_places(session)
    by_advice = prep_notes_by_advice(session, lang)
    for advice_id in advice_order(session, pack):
        entry = session.entry(advice_id)
        number = advice_number(advice_id, pack)
        prepared = by_advice.get(advice_id, [])
        rows.append(
            [
                number if number is not None else "",
                csv_text(advice_id),
                csv_text(advice_title(advice_id, pack, lang)),
                entry.votes if entry is not None else 0,
                places.get(advice_id, ""),
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
        prep = prep_rows(session, pack, lang, aggregate(session, pack))
        if prep:
            rows += [[], [t("export.csv.prep_block", lang)]]
            rows += [[csv_text(cell) for cell in row] for row in prep]

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def prep_rows(
    session: Session, pack: ContentPack | None, lang: str, counts: PrepAggregate | None = None
) -> list[list[str]]:
    """A header row and one row per advice with the figures of the Markdown table.

    Decimals use a point (``1.33``) whatever the language, so spreadsheets and scripts read
    them alike; the rank is a plain number. Empty list when nothing was merged. ``counts``
    is :func:`~inddrag.domain.aggregate.aggregate` of the session, when the caller has it.
    """
    if not session.inputs:
        return []
    counts = counts if counts is not None else aggregate(session, pack)
    rows = [[t(f"merge.prep.csv_{name}", lang) for name in _PREP_COLUMNS]]
    for score in counts.scores:
        rows.append(
            [
                str(score.rank),
                score_number(score),
                score.id,
                score_title(score, lang),
                str(score.points),
                str(score.ranked),
                str(score.top),
                _decimal(score.mean_position),
                _decimal(score.spread),
            ]
        )
    return rows


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
