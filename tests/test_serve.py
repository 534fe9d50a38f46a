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
    args = argparse.Namespace(
        file=str(session), content=None, prep=False, port=8123, present=None, host=None
    )
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


def test_a_path_with_markup_is_printed_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    started: list[bool] = []

    def run_app(app: Any, **_kwargs: Any) -> None:
        async def start() -> None:
            web_app = await app
            web_app.freeze()
            await web_app.startup()  # textual-serve prints what it serves here
            started.append(True)

        asyncio.run(start())

    monkeypatch.setattr("textual_serve.server.web.run_app", run_app)
    folder = tmp_path / "a[" / "x]"
    folder.mkdir(parents=True)
    odd = folder / "f.toml"
    odd.write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = argparse.Namespace(
        file="a[/x]/f.toml",
        content=None,
        prep=False,
        port=8124,
        present=None,
        host=None,
        max_tabs=4,
    )
    assert serve.run(args, "da") == 0
    assert started
    out = capsys.readouterr().out
    assert out.count("http://127.0.0.1:8124/?token=") == 1
    assert "alle på det netværk" not in out  # only said when --host is given


def test_the_page_is_in_our_words(tmp_path: Path) -> None:
    page = (serve.offline_templates(tmp_path, "da") / "app_index.html").read_text("utf-8")
    assert ">Sessionen er slut.<" in page and ">Start igen<" in page
    assert "Session ended." not in page and ">Restart<" not in page
    page = (serve.offline_templates(tmp_path, "en") / "app_index.html").read_text("utf-8")
    assert ">The session has ended.<" in page and ">Start again<" in page


def test_present_runs_the_projector_view(tmp_path: Path) -> None:
    session = tmp_path / "møde.toml"
    args = argparse.Namespace(
        file=None, content=None, prep=False, present=str(session), port=1, host=None
    )
    command = shlex.split(serve.app_command(args, "en"))
    assert command[1:] == ["-m", "inddrag", "present", str(session.resolve()), "--lang", "en"]
