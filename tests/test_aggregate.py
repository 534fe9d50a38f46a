"""The Borda count over merged preparation, disagreements, and the export section."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from inddrag.domain.aggregate import aggregate, disagreements, placements
from inddrag.domain.content import ContentPack
from inddrag.domain.export.csv import table_csv
from inddrag.domain.export.markdown import prep_section as markdown_prep_section
from inddrag.domain.export.tables import Table, prep_table, summary_tables
from inddrag.domain.session import PrepInput, Session, new_session

WHEN = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))


def team_with(
    pack: ContentPack, *orders: Sequence[str], names: Sequence[str] | None = None
) -> Session:
    session = new_session(pack, "team", when=WHEN)
    for index, order in enumerate(orders):
        name = names[index] if names is not None else f"Person {index + 1}"
        session.inputs.append(PrepInput(participant=name, merged=WHEN, order=list(order)))
    return session


# --- Borda ---------------------------------------------------------------------------------


def test_borda_with_partial_rankings_and_a_tie(da_pack: ContentPack) -> None:
    # N = 10. A: tidligt 10, konsekvenser 9, usynligt 8. B: konsekvenser 10, tidligt 9.
    # C ranks eight others: usynligt 10, rammer 9, information 8, … agile 3.
    session = team_with(
        da_pack,
        ["tidligt", "konsekvenser", "usynligt"],
        ["konsekvenser", "tidligt"],
        [
            "usynligt",
            "rammer",
            "information",
            "roller",
            "samarbejdsfora",
            "kerneopgaven",
            "gevinster",
            "agile",
        ],
    )
    result = aggregate(session, da_pack)
    assert result.size == 10
    assert result.inputs == 3
    table = [(s.rank, s.id, s.points, s.ranked, s.top) for s in result.scores]
    assert table == [
        (1, "konsekvenser", 19, 2, 2),  # tie with tidligt: pack order (no. 1 before no. 4)
        (1, "tidligt", 19, 2, 2),
        (3, "usynligt", 18, 2, 2),
        (4, "rammer", 9, 1, 1),
        (5, "information", 8, 1, 1),
        (6, "roller", 7, 1, 0),
        (7, "samarbejdsfora", 6, 1, 0),
        (8, "kerneopgaven", 5, 1, 0),
        (9, "gevinster", 4, 1, 0),
        (10, "agile", 3, 1, 0),
    ]
    tidligt = result.score("tidligt")
    assert tidligt is not None
    assert tidligt.number == 4
    assert tidligt.mean_position == pytest.approx(1.5)
    assert tidligt.spread == pytest.approx(0.5)
    usynligt = result.score("usynligt")
    assert usynligt is not None
    assert usynligt.mean_position == pytest.approx(2.0)
    assert usynligt.spread == pytest.approx(1.0)


def test_nobody_ranked_shares_the_last_rank_with_no_mean(da_pack: ContentPack) -> None:
    result = aggregate(team_with(da_pack, ["agile"]), da_pack)
    assert [(s.rank, s.id) for s in result.scores[:3]] == [
        (1, "agile"),
        (2, "konsekvenser"),
        (2, "rammer"),
    ]
    last = result.scores[-1]
    assert (last.rank, last.points, last.mean_position, last.spread) == (2, 0, None, None)


def test_a_repeated_id_counts_once_at_its_first_place(da_pack: ContentPack) -> None:
    result = aggregate(team_with(da_pack, ["rammer", "rammer", "agile"]), da_pack)
    assert result.score("rammer") is not None
    assert [(s.id, s.points) for s in result.scores[:2]] == [("rammer", 10), ("agile", 9)]


def test_unknown_ids_are_kept_and_shown_by_id(da_pack: ContentPack) -> None:
    session = team_with(da_pack, ["zzz", "tidligt"])
    session.inputs[0].notes["yyy"] = "Noget om et råd, pakken ikke kender."
    result = aggregate(session, da_pack)
    zzz, yyy = result.score("zzz"), result.score("yyy")
    assert zzz is not None and yyy is not None
    assert (zzz.known, zzz.number, zzz.title, zzz.points, zzz.rank) == (False, None, "zzz", 10, 1)
    assert (yyy.points, yyy.ranked) == (0, 0)
    assert (result.scores[0].id, result.scores[-1].id) == ("zzz", "yyy")
    assert len(result.scores) == 12


def test_a_ranking_longer_than_the_pack_raises_n(da_pack: ContentPack) -> None:
    ids = [a.id for a in da_pack.advice] + ["ekstra"]
    result = aggregate(team_with(da_pack, ids), da_pack)
    assert result.size == 11
    assert result.score("ekstra") is not None
    assert min(s.points for s in result.scores) == 1


def test_without_a_pack_n_is_the_number_of_ids_mentioned(da_pack: ContentPack) -> None:
    # ids a, b, c → N = 3: a 3, b 2, c 3.
    result = aggregate(team_with(da_pack, ["a", "b"], ["c"]), None)
    assert result.size == 3
    assert [(s.rank, s.id, s.points) for s in result.scores] == [
        (1, "a", 3),
        (1, "c", 3),
        (3, "b", 2),
    ]
    assert all(not s.known and s.title == s.id for s in result.scores)


def test_no_inputs_gives_nothing_to_export(da_pack: ContentPack) -> None:
    session = new_session(da_pack, "team", when=WHEN)
    assert markdown_prep_section(session, da_pack, "da") == ""
    assert "prep" not in [t.name for t in summary_tables(session, da_pack, "da")]
    assert aggregate(session, da_pack).inputs == 0


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_borda_invariants(da_pack: ContentPack, data: st.DataObject) -> None:
    ids = [a.id for a in da_pack.advice]
    orders = data.draw(
        st.lists(st.lists(st.sampled_from(ids), unique=True, max_size=10), max_size=12)
    )
    result = aggregate(team_with(da_pack, *orders), da_pack)
    n = result.size
    assert n == 10
    assert sum(s.points for s in result.scores) == sum(
        sum(n - p for p in range(len(order))) for order in orders
    )
    assert sum(s.ranked for s in result.scores) == sum(len(o) for o in orders)
    pack_index = {advice_id: i for i, advice_id in enumerate(ids)}
    for before, after in zip(result.scores, result.scores[1:], strict=False):
        assert before.points >= after.points
        if before.points == after.points:
            assert before.rank == after.rank
            assert pack_index[before.id] < pack_index[after.id]
        else:
            assert after.rank == result.scores.index(after) + 1


# --- disagreements ---------------------------------------------------------------------------


def test_the_widest_gap_among_those_who_ranked_it_comes_first(da_pack: ContentPack) -> None:
    # Anna puts "agile" first, Carl last (10th); Bo leaves it out. Not ranking is not
    # ranking low. With 10 advice the top third is places 1-3, the bottom third 8-10.
    # "tidligt": Bo 2nd, Carl 6th: 4 apart and never in the bottom third: no split.
    anna = ["agile", "rammer", "konsekvenser"]
    bo = ["konsekvenser", "tidligt"]
    ids = [a.id for a in da_pack.advice]
    carl = [*reversed(ids[:-1]), "agile"]
    session = team_with(da_pack, anna, bo, carl, names=["Anna", "Bo", "Carl"])
    found = disagreements(session, da_pack)
    assert [(d.score.id, d.best, d.worst, d.gap, d.unranked) for d in found] == [
        ("agile", 1, 10, 9, 1),
        ("konsekvenser", 1, 9, 8, 0),
        ("rammer", 2, 8, 6, 1),
    ]
    assert len(disagreements(session, da_pack, limit=2)) == 2
    assert placements(session, "agile") == [("Anna", 1), ("Bo", None), ("Carl", 10)]


def test_equal_gaps_go_by_the_larger_spread(da_pack: ContentPack) -> None:
    # tidligt: places 1, 6, 6 (5 apart, half the list of 10: a split; spread 2.36);
    # rammer: 2, 4, 7 (5 apart; spread 2.05); samarbejdsfora: 5, 4 (1 apart: no split).
    session = team_with(
        da_pack,
        ["tidligt", "rammer"],
        ["konsekvenser", "information", "roller", "rammer", "samarbejdsfora", "tidligt"],
        ["konsekvenser", "information", "roller", "samarbejdsfora", "x", "tidligt", "rammer"],
    )
    found = disagreements(session, da_pack)
    assert [(d.score.id, d.best, d.worst, d.gap) for d in found] == [
        ("tidligt", 1, 6, 5),
        ("rammer", 2, 7, 5),
    ]


def test_anonymous_places_reveal_no_order(da_pack: ContentPack) -> None:
    session = team_with(da_pack, ["agile"], ["tidligt"], ["tidligt", "agile"], names=["", "Bo", ""])
    assert placements(session, "agile") == [("Bo", None), ("", 1), ("", 2)]
    session.inputs.reverse()
    assert placements(session, "agile") == [("Bo", None), ("", 1), ("", 2)]


def test_no_disagreement_when_everyone_agrees_or_alone(da_pack: ContentPack) -> None:
    same = ["tidligt", "rammer", "agile"]
    assert disagreements(team_with(da_pack, same, same), da_pack) == []
    assert disagreements(team_with(da_pack, same), da_pack) == []


# --- rendering ---------------------------------------------------------------------------------


HOSTILE_NAME = "Eve | <script>alert(1)</script>\nnæste linje"
HOSTILE_NOTE = "a | b\n<img src=x onerror=alert(1)> & \\ slut"


def _hostile_session(da_pack: ContentPack) -> Session:
    session = team_with(
        da_pack,
        ["tidligt", "<script>|x"],
        ["rammer"],
        names=[HOSTILE_NAME, ""],
    )
    session.inputs[0].notes = {"tidligt": HOSTILE_NOTE}
    return session


@pytest.mark.parametrize("lang", ["da", "en"])
def test_markdown_section_escapes_names_notes_and_ids(da_pack: ContentPack, lang: str) -> None:
    text = markdown_prep_section(_hostile_session(da_pack), da_pack, lang)
    assert "<img" not in text
    assert text.count("<script>") == text.count("\\<script>") > 0  # every tag escaped
    assert "Eve \\| \\<script>alert(1)\\</script> næste linje" in text
    assert "onerror" not in text  # notes are not repeated here; the summary shows them
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in html and "<img" not in html
    # the header and exactly one row per advice (10 from the pack + the unknown id)
    assert html.count("<tr>") == 1 + 11
    assert all(line.count(" | ") == 7 for line in text.splitlines() if line.startswith("| "))


def test_markdown_section_states_rule_count_and_withheld_names(da_pack: ContentPack) -> None:
    da = markdown_prep_section(_hostile_session(da_pack), da_pack, "da")
    assert da.startswith("## Fra forberedelsen\n")
    assert "2 forberedelser er hentet ind." in da
    assert (
        "Rækkefølgen er en Borda-optælling: i hver persons rangordning giver 1.-pladsen 10 "
        "point, 2.-pladsen 9 og så videre, råd uden plads giver 0, og råd med lige mange point "
        "deler pladsen.\n"
    ) in da
    assert "Uenighed måles blandt dem, der har rangordnet rådet" not in da  # nobody split
    assert "Navnet er udeladt for 1 forberedelse" in da
    assert "| 1. | 4 | Inddrag medarbejderne så tidligt som muligt | 10 | 1 | 1 | 1,0 | 0,0 |" in da
    en = markdown_prep_section(_hostile_session(da_pack), da_pack, "en")
    assert en.startswith("## From the preparation\n")
    assert "\nThe name is withheld for 1 preparation merged anonymously.\n" in en
    assert "1st place earns 10 points, 2nd place 9 and so on" in en
    assert "| 1. | 4 | Inddrag medarbejderne så tidligt som muligt | 10 | 1 | 1 | 1.0 | 0.0 |" in en
    named = markdown_prep_section(team_with(da_pack, ["tidligt"]), da_pack, "da")
    assert "udeladt" not in named
    assert "Person 1" in named


def test_markdown_section_lists_disagreements_and_leaves_notes_to_the_advice(
    da_pack: ContentPack,
) -> None:
    from inddrag.domain.export import to_markdown

    anna = [a.id for a in da_pack.advice if a.id != "agile"] + ["agile"]
    session = team_with(da_pack, anna, ["agile", "tidligt"], names=["Anna", "Bo"])
    session.inputs[1].notes = {"agile": "Små skridt, tak."}
    text = markdown_prep_section(session, da_pack, "da")
    assert "### Hvor I er uenige" in text
    assert (
        "Et råd står her, når dem, der har rangordnet det, er langt fra hinanden: mindst én har"
        " det på de 3 øverste pladser og mindst én på de 3 nederste (plads 8–10), eller der er"
        " mindst 5 pladser mellem den bedste og den dårligste plads."
    ) in text
    line = "- **10. Overvej mere agile digitaliseringsforløb**: plads 1–10 (9 fra hinanden)"
    assert f"{line} (Anna 10 · Bo 1)" in text
    assert "**4. Inddrag" not in text  # Anna 4th, Bo 2nd: close together
    assert "Små skridt" not in text
    summary = to_markdown(session, da_pack, "da")
    assert summary.count("Små skridt, tak.") == 1  # under advice 10, once


def test_csv_rows(da_pack: ContentPack) -> None:
    session = team_with(da_pack, ["tidligt", "konsekvenser"], ["konsekvenser", "tidligt", "zzz"])
    rows = _csv_rows(prep_table(session, da_pack, "en"), "en")
    assert rows[0] == [
        "place",
        "no",
        "id",
        "advice",
        "points",
        "ranked_by",
        "in_top_3",
        "mean_place",
        "spread",
        "split_places",
    ]
    assert len(rows) == 1 + 11
    assert rows[1][:3] == ["1", "1", "konsekvenser"]
    assert rows[1][4:] == ["19", "2", "2", "1.50", "0.50", ""]
    assert rows[2][:3] == ["1", "4", "tidligt"]
    assert rows[3][:5] == ["3", "", "zzz", "zzz (not in the content pack)", "8"]
    assert rows[-1][-2:] == ["", ""]
    assert _csv_rows(prep_table(session, da_pack, "da"), "da")[0][0] == "plads"


def _csv_rows(table: Table, lang: str) -> list[list[str]]:
    text = table_csv(table, lang).removeprefix("\ufeff")
    return [line.split(";") for line in text.split("\r\n") if line]
