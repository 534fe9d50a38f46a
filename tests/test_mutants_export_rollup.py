"""``domain/export/rollup.py``: the plenary's roll-up as a report, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
values are written out; each test says what it guards.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from inddrag.domain.content import ContentPack, load_pack
from inddrag.domain.export.files import one_file
from inddrag.domain.export.rollup import rollup_markdown, rollup_report
from inddrag.domain.rollup import Rollup, rollup
from inddrag.domain.session import Session, add, add_votes, new_session, set_cell

WHEN = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
KONSEKVENSER = "Lad medarbejderne vurdere konsekvenserne for det gode arbejde og arbejdsmiljøet"
TIDLIGT = "Inddrag medarbejderne så tidligt som muligt"


def group(pack: ContentPack, team: str, order: list[str]) -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.team = team
    session.priorities.order = order
    return session


def two_groups(pack: ContentPack) -> Rollup:
    """A: konsekvenser, tidligt (and a plan for Ledere); B: tidligt."""
    a = group(pack, "A", ["konsekvenser", "tidligt"])
    set_cell(a, "ledere", "hvad", "Plan")
    b = group(pack, "B", ["tidligt"])
    return rollup([(Path("a.toml"), a), (Path("b.toml"), b)], pack)


@pytest.fixture
def linked_pack(pack_copy: Path) -> ContentPack:
    """The Danish pack, its source naming a web address."""
    advice = pack_copy / "advice.toml"
    text = advice.read_text(encoding="utf-8")
    advice.write_text(
        text.replace('(2019)"', '(2019), https://bfa.dk/inddragelse"', 1), encoding="utf-8"
    )
    return load_pack(pack_copy)


ENGLISH_MARKDOWN = f"""\
# Plenary: 2 groups

- **Date:** 26 November 2026
- **Groups:** A, B

Rolled up from the groups' discussions of “Ti gode råd om medarbejderinddragelse i \
digitaliseringen”.

## What matters most to each group

| Place | A | B |
|---:|---|---|
| 1. | 1. {KONSEKVENSER} | 4. {TIDLIGT} |
| 2. | 4. {TIDLIGT} |  |

## Combined ranking

The ranking is a Borda count over the groups' orders: a group's 1st place earns 10 \
points, its 2nd 9 and so on; advice a group did not place earns 0 from that group. \
Advice with equal points share a place and are listed in pack order.

| Place | No. | Advice | Points | Placed by | A | B |
|---:|---:|---|---:|---:|---:|---:|
| 1. | 4 | {TIDLIGT} | 19 | 2 | 2. | 1. |
| 2. | 1 | {KONSEKVENSER} | 10 | 1 | 1. | – |
| 3. | 2 | Sæt klare rammer for inddragelsen | 0 | 0 | – | – |
| 3. | 3 | Hold et højt informationsniveau | 0 | 0 | – | – |
| 3. | 5 | Gør medarbejdernes roller i forløbet tydelige | 0 | 0 | – | – |
| 3. | 6 | Brug samarbejdsfora til principielle drøftelser | 0 | 0 | – | – |
| 3. | 7 | Brug inddragelse til at holde fokus på kerneopgaven | 0 | 0 | – | – |
| 3. | 8 | Vær åben om gevinster og deres forudsætninger | 0 | 0 | – | – |
| 3. | 9 | Vær opmærksom på “det usynlige arbejde” | 0 | 0 | – | – |
| 3. | 10 | Overvej mere agile digitaliseringsforløb | 0 | 0 | – | – |

## Who does what? – group by group

### Ledere

