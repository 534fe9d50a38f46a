"""What both summaries are built from: which advice to show, their titles, the roles table.

Ids the pack does not know, and cells in columns the table lacks, are kept and shown,
never dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from inddrag.domain.aggregate import AdviceScore, Disagreement, advice_ids, placements, third
from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import clean_text, one_line
from inddrag.domain.session import AdviceEntry, Session
from inddrag.i18n import t, t_plural


def advice_order(session: Session, pack: ContentPack | None) -> list[str]:
    """Every advice id to show: the pack's in pack order, then any others as they appear."""
    pack_ids = [a.id for a in pack.advice] if pack is not None else []
    return list(dict.fromkeys([*pack_ids, *advice_ids(session, None)]))


def advice_title(advice_id: str, pack: ContentPack | None, lang: str) -> str:
    """The pack's title for an advice; its id (marked as unknown) when the pack lacks it."""
    if pack is not None:
        advice = pack.advice_by_id(advice_id)
        if advice is not None:
            return advice.title
        return t("export.unknown_advice", lang, id=advice_id)
    return advice_id


def advice_number(advice_id: str, pack: ContentPack | None) -> int | None:
    """The advice's 1-based place in the pack; ``None`` without a pack or for an unknown id."""
    return pack.advice_number(advice_id) if pack is not None else None


def entries_by_id(session: Session) -> dict[str, AdviceEntry]:
    """The team's entry per advice id, as :meth:`Session.entry` finds it (the first): one
    pass for a loop over every advice, instead of one search per advice."""
    found: dict[str, AdviceEntry] = {}
    for entry in session.advice:
        found.setdefault(entry.id, entry)
    return found


def table_columns(session: Session) -> list[tuple[str, str]]:
    """(id, title) of every column: the table's own, then ids only cells mention."""
    columns = [(c.id, c.title) for c in session.roles.columns]
    known = {c.id for c in session.roles.columns}
    for row in session.roles.rows:
        for column_id in row.cells:
            if column_id not in known:
                known.add(column_id)
                columns.append((column_id, column_id))
    return columns


def prep_notes_for(session: Session, advice_id: str, lang: str) -> list[tuple[str, str]]:
    """(who, note) for each merged preparation with a note on this advice."""
    return prep_notes_by_advice(session, lang).get(advice_id, [])


def prep_notes_by_advice(session: Session, lang: str) -> dict[str, list[tuple[str, str]]]:
    """:func:`prep_notes_for` of every advice at once, in one pass over the inputs.

    A summary asks for every advice (and the advice ids people brought, which may be
    thousands): looking through every input for each would grow with their product.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    anonymous = t("export.anonymous", lang)
    for item in session.inputs:
        who = one_line(item.participant) or anonymous
        for advice_id, note in item.notes.items():
            if clean_text(note).strip():
                out.setdefault(advice_id, []).append((who, note))
    return out


def priority_places(session: Session) -> dict[str, int]:
    """Each advice id's 1-based place in the team's priorities (its first, if repeated)."""
    places: dict[str, int] = {}
    for place, advice_id in enumerate(session.priorities.order, start=1):
        places.setdefault(advice_id, place)
    return places


def score_title(score: AdviceScore, lang: str) -> str:
    """The title of a scored advice in the preparation tables (an unknown id is marked)."""
    if score.known:
        return score.title
    return t("merge.prep.unknown_title", lang, id=score.id)


def score_number(score: AdviceScore) -> str:
    """The advice's number in the pack as text; empty for an id the pack does not know."""
    return str(score.number) if score.number is not None else ""


def placements_text(
    session: Session, advice_id: str, lang: str, *, name: Callable[[str], str] = str
) -> str:
    """``Anna 1 · Bo — · Carl 10``: where each person put the advice (— not ranked).

    Anonymous inputs show only their places, after the named ones and sorted, so nothing
    tells who is who: ``1 · 10 · —``. ``name`` renders a name (escaping it for Markdown).
    """
    parts = []
    for who, place in placements(session, advice_id):
        where = str(place) if place is not None else "—"
        parts.append(f"{name(who)} {where}" if who else where)
    return " · ".join(parts)


def split_rule(key: str, size: int, lang: str) -> str:
    """The disagreement rule in words, with this list's numbers (see docs/merge.md)."""
    cut = third(size)
    return t(key, lang, top=cut, bottom=size - cut + 1, size=size, half=(size + 1) // 2)


def gap_text(item: Disagreement, lang: str) -> str:
    """``plads 1–10 (9 fra hinanden) · 1 har det ikke med``."""
    text = t("merge.prep.gap", lang, best=item.best, worst=item.worst, gap=item.gap)
    if item.unranked:
        text += " · " + t_plural("merge.prep.unranked", item.unranked, lang)
    return text
