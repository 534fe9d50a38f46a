"""``domain/export/tables.py``: the tidy tables behind the CSV files and the workbook,
pinned down where mutation testing found the suite silent (docs/testing.md, "Mutation
testing"). Expected values are written out; each test says what it guards.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest

from inddrag.domain import aggregate as aggregate_module
from inddrag.domain import followup
from inddrag.domain.aggregate import aggregate
from inddrag.domain.content import ContentPack
from inddrag.domain.export import tables
from inddrag.domain.export.tables import prep_table, roles_table, summary_tables
from inddrag.domain.session import PrepInput, Session, new_session, set_cell

WHEN = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)


def team_with(pack: ContentPack, *orders: Sequence[str]) -> Session:
    session = new_session(pack, "team", when=WHEN)
    for name, order in zip(("Anna", "Bo"), orders, strict=False):
        session.inputs.append(PrepInput(participant=name, merged=WHEN, order=list(order)))
    return session


def split_session(pack: ContentPack) -> Session:
    """Anna puts ``agile`` last (10th), Bo first: a split of places 1–10."""
    anna = [a.id for a in pack.advice if a.id != "agile"] + ["agile"]
    return team_with(pack, anna, ["agile", "tidligt"])


def test_the_prep_table_gives_the_places_of_a_split(da_pack: ContentPack) -> None:
    """Guards the ``split`` column: an advice placed far apart shows its best and worst
    place (``1–10``), the others nothing."""
    rows = prep_table(split_session(da_pack), da_pack, "en").rows
    assert rows[0][:4] == [1, 4, "tidligt", "Inddrag medarbejderne så tidligt som muligt"]
    assert rows[1] == [
        2,
        10,
        "agile",
        "Overvej mere agile digitaliseringsforløb",
        11,
        2,
        1,
        5.5,
        4.5,
        "1–10",
    ]
    assert [row[-1] for row in rows] == [None, "1–10", *([None] * 8)]


def test_the_prep_table_uses_the_counts_it_is_given(
    da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards ``counts``: a caller that has counted already is not counted for again (the
    summary counts once for every table), neither for the rows nor for the splits."""
    session = split_session(da_pack)
    counts = aggregate(session, da_pack)

    def no_recount(*args: object, **kwargs: object) -> None:
        raise AssertionError("counted again")

    monkeypatch.setattr(tables, "aggregate", no_recount)
    monkeypatch.setattr(aggregate_module, "aggregate", no_recount)
    rows = prep_table(session, da_pack, "en", counts).rows
    assert [row[2] for row in rows[:2]] == ["tidligt", "agile"]
    assert rows[1][-1] == "1–10"


def test_the_prep_tables_mean_and_spread_have_two_decimals(da_pack: ContentPack) -> None:
    """Guards ``_two_places``: places 1, 2 and 4 give a mean of 2.33 (not 2.333) and a
    spread of 1.25 (not 1.247); an advice nobody ranked has neither."""
    session = new_session(da_pack, "team", when=WHEN)
    for name, order in (
        ("A", ["tidligt"]),
        ("B", ["agile", "tidligt"]),
        ("C", ["agile", "rammer", "usynligt", "tidligt"]),
    ):
        session.inputs.append(PrepInput(participant=name, merged=WHEN, order=order))
    rows = prep_table(session, da_pack, "en").rows
    assert rows[0][2:7] == ["tidligt", "Inddrag medarbejderne så tidligt som muligt", 26, 3, 2]
    assert rows[0][7:9] == [2.33, 1.25]
    assert rows[4][2] == "konsekvenser"
    assert rows[4][7:9] == [None, None]


def test_the_since_table_of_a_summary_names_the_advice_by_the_packs_title(
    da_pack: ContentPack,
) -> None:
    """Guards the pack given to ``since_table`` in ``summary_tables``: a changed priority is
    named by the advice's title in the pack, not by its id."""
    session = new_session(da_pack, "team", when=WHEN)
    session.priorities.order = ["tidligt", "agile"]
    assert followup.start_follow_up(session, date(2027, 2, 10))
    session.priorities.order = ["agile", "tidligt"]
    found = summary_tables(session, da_pack, "en")
    assert [table.name for table in found] == ["session", "advice", "roles", "since"]
    assert [row[2:] for row in found[-1].rows] == [
        ["priority", "Overvej mere agile digitaliseringsforløb", "", 2, 1],
        ["priority", "Inddrag medarbejderne så tidligt som muligt", "", 1, 2],
    ]


def test_the_roles_tables_first_heading_defaults_to_the_languages_word(
    da_pack: ContentPack,
) -> None:
    """Guards ``roles_table``'s header: without the team's own word for the first column,
    it is the export language's (``Who`` in English), not Danish."""
    session = new_session(da_pack, "team", when=WHEN)
    session.roles.row_header = ""
    assert roles_table(session, "en").header[:2] == ["Who", "Hvad"]
    assert roles_table(session, "da").header[0] == "Hvem"


def test_an_empty_cell_of_the_roles_table_is_empty_text(da_pack: ContentPack) -> None:
    """Guards the default of a cell nobody wrote in: empty text, like a cleared cell, so
    every cell of the roles table is text (no missing values)."""
    session = new_session(da_pack, "team", when=WHEN)
    set_cell(session, "ledere", "hvad", "Plan")
    rows = roles_table(session, "en").rows
    assert rows[:2] == [
        ["Ledere", "Plan", "", "", ""],
        ["Medarbejdere generelt", "", "", "", ""],
    ]