| Group | Hvad | Hvornår/hvor ofte? | Hvordan | Status og næste skridt |
|---|---|---|---|---|
| A | Plan |  |  |  |
"""


def test_an_english_rollup_report_is_english_with_the_packs_titles(
    da_pack: ContentPack,
) -> None:
    """Guards what ``rollup_report`` puts together: the title and the page break in the
    language asked, the Markdown and every table with the pack's numbers and titles."""
    report = rollup_report(two_groups(da_pack), da_pack, "en")
    assert report.title == "Plenary: 2 groups"
    assert report.lang == "en"
    assert report.break_before == ["Who does what? – group by group"]
    assert report.markdown == ENGLISH_MARKDOWN
    top, ranking, roles = report.tables
    assert (top.name, top.title) == ("top", "What matters most to each group")
    assert top.header == ["group", "place", "no", "id", "advice"]
    assert top.rows == [
        ["A", 1, 1, "konsekvenser", KONSEKVENSER],
        ["A", 2, 4, "tidligt", TIDLIGT],
        ["B", 1, 4, "tidligt", TIDLIGT],
    ]
    assert (ranking.name, ranking.title) == ("ranking", "Combined ranking")
    assert ranking.header == [
        "combined_place",
        "no",
        "id",
        "advice",
        "points",
        "placed_by",
        "split_places",
        "A",
        "B",
    ]
    assert ranking.rows[:3] == [
        [1, 4, "tidligt", TIDLIGT, 19, 2, None, 2, 1],
        [2, 1, "konsekvenser", KONSEKVENSER, 10, 1, None, 1, None],
        [3, 2, "rammer", "Sæt klare rammer for inddragelsen", 0, 0, None, None, None],
    ]
    assert (roles.name, roles.title) == ("roles", "Roles")
    assert roles.header == ["role", "group", "column", "text"]
    assert roles.rows == [["Ledere", "A", "Hvad", "Plan"]]


def test_a_rollup_as_one_csv_file_is_the_combined_ranking(da_pack: ContentPack) -> None:
    """Guards ``main="ranking"``: where there is room for one file (stdout), the CSV is
    the combined ranking, not each group's top places."""
    text = one_file(rollup_report(two_groups(da_pack), da_pack, "en"), "csv").decode("utf-8")
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[0] == "combined_place;no;id;advice;points;placed_by;split_places;A;B"
    assert lines[1] == f"1;4;tidligt;{TIDLIGT};19;2;;2;1"


def test_a_rollup_report_may_link_what_the_pack_names(linked_pack: ContentPack) -> None:
    """Guards ``links=pack_links(pack)``: a web address the pack names may be a link on the
    printed page; without it every link is disarmed."""
    report = rollup_report(two_groups(linked_pack), linked_pack, "da")
    assert report.links == {"https://bfa.dk/inddragelse"}
    assert report.title == "Plenum: 2 grupper"
    assert report.break_before == ["Hvem gør hvad? – gruppe for gruppe"]


def apart(pack: ContentPack) -> Rollup:
    """A puts ``agile`` first and an id the pack lacks second; B puts ``agile`` last and
    adds a role of its own (Superbrugere) that A does not have."""
    a = group(pack, "A", ["agile", "zzz"])
    b = group(pack, "B", [x.id for x in pack.advice if x.id != "agile"] + ["agile"])
    superusers = add(b, "row", "Superbrugere")
    set_cell(b, superusers.id, "hvordan", "Sidemandsoplæring")
    return rollup([(Path("a.toml"), a), (Path("b.toml"), b)], pack)


