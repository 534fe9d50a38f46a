"""``inddrag serve --present`` for real: a server on a free port, asked over loopback.

It serves the page only with the token, refuses a WebSocket from a foreign page, caps the
tabs, listens on 127.0.0.1 and nowhere else, and a headless Chromium shows the projector
view following a leader (played by a publisher in this test, holding the lead's lock).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from inddrag.domain.live import LiveView, Publisher
from inddrag.domain.storage import load_session
from tests.ci import missing
from tests.ui_helpers import meeting_file
from tests.waiting import DEADLINE, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.allow_local_sockets]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    def __init__(self, process: subprocess.Popen[str], url: str, port: int, source: Path) -> None:
        self.process, self.url, self.port, self.source = process, url, port, source
        self.token = url.split("token=", 1)[1]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    source = meeting_file(tmp_path)
    port = free_port()
    env = {**os.environ, "INDDRAG_STATE_DIR": str(tmp_path / "state")}
    command = [sys.executable, "-m", "inddrag", "serve", "--present", str(source)]
    command += ["--port", str(port), "--max-tabs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]
    match = re.search(r"http://\S+", "".join(lines))
    assert match, lines

    def answers() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/xterm.css", timeout=5)
        except urllib.error.HTTPError:
            return True  # 403 without the token: it answers
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"inddrag serve ended ({process.returncode})") from None
            return False
        return True

    try:
        wait_for(answers, what=f"inddrag serve to listen on port {port}")
        yield Served(process, match.group(0), port, source)
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """End the server: SIGTERM, and SIGKILL if it has not gone at once (a teardown never
    waits on a loaded machine; how serve ends is not what these tests are about)."""
    process.terminate()
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def status(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=DEADLINE) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def upgrade(port: int, token: str, origin: str) -> tuple[int, http.client.HTTPConnection]:
    """A WebSocket handshake (kept open when it succeeds); returns the status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=DEADLINE)
    connection.request(
        "GET",
        f"/ws?token={token}",
        headers={
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Origin": origin,
        },
    )
    return connection.getresponse().status, connection


def test_only_the_link_opens_the_page(served: Served) -> None:
    code, page = status(served.url)
    assert code == 200 and "Sessionen er slut." in page and "googleapis" not in page
    base = f"http://127.0.0.1:{served.port}/"
    assert status(base)[0] == 403
    code, page = status(base + "?token=" + "x" * len(served.token))
    assert code == 403 and "kræver det link" in page
    assert status(base + "static/js/textual.js")[0] == 403


def test_a_foreign_page_cannot_open_the_socket_and_tabs_are_capped(served: Served) -> None:
    code, _ = upgrade(served.port, served.token, "http://evil.example")
    assert code == 403
    code, first = upgrade(served.port, served.token, f"http://127.0.0.1:{served.port}")
    assert code == 101
    code, page = status(served.url)
    assert code == 503 and "Der er allerede 1 faner åbne" in page
    first.close()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's socket table")
def test_it_listens_on_loopback_only(served: Served) -> None:
    port = f"{served.port:04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, _remote, state = line.split()[1:4]
            address, local_port = local.split(":")
            if local_port == port and state == "0A":  # LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, and no other address, v4 or v6


def test_a_browser_shows_the_projector_view(served: Served, tmp_path: Path) -> None:
    if CHROMIUM is None:
        missing("Chromium is not installed (apt-get install chromium), so no browser test")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python is not installed (pip install playwright)")
    publisher = Publisher(tmp_path / "state")
    view = LiveView(
        source=str(served.source),
        pid=os.getpid(),
        at=time.time(),
        step="advice",
        advice_index=2,
        session=load_session(served.source),
    )
    assert publisher.publish(served.source, 1, lambda: view)
    shot = tmp_path / "browser.png"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(served.url)
            page.wait_for_selector("body.-first-byte", timeout=30_000)

            def drawn() -> bool:  # a drawn terminal, not an empty page (the size says so)
                page.screenshot(path=str(shot))
                return shot.stat().st_size > 20_000

            wait_for(drawn, interval=0.5, what="the projector view drawn in the browser")
            browser.close()
    finally:
        publisher.close()
    keep = os.environ.get("INDDRAG_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
