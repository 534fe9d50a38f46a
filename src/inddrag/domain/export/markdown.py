"""The summary as GitHub-flavoured Markdown (to share, print or mail).

Sections: the head (title and meeting facts), the priorities, what changed since the last
meeting (“Siden sidst”, after a follow-up), what the team brought from its preparation
(when preparations were merged), every advice with its notes, and the roles table.
All of the team's text goes through :mod:`inddrag.domain.export.escape`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.aggregate import (
    SHOWN_SPLITS,
    AdviceScore,
    PrepAggregate,
    aggregate,
    disagreements,
    placements,
)
from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import (
    clean_text,
    escape_block,
    escape_cell,
    escape_heading,
    one_line,
)
from inddrag.domain.export.parts import (
    advice_number,
    advice_order,
    advice_title,
    entries_by_id,
    gap_text,
    placements_text,
    prep_notes_by_advice,
    priority_places,
    score_number,
    score_title,
    split_rule,
    table_columns,
)
from inddrag.domain.export.since import since_section
from inddrag.domain.session import Session
from inddrag.i18n import format_date, format_decimal, normalise_language, t, t_plural

if TYPE_CHECKING:
    from inddrag.domain.export.files import Report


def files(report: Report, target: Path) -> list[tuple[Path, bytes]]:
    """The report's renderer (:mod:`~inddrag.domain.export.formats`): its Markdown."""
    from inddrag.domain.atomic import encode_text

    return [(target, encode_text(report.markdown))]


