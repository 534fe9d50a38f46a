"""English exports speak English, in every format (issue 21's mutation survivors).

Two sentences that once survived a mutation (a lost ``lang``) are pinned with their English
text; then every format of the session's summary and of the roll-up, written in English
from English text, is searched for Danish: no string of the Danish catalogue that differs
from its English one, and no æ, ø or å.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from inddrag.domain import followup, storage
from inddrag.domain.content import ContentPack
from inddrag.domain.export import to_markdown
from inddrag.domain.export.files import Report, render, session_report
from inddrag.domain.export.formats import ids
from inddrag.domain.export.rollup import rollup_report
from inddrag.domain.export.tables import since_table
from inddrag.domain.rollup import rollup
from inddrag.domain.session import Session, add_votes, new_session, set_cell
from inddrag.i18n import catalog
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden"


def english_follow_up() -> Session:
    """The English golden session, with English names only, in its second meeting."""
    session = storage.load_session(GOLDEN / "session-en.toml")
    session.session.participants = ["Anna Jensen", "Bo Larsen", "Ann Olsen"]
    assert followup.start_follow_up(session, date(2027, 2, 10))
    set_cell(session, "ledere", "status", "Running from 1 March")
    session.priorities.order = ["tidligt", "konsekvenser"]
    return session


def test_since_last_time_is_titled_in_english(en_pack: ContentPack) -> None:
    session = english_follow_up()
    table = since_table(session, en_pack, "en")
    assert table.title == "Since last time"
    assert "\n## Since last time\n" in to_markdown(session, en_pack, "en")
    csv_names = [
        path.name
        for path, _ in render(session_report(session, en_pack, "en"), "csv", Path("s.csv"))
    ]
    assert "s-since-last-time.csv" in csv_names


def test_an_english_summary_without_an_order_says_so_in_english(en_pack: ContentPack) -> None:
    team = new_session(en_pack, "team")
    add_votes(team, "tidligt", 2)
    text = to_markdown(team, en_pack, "en")
    assert "No order has been set; the advice is listed by number of votes." in text
    prep = new_session(en_pack, "prep")
    assert "\nNo priorities yet.\n" in to_markdown(prep, en_pack, "en")


def english_group(en_pack: ContentPack, name: str, order: list[str]) -> Session:
    session = new_session(en_pack, "team")
    session.session.team = name
    session.priorities.order = order
    set_cell(session, session.roles.rows[0].id, session.roles.columns[0].id, f"Plan by {name}")
    return session


def english_reports(en_pack: ContentPack) -> dict[str, Report]:
    ids_ = [a.id for a in en_pack.advice]
    voted = english_group(en_pack, "Group C", [])
    add_votes(voted, ids_[3], 2)
    groups = [
        (Path("a.toml"), english_group(en_pack, "Group A", ids_)),
        (Path("b.toml"), english_group(en_pack, "Group B", list(reversed(ids_)))),
        (Path("c.toml"), voted),
    ]
    return {
        "session": session_report(english_follow_up(), en_pack, "en"),
        "rollup": rollup_report(rollup(groups, en_pack), en_pack, "en"),
    }


def text_of(fmt: str, data: bytes) -> str:
    if fmt != "xlsx":
        return data.decode("utf-8")
    book = openpyxl.load_workbook(io.BytesIO(data))
    parts: list[str] = []
    for sheet in book.worksheets:
        parts += [sheet.title, sheet.oddHeader.center.text or "", sheet.oddFooter.center.text or ""]
        parts += [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    return "\n".join(parts)


def danish_phrases() -> list[str]:
    """Pieces of Danish strings that are not also English (placeholders cut out)."""
    danish, english = catalog("da"), catalog("en")
    pieces: set[str] = set()
    for key, text in danish.items():
        if key.startswith(("cli.argparse.", "textual.")) or text == english.get(key):
            continue
        for piece in re.split(r"\{[^}]*\}", text):
            piece = piece.strip(" .,:;()–-\n")
            if len(piece) >= 10:
                pieces.add(piece)
    return sorted(pieces)


@pytest.mark.parametrize("fmt", ids())
def test_no_danish_in_any_english_output(fmt: str, en_pack: ContentPack) -> None:
    phrases = danish_phrases()
    assert "Der er ikke sat en rækkefølge; rådene står efter antal stemmer" in phrases
    for name, report in english_reports(en_pack).items():
        for path, data in render(report, fmt, Path(f"out.{fmt}")):
            text = text_of(fmt, data)
            found = [phrase for phrase in phrases if phrase in text]
            assert not found, f"{name} {path.name}: Danish {found}"
            letters = sorted(set(re.findall(r"[æøåÆØÅ]", text)))
            assert not letters, f"{name} {path.name}: Danish letters {letters}"
            assert not re.search(r"[æøå]", path.name), path.name