def test_an_unknown_advice_a_split_and_a_role_one_group_lacks(da_pack: ContentPack) -> None:
    """Guards the language of an unknown advice's title (top places, tables), the split
    column of the ranking table (``1–10``), and a role that the first group lacks but the
    second wrote in: it is kept, in the Markdown and in the roles table."""
    report = rollup_report(apart(da_pack), da_pack, "en")
    unknown = "zzz (not in the content pack)"
    assert f"| 2. | {unknown} | 2. Sæt klare rammer for inddragelsen |" in report.markdown
    assert "| B |  |  | Sidemandsoplæring |  |" in report.markdown
    assert f"| 3. |  | {unknown} | 9 | 1 | 2. | – |\n" in report.markdown
    top, ranking, roles = report.tables
    assert top.rows[1] == ["A", 2, None, "zzz", unknown]
    assert ranking.rows[0] == [
        1,
        10,
        "agile",
        "Overvej mere agile digitaliseringsforløb",
        11,
        2,
        "1–10",
        1,
        10,
    ]
    assert ranking.rows[3] == [3, None, "zzz", unknown, 9, 1, None, 2, None]
    assert [row[6] for row in ranking.rows] == ["1–10", *([None] * 10)]
    assert roles.rows == [["Superbrugere", "B", "Hvordan", "Sidemandsoplæring"]]
    assert (
        "- **10. Overvej mere agile digitaliseringsforløb**: places 1–10 (9 apart) (A 1 · B 10)\n"
        in report.markdown
    )


def test_one_group_without_a_pack_is_rolled_up_by_ids(da_pack: ContentPack) -> None:
    """Guards the roll-up without a pack: it is based on the group's pack name, advice
    are shown by id without a number, no links; and one group is enough (the pack name is
    the first group's). A roles table nobody wrote in is said to be empty, and the text
    ends in one newline."""
    solo = group(da_pack, "Solo", ["tidligt"])
    report = rollup_report(rollup([(Path("a.toml"), solo)], None), None, "en")
    assert report.markdown == (
        "# Plenary: 1 group\n\n- **Date:** 26 November 2026\n- **Groups:** Solo\n\n"
        "Rolled up from the groups' discussions of “ti-gode-raad”.\n\n"
        "## What matters most to each group\n\n| Place | Solo |\n|---:|---|\n"
        "| 1. | tidligt |\n\n"
        "## Combined ranking\n\n"
        "The ranking is a Borda count over the groups' orders: a group's 1st place earns 1"
        " points, its 2nd 0 and so on; advice a group did not place earns 0 from that group."
        " Advice with equal points share a place and are listed in pack order.\n\n"
        "| Place | No. | Advice | Points | Placed by | Solo |\n"
        "|---:|---:|---|---:|---:|---:|\n"
        "| 1. |  | tidligt | 1 | 1 | 1. |\n\n"
        "## Who does what? – group by group\n\n"
        "(None of the groups wrote in the roles table.)\n"
    )
    assert report.tables[0].rows == [["Solo", 1, None, "tidligt", "tidligt"]]
    assert report.tables[1].rows == [[1, None, "tidligt", "tidligt", 1, 1, None, 1]]
    assert report.links == set()


def test_the_title_counts_one_group_and_two_in_each_language(da_pack: ContentPack) -> None:
    """The title was "Plenary: 1 groups" (not plural-aware)."""
    solo = rollup([(Path("a.toml"), group(da_pack, "Solo", ["tidligt"]))], None)
    assert rollup_report(solo, None, "en").title == "Plenary: 1 group"
    assert rollup_report(solo, None, "da").title == "Plenum: 1 gruppe"
    assert rollup_report(two_groups(da_pack), da_pack, "en").title == "Plenary: 2 groups"
    assert rollup_report(two_groups(da_pack), da_pack, "da").title == "Plenum: 2 grupper"
    assert rollup_markdown(solo, None, "da").startswith("# Plenum: 1 gruppe\n")


def test_groups_by_votes_and_with_nothing_are_named_in_the_language_asked(
    da_pack: ContentPack,
) -> None:
    """Guards the notes under the top places: a group counted by its votes, and one that
    neither set an order nor voted, both said in English."""
    solo = group(da_pack, "Solo", ["tidligt"])
    empty = group(da_pack, "Tom", [])
    voted = group(da_pack, "Stem", [])
    add_votes(voted, "agile", 2)
    groups = [(Path("a.toml"), solo), (Path("b.toml"), empty), (Path("c.toml"), voted)]
    text = rollup_markdown(rollup(groups, da_pack), da_pack, "en")
    assert (
        "| 1. | 4. Inddrag medarbejderne så tidligt som muligt |  |"
        " 10. Overvej mere agile digitaliseringsforløb |\n\n"
        "- Stem set no order; the advice is listed by number of votes.\n"
        "- Tom neither set an order nor voted and does not count in the combined ranking.\n"
    ) in text


