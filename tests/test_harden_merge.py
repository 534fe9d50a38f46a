"""Issue 22, items 5 and 6: merge finds lines once per file, and an anonymous prep never
overwrites another person's.

A replace must be provably the same person's newer prep: the same prep id and, with names
kept, the same name; without names, an id that holds the author's name key. Otherwise
both are kept and the merge says so. Also the two mutation survivors of domain/merge.py.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from inddrag.cli.merge import LineFinder
from inddrag.domain.content import ContentPack
from inddrag.domain.errors import display_path, problem
from inddrag.domain.merge import anonymous_sort_key, merge_preps
from inddrag.domain.session import PrepInput, Session, new_session, set_notes
from inddrag.domain.storage import load_session, save_session

TZ = timezone(timedelta(hours=1))
WHEN = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
LATER = datetime(2026, 11, 26, 10, 30, tzinfo=TZ)
SHARED_ID = "0d3c6c55-8d3e-4a53-8f0a-5f7a51b8d2c7"


def prep(pack: ContentPack, name: str, order: list[str], note: str = "") -> Session:
    session = new_session(pack, "prep", when=WHEN)
    session.session.id = SHARED_ID  # every prep here is a copy of one template file
    session.session.facilitator = name
    session.priorities.order = order
    if note:
        set_notes(session, order[0], note)
    return session


def team(pack: ContentPack) -> Session:
    return new_session(pack, "team", when=WHEN)


def test_two_peoples_anonymous_copies_of_one_file_are_both_kept(da_pack: ContentPack) -> None:
    anna = prep(da_pack, "Anna", ["tidligt"], "Annas note")
    bo = prep(da_pack, "Bo", ["agile"], "Bos note")
    first = merge_preps(team(da_pack), [(Path("a.toml"), anna)], anonymous=True, when=WHEN)
    second = merge_preps(first.session, [(Path("b.toml"), bo)], anonymous=False, when=LATER)
    assert (second.added, second.replaced) == (1, 0)
    assert sorted(i.order[0] for i in second.session.inputs) == ["agile", "tidligt"]
    assert all(i.participant == "" for i in second.session.inputs)
    assert SHARED_ID not in {i.prep_id for i in second.session.inputs}  # no file's id kept


def test_the_same_persons_edited_anonymous_copy_replaces_it(da_pack: ContentPack) -> None:
    anna = prep(da_pack, "Anna", ["tidligt"], "først")
    first = merge_preps(team(da_pack), [(Path("a.toml"), anna)], anonymous=True, when=WHEN)
    anna.priorities.order = ["tidligt", "agile"]
    again = merge_preps(first.session, [(Path("a.toml"), anna)], anonymous=True, when=LATER)
    assert (again.added, again.replaced) == (0, 1)
    assert [i.order for i in again.session.inputs] == [["tidligt", "agile"]]


def test_nameless_copies_with_one_id_are_kept_and_the_merge_says_so(
    da_pack: ContentPack,
) -> None:
    one = prep(da_pack, "", ["tidligt"], "én")
    other = prep(da_pack, "", ["agile"], "en anden")
    first = merge_preps(team(da_pack), [(Path("a.toml"), one)], anonymous=True, when=WHEN)
    second = merge_preps(first.session, [(Path("b.toml"), other)], anonymous=True, when=LATER)
    assert (second.added, second.replaced, len(second.session.inputs)) == (1, 0, 2)
    assert [w.code for w in second.warnings] == ["merge.kept_both"]
    assert second.warnings[0].render("en") == (
        "b.toml: session.id: warning: the file has the same id as a preparation merged "
        "before, but nothing shows it is the same person’s newer version, so both are kept"
    )


def test_named_copies_need_the_same_name(da_pack: ContentPack) -> None:
    anna = prep(da_pack, "Anna", ["tidligt"])
    bo = prep(da_pack, "Bo", ["agile"])
    first = merge_preps(team(da_pack), [(Path("a.toml"), anna)], anonymous=False, when=WHEN)
    second = merge_preps(first.session, [(Path("b.toml"), bo)], anonymous=False, when=LATER)
    assert [i.participant for i in second.session.inputs] == ["Anna", "Bo"]


def test_v1_nameless_preps_without_created_or_title_do_not_collide(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    paths = []
    for number, advice in enumerate(("tidligt", "agile")):
        path = tmp_path / f"p{number}.toml"
        path.write_text(
            textwrap.dedent(f"""\
                format = "inddrag-session"
                version = 1

                [session]
                kind = "prep"

                [content]
                pack = "leaflet-da"
                version = "1.0"
                language = "da"

                [priorities]
                order = ["{advice}"]
            """),
            encoding="utf-8",
        )
        paths.append(path)
    loaded = [load_session(p) for p in paths]
    assert loaded[0].session.id != loaded[1].session.id
    assert load_session(paths[0]).session.id == loaded[0].session.id  # stable per file
    first = merge_preps(team(da_pack), [(paths[0], loaded[0])], anonymous=True, when=WHEN)
    second = merge_preps(first.session, [(paths[1], loaded[1])], anonymous=True, when=LATER)
    assert sorted(i.order[0] for i in second.session.inputs) == ["agile", "tidligt"]


# --- the two mutation survivors ----------------------------------------------------------


def test_an_anonymous_merge_into_a_file_with_an_old_nameless_input(da_pack: ContentPack) -> None:
    """An input merged before prep ids existed has none: it is sorted by a content hash."""
    old = PrepInput(participant="", merged=WHEN, order=["tidligt"], notes={"tidligt": "x"})
    assert len(anonymous_sort_key(old)) == 64  # a SHA-256 of its order and notes
    base = team(da_pack)
    base.inputs = [old]
    newcomer = prep(da_pack, "Carl", ["agile"])
    result = merge_preps(base, [(Path("c.toml"), newcomer)], anonymous=True, when=LATER)
    assert len(result.session.inputs) == 2
    assert {i.merged for i in result.session.inputs} == {LATER}


def test_an_old_nameless_prep_merged_again_counts_once(da_pack: ContentPack) -> None:
    base = team(da_pack)
    base.inputs = [PrepInput(participant="", merged=WHEN, order=["tidligt"], notes={})]
    same = new_session(da_pack, "prep", when=WHEN)
    same.priorities.order = ["tidligt"]
    twin = new_session(da_pack, "prep", when=WHEN)
    twin.priorities.order = ["tidligt"]
    result = merge_preps(
        base, [(Path("a.toml"), same), (Path("b.toml"), twin)], anonymous=True, when=LATER
    )
    assert (result.added, result.replaced, result.unchanged) == (1, 0, 1)
    assert len(result.session.inputs) == 2  # the earlier input once, the twin once


# --- item 5: lines found once per file ---------------------------------------------------


def test_the_line_finder_reads_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.toml"
    path.write_text('[priorities]\norder = ["a", "b"]\n', encoding="utf-8")
    import inddrag.cli.merge as cli_merge

    reads: list[Path] = []
    real = cli_merge.read_bounded

    def counting(file: Path, *args: object, **kwargs: object) -> bytes:
        reads.append(file)
        return real(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_merge, "read_bounded", counting)
    finder = LineFinder({display_path(path): path})
    for place in range(500):
        prob = problem(path, "merge.unknown_ids", key=("priorities", "order", place), ids="x")
        assert finder.fill(prob).line == 2
    assert reads == [path]


def test_merge_with_a_thousand_unknown_ids_finishes(tmp_path: Path, da_pack: ContentPack) -> None:
    """Was 24 s for 2,000 ids (quadratic); the timeout is only a hang guard."""
    base = team(da_pack)
    save_session(base, tmp_path / "hold.toml")
    many = new_session(da_pack, "prep", when=WHEN)
    many.session.facilitator = "Mange"
    many.priorities.order = [f"ukendt-{n}" for n in range(2000)]
    save_session(many, tmp_path / "p.toml")
    done = subprocess.run(
        [sys.executable, "-m", "inddrag", "merge", "hold.toml", "p.toml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"INDDRAG_LANG": "en", "PATH": "", "INDDRAG_STATE_DIR": str(tmp_path / "s")},
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2000
    assert lines[1999].startswith("p.toml:") and "ukendt-1999" in lines[1999]
