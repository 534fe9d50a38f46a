"""The domain package never imports Textual; ``check`` and ``--help`` stay light."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import inddrag
import inddrag.domain


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_domain_modules_import_no_textual() -> None:
    names = [m.name for m in pkgutil.iter_modules(inddrag.domain.__path__, "inddrag.domain.")]
    assert "inddrag.domain.content" in names
    imports = "\n".join(f"import {name}" for name in names)
    loaded = _loaded_after(imports)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}


def test_cli_check_does_not_load_textual() -> None:
    loaded = _loaded_after(
        "from inddrag.cli import main\nimport contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['check'])"
    )
    assert "inddrag.domain.content" in loaded
    assert "textual" not in loaded


@pytest.mark.source_rules
def test_no_screen_dialog_or_widget_names_the_app() -> None:
    """Not even for type checking: they are given a Context and post messages up."""
    from pathlib import Path

    ui = Path(inddrag.__file__).parent / "ui"
    offenders = [
        str(path.relative_to(ui))
        for folder in ("screens", "dialogs", "widgets")
        for path in sorted((ui / folder).glob("*.py"))
        if "inddrag.ui.app" in path.read_text(encoding="utf-8")
        or "InddragApp" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
