"""``inddrag serve`` listens on loopback only and its page asks nothing of the internet."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest

from inddrag.cli import serve


def test_page_has_no_links_to_the_internet(tmp_path: Path) -> None:
    page = (serve.offline_templates(tmp_path) / "app_index.html").read_text(encoding="utf-8")
    assert "googleapis" not in page
    assert "https://" not in page
    assert "{{ config.static.url }}js/textual.js" in page


def test_server_binds_loopback_and_runs_this_inddrag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    class FakeServer:
        def __init__(self, command: str, **kwargs: Any) -> None:
            seen["command"] = command
            seen.update(kwargs)
            seen["template"] = (Path(kwargs["templates_path"]) / "app_index.html").exists()

        def serve(self) -> None:
            seen["served"] = True

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    session = tmp_path / "møde.toml"
    session.write_text("", encoding="utf-8")
    args = argparse.Namespace(file=str(session), content=None, prep=False, port=8123)
    assert serve.run(args, "da") == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and seen["served"]
    assert seen["template"]
    command = shlex.split(seen["command"])
    assert command[:5] == [sys.executable, "-m", "inddrag", "--lang", "da"]
    assert command[5] == str(session.resolve())


def test_missing_file_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(file="findes-ikke.toml", content=None, prep=False, port=8000)
    assert serve.run(args, "da") == 2
    assert capsys.readouterr().err.strip() == "findes-ikke.toml: filen findes ikke"
