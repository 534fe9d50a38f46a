"""``inddrag collect``: the link on its own line, the QR code, one warning, clean exits."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from inddrag.cli import main
from inddrag.cli.collect import announcement
from inddrag.domain.collect import AnswerBox
from inddrag.domain.content import ContentPack
from inddrag.domain.hosts import is_loopback
from inddrag.domain.session import new_session
from inddrag.domain.storage import save_session
from inddrag.ui.collect_server import CollectServer
from tests.children import ctrl_c_not_ignored

pytestmark = pytest.mark.allow_local_sockets


def write_team(folder: Path, pack: ContentPack, name: str = "hold.toml") -> Path:
    session = new_session(pack, "team")
    session.session.title = "Prøve"
    path = folder / name
    save_session(session, path)
    return path


def test_loopback_addresses_need_no_warning() -> None:
    assert [is_loopback(h) for h in ("127.0.0.1", "127.4.5.6", "::1", "[::1]", "localhost")] == [
        True
    ] * 5
    assert [is_loopback(h) for h in ("0.0.0.0", "192.168.1.5", "::", "example.org")] == [False] * 4


@pytest.mark.parametrize(
    ("host", "warned"), [("127.0.0.1", False), ("::1", False), ("192.168.1.5", True)]
)
def test_the_announcement_warns_once_beyond_this_computer(
    tmp_path: Path, da_pack: ContentPack, host: str, warned: bool
) -> None:
    box = AnswerBox(tmp_path / "hold-svar", new_session(da_pack, "team"), da_pack)
    server = CollectServer(box, host=host, port=8765, token="abcdefghijkl")
    lines = announcement(server, "da", tmp_path / "hold-svar")
    shown = "[::1]" if host == "::1" else host
    assert lines[1] == f"http://{shown}:8765/abcdefghijkl"
    warning = (
        f"Bemærk: svarene tages imod på {host}. "
        "Alle på det netværk, der har linket, kan sende et svar."
    )
    assert lines.count(warning) == (1 if warned else 0)
    note = "Linket virker kun på denne computer."
    assert sum(line.startswith(note) for line in lines) == (0 if warned else 1)
    qr = lines[2].split("\n")
    assert len(qr) == 17 and set("".join(qr)) <= set("█▀▄ ")


def test_only_our_colours_reach_the_terminal_through_the_safe_stream() -> None:
    import io

    from inddrag.cli import SafeStream

    out = io.StringIO()
    stream = SafeStream(out)  # type: ignore[arg-type]
    stream.write_styled("█▀▄ ", "97;40")
    stream.write_styled("\x1b]0;title\x07", "97;40")  # text is made visible all the same
    assert out.getvalue() == "\x1b[97;40m█▀▄ \x1b[0m\x1b[97;40m␛]0;title␇\x1b[0m"
    with pytest.raises(ValueError):
        stream.write_styled("x", "0m\x1b]52;c;")


def test_a_prep_or_a_missing_file_is_one_sentence(
    tmp_path: Path, da_pack: ContentPack, capsys: pytest.CaptureFixture[str]
) -> None:
    prep = new_session(da_pack, "prep")
    save_session(prep, tmp_path / "forb.toml")
    assert main(["collect", str(tmp_path / "forb.toml")]) == 2
    err = capsys.readouterr().err
    assert err.endswith(
        "forb.toml: svar kan kun tages imod i en holdsession, ikke i en forberedelse\n"
    )
    assert main(["collect", str(tmp_path / "none.toml")]) == 2
    assert "findes ikke" in capsys.readouterr().err
    (tmp_path / "bad.toml").write_text("format = [", encoding="utf-8")
    assert main(["--lang", "en", "collect", str(tmp_path / "bad.toml")]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_collect_prints_the_link_takes_an_answer_and_closes_on_ctrl_c(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    team = write_team(tmp_path, da_pack)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "INDDRAG_LANG": "da"}
    with ctrl_c_not_ignored():
        process = subprocess.Popen(
            [sys.executable, "-m", "inddrag", "collect", str(team), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
        )
    try:
        assert process.stdout is not None
        lines: list[str] = []
        for line in process.stdout:  # bounded: the process ends within the timeout below
            lines.append(line.rstrip("\n"))
            if line.startswith("0 har svaret"):
                break
        assert lines[0] == "Deltagerne svarer på dette link (eller ved at scanne QR-koden):"
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{12}", lines[1])
        assert lines[2] == "█" * 33  # the QR code's light quiet zone (not a terminal: no colour)
        assert "Svarene gemmes i hold-svar" in lines
        url = lines[1]
        phone = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with phone.open(url, timeout=10) as response:
            page = response.read().decode()
        assert '<html lang="da">' in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None
        body = f"csrf={csrf.group(1)}&place-tidligt=1".encode()
        request = urllib.request.Request(url, data=body, method="POST")
        with phone.open(request, timeout=10) as response:
            assert "Tak – dit svar er modtaget" in response.read().decode()
        for line in process.stdout:
            if line.startswith("1 har svaret"):
                break
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Der er lukket for svar. 1 svar ligger i hold-svar" in out
    assert "Hent dem ind med: inddrag merge hold.toml hold-svar/*.toml" in out
    assert err == ""
    [answer] = sorted((tmp_path / "hold-svar").iterdir())
    assert main(["check", str(answer)]) == 0


def test_a_port_that_is_taken_is_one_sentence(
    tmp_path: Path, da_pack: ContentPack, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    team = write_team(tmp_path, da_pack)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["collect", str(team), "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert err == f"porten {port} er optaget; vælg en anden med --port\n"
    assert "lukket for svar" not in out
    assert not (tmp_path / "hold-svar").exists()
