"""``domain/export/`` (csv, the package's lazy names): pinned down where mutation testing
found the suite silent (docs/testing.md, "Mutation testing"). Expected values are written
out; each test says what it guards.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from inddrag.domain import export
from inddrag.domain.atomic import SaveError
from inddrag.domain.content import ContentPack
from inddrag.domain.export.csv import field_text, to_csv
from inddrag.domain.export.files import render, session_report, write_report, write_summary
from inddrag.domain.session import add_votes, new_session
from inddrag.domain.storage import save_session

Run = Callable[..., tuple[int, str, str]]


def test_a_csv_field_is_written_the_languages_way() -> None:
    assert field_text(True, "da") == "true"
    assert field_text(False, "en") == "false"
    assert field_text(None, "da") == ""
    assert field_text(3, "da") == "3"
    assert field_text(1.5, "da") == "1,50"
    assert field_text(1.5, "en") == "1.50"
    assert field_text(date(2026, 11, 26), "da") == "2026-11-26"
    assert field_text("=SUM(A1)", "da") == "'=SUM(A1)"


def test_the_advice_csv_is_in_the_language_asked_with_the_packs_titles(
    en_pack: ContentPack,
) -> None:
    session = new_session(en_pack, "team")
    add_votes(session, "konsekvenser", 2)
    lines = to_csv(session, en_pack, "en").split("\r\n")
    assert lines[0] == "\ufeffno;id;advice;votes;priority;notes;from_preparation"
    assert lines[1] == (
        "1;konsekvenser;Let employees assess the consequences for good work and the"
        " working environment;2;;;"
    )
    assert to_csv(session, en_pack, "da").split("\r\n")[0] == (
        "\ufeffnr;id;råd;stemmer;prioritet;noter;fra_forberedelsen"
    )


def test_an_english_rollup_as_csv_names_its_files_in_english(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Run,
    en_pack: ContentPack,
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a", "b"):
        session = new_session(en_pack, "team")
        session.session.team = name.upper()
        session.priorities.order = ["rammer"]
        save_session(session, Path(f"{name}.toml"))
    code, _, err = run_cli("--lang", "en", "rollup", "a.toml", "b.toml", "-o", "p.csv")
    assert (code, err) == (0, "")
    assert sorted(p.name for p in tmp_path.glob("p-*.csv")) == [
        "p-ranking.csv",
        "p-roles.csv",
        "p-top.csv",
    ]


def test_an_unknown_name_in_the_export_package_says_which() -> None:
    with pytest.raises(
        AttributeError, match=r"module 'inddrag\.domain\.export' has no attribute 'nope'"
    ):
        export.nope  # noqa: B018


def test_an_untitled_report_is_named_in_its_language(
    en_pack: ContentPack,
) -> None:
    session = new_session(en_pack, "team")
    session.session.title = ""
    report = session_report(session, en_pack, "en")
    assert report.title == "Untitled discussion"


def test_a_summary_is_written_with_the_packs_titles_in_its_language(
    tmp_path: Path, en_pack: ContentPack
) -> None:
    session = new_session(en_pack, "team")
    target = tmp_path / "summary.md"
    assert write_summary(session, en_pack, "en", "md", target) == [target]
    text = target.read_text(encoding="utf-8")
    assert "Let employees assess the consequences" in text


def test_a_failed_write_removes_only_the_files_it_made(
    tmp_path: Path, en_pack: ContentPack
) -> None:
    report = session_report(new_session(en_pack, "team"), en_pack, "en")
    target = tmp_path / "r.csv"
    first, second, third, *_ = [path for path, _ in render(report, "csv", target)]
    first.write_text("there before", encoding="utf-8")
    third.mkdir()  # the third cannot be written
    with pytest.raises(SaveError):
        write_report(report, "csv", target)
    assert first.exists()  # there before: kept (with the new text)
    assert not second.exists()  # made by this write: removed again
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, third.name])