def test_no_groups_give_an_empty_top_places_table(da_pack: ContentPack) -> None:
    """Guards ``default=0`` for the depth of the top places: with no group there is no
    row (nor a crash), and the ranking lists the pack with 0 points."""
    text = rollup_markdown(rollup([], da_pack), da_pack, "en")
    assert "## What matters most to each group\n\n| Place |\n|---:|\n\n## Combined" in text
    assert "| 1. | 1 | Lad medarbejderne vurdere" in text


def test_the_groups_disagreements_five_and_the_rest_in_one_line(da_pack: ContentPack) -> None:
    """Guards ``_splits``: its heading and rule after the combined ranking, five splits
    furthest apart first with the groups that left one out, then "and 1 more"."""
    ids = [a.id for a in da_pack.advice]
    groups = [
        (Path("a.toml"), group(da_pack, "A", ids)),
        (Path("b.toml"), group(da_pack, "B", ids[::-1])),
        (Path("c.toml"), group(da_pack, "C", ["konsekvenser"])),
    ]
    text = rollup_markdown(rollup(groups, da_pack), da_pack, "en")
    assert text[text.index("|\n\n### Where") :].split("\n\n## Who")[0] == (
        "|\n\n### Where the groups disagree\n\n"
        "An advice is listed when the groups that placed it are far apart: at least one group"
        " has it in the top 3 places and at least one in the bottom 3 (places 8–10), or the"
        " best and the worst place are at least 5 places apart. Groups that left it out do"
        " not count as disagreeing; they are shown beside it. Furthest apart first.\n\n"
        "- **1. Lad medarbejderne vurdere konsekvenserne for det gode arbejde og"
        " arbejdsmiljøet**: places 1–10 (9 apart) (A 1 · B 10 · C 1)\n"
        "- **10. Overvej mere agile digitaliseringsforløb**: places 1–10 (9 apart)"
        " · 1 group left it out (A 10 · B 1 · C —)\n"
        "- **2. Sæt klare rammer for inddragelsen**: places 2–9 (7 apart)"
        " · 1 group left it out (A 2 · B 9 · C —)\n"
        "- **9. Vær opmærksom på “det usynlige arbejde”**: places 2–9 (7 apart)"
        " · 1 group left it out (A 9 · B 2 · C —)\n"
        "- **3. Hold et højt informationsniveau**: places 3–8 (5 apart)"
        " · 1 group left it out (A 3 · B 8 · C —)\n"
        "- and 1 more: 8. Vær åben om gevinster og deres forudsætninger (places 3–8)"
    )


def test_unknown_advice_among_the_disagreements_and_the_rest(da_pack: ContentPack) -> None:
    """Guards the titles in ``_splits`` (an id the pack lacks, marked in the language
    asked, shown and among the rest) and the " · " between the rest's items."""
    ids = [a.id for a in da_pack.advice]
    order = ["zzz", *ids[:2], "yyy", *ids[2:]]
    groups = [
        (Path("a.toml"), group(da_pack, "A", order)),
        (Path("b.toml"), group(da_pack, "B", order[::-1])),
    ]
    text = rollup_markdown(rollup(groups, da_pack), da_pack, "en")
    assert ("- **zzz (not in the content pack)**: places 1–12 (11 apart) (A 1 · B 12)\n") in text
    assert (
        "- and 3 more: 8. Vær åben om gevinster og deres forudsætninger (places 3–10)"
        " · 7. Brug inddragelse til at holde fokus på kerneopgaven (places 4–9)"
        " · yyy (not in the content pack) (places 4–9)\n"
    ) in text
