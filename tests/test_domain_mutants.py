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

from inddrag.domain import atomic, export, storage, tomlwrite
from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems, Problem
from inddrag.domain.export import escape
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
            key="priorities.order[1]",
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


# --- session operations ---------------------------------------------------------------------


def test_now_is_local_time_to_the_second() -> None:
    from inddrag.domain.session import now

    stamp = now()
    assert stamp.microsecond == 0 and stamp.utcoffset() is not None


def test_votes_and_notes_of_an_advice(da_pack: ContentPack) -> None:
    from inddrag.domain.session import notes_of, votes_of

    session = team_of(da_pack)
    add_votes(session, "agile", 3)
    set_notes(session, "agile", "noter")
    assert (votes_of(session, "agile"), notes_of(session, "agile")) == (3, "noter")
    assert (votes_of(session, "tidligt"), notes_of(session, "tidligt")) == (0, "")


def test_a_column_is_added_where_asked(da_pack: ContentPack) -> None:
    from inddrag.domain.session import add

    session = team_of(da_pack)
    first = add(session, "column", "Først", at=0)
    second = add(session, "row", "Anden række", at=1)
    assert session.roles.columns[0] is first
    assert session.roles.rows[1] is second


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'format = "inddrag-session"\n\n[session]\nkind = "team"\n',
            "hej.toml: version: this key is missing and is required",
        ),
        (
            'format = "inddrag-session"\nversion = true\n[session]\nkind = "team"\n',
            "hej.toml:2: version: expected a number, found true/false",
        ),
    ],
)
def test_a_missing_or_yes_no_version_is_named(text: str, expected: str) -> None:
    path = Path("hej.toml")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        storage.load_session(path)
    rendered = [p.render("en") for p in info.value.problems]
    assert expected in rendered, rendered


