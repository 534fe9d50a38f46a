"""The summary as tidy tables: one header row, then one row per thing, typed cells.

The CSV files and the workbook are both written from these, so a number is a number and
a date a date in both (:mod:`~inddrag.domain.export.csv` writes them as text in the
session's language, :mod:`~inddrag.domain.export.xlsx` as typed cells). Text is the
team's text as typed; each writer guards it in its own way.

Tables, by name: ``session`` (field/value), ``advice`` (one row per advice), ``roles``
(one row per role), ``prep`` (the merged preparation's count, when there is one, with
the places of a real split as ``1–10``, :func:`~inddrag.domain.aggregate.split`) and
``since`` (“Siden sidst”, one row per change, after a follow-up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from inddrag.domain.aggregate import PrepAggregate, aggregate, disagreements
from inddrag.domain.content import ContentPack
from inddrag.domain.export.parts import (
    advice_number,
    advice_order,
    advice_title,
    entries_by_id,
    prep_notes_for,
    priority_places,
    score_number,
    score_title,
    table_columns,
)
from inddrag.domain.export.since import change_records
from inddrag.domain.session import Session
from inddrag.i18n import normalise_language, round_half_up, t

Cell = str | int | float | date | None
NAMES = ("session", "advice", "prep", "roles", "since")
_ADVICE_COLUMNS = ("number", "id", "advice_title", "votes", "rank", "notes", "from_prep")
_PREP_COLUMNS = (
    "rank",
    "number",
    "id",
    "title",
    "points",
    "ranked",
    "top",
    "mean",
    "spread",
    "split",
)
_SINCE_COLUMNS = ("meeting", "since", "change", "subject", "column", "before", "after")


@dataclass
class Table:
    """One tidy table: its name (one of :data:`NAMES`), title, header and rows."""

    name: str
    title: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def summary_tables(session: Session, pack: ContentPack | None, lang: str) -> list[Table]:
    """Every table of the summary that has something to say, in :data:`NAMES` order."""
    lang = normalise_language(lang)
    tables = [session_table(session, lang), advice_table(session, pack, lang)]
    if session.inputs:
        tables.append(prep_table(session, pack, lang))
    tables.append(roles_table(session, lang))
    since = since_table(session, pack, lang)
    if since.rows:
        tables.append(since)
    return tables


def session_table(session: Session, lang: str) -> Table:
    """The session's facts, one ``felt;værdi`` row each."""
    info = session.session
    facts: list[tuple[str, Cell]] = [
        ("title", info.title),
        ("kind", t(f"export.csv.kind_{info.kind}", lang)),
        ("team", info.team),
        ("date", session.meeting_date),
        ("updated", info.updated.date() if info.updated else None),
        (f"facilitator_{info.kind}", info.facilitator),
        ("participants", ", ".join(info.participants)),
        ("pack", session.content.pack),
        ("pack_version", session.content.version),
        ("language", session.content.language),
    ]
    return Table(
        "session",
        t("export.csv.session", lang),
        [t("export.csv.field", lang), t("export.csv.value", lang)],
        [[t(f"export.csv.{key}", lang), value] for key, value in facts],
    )


def advice_table(session: Session, pack: ContentPack | None, lang: str) -> Table:
    """One row per advice: pack order, then ids the pack does not know."""
    table = Table(
        "advice",
        t("export.csv.advice_block", lang),
        [t(f"export.csv.{name}", lang) for name in _ADVICE_COLUMNS],
    )
    places = priority_places(session)
    entries = entries_by_id(session)
    for advice_id in advice_order(session, pack):
        entry = entries.get(advice_id)
        prepared = prep_notes_for(session, advice_id, lang)
        table.rows.append(
            [
                advice_number(advice_id, pack),
                advice_id,
                advice_title(advice_id, pack, lang),
                entry.votes if entry is not None else 0,
                places.get(advice_id),
                entry.notes if entry is not None else "",
                "\n".join(f"{who}: {note.strip()}" for who, note in prepared),
            ]
        )
    return table


def roles_table(session: Session, lang: str) -> Table:
    """The roles table as the team adapted it, one row per role."""
    columns = table_columns(session)
    header = session.roles.row_header or t("export.row_header", lang)
    table = Table(
        "roles", t("export.csv.roles_block", lang), [header, *(title for _, title in columns)]
    )
    for row in session.roles.rows:
        table.rows.append([row.name, *(row.cells.get(c, "") for c, _ in columns)])
    return table


def prep_table(
    session: Session, pack: ContentPack | None, lang: str, counts: PrepAggregate | None = None
) -> Table:
    """The figures of the “Fra forberedelsen” table, one row per advice, as numbers."""
    counts = counts if counts is not None else aggregate(session, pack)
    apart = {d.score.id: f"{d.best}–{d.worst}" for d in disagreements(session, pack, counts=counts)}
    table = Table(
        "prep",
        t("export.csv.prep_block", lang),
        [t(f"merge.prep.csv_{name}", lang) for name in _PREP_COLUMNS],
    )
    for score in counts.scores:
        number = score_number(score)
        table.rows.append(
            [
                score.rank,
                int(number) if number else None,
                score.id,
                score_title(score, lang),
                score.points,
                score.ranked,
                score.top,
                _two_places(score.mean_position),
                _two_places(score.spread),
                apart.get(score.id),
            ]
        )
    return table


def _two_places(value: float | None) -> float | None:
    """A figure for the CSV and the workbook: two decimals, rounded half up."""
    return None if value is None else float(round_half_up(value, 2))


def since_table(session: Session, pack: ContentPack | None, lang: str) -> Table:
    """“Siden sidst”: one row per change, newest meeting first."""
    table = Table(
        "since",
        t("followup.heading", lang),
        [t(f"followup.csv_{name}", lang) for name in _SINCE_COLUMNS],
    )
    for record in change_records(session, pack, lang):
        table.rows.append(
            [
                record.meeting,
                record.since,
                t(f"followup.kind_{record.kind}", lang),
                record.subject,
                record.column,
                record.before,
                record.after,
            ]
        )
    return table
