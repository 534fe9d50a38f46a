"""The command line answers in any folder, in Danish first, and never with a traceback."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from inddrag import __version__

Run = Callable[..., tuple[int, str, str]]


def test_version(run_cli: Run) -> None:
    code, out, _ = run_cli("--version")
    assert (code, out.strip()) == (0, f"inddrag {__version__}")


def test_version_and_help_from_another_folder(tmp_path: Path) -> None:
    for args, expected in (
        (["--version"], f"inddrag {__version__}"),
        (["--help"], "brug: inddrag"),
        (["--help", "--lang", "en"], "usage: inddrag"),
        (["check", "--help"], "Kontrollér indholdspakker"),
    ):
        out = subprocess.run(
            [sys.executable, "-m", "inddrag", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        assert expected in out.stdout


def test_check_bundled_packs(run_cli: Run) -> None:
    code, out, _ = run_cli("check")
    assert code == 0
    assert "✓" in out and "med 10 råd" in out


def test_check_missing_path(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "findes-ikke.toml")
    assert code == 2
    assert out.strip() == "findes-ikke.toml: filen findes ikke"


def test_check_wrong_kind_of_file(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("noter.txt").write_text("hej", encoding="utf-8")
    code, out, _ = run_cli("check", "--lang", "en", "noter.txt")
    assert code == 2
    assert out.strip().startswith("noter.txt: neither a content pack")


def test_bad_arguments_exit_2_with_one_sentence(run_cli: Run) -> None:
    code, _, err = run_cli("check", "--nonsense")
    assert code == 2
    assert "fejl: ukendte argumenter: --nonsense" in err
    assert "Traceback" not in err


def test_unexpected_failure_is_one_line(run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import inddrag.cli.check as check_cmd

    def boom(*_: object) -> object:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(check_cmd, "check_path", boom)
    monkeypatch.delenv("INDDRAG_DEBUG", raising=False)
    code, _, err = run_cli("check", ".")
    assert code == 1
    assert err.strip() == (
        "inddrag: uventet fejl – skriv gerne til udviklerne med denne linje: RuntimeError: kaboom"
    )


def test_export_never_writes_over_a_toml_file(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui_helpers import meeting_file

    monkeypatch.chdir(tmp_path)
    source = meeting_file(tmp_path)
    other = tmp_path / "anden.toml"
    other.write_bytes(source.read_bytes())
    before = other.read_bytes()
    code, _, err = run_cli("export", str(source), "-o", "anden.toml")
    assert code == 2
    assert err.startswith("anden.toml: filen findes og er en TOML-fil")
    assert other.read_bytes() == before


def test_a_path_with_a_nul_character_is_one_sentence(run_cli: Run) -> None:
    code, out, _ = run_cli("check", "--lang", "en", "bad\x00name.toml")
    assert code == 2
    assert out.startswith("bad␀name.toml: the file ") and out.count("\n") == 1
