"""What the workshop hands on (issue 21, items 1 and 2): real splits, and numbers rounded
half up on their decimal value, in every export, in Danish and English.

Golden files: ``splits-{da,en}.md`` (the preparation section of a team whose people agree
on some advice and split on others), ``rounding-{da,en}.md`` and ``rounding-{da,en}.csv``
(means that end in 5). Regenerate with ``INDDRAG_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.domain.aggregate import aggregate, disagreements, split
from inddrag.domain.content import ContentPack
from inddrag.domain.export.csv import table_csv
from inddrag.domain.export.markdown import prep_section
from inddrag.domain.export.tables import prep_table
from inddrag.domain.rollup import rollup, splits
from inddrag.domain.session import PrepInput, Session, new_session
from inddrag.i18n import format_decimal, round_half_up
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden"
WHEN = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))


def golden(name: str, produced: str) -> None:
    path = GOLDEN / name
    data = produced.encode("utf-8")
    if os.environ.get("INDDRAG_UPDATE_GOLDEN"):
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} differs; see INDDRAG_UPDATE_GOLDEN"


def orders(pack: ContentPack, *places: dict[str, int]) -> list[list[str]]:
    """Full orders of the pack's advice with the given advice at the given places."""
    out = []
    for wanted in places:
        rest = [a.id for a in pack.advice if a.id not in wanted]
        order: list[str] = []
        for place in range(1, len(pack.advice) + 1):
            fixed = [a for a, p in wanted.items() if p == place]
            order.append(fixed[0] if fixed else rest.pop(0))
        out.append(order)
    return out


def team(pack: ContentPack, people: Sequence[Sequence[str]], names: Sequence[str]) -> Session:
    session = new_session(pack, "team", when=WHEN)
    for name, order in zip(names, people, strict=True):
        session.inputs.append(PrepInput(participant=name, merged=WHEN, order=list(order)))
    return session


# --- item 1: the rule ----------------------------------------------------------------------


def test_the_rule_in_numbers() -> None:
    # 10 advice: the top third is places 1-3, the bottom third 8-10, half the list is 5.
    assert split([1, 2, 3, 3, 2], 10) is None  # all in the top three: agreement
    assert split([1, 1, 2, 2], 10) is None  # group B's unanimous number one
    assert split([1, 8], 10) == (1, 8)  # top third and bottom third
    assert split([3, 8, None], 10) == (3, 8)  # 5 apart; the one who left it out is no split
    assert split([2, 6], 10) is None  # 4 apart, never in the bottom third
    assert split([4, 9], 10) == (4, 9)  # 5 apart
    assert split([1, None, None], 10) is None  # one place is nobody to disagree with
    assert split([1, 1], 1) is None
    assert split([1, 2], 2) == (1, 2)
    # 6 advice: thirds of two places (1-2, 5-6), half the list is 3.
    assert split([2, 5], 6) == (2, 5)
    assert split([3, 4], 6) is None


def splits_team(pack: ContentPack) -> Session:
    """Five people who all have advice 1 and 2 in their top two; the other eight advice
    move down three places from person to person (wrapping round), so most are split."""
    a, b, *rest = (x.id for x in pack.advice)
    turns = [0, 3, 6, 1, 4]
    people = [[*((a, b) if k % 2 else (b, a)), *rest[k:], *rest[:k]] for k in turns]
    people[4] = people[4][:-2]  # Eva left her last two out
    return team(pack, people, ["Anna", "Bo", "Carl", "Dina", ""])  # Eva is anonymous


def test_agreement_is_not_a_split_and_the_list_stops_at_five(da_pack: ContentPack) -> None:
    session = splits_team(da_pack)
    found = disagreements(session, da_pack)
    ids = [a.id for a in da_pack.advice]
    assert ids[0] not in [x.score.id for x in found]  # places 2, 1, 2, 1, 2
    assert ids[1] not in [x.score.id for x in found]  # places 1, 2, 1, 2, 1
    assert len(found) > 5
    text = prep_section(session, da_pack, "da", aggregate(session, da_pack))
    listed = text.split("### Hvor I er uenige", 1)[1]
    assert listed.count("\n- **") == 5
    more = "\n- og 3 mere: 8. Vær åben om gevinster og deres forudsætninger (plads 4–10) · "
    assert more in listed


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_splits(lang: str, da_pack: ContentPack, en_pack: ContentPack) -> None:
    pack = da_pack if lang == "da" else en_pack
    session = splits_team(pack)
    golden(f"splits-{lang}.md", prep_section(session, pack, lang, aggregate(session, pack)))


