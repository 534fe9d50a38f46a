"""Domain behaviour pinned down where mutation testing found the suite silent (docs/testing.md).

Each test names what it guards; together they kill the mutants of ``domain/merge.py``,
``aggregate.py``, ``export/``, ``storage.py``, ``session.py`` and ``atomic.py`` that
changed behaviour and survived the rest of the suite.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from inddrag.domain import atomic, export, storage
from inddrag.domain.aggregate import disagreements
from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems, Problem
from inddrag.domain.export import escape
from inddrag.domain.export.parts import table_columns
from inddrag.domain.merge import input_from_prep, merge_preps, name_key
from inddrag.domain.session import (
    PrepInput,
    Session,
    add_votes,
    new_session,
    set_cell,
    set_notes,
)

TZ = timezone(timedelta(hours=1))
WHEN = datetime(2026, 11, 26, 10, 5, 7, 123456, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # file names in problems are shown relative to here


def prep_of(pack: ContentPack, name: str, order: list[str] | None = None) -> Session:
    prep = new_session(pack, "prep", when=WHEN)
    prep.session.facilitator = name
    prep.priorities.order = order or []
    return prep


def team_of(pack: ContentPack) -> Session:
    team = new_session(pack, "team", when=WHEN)
    team.session.facilitator = "Anna"
    return team


# --- merge ---------------------------------------------------------------------------------


def test_names_compare_with_single_spaces_and_no_case() -> None:
    assert name_key("  Bo   LARSEN ") == "bo larsen"


def test_a_naive_time_gets_the_local_offset(da_pack: ContentPack) -> None:
    naive = datetime(2026, 11, 26, 10, 5, 7, 999)
    item = input_from_prep(prep_of(da_pack, "Bo"), anonymous=False, when=naive)
    assert item.merged == naive.astimezone().replace(microsecond=0)
    assert item.merged.utcoffset() is not None
    result = merge_preps(team_of(da_pack), [], anonymous=False, when=naive)
    assert result.session.session.updated == team_of(da_pack).session.updated  # nothing merged
    aware = merge_preps(
        team_of(da_pack), [(Path("bo.toml"), prep_of(da_pack, "Bo"))], anonymous=False, when=WHEN
    )
    assert aware.session.inputs[0].merged == WHEN.replace(microsecond=0)  # its own offset kept
    assert aware.session.inputs[0].merged.utcoffset() == timedelta(hours=1)


def test_every_warning_names_file_key_severity_and_figures(da_pack: ContentPack) -> None:
    team = team_of(da_pack)
    other = prep_of(da_pack, "", ["nyt-råd"])
    other.content.pack = "andet"
    set_cell(other, other.roles.rows[0].id, other.roles.columns[0].id, "x")
    other.inputs.append(PrepInput(participant="Cy", merged=WHEN, order=[], notes={}))
    older = prep_of(da_pack, "Bo")
    older.content.version = "0.1"
    result = merge_preps(
        team,
        [(Path("a.toml"), other), (Path("b.toml"), older), (Path("a.toml"), other)],
        anonymous=False,
        when=WHEN,
        pack=da_pack,
    )
    assert result.warnings == [
        Problem(
            "a.toml",
            "merge.other_pack",
            key="content.pack",
            severity="warning",
            params={"found": "andet", "expected": team.content.pack},
        ),
        Problem(
            "a.toml",
            "merge.unknown_ids",
            severity="warning",
            params={"ids": "nyt-råd"},
        ),
        Problem("a.toml", "merge.no_name", key="session.facilitator", severity="warning"),
        Problem("a.toml", "merge.roles_not_merged", key="roles", severity="warning"),
        Problem(
            "a.toml",
            "merge.prep_has_inputs",
            key="inputs",
            severity="warning",
            params={"count": 1},
        ),
        Problem(
            "b.toml",
            "merge.other_version",
            key="content.version",
            severity="warning",
            params={"found": "0.1", "expected": team.content.version},
        ),
        Problem("a.toml", "merge.same_file_twice", severity="warning"),
    ]
    assert [
        (o.path, o.participant, o.notes, o.ranked, o.replaced, o.skipped) for o in result.outcomes
    ] == [
        (Path("a.toml"), "", 0, 1, False, False),
        (Path("b.toml"), "Bo", 0, 0, False, False),
        (Path("a.toml"), "", 0, 0, False, True),
    ]
    assert result.added == 2 and result.replaced == 0


def test_the_same_file_twice_is_skipped_and_the_rest_still_merged(da_pack: ContentPack) -> None:
    bo, cy, dy = (prep_of(da_pack, n) for n in ("Bo", "Cy", "Dy"))
    result = merge_preps(
        team_of(da_pack),
        [
            (Path("bo.toml"), bo),
            (Path("./bo.toml"), bo),
            (Path("cy.toml"), cy),
            (Path("bo.toml"), bo),
            (Path("dy.toml"), dy),
        ],
        anonymous=False,
        when=WHEN,
    )
    assert [i.participant for i in result.session.inputs] == ["Bo", "Cy", "Dy"]
    assert [o.skipped for o in result.outcomes] == [False, True, False, True, False]


def test_the_same_person_twice_in_one_run_is_warned_about(da_pack: ContentPack) -> None:
    result = merge_preps(
        team_of(da_pack),
        [(Path("bo.toml"), prep_of(da_pack, "Bo")), (Path("bo2.toml"), prep_of(da_pack, " bo "))],
        anonymous=False,
        when=WHEN,
    )
    assert result.warnings == [
        Problem(
            "bo2.toml",
            "merge.same_person_twice",
            severity="warning",
            params={"name": "bo", "other": "bo.toml"},
        )
    ]
    assert [i.participant for i in result.session.inputs] == ["bo"]  # the later one replaced


def test_a_new_input_after_a_replaced_one_is_found_again(da_pack: ContentPack) -> None:
    """Inputs added in a run are indexed at their own place (``len(inputs) - 1``)."""
    team = team_of(da_pack)
    first = merge_preps(
        team,
        [(Path("a.toml"), prep_of(da_pack, "A")), (Path("b.toml"), prep_of(da_pack, "B"))],
        anonymous=False,
        when=WHEN,
    ).session
    again = merge_preps(
        first,
        [
            (Path("c.toml"), prep_of(da_pack, "C", ["tidligt"])),
            (Path("c2.toml"), prep_of(da_pack, "C", ["agile"])),
        ],
        anonymous=False,
        when=WHEN,
    )
    assert [(i.participant, i.order) for i in again.session.inputs] == [
        ("A", []),
        ("B", []),
        ("C", ["agile"]),
    ]


def test_an_anonymous_prep_never_matches_a_named_input_by_an_empty_name(
    da_pack: ContentPack,
) -> None:
    team = team_of(da_pack)
    team.inputs.append(PrepInput(participant="Bo", merged=WHEN, order=["agile"], notes={}))
    nameless = prep_of(da_pack, "   ", ["tidligt"])
    result = merge_preps(team, [(Path("x.toml"), nameless)], anonymous=True, when=WHEN)
    assert [(i.participant, i.order) for i in result.session.inputs] == [
        ("Bo", ["agile"]),
        ("", ["tidligt"]),
    ]


def test_a_prep_as_the_team_and_a_team_among_preps_are_both_named(da_pack: ContentPack) -> None:
    with pytest.raises(FileProblems) as caught:
        merge_preps(
            prep_of(da_pack, "Bo"),
            [(Path("t.toml"), team_of(da_pack))],
            anonymous=False,
            when=WHEN,
        )
    assert caught.value.problems == [
        Problem("-", "merge.prep_as_team", key="session.kind"),
        Problem("t.toml", "merge.team_as_prep", key="session.kind"),
    ]


# --- aggregate ----------------------------------------------------------------------------


def team_with(pack: ContentPack, *orders: list[str]) -> Session:
    team = team_of(pack)
    for n, order in enumerate(orders):
        team.inputs.append(PrepInput(participant=f"P{n}", merged=WHEN, order=order, notes={}))
    return team


def test_the_bottom_half_starts_after_place_n_over_two(da_pack: ContentPack) -> None:
    """With ten advice, place 5 is not the bottom half and place 6 is."""
    middle = team_with(
        da_pack, ["agile"], ["konsekvenser", "rammer", "information", "tidligt", "agile"]
    )
    assert "agile" not in [d.score.id for d in disagreements(middle, da_pack, limit=None)]
    bottom = team_with(
        da_pack,
        ["agile"],
        ["konsekvenser", "rammer", "information", "tidligt", "roller", "agile"],
        ["konsekvenser", "rammer", "information", "tidligt", "roller", "agile"],
    )
    [agile] = [d for d in disagreements(bottom, da_pack, limit=None) if d.score.id == "agile"]
    assert (agile.high, agile.low, agile.unranked) == (1, 2, 0)


def test_disagreements_strongest_first_then_the_larger_camps(da_pack: ContentPack) -> None:
    team = team_with(
        da_pack,
        ["usynligt", "agile"],
        ["konsekvenser", "rammer", "information", "usynligt"],
        ["gevinster"],
    )
    found = disagreements(team, da_pack, limit=None)
    assert [(d.score.id, d.high, d.low, d.unranked) for d in found] == [
        ("konsekvenser", 1, 2, 2),
        ("gevinster", 1, 2, 2),
        ("rammer", 1, 2, 2),
        ("agile", 1, 2, 2),
        ("information", 1, 2, 2),
        ("usynligt", 1, 1, 1),  # the same smaller camp, fewer people in all: last
    ]
    assert [d.score.id for d in disagreements(team, da_pack)] == [d.score.id for d in found[:5]]
    # Counted without the caller's aggregate, with the pack's titles.
    assert found[0].score.title == da_pack.advice[0].title


# --- export -------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_indented_list_or_heading_marks_on_a_continuation_line_stay_text() -> None:
    for typed in ("Først\n  - ikke en liste", "Først\n   # ikke en overskrift", "Først\n\t> nej"):
        lines = escape.escape_block(typed)
        html = MarkdownIt("commonmark").render("\n".join(lines))
        assert "<ul>" not in html and "<h1>" not in html and "<blockquote>" not in html, html
    assert escape.escape_block("Først\n  - x") == ["Først  ", "  \\- x"]
    assert escape.escape_line_start("  - x") == "  \\- x"
    assert escape.escape_line_start("\t# x") == "\t\\# x"


def test_only_what_markdown_acts_on_is_escaped() -> None:
    assert escape.escape_line_start("Xylofon") == "Xylofon"
    assert escape.escape_line_start("X- y") == "X- y"
    assert escape.escape_line_start("\u00a0- x") == "\u00a0- x"  # not indentation to Markdown
    assert escape.escape_inline("a_b") == "a_b"
    assert escape.escape_inline("a_b!") == "a_b!"
    assert escape.escape_inline("_a") == "\\_a"


def test_a_list_item_block_has_empty_lines_between_paragraphs() -> None:
    assert escape.escape_block("a\n\nb\nc", indent="  ") == ["a", "", "  b  ", "  c"]


def test_an_unknown_column_in_two_rows_is_one_column(da_pack: ContentPack) -> None:
    session = team_of(da_pack)
    session.roles.columns = session.roles.columns[:1]
    first, second = session.roles.rows[:2]
    first.cells["ny"] = "a"
    second.cells["ny"] = "b"
    assert [c for c, _ in table_columns(session)] == [session.roles.columns[0].id, "ny"]
    csv_rows = list(
        csv.reader(io.StringIO(export.to_csv(session, da_pack, "da")[1:]), delimiter=";")
    )
    header = csv_rows[csv_rows.index(["Roller"]) + 1]
    assert header.count("ny") == 1 and len(header) == 3


def test_with_no_order_one_vote_is_enough_and_no_votes_says_so(da_pack: ContentPack) -> None:
    session = team_of(da_pack)
    set_notes(session, "agile", "noter, ingen stemmer")
    text = export.to_markdown(session, da_pack, "da")
    assert "## Det vigtigste\n\nIngen prioritering endnu.\n\n## " in text
    add_votes(session, "tidligt", 1)
    text = export.to_markdown(session, da_pack, "da")
    title = da_pack.advice_by_id("tidligt").title  # type: ignore[union-attr]
    assert (
        "## Det vigtigste\n\nDer er ikke sat en rækkefølge; rådene står efter antal stemmer.\n\n"
        f"1. {title} – 1 stemme\n\n## "
    ) in text or f"\n\n1. {title} – 1 stemme\n\n## " in text


def test_an_ordered_advice_without_an_entry_has_no_votes(da_pack: ContentPack) -> None:
    session = team_of(da_pack)
    session.advice = []
    session.priorities.order = ["agile"]
    text = export.to_markdown(session, da_pack, "da")
    assert f"1. {da_pack.advice[-1].title} – 0 stemmer\n" in text


def test_the_english_summary_is_english_throughout(en_pack: ContentPack) -> None:
    session = new_session(en_pack, "team", when=WHEN)
    session.session.updated = WHEN + timedelta(days=3)
    add_votes(session, "agile", 2)
    session.roles.row_header = ""
    text = export.to_markdown(session, en_pack, "en")
    assert text.startswith("# Untitled discussion\n\n- **Date:** ")
    assert "\n- **Last changed:** " in text
    assert (
        "## What matters most\n\n"
        "No order has been set; the advice is listed by number of votes.\n\n"
        f"1. {en_pack.advice[-1].title} – 2 votes\n"
    ) in text
    assert "| Who |" in text
    empty = new_session(en_pack, "team", when=WHEN)
    empty.roles.rows = []
    empty.roles.columns = []
    assert "No priorities yet." in export.to_markdown(empty, en_pack, "en")
    assert "(The roles table is empty.)" in export.to_markdown(empty, en_pack, "en")
    rows = read_csv(export.to_csv(session, en_pack, "en"))
    assert rows[0] == ["Session"]
    assert [r for r in rows if r[:1] == ["Who"]]


def test_csv_dates_are_empty_without_a_date(da_pack: ContentPack) -> None:
    session = team_of(da_pack)
    session.session.created = session.session.updated = None
    rows = read_csv(export.to_csv(session, da_pack, "da"))
    dates = [r for r in rows if r[:1] in (["dato"], ["senest_ændret"])]
    assert dates == [["dato", ""], ["senest_ændret", ""]]


def test_named_preparations_are_listed_with_commas(da_pack: ContentPack) -> None:
    team = team_with(da_pack, ["agile"], ["tidligt"])
    text = export.to_markdown(team, da_pack, "da")
    assert "\nForberedt af: P0, P1.\n" in text


# --- storage and atomic saving --------------------------------------------------------------


MINIMAL = """format = "inddrag-session"
version = 1

