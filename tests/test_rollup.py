"""``inddrag rollup``: three groups for the plenary (golden), the Borda rule, bad inputs.

Set ``INDDRAG_UPDATE_GOLDEN=1`` to rewrite the golden files after a deliberate change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems
from inddrag.domain.export.rollup import rollup_markdown
from inddrag.domain.rollup import check_groups, rollup
from inddrag.domain.session import Session, add, add_votes, new_session, set_cell
from inddrag.domain.storage import save_session
from tests.test_export import golden

Run = Callable[..., tuple[int, str, str]]
WHEN = datetime(2026, 11, 26, 13, 0, tzinfo=timezone(timedelta(hours=1)))


def group(pack: ContentPack, team: str, order: list[str], votes: dict[str, int]) -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.team = team
    session.session.title = "Workshop om vagtplaner"
    session.priorities.order = order
    for advice_id, count in votes.items():
        add_votes(session, advice_id, count)
    return session


def three_groups(pack: ContentPack) -> list[tuple[Path, Session]]:
    a = group(pack, "Hjemmeplejen", ["konsekvenser", "tidligt", "rammer"], {"konsekvenser": 4})
    set_cell(a, "ledere", "hvad", "Skabe klarhed om rammer")
    set_cell(a, "ledere", "status", "Møde aftalt\nmed IT")
    b = group(pack, "Plejecentret | Øst", ["tidligt", "agile"], {})
    set_cell(b, "ledere", "hvad", "=1+1 <b>fed</b>")
    superusers = add(b, "row", "Superbrugere")
    set_cell(b, superusers.id, "hvordan", "Sidemandsoplæring")
    c = group(pack, "Sygeplejen", [], {"rammer": 3, "konsekvenser": 1, "agile": 1})
    set_cell(c, "tillidsvalgte", "hvornaar", "Hver måned")
    return [(Path("a.toml"), a), (Path("b.toml"), b), (Path("c.toml"), c)]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_three_group_rollup(lang: str, da_pack: ContentPack) -> None:
    groups = three_groups(da_pack)
    text = rollup_markdown(rollup(groups, da_pack), da_pack, lang)
    golden(f"rollup-{lang}.md", text.encode("utf-8"))


def test_borda_over_the_groups_orders_with_shared_ranks(da_pack: ContentPack) -> None:
    result = rollup(three_groups(da_pack), da_pack)
    assert result.size == 10
    top = [(r.id, r.points, r.groups, r.places, r.rank) for r in result.ranking[:4]]
    assert top == [
        ("konsekvenser", 10 + 9, 2, (1, None, 2), 1),  # C's 2nd by votes: a tie on 1 vote,
        ("tidligt", 9 + 10, 2, (2, 1, None), 1),  # broken by pack order before agile
        ("rammer", 8 + 10, 2, (3, None, 1), 3),
        ("agile", 9 + 8, 2, (None, 2, 3), 4),
    ]
    assert [r.rank for r in result.ranking[4:]] == [5] * 6  # nobody placed them: 0 points
    assert result.groups[2].by_votes and not result.groups[0].by_votes


def test_a_group_that_ranked_nothing_is_named_and_left_out(da_pack: ContentPack) -> None:
    groups = [*three_groups(da_pack), (Path("d.toml"), group(da_pack, "Kontoret", [], {}))]
    result = rollup(groups, da_pack)
    assert [g.name for g in result.unranked] == ["Kontoret"]
    text = rollup_markdown(result, da_pack, "da")
    assert "Kontoret har hverken sat en rækkefølge eller givet stemmer" in text


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, da_pack: ContentPack) -> Path:
    monkeypatch.chdir(tmp_path)
    for path, session in three_groups(da_pack):
        save_session(session, path)
    return tmp_path


def test_rollup_from_the_command_line_in_every_format(folder: Path, run_cli: Run) -> None:
    code, out, err = run_cli("rollup", "a.toml", "b.toml", "c.toml")
    assert (code, err) == (0, "")
    assert out.startswith("# Plenum: 3 grupper\n")
    code, out, _ = run_cli("rollup", "a.toml", "b.toml", "c.toml", "-o", "plenum.xlsx")
    assert (code, out) == (0, "✓ skrev plenum.xlsx\n")
    book = openpyxl.load_workbook("plenum.xlsx")
    assert book.sheetnames == ["Gruppernes vigtigste", "Samlet rækkefølge", "Roller"]
    roles = {(r[1].value, r[2].value): r[3] for r in book.worksheets[2].iter_rows(min_row=2)}
    cell = roles[("Plejecentret | Øst", "Hvad")]
    assert (cell.value, cell.data_type) == ("=1+1 <b>fed</b>", "s")
    code, out, _ = run_cli("rollup", "a.toml", "b.toml", "c.toml", "-o", "plenum.csv")
    assert code == 0
    assert out.splitlines() == [
        "✓ skrev plenum-vigtigste.csv",
        "✓ skrev plenum-samlet.csv",
        "✓ skrev plenum-roller.csv",
    ]
    assert run_cli("--lang", "en", "rollup", "a.toml", "b.toml", "c.toml", "-o", "p.html")[0] == 0
    html = Path("p.html").read_text(encoding="utf-8")
    assert "<script" not in html and 'class="page-break"' in html


def test_bad_inputs_are_each_named_and_nothing_is_written(
    folder: Path, run_cli: Run, da_pack: ContentPack, en_pack: ContentPack
) -> None:
    save_session(new_session(da_pack, "prep", when=WHEN), Path("forb.toml"))
    save_session(new_session(en_pack, "team", when=WHEN), Path("english.toml"))
    Path("broken.toml").write_text('format = "inddrag-session"\nversion = \n', encoding="utf-8")
    code, out, err = run_cli(
        "rollup", "a.toml", "forb.toml", "english.toml", "broken.toml", "-o", "plenum.md"
    )
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert re.match(r"broken\.toml:2: ", lines[0])
    assert len(lines) == 2 and lines[-1].startswith("Intet er skrevet")
    code, out, err = run_cli("rollup", "a.toml", "forb.toml", "english.toml", "-o", "plenum.md")
    assert (code, out) == (2, "")
    assert re.search(r"^forb\.toml:\d+: session\.kind: det er en forberedelse", err, re.M), err
    assert re.search(r"^english\.toml:\d+: content\.language: .*“en”.*a\.toml", err, re.M), err
    assert not Path("plenum.md").exists()
    code, _, err = run_cli("rollup", "a.toml", "a.toml")
    assert code == 2 and "nævnt to gange" in err
    code, out, err = run_cli("rollup", "a.toml", "b.toml", "-o", "mangler/plenum.md")
    assert (code, out) == (2, "") and "mappen findes ikke" in err
    before = Path("b.toml").read_bytes()
    code, _, err = run_cli("rollup", "a.toml", "b.toml", "-o", "b.toml")
    assert code == 2 and "oven i en af gruppernes filer" in err
    assert Path("b.toml").read_bytes() == before


def test_check_groups_accepts_three_team_sessions(da_pack: ContentPack) -> None:
    groups = three_groups(da_pack)
    assert check_groups(groups) is None  # accepted: nothing raised
    # The same check refuses the same groups with one more that is a preparation, and
    # names that file alone: so the acceptance above is the check's, not a no-op's.
    prep = group(da_pack, "Anna", [], {})
    prep.session.kind = "prep"
    with pytest.raises(FileProblems) as refused:
        check_groups([*groups, (Path("d.toml"), prep)])
    assert [(p.file, p.code) for p in refused.value.problems] == [("d.toml", "rollup.prep")]
