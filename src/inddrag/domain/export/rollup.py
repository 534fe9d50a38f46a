"""The plenary's roll-up as a report: Markdown, tidy tables, a printable page.

Sections: the head (groups, date), each group's top places side by side, the combined
Borda ranking with its rule and each group's place, and every role with what each group
wrote, group by group (a role or a group's row with no text in it is left out). The
counting is :mod:`inddrag.domain.rollup`; all text goes through
:mod:`inddrag.domain.export.escape`.
"""

from __future__ import annotations

from inddrag.domain.aggregate import SHOWN_SPLITS
from inddrag.domain.content import ContentPack
from inddrag.domain.export.escape import clean_text, escape_cell, escape_heading
from inddrag.domain.export.files import Report
from inddrag.domain.export.html import pack_links
from inddrag.domain.export.parts import advice_number, advice_title, split_rule, table_columns
from inddrag.domain.export.tables import Table
from inddrag.domain.rollup import TOP_PLACES, Group, Rollup, splits
from inddrag.domain.session import Row
from inddrag.i18n import format_date, normalise_language, t, t_plural


def rollup_report(result: Rollup, pack: ContentPack | None, lang: str) -> Report:
    """The roll-up in every form (see the module docstring)."""
    lang = normalise_language(lang)
    title = t_plural("rollup.title", len(result.groups), lang)
    return Report(
        markdown=rollup_markdown(result, pack, lang),
        tables=rollup_tables(result, pack, lang),
        title=title,
        lang=lang,
        break_before=[t("rollup.roles_heading", lang)],
        links=pack_links(pack),
        main="ranking",
    )


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _title(advice_id: str, pack: ContentPack | None, lang: str) -> str:
    number = advice_number(advice_id, pack)
    title = advice_title(advice_id, pack, lang)
    return f"{number}. {title}" if number is not None else title


def rollup_markdown(result: Rollup, pack: ContentPack | None, lang: str) -> str:
    """The roll-up as GitHub-flavoured Markdown, ending in one newline."""
    out: list[str] = []
    _head(out, result, pack, lang)
    _top_places(out, result, pack, lang)
    _combined(out, result, pack, lang)
    _splits(out, result, pack, lang)
    _roles_by_group(out, result, lang)
    return "\n".join(out).rstrip("\n") + "\n"


def _head(out: list[str], result: Rollup, pack: ContentPack | None, lang: str) -> None:
    """The title, the date, the groups and the pack it is based on."""
    groups = result.groups
    out += [f"# {escape_heading(t_plural('rollup.title', len(groups), lang))}", ""]
    if result.date is not None:
        out.append(f"- **{t('rollup.date_label', lang)}:** {format_date(result.date, lang)}")
    names = ", ".join(escape_heading(g.name) for g in groups)
    out += [f"- **{t('rollup.groups_label', lang)}:** {names}", ""]
    source = pack.info.title if pack is not None else groups[0].session.content.pack
    out.append(t("rollup.based_on", lang, title=escape_heading(source)))


def _top_places(out: list[str], result: Rollup, pack: ContentPack | None, lang: str) -> None:
    """Each group's first places side by side, and which groups counted by votes or not."""
    groups = result.groups
    out += ["", f"## {escape_heading(t('rollup.top_heading', lang))}", ""]
    out.append(_row([t("rollup.place", lang), *(escape_cell(g.name) for g in groups)]))
    out.append("|" + "|".join(["---:", *("---" for _ in groups)]) + "|")
    depth = min(TOP_PLACES, max((len(g.order) for g in groups), default=0))
    for place in range(depth):
        cells = [
            escape_cell(_title(g.order[place], pack, lang)) if place < len(g.order) else ""
            for g in groups
        ]
        out.append(_row([f"{place + 1}.", *cells]))
    notes = [t("rollup.by_votes", lang, group=escape_heading(g.name)) for g in groups if g.by_votes]
    notes += [
        t("rollup.ranked_nothing", lang, group=escape_heading(g.name)) for g in result.unranked
    ]
    if notes:
        out += ["", *(f"- {note}" for note in notes)]


def _combined(out: list[str], result: Rollup, pack: ContentPack | None, lang: str) -> None:
    """The combined ranking with its rule and each group's place."""
    groups = result.groups
    out += ["", f"## {escape_heading(t('rollup.combined_heading', lang))}", ""]
    out += [t("rollup.rule", lang, size=result.size, second=max(result.size - 1, 0)), ""]
    header = [
        t(f"rollup.col_{name}", lang) for name in ("rank", "number", "title", "points", "groups")
    ]
    out.append(_row([*header, *(escape_cell(g.name) for g in groups)]))
    out.append(
        "|" + "|".join(["---:", "---:", "---", "---:", "---:", *("---:" for _ in groups)]) + "|"
    )
    for item in result.ranking:
        number = advice_number(item.id, pack)
        cells = [
            f"{item.rank}.",
            str(number) if number is not None else "",
            escape_cell(advice_title(item.id, pack, lang)),
            str(item.points),
            str(item.groups),
            *(f"{p}." if p is not None else "–" for p in item.places),
        ]
        out.append(_row(cells))


