"""Words in step with the program (issue 21, item 8, and the export registry of issue 19).

``--help`` and the README's command table are compared with the command line's real
commands and ``--format`` choices (built from :data:`inddrag.domain.export.formats.FORMATS`);
the sentence for a workbook asked for without ``-o``; the start screen's roll-up lists the
groups in the order of their names (item 6).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from inddrag.cli import COMMANDS
from inddrag.domain.content import ContentPack
from inddrag.domain.export.formats import FORMATS, format_for, ids, suffix
from inddrag.domain.session import new_session
from inddrag.domain.storage import save_session
from inddrag.ui.dialogs.files import SUFFIXES
from tests.conftest import REPO

Run = Callable[..., tuple[int, str, str]]
THE_FORMATS = ["md", "csv", "xlsx", "html"]


def test_the_registry() -> None:
    assert ids() == THE_FORMATS
    assert [FORMATS[f].suffix for f in THE_FORMATS] == [".md", ".csv", ".xlsx", ".html"]
    assert [f for f in THE_FORMATS if FORMATS[f].binary] == ["xlsx"]
    assert suffix("html") == ".html"
    assert format_for(Path("a.markdown"), None) == "md"
    assert format_for(Path("a.HTM"), None) == "html"
    assert format_for(Path("a.txt"), None) == "md"
    assert format_for(Path("a.md"), "csv") == "csv"
    assert format_for(None, None) == "md"
    assert SUFFIXES == {
        "session": ".toml",
        "md": ".md",
        "csv": ".csv",
        "xlsx": ".xlsx",
        "html": ".html",
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_help_names_every_command_and_format(lang: str, run_cli: Run) -> None:
    code, out, _ = run_cli("--lang", lang, "--help")
    assert code == 0
    for name in COMMANDS:
        assert f"  inddrag {name} " in out, name
    assert "Markdown (eller CSV)" not in out and "Markdown (or CSV)" not in out
    joined = {"da": "md, csv, xlsx eller html", "en": "md, csv, xlsx or html"}[lang]
    assert out.count(f"({joined})") == 2  # export and rollup


@pytest.mark.parametrize("command", ["export", "rollup"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_format_choices_and_help_are_the_registry(command: str, lang: str, run_cli: Run) -> None:
    code, out, _ = run_cli("--lang", lang, command, "--help")
    assert code == 0
    assert "--format {md,csv,xlsx,html}" in out
    text = " ".join(out.split())
    described = {
        "da": "md (Markdown, standard), csv (én fil pr. tabel), xlsx (regneark) eller html"
        " (til print)",
        "en": "md (Markdown, the default), csv (one file per table), xlsx (spreadsheet) or"
        " html (for printing)",
    }[lang]
    assert described in text


@pytest.mark.source_rules
def test_the_readme_command_table_is_the_command_line() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `inddrag")]
    commands = {m.group(1) for row in rows if (m := re.match(r"\| `inddrag (\w+)", row))}
    assert set(COMMANDS) <= commands
    with_format = [row for row in rows if "--format" in row]
    assert len(with_format) == 2  # export and rollup
    for row in with_format:
        assert "[--format md\\|csv\\|xlsx\\|html]" in row


def groups(tmp_path: Path, pack: ContentPack) -> list[str]:
    names = []
    for team in ("Gruppe 10", "Gruppe B", "gruppe a", "Gruppe 2"):
        session = new_session(pack, "team")
        session.session.team = team
        path = tmp_path / f"{team.replace(' ', '-')}.toml"
        save_session(session, path)
        names.append(path.name)
    return names


def test_a_workbook_to_the_screen_says_which_file_to_name(
    run_cli: Run, tmp_path: Path, da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    files = groups(tmp_path, da_pack)
    code, out, err = run_cli("rollup", *files, "--format", "xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "Formatet “Regneark” kan ikke skrives på skærmen. Angiv en fil med -o, fx -o plenum.xlsx.\n"
    )
    code, out, err = run_cli("--lang", "en", "rollup", *files, "--format", "xlsx")
    assert err == (
        "The format “Spreadsheet” cannot be written to the screen. Name a file with -o, e.g."
        " -o plenary.xlsx.\n"
    )


def test_the_start_screens_roll_up_lists_groups_by_name(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    from inddrag.ui.dialogs.rollup import find_groups

    groups(tmp_path, da_pack)
    for age, path in enumerate(sorted(tmp_path.glob("*.toml"))):
        os.utime(path, (1_700_000_000 + age, 1_700_000_000 + age))
    found = find_groups(tmp_path, "da")
    names = [session.session.team for _, session in found.sessions]
    assert names == ["Gruppe 2", "Gruppe 10", "gruppe a", "Gruppe B"]  # not by age