[session]
kind = "team"

[content]
pack = "p"
version = "1"
language = "da"
"""


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        (
            '\n[roles]\n[[roles.columns]]\nid = "c"\ntitle = "C"\n\n[[roles.columns]]\nid = "c"\n'
            'title = "D"\n',
            "hej.toml:18: roles.columns[2].id: the id “c” is already used (in no. 1)",
        ),
        (
            '\n[roles]\n[[roles.rows]]\nid = "r"\nname = "R"\n\n[[roles.rows]]\nid = "r"\n'
            'name = "S"\n',
            "hej.toml:18: roles.rows[2].id: the id “r” is already used (in no. 1)",
        ),
        (
            '\n[[inputs]]\nparticipant = "Bo"\nmerged = 2026-11-26T10:00:00+01:00\n'
            'order = ["a", "b", "b"]\n',
            "hej.toml:15: inputs[1].order[3]: the id “b” is already used (in no. 2)",
        ),
    ],
)
def test_duplicate_ids_in_columns_rows_and_inputs_are_refused(tail: str, expected: str) -> None:
    path = Path("hej.toml")
    path.write_text(MINIMAL + tail, encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        storage.load_session(path)
    assert [p.render("en") for p in info.value.problems] == [expected]
    clean = tail.replace('id = "c"\ntitle = "D"', 'id = "d"\ntitle = "D"')
    clean = clean.replace('id = "r"\nname = "S"', 'id = "s"\nname = "S"')
    clean = clean.replace('["a", "b", "b"]', '["a", "b"]')
    path.write_text(MINIMAL + clean, encoding="utf-8")
    storage.load_session(path)  # the same file without the duplicate loads


def test_a_lone_surrogate_is_saved_as_a_replacement_character(
    da_pack: ContentPack, tmp_path: Path
) -> None:
    session = team_of(da_pack)
    set_notes(session, "agile", "før \ud800 efter")
    path = tmp_path / "møde.toml"
    assert storage.save_session(session, path) is None
    assert storage.load_session(path).entry("agile").notes == "før \ufffd efter"  # type: ignore[union-attr]
    assert atomic.encode_text("a\udfffb") == "a\ufffdb".encode()
    assert atomic.encode_text("æ") == "æ".encode()
    md = tmp_path / "møde.md"
    atomic.atomic_write_text(md, "x \ud83c y")
    assert md.read_text(encoding="utf-8") == "x \ufffd y"


def test_the_data_is_flushed_before_fsync_and_the_folder_synced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "møde.toml"
    path.write_bytes(b"gammel")
    data = b"ny tekst " * 10  # smaller than the write buffer: only a flush puts it in the file
    synced: list[tuple[str, int, bytes]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            synced.append(("folder", 0, path.read_bytes()))
        else:
            synced.append(("file", info.st_size, b""))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic.atomic_write_bytes(path, data)
    assert synced == [("file", len(data), b""), ("folder", 0, data)]
