"""“Siden sidst”: what changed at each follow-up meeting, for every summary format.

:func:`change_records` lists the changes of :func:`inddrag.domain.followup.history` as
plain records (newest meeting first, then roles, priorities and votes), which the CSV and
the workbook write as rows; :func:`since_section` writes them as Markdown, escaped like
everything else the team typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import escape_heading, one_line
from inddrag.domain.export.parts import advice_title, table_columns
from inddrag.domain.followup import MeetingChanges, history
from inddrag.domain.session import Session
from inddrag.i18n import format_date, t

KINDS = ("cell", "row_added", "row_removed", "place", "votes")


@dataclass(frozen=True)
class ChangeRecord:
    """One change at one meeting, in plain text and numbers."""

    meeting: date
    since: date
    kind: str
    """One of :data:`KINDS`."""
    subject: str
    """The role's name, or the advice's title."""
    column: str = ""
    """For a cell: the column's title."""
    before: str | int | None = None
    after: str | int | None = None


def change_records(session: Session, pack: ContentPack | None, lang: str) -> list[ChangeRecord]:
    """Every change of every follow-up meeting, newest meeting first."""
    titles = dict(table_columns(session))
    out: list[ChangeRecord] = []
    for changes in reversed(history(session)):
        out += _records(changes, titles, pack, lang)
    return out


def _records(
    changes: MeetingChanges, titles: dict[str, str], pack: ContentPack | None, lang: str
) -> list[ChangeRecord]:
    when, since = changes.date, changes.since
    out = [
        ChangeRecord(
            when,
            since,
            "cell",
            cell.row_name,
            titles.get(cell.column_id, cell.column_id),
            cell.before,
            cell.after,
        )
        for cell in changes.cells
    ]
    out += [ChangeRecord(when, since, "row_added", row.name) for row in changes.rows_added]
    out += [ChangeRecord(when, since, "row_removed", row.name) for row in changes.rows_removed]
    for place in changes.places:
        title = advice_title(place.advice_id, pack, lang)
        out.append(ChangeRecord(when, since, "place", title, "", place.before, place.after))
    for vote in changes.votes:
        title = advice_title(vote.advice_id, pack, lang)
        out.append(ChangeRecord(when, since, "votes", title, "", vote.before, vote.after))
    return out


def _quoted(text: str | int | None, lang: str) -> str:
    value = one_line(str(text or ""))
    if not value:
        return t("followup.empty", lang)
    return t("followup.quoted", lang, text=escape_heading(value))


def _line(record: ChangeRecord, lang: str) -> str:
    subject = f"**{escape_heading(record.subject)}**"
    if record.kind == "cell":
        return t(
            "followup.cell",
            lang,
            row=subject,
            column=escape_heading(record.column),
            before=_quoted(record.before, lang),
            after=_quoted(record.after, lang),
        )
    if record.kind in ("row_added", "row_removed"):
        return t(f"followup.{record.kind}", lang, row=subject)
    if record.kind == "place":
        if record.before is None:
            return t("followup.placed", lang, title=subject, after=record.after)
        if record.after is None:
            return t("followup.unplaced", lang, title=subject, before=record.before)
        return t("followup.moved", lang, title=subject, before=record.before, after=record.after)
    return t("followup.votes", lang, title=subject, before=record.before, after=record.after)


def since_section(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The “Siden sidst” section, newest meeting first (``""`` before any follow-up)."""
    meetings = list(reversed(history(session)))
    if not meetings:
        return ""
    records = change_records(session, pack, lang)
    out = [f"## {escape_heading(t('followup.heading', lang))}"]
    for changes in meetings:
        heading = t(
            "followup.meeting",
            lang,
            date=format_date(changes.date, lang),
            since=format_date(changes.since, lang),
        )
        out += ["", f"### {escape_heading(heading)}", ""]
        mine = [r for r in records if r.meeting == changes.date and r.since == changes.since]
        if not mine:
            out.append(t("followup.no_changes", lang))
        out += [f"- {_line(record, lang)}" for record in mine]
    return "\n".join(out) + "\n"