def _splits(out: list[str], result: Rollup, pack: ContentPack | None, lang: str) -> None:
    """“Her er grupperne uenige”: the preparation's rule between groups, five and “og N mere”."""
    found = splits(result)
    if not found:
        return
    out += ["", f"### {escape_heading(t('rollup.disagree_heading', lang))}", ""]
    out += [split_rule("rollup.disagree_rule", result.size, lang), ""]
    for entry in found[:SHOWN_SPLITS]:
        gap = t("merge.prep.gap", lang, best=entry.best, worst=entry.worst, gap=entry.gap)
        if entry.unranked:
            gap += " · " + t_plural("rollup.unranked", entry.unranked, lang)
        where = " · ".join(
            f"{escape_heading(g.name)} {p if p is not None else '—'}"
            for g, p in zip(result.groups, entry.item.places, strict=True)
        )
        out.append(f"- **{escape_heading(_title(entry.item.id, pack, lang))}**: {gap} ({where})")
    rest = found[SHOWN_SPLITS:]
    if rest:
        items = " · ".join(
            f"{escape_heading(_title(e.item.id, pack, lang))}"
            f" ({t('merge.prep.places', lang, best=e.best, worst=e.worst)})"
            for e in rest
        )
        out.append(f"- {t('merge.prep.more', lang, count=len(rest), items=items)}")


def _roles_by_group(out: list[str], result: Rollup, lang: str) -> None:
    """Every role with what each group wrote (roles and rows without text left out)."""
    groups = result.groups
    out += ["", f"## {escape_heading(t('rollup.roles_heading', lang))}"]
    columns = _columns(groups)
    shown = 0
    for role_id, name in _roles(groups):
        written = [(g, row) for g in groups if (row := _find(g, role_id)) and _has_text(row)]
        if not written:
            continue  # a role nobody wrote anything for is left out
        shown += 1
        out += ["", f"### {escape_heading(name)}", ""]
        out.append(_row([t("rollup.group", lang), *(escape_cell(title) for _, title in columns)]))
        out.append("|" + "|".join("---" for _ in range(len(columns) + 1)) + "|")
        for group, row in written:
            cells = [escape_cell(row.cells.get(c, "")) for c, _ in columns]
            out.append(_row([escape_cell(group.name), *cells]))
    if not shown:
        out += ["", t("rollup.no_roles", lang)]


def _has_text(row: Row) -> bool:
    return any(clean_text(text).strip() for text in row.cells.values())


def _roles(groups: tuple[Group, ...]) -> list[tuple[str, str]]:
    """(id, name) of every role any group has, in the order they first appear."""
    found: dict[str, str] = {}
    for group in groups:
        for row in group.session.roles.rows:
            found.setdefault(row.id, row.name)
    return list(found.items())


def _columns(groups: tuple[Group, ...]) -> list[tuple[str, str]]:
    """(id, title) of every column any group has, titles from the first group with it."""
    found: dict[str, str] = {}
    for group in groups:
        for column_id, title in table_columns(group.session):
            found.setdefault(column_id, clean_text(title))
    return list(found.items())


def _find(group: Group, role_id: str) -> Row | None:
    for row in group.session.roles.rows:
        if row.id == role_id:
            return row
    return None


def rollup_tables(result: Rollup, pack: ContentPack | None, lang: str) -> list[Table]:
    """Three tidy tables: each group's order, the combined ranking, and the roles."""
    return [
        _top_table(result, pack, lang),
        _ranking_table(result, pack, lang),
        _roles_table(result, lang),
    ]


def _header(lang: str, *names: str) -> list[str]:
    return [t(f"rollup.csv_{name}", lang) for name in names]


def _top_table(result: Rollup, pack: ContentPack | None, lang: str) -> Table:
    """One row per group and place: each group's own order."""
    top = Table(
        "top",
        t("rollup.top_heading", lang),
        _header(lang, "group", "place", "number", "id", "title"),
    )
    for group in result.groups:
        for place, advice_id in enumerate(group.order, start=1):
            top.rows.append(
                [
                    group.name,
                    place,
                    advice_number(advice_id, pack),
                    advice_id,
                    advice_title(advice_id, pack, lang),
                ]
            )
    return top


def _ranking_table(result: Rollup, pack: ContentPack | None, lang: str) -> Table:
    """The combined ranking, the places of a split, and each group's place."""
    ranking = Table(
        "ranking",
        t("rollup.combined_heading", lang),
        [
            *_header(lang, "rank", "number", "id", "title", "points", "groups", "split"),
            *(g.name for g in result.groups),
        ],
    )
    apart = {e.item.id: f"{e.best}–{e.worst}" for e in splits(result)}
    for item in result.ranking:
        ranking.rows.append(
            [
                item.rank,
                advice_number(item.id, pack),
                item.id,
                advice_title(item.id, pack, lang),
                item.points,
                item.groups,
                apart.get(item.id),
                *item.places,
            ]
        )
    return ranking


def _roles_table(result: Rollup, lang: str) -> Table:
    """One row per role, group and column with text in it."""
    groups = result.groups
    roles = Table(
        "roles",
        t("export.csv.roles_block", lang),
        _header(lang, "role", "group", "column", "text"),
    )
    columns = dict(_columns(groups))
    for role_id, name in _roles(groups):
        for group in groups:
            row = _find(group, role_id)
            if row is None:
                continue
            for column_id, title in columns.items():
                text = row.cells.get(column_id, "")
                if text.strip():
                    roles.rows.append([name, group.name, title, text])
    return roles