def test_the_roll_up_uses_the_same_rule(da_pack: ContentPack, tmp_path: Path) -> None:
    ids = [a.id for a in da_pack.advice]
    groups = []
    for name, order in (
        ("Gruppe A", ids),
        ("Gruppe B", [ids[1], ids[0], *ids[2:9], ids[9]]),
        ("Gruppe C", [ids[9], *ids[0:9]]),
    ):
        session = new_session(da_pack, "team", when=WHEN)
        session.session.team = name
        session.priorities.order = list(order)
        groups.append((tmp_path / f"{name}.toml", session))
    found = splits(rollup(groups, da_pack))
    # ids[9]: places 10, 10, 1: a split; ids[0]: places 1, 2, 2: agreement;
    # ids[8]: 9, 9, 10: agreement at the bottom.
    assert [(e.item.id, e.best, e.worst, e.unranked) for e in found] == [(ids[9], 1, 10, 0)]


# --- item 2: rounding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "da", "en"),
    [
        (0.05, "0,1", "0.1"),
        (0.15, "0,2", "0.2"),
        (0.25, "0,3", "0.3"),
        (0.35, "0,4", "0.4"),
        (0.45, "0,5", "0.5"),
        (0.55, "0,6", "0.6"),
        (0.65, "0,7", "0.7"),
        (0.75, "0,8", "0.8"),
        (0.85, "0,9", "0.9"),
        (0.95, "1,0", "1.0"),
        (1.15, "1,2", "1.2"),
        (2.25, "2,3", "2.3"),
        (2.45, "2,5", "2.5"),
        (3.75, "3,8", "3.8"),
        (7.75, "7,8", "7.8"),
        (9.95, "10,0", "10.0"),
        (2.24, "2,2", "2.2"),
        (2.0, "2,0", "2.0"),
    ],
)
def test_half_up_on_the_decimal_value(value: float, da: str, en: str) -> None:
    assert format_decimal(value, "da") == da
    assert format_decimal(value, "en") == en


def test_every_x5_from_0_05_to_9_95_rounds_up() -> None:
    for tenths in range(100):
        text = f"{tenths // 10}.{tenths % 10}5"
        up = tenths + 1
        assert format_decimal(float(text), "da") == f"{up // 10},{up % 10}", text
        assert format_decimal(float(text), "en") == f"{up // 10}.{up % 10}", text


def test_two_places_half_up() -> None:
    assert format_decimal(2.675, "da", digits=2) == "2,68"  # binary 2.67499…; round() says 2.67
    assert format_decimal(1.005, "en", digits=2) == "1.01"
    assert str(round_half_up(0.125, 2)) == "0.13"


def rounding_team(pack: ContentPack) -> Session:
    """Four people whose mean places end in 5: 2.25, 3.75, 7.75 and 1.25."""
    ids = [a.id for a in pack.advice]
    k, r, i, t = ids[0], ids[1], ids[2], ids[3]
    people = orders(
        pack,
        {k: 1, t: 2, r: 3, i: 7},
        {t: 1, k: 2, r: 4, i: 8},
        {t: 1, k: 3, r: 4, i: 8},
        {t: 1, k: 3, r: 4, i: 8},
    )
    return team(pack, people, ["Anna", "Bo", "Carl", "Dina"])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_rounding(lang: str, da_pack: ContentPack, en_pack: ContentPack) -> None:
    pack = da_pack if lang == "da" else en_pack
    session = rounding_team(pack)
    counts = aggregate(session, pack)
    markdown = prep_section(session, pack, lang, counts)
    csv_text = table_csv(prep_table(session, pack, lang, counts), lang)
    golden(f"rounding-{lang}.md", markdown)
    golden(f"rounding-{lang}.csv", csv_text)
    mean = {"da": ("| 2,3 |", "| 3,8 |", "| 7,8 |", "| 1,3 |"), "en": ("| 2.3 |", "| 3.8 |")}
    for cell in mean[lang]:
        assert cell in markdown
    if lang == "da":
        assert ";2,25;" in csv_text and ";3,75;" in csv_text  # Danish CSV: a decimal comma
    else:
        assert ";2.25;" in csv_text and ";3.75;" in csv_text