def test_file_version_only_for_session_files(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    for text, expected in [
        ('format = "andet"\nversion = 5\n', None),
        ('format = "inddrag-session"\nversion = true\n', None),
        ('format = "inddrag-session"\nversion = 0\n', 0),
        ('\ufeffformat = "inddrag-session"\n' + "# x\n" * 2000 + "version = 2\n", 2),
    ]:
        path.write_text(text, encoding="utf-8")
        assert storage.file_version(path) == expected, text[:40]


def test_backup_names_keep_or_add_the_toml_ending(tmp_path: Path) -> None:
    assert storage.backup_name(tmp_path / "møde.toml", 0) == tmp_path / "møde.v0.toml"
    assert storage.backup_name(tmp_path / "møde", 0) == tmp_path / "møde.v0.toml"
    (tmp_path / "møde.v0.toml").write_text("")
    (tmp_path / "møde.v0-2.toml").write_text("")
    assert storage.backup_name(tmp_path / "møde.toml", 0) == tmp_path / "møde.v0-3.toml"


def test_saving_over_a_newer_file_says_which_version(da_pack: ContentPack, tmp_path: Path) -> None:
    path = tmp_path / "møde.toml"
    path.write_text('format = "inddrag-session"\nversion = 7\n', encoding="utf-8")
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(team_of(da_pack), path)
    error = info.value
    assert (error.reason, error.existed, error.params) == ("newer_file", True, {"found": 7})
    assert "(file format version 7)" in str(error)
    assert str(error).endswith("; the previous version is unchanged.")


@pytest.mark.parametrize("failure", ["oserror", "saveerror"])
def test_a_backup_that_cannot_be_made_is_named(
    failure: str, da_pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "møde.toml"
    path.write_text('format = "inddrag-session"\nversion = 0\n', encoding="utf-8")

    def copy(source: Path, target: Path) -> None:
        if failure == "oserror":
            raise OSError(28, "No space left on device")
        raise atomic.SaveError(target, "disk_full", detail="fuld disk")

    monkeypatch.setattr(storage, "copy_atomically", copy)
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(team_of(da_pack), path)
    error = info.value
    detail = "No space left on device" if failure == "oserror" else "fuld disk"
    assert (error.reason, error.detail, error.existed) == ("backup_failed", detail, True)
    assert error.params == {"backup": "møde.v0.toml"}
    assert error.path == path
    assert f"copied to møde.v0.toml ({detail})" in str(error)


def test_a_save_error_is_an_os_error_with_code_sentence_and_file(tmp_path: Path) -> None:
    error = atomic.SaveError(tmp_path / "x.toml", "disk_full", code=28)
    assert (error.errno, error.filename, error.detail, error.existed) == (
        28,
        str(tmp_path / "x.toml"),
        "",
        False,
    )
    assert error.strerror == str(error) == error.sentence("en")
    assert str(error).startswith("“x.toml” was not saved, because ")
    assert "previous version" not in str(error)
    assert error.sentence() == error.sentence("da") != error.sentence("en")
    assert atomic.SaveError(Path("x.toml"), "disk_full").errno == 0


@pytest.mark.parametrize(
    ("error", "stage", "reason"),
    [
        (OSError(28, "fuld"), "write", "disk_full"),
        (OSError(getattr(__import__("errno"), "EDQUOT", 122), "kvote"), "write", "disk_full"),
        (OSError(21, "mappe"), "write", "is_a_directory"),
        (PermissionError(1, "nej"), "write", "no_access"),
        (OSError(13, "nej"), "create", "no_access"),
        (OSError(5, ""), "write", "os_error"),
    ],
)
def test_os_errors_in_the_users_words(error: OSError, stage: str, reason: str) -> None:
    made = atomic.SaveError.from_os(Path("x.toml"), error, existed=True, stage=stage)
    assert (made.reason, made.errno, made.existed) == (reason, error.errno, True)
    assert made.detail == (error.strerror or str(error))


def test_clean_stray_temps_removes_every_old_one(tmp_path: Path) -> None:
    import time

    for n in range(6):
        (tmp_path / f"fil-{n}.toml").write_text("x")
    old = [tmp_path / f".møde-{n}.toml{atomic.TEMP_MARK}abc" for n in range(4)]
    for path in old:
        path.write_text("x")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    young = tmp_path / f".ny.toml{atomic.TEMP_MARK}abc"
    young.write_text("x")
    folder = tmp_path / f".mappe{atomic.TEMP_MARK}abc"
    folder.mkdir()
    os.utime(folder, (time.time() - 3600, time.time() - 3600))
    link = tmp_path / f".link{atomic.TEMP_MARK}abc"
    link.symlink_to(tmp_path / "fil-0.toml")
    os.utime(link, (time.time() - 3600, time.time() - 3600), follow_symlinks=False)
    assert sorted(atomic.clean_stray_temps(tmp_path)) == sorted(old)
    assert young.exists() and folder.is_dir() and link.is_symlink()


def test_new_files_get_the_umask_and_copies_keep_their_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        atomic._umask_cache.clear()
        atomic.atomic_write_text(tmp_path / "ny.toml", "x")
        assert stat.S_IMODE((tmp_path / "ny.toml").stat().st_mode) == 0o640
        assert os.umask(0o027) == 0o027  # the umask was put back
    finally:
        os.umask(mask)
        atomic._umask_cache.clear()
    source = tmp_path / "kilde.toml"
    source.write_text("y")
    source.chmod(0o604)
    atomic.copy_atomically(source, tmp_path / "kopi.toml")
    assert stat.S_IMODE((tmp_path / "kopi.toml").stat().st_mode) == 0o604
    atomic.atomic_write_text(tmp_path / "tilstand.toml", "z", mode=0o600)
    assert stat.S_IMODE((tmp_path / "tilstand.toml").stat().st_mode) == 0o600


def test_a_merge_at_a_naive_time_stamps_the_session_with_an_offset(da_pack: ContentPack) -> None:
    naive = datetime(2026, 11, 26, 10, 5, 7, 999)
    result = merge_preps(
        team_of(da_pack), [(Path("bo.toml"), prep_of(da_pack, "Bo"))], anonymous=False, when=naive
    )
    updated = result.session.session.updated
    assert updated == naive.astimezone().replace(microsecond=0)
    assert updated is not None and updated.utcoffset() is not None


def test_english_dates_and_unknown_advice_in_the_preparation_section(en_pack: ContentPack) -> None:
    session = new_session(en_pack, "team", when=WHEN)
    session.session.updated = datetime(2026, 11, 29, 9, 0, tzinfo=TZ)
    for n, order in enumerate([["lokalt"], ["agile", "tidligt"]]):
        session.inputs.append(PrepInput(participant=f"P{n}", merged=WHEN, order=order, notes={}))
    text = export.to_markdown(session, en_pack, "en")
    assert "\n- **Last changed:** 29 November 2026\n" in text
    assert "| lokalt (not in the content pack) |" in text


def test_the_rule_for_a_count_of_one_advice(da_pack: ContentPack) -> None:
    session = team_of(da_pack)
    session.advice = []
    session.inputs.append(PrepInput(participant="P", merged=WHEN, order=["eneste"], notes={}))
    text = export.to_markdown(session, None, "en")
    assert "1st place earns 1 points, 2nd place 0 and so on" in text


def test_lists_go_on_one_line_up_to_a_hundred_columns() -> None:
    fits = ["x" * 92]  # k = ["xxx…"] is exactly 100 characters
    assert tomlwrite.toml_lines({"k": fits}) == f'k = ["{fits[0]}"]\n'
    longer = ["x" * 93]
    assert tomlwrite.toml_lines({"k": longer}) == f'k = [\n    "{longer[0]}",\n]\n'
    assert tomlwrite.toml_lines({"k": []}) == "k = []\n"
    assert tomlwrite.toml_lines({"a": None, "b": 1}) == "b = 1\n"


def test_offsets_in_minutes_are_kept_and_in_seconds_moved_to_utc(da_pack: ContentPack) -> None:
    session = team_of(da_pack)
    session.session.created = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
    session.session.updated = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(seconds=61)))
    text = storage.dumps_session(session)
    assert "created = 2026-11-26T10:00:00+01:00\n" in text
    assert "updated = 2026-11-26T09:58:59+00:00\n" in text


def test_problems_in_bytes_name_the_file_they_came_from() -> None:
    with pytest.raises(FileProblems) as info:
        storage.load_session_text(Path("fra-nettet.toml"), b"format = \n")
    assert [p.file for p in info.value.problems] == ["fra-nettet.toml"]


def test_a_recovery_copy_reads_back_without_its_own_table(
    da_pack: ContentPack, tmp_path: Path
) -> None:
    from inddrag.domain import recovery

    session = team_of(da_pack)
    session.session.title = "Kopi"
    saver = recovery.Autosaver(tmp_path, instance="x")
    path = saver.write(session)
    assert recovery.read_recovery(path).session == session


def test_a_backup_failure_without_a_message_keeps_the_os_words(
    da_pack: ContentPack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "møde.toml"
    path.write_text('format = "inddrag-session"\nversion = 0\n', encoding="utf-8")

    def copy(source: Path, target: Path) -> None:
        raise OSError("kan ikke kopiere")

    monkeypatch.setattr(storage, "copy_atomically", copy)
    with pytest.raises(atomic.SaveError) as info:
        storage.save_session(team_of(da_pack), path)
    assert info.value.detail == "kan ikke kopiere"