def to_markdown(session: Session, pack: ContentPack | None, lang: str) -> str:
    """The summary as GitHub-flavoured Markdown, ending in one newline."""
    lang = normalise_language(lang)
    out: list[str] = []
    _head(out, session, pack, lang)
    _priorities(out, session, pack, lang)
    since = since_section(session, pack, lang).strip("\n")
    if since:
        out += ["", since]
    if session.inputs:
        section = prep_section(session, pack, lang, aggregate(session, pack)).strip("\n")
        if section:
            out += ["", section]
    _advice(out, session, pack, lang)
    _roles(out, session, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _head(out: list[str], session: Session, pack: ContentPack | None, lang: str) -> None:
    info = session.session
    title = one_line(info.title) or t(f"export.untitled_{info.kind}", lang)
    out += [f"# {escape_heading(title)}", ""]
    facts: list[tuple[str, str]] = []
    if one_line(info.team):
        facts.append((t("export.team", lang), info.team))
    when = session.meeting_date
    if when is not None:
        facts.append((t("export.date_label", lang), format_date(when, lang)))
    if info.updated is not None and when is not None and info.updated.date() != when:
        facts.append((t("export.updated", lang), format_date(info.updated.date(), lang)))
    if one_line(info.facilitator):
        facts.append((t(f"export.facilitator_{info.kind}", lang), info.facilitator))
    names = [name for name in info.participants if one_line(name)]
    if names:
        facts.append((t("export.participants", lang), ", ".join(names)))
    for label, value in facts:
        out.append(f"- **{escape_heading(label)}:** {escape_heading(value)}")
    if facts:
        out.append("")
    source = pack.info.title if pack is not None else session.content.pack
    out.append(t(f"export.based_on_{info.kind}", lang, title=escape_heading(source)))


def _priorities(out: list[str], session: Session, pack: ContentPack | None, lang: str) -> None:
    out += ["", f"## {escape_heading(t('export.priorities', lang))}", ""]
    team = session.kind == "team"
    order = list(dict.fromkeys(session.priorities.order))
    note = ""
    if not order and team:
        voted = [e for e in session.advice if e.votes > 0]
        sequence = {a: i for i, a in enumerate(advice_order(session, pack))}
        voted.sort(key=lambda e: (-e.votes, sequence.get(e.id, 0)))
        order = [e.id for e in voted]
        note = t("export.by_votes", lang) if order else ""
    if not order:
        out.append(t("export.no_priorities", lang))
        return
    if note:
        out += [note, ""]
    entries = entries_by_id(session)
    for place, advice_id in enumerate(order, start=1):
        line = f"{place}. {escape_heading(advice_title(advice_id, pack, lang))}"
        entry = entries.get(advice_id)
        if team:
            line += f" – {t_plural('export.votes', entry.votes if entry else 0, lang)}"
        out.append(line)


_PREP_COLUMNS = ("rank", "number", "title", "points", "ranked", "top", "mean", "spread")
_PREP_ALIGN = ("---:", "---:", "---", "---:", "---:", "---:", "---:", "---:")


def prep_section(
    session: Session, pack: ContentPack | None, lang: str, counts: PrepAggregate | None = None
) -> str:
    """The “Fra forberedelsen” section (``""`` when nothing was merged).

    ``counts`` is :func:`~inddrag.domain.aggregate.aggregate` of the session, when the
    caller has it already. The notes people brought stand under each advice instead.
    """
    if not session.inputs:
        return ""
    counts = counts if counts is not None else aggregate(session, pack)
    out: list[str] = [f"## {t('merge.prep.heading', lang)}", ""]
    out.append(t_plural("merge.prep.count", counts.inputs, lang))
    if counts.participants:
        names = ", ".join(escape_heading(name) for name in counts.participants)
        out.append(t("merge.prep.names", lang, names=names))
    if counts.anonymous:
        out.append(t_plural("merge.prep.withheld", counts.anonymous, lang))
    out.append("")
    out.append(t("merge.prep.rule", lang, size=counts.size, second=max(counts.size - 1, 0)))
    out.append(t("merge.prep.spread_rule", lang))
    out.append("")
    header = [t(f"merge.prep.col_{name}", lang) for name in _PREP_COLUMNS]
    out.append(_row(header))
    out.append("|" + "|".join(_PREP_ALIGN) + "|")
    for score in counts.scores:
        cells = [
            f"{score.rank}.",
            score_number(score),
            escape_cell(score_title(score, lang)),
            str(score.points),
            str(score.ranked),
            str(score.top),
            format_decimal(score.mean_position, lang),
            format_decimal(score.spread, lang),
        ]
        out.append(_row(cells))
    _splits(out, session, pack, lang, counts)
    return "\n".join(out) + "\n"


def _splits(
    out: list[str], session: Session, pack: ContentPack | None, lang: str, counts: PrepAggregate
) -> None:
    """“Her er I uenige”: the real splits, furthest apart first, five and “og N mere”."""
    found = disagreements(session, pack, counts=counts)
    if not found:
        return
    out += ["", f"### {t('merge.prep.disagree_heading', lang)}", ""]
    out += [split_rule("merge.prep.disagree_rule", counts.size, lang), ""]
    for item in found[:SHOWN_SPLITS]:
        where = placements_text(session, item.score.id, lang, name=escape_heading)
        out.append(f"- **{_label(item.score, lang)}**: {gap_text(item, lang)} ({where})")
    rest = found[SHOWN_SPLITS:]
    if rest:
        items = " · ".join(
            f"{_label(i.score, lang)} ({t('merge.prep.places', lang, best=i.best, worst=i.worst)})"
            for i in rest
        )
        out.append(f"- {t('merge.prep.more', lang, count=len(rest), items=items)}")


def _label(score: AdviceScore, lang: str) -> str:
    title = escape_heading(score_title(score, lang))
    return f"{score.number}. {title}" if score.number is not None else title


def _advice(out: list[str], session: Session, pack: ContentPack | None, lang: str) -> None:
    out += ["", f"## {escape_heading(t('export.advice', lang))}"]
    places = priority_places(session)
    team = session.kind == "team"
    by_advice = prep_notes_by_advice(session, lang)
    entries = entries_by_id(session)
    for advice_id in advice_order(session, pack):
        number = advice_number(advice_id, pack)
        title = escape_heading(advice_title(advice_id, pack, lang))
        out += ["", f"### {number}. {title}" if number is not None else f"### {title}", ""]
        entry = entries.get(advice_id)
        facts: list[str] = []
        if team:
            facts.append(t_plural("export.votes", entry.votes if entry else 0, lang))
        if advice_id in places:
            facts.append(t("export.ranked", lang, place=places[advice_id]))
        if facts:
            out += [" · ".join(facts), ""]
        notes = escape_block(entry.notes) if entry is not None else []
        out += notes or [t("export.no_notes", lang)]
        prepared = by_advice.get(advice_id, [])
        if any(place is not None for _, place in placements(session, advice_id)):
            where = placements_text(session, advice_id, lang, name=escape_heading)
            out += ["", t("export.placements", lang, places=where)]
        if prepared:
            out += ["", t("export.from_prep", lang), ""]
            for who, note in prepared:
                lines = escape_block(note, indent="  ")
                out.append(f"- **{escape_heading(who)}:** {lines[0]}")
                out += lines[1:]


def _roles(out: list[str], session: Session, lang: str) -> None:
    out += ["", f"## {escape_heading(t('export.roles', lang))}", ""]
    columns = table_columns(session)
    rows = session.roles.rows
    if not columns and not rows:
        out.append(t("export.no_roles", lang))
        return
    header = session.roles.row_header
    if not clean_text(header).strip():
        header = t("export.row_header", lang)
    cells = [escape_cell(header), *(escape_cell(title) for _, title in columns)]
    out.append(_row(cells))
    out.append("|" + "|".join("---" for _ in cells) + "|")
    for row in rows:
        values = [escape_cell(row.name), *(escape_cell(row.cells.get(c, "")) for c, _ in columns)]
        out.append(_row(values))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
