"""Issue 22, items 8, 10 and 11: serve's log, its tab cap, and loopback.

The log on the leader's terminal shows a hostile User-Agent visibly, never the token or a
query string, and a malformed request as one line, never a traceback. A tab's slot is free
as soon as its socket closes, while textual-serve is still stopping that tab's app.
``--host ::1`` is loopback, not a network.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from inddrag.cli import serve
from tests.ui_helpers import meeting_file

pytestmark = [pytest.mark.allow_local_sockets]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def send_raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(data)
        chunks = []
        try:
            while chunk := connection.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


@pytest.mark.slow
def test_the_access_log_is_visible_tokenless_and_one_line_a_request(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    port = free_port()
    log = tmp_path / "log.txt"
    env = {**os.environ, "INDDRAG_STATE_DIR": str(tmp_path / "state"), "INDDRAG_LANG": "da"}
    command = [sys.executable, "-m", "inddrag", "serve", str(source), "--port", str(port)]
    with log.open("wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, env=env)
        try:
            assert process.stdout is not None
            first = b"".join(process.stdout.readline() for _ in range(2)).decode()
            token = first.split("token=", 1)[1].split()[0]
            deadline = time.monotonic() + 60  # a hang guard: until it answers
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/x", timeout=2)
                except urllib.error.HTTPError:
                    break
                except OSError:
                    time.sleep(0.1)
            agent = "ond\u009b2J\u202eslut".encode()  # aiohttp itself refuses C0 here
            send_raw(
                port,
                b"GET /?token=" + token.encode() + b"&x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"User-Agent: " + agent + b"\r\nReferer: http://127.0.0.1/?token="
                + token.encode() + b"\r\nConnection: close\r\n\r\n",
            )  # fmt: skip
            send_raw(port, b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03 not http\r\n\r\n")
            send_raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n")
            send_raw(port, b"GET /static/x?token=" + token.encode() + b" HTTP/1.1\r\n\r\n")
        finally:
            process.terminate()
            process.wait(timeout=30)
    written = log.read_bytes()
    text = written.decode("utf-8", "replace")
    assert token not in text and "?token" not in text and "&x=1" not in text
    for raw in (b"\x1b", "\u009b".encode(), "\u202e".encode()):
        assert raw not in written, raw
    assert "Traceback" not in text and '  File "' not in text
    assert "ond\\x9b2J⟨U+202E⟩slut" in text
    lines = [line for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "400" in line or "Error" in line]
    assert len(errors) == 2, lines  # the header without a colon, the request without Host
    assert "UNKNOWN" not in text
    assert all(re.fullmatch(r"[^\x00-\x1f]*", line) for line in lines)


class _StoppingSlowly:
    """textual-serve's server as far as a tab goes: the socket closes, then stopping the
    tab's app takes a while (until ``stopped`` is set)."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        self.stopped = asyncio.Event()

    async def handle_websocket(self, request: Any) -> str:
        await self._process_messages(None, None)
        await self.stopped.wait()
        return "closed"

    async def _process_messages(self, websocket: Any, app_service: Any) -> None:
        return None  # the browser closed the tab


def test_a_tabs_slot_is_free_when_its_socket_closes() -> None:
    server_class = type("Guarded", (serve._Guard, _StoppingSlowly), {})

    async def main() -> tuple[int, int, bool]:
        server = server_class(lang="da", token="t", max_tabs=1)
        task = asyncio.create_task(server.handle_websocket(None))
        while not server.stopped.is_set() and server.running:
            await asyncio.sleep(0)  # until the socket's end is handled
        during = server.running  # the app is still being stopped
        done_early = task.done()
        server.stopped.set()
        await task
        return during, server.running, done_early

    during, after, done_early = asyncio.run(main())
    assert (during, after, done_early) == (0, 0, False)


def fake_run(monkeypatch: pytest.MonkeyPatch, host: str, tmp_path: Path) -> None:
    class FakeServer:
        def __init__(self, *_args: Any, **_kwargs: Any) -> None:
            pass

        def serve(self) -> None:
            pass

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    args = argparse.Namespace(
        file=None, content=None, prep=False, port=8125, present=None, host=host
    )
    assert serve.run(args, "da") == 0


@pytest.mark.parametrize("host", ["::1", "127.0.0.1", "localhost", "[::1]", "127.0.0.2"])
def test_loopback_is_not_a_network(
    host: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fake_run(monkeypatch, host, tmp_path)
    assert "Alle på det netværk" not in capsys.readouterr().out


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_a_network_address_is_warned_about(
    host: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fake_run(monkeypatch, host, tmp_path)
    assert f"Bemærk: inddrag lytter på {host}. Alle på det netværk" in capsys.readouterr().out
