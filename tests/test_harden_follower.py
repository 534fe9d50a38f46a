"""Issue 22, items 1 and 2: the projector follower writes no escape from a file, and
follows only a live channel in a trusted state folder, written by its own user.

``inddrag present`` runs in a real pseudo-terminal on a session whose every field holds
an OSC 52 clipboard write, an OSC 0 retitle, a DCS (``ESC P``), a C1 CSI (0x9B), a bidi
override and U+FFFE, while this test plays the leader (it holds the live channel's lock
and publishes the hostile view). The bytes the follower writes hold none of them raw; the
notes show ``␛]52;c;`` where the file holds the escape.
"""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from inddrag.domain import live
from inddrag.domain.live import Follower, LiveView, Publisher
from inddrag.domain.storage import load_session
from inddrag.ui.present.app import PresentApp
from inddrag.ui.safe_render import NO_CONTROLS, SafeApp
from tests.test_security_escapes import EVIL, hostile_session

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals, owners")

HOSTILE = EVIL + "\x1bPq#0;2;0;0;0\x1b\\\ufffe"
"""Every kind of sequence of the issue: OSC 52, OSC 0, CSI, C1 CSI, bidi, DCS, U+FFFE."""

RAW = [
    b"\x1b]52;c;",
    b"\x1b]0;pwned",
    b"\x1bPq",
    "\x9b31m".encode(),
    "\u202e".encode(),
    "\ufffe".encode(),
]
"""The file's sequences as bytes a terminal would act on."""


def publish(source: Path, state: Path) -> Publisher:
    session = load_session(source)
    for entry in session.advice:
        entry.notes = "Note" + HOSTILE + "\nlinje 2"
    session.session.title = "Titel" + HOSTILE
    publisher = Publisher(state)
    view = LiveView(
        source=str(source.resolve()), pid=os.getpid(), at=time.time(), step="advice",
        session=session,
    )  # fmt: skip
    assert publisher.publish(source.resolve(), 1, lambda: view)
    return publisher


def run_follower(source: Path, state: Path, until: str) -> tuple[int, bytes]:
    """Run ``inddrag present`` in a 120×40 pseudo-terminal until ``until`` is on screen."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "INDDRAG_STATE_DIR": str(state), "INDDRAG_LANG": "da"}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(
        [sys.executable, "-m", "inddrag", "present", str(source)],
        stdin=slave, stdout=slave, stderr=slave, cwd=source.parent, env=env,
    )  # fmt: skip
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 90  # a hang guard, not a speed test
    quit_sent = False
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
        if not quit_sent and until in b"".join(chunks).decode("utf-8", "replace"):
            os.write(master, b"\x11")  # ctrl+q
            quit_sent = True
    os.close(master)
    try:
        code = process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    return code, b"".join(chunks)


def test_the_follower_writes_no_escape_from_the_file(tmp_path: Path) -> None:
    source = hostile_session(tmp_path, name="møde.toml")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    publisher = publish(source, state)
    try:
        code, written = run_follower(source, state, "Note␛]52;c;")
    finally:
        publisher.close()
    text = written.decode("utf-8", "replace")
    assert "Note␛]52;c;SGVsbG8=␇␛]0;pwned" in text  # drawn, visibly
    for raw in RAW:
        assert raw not in written, raw
    assert code == 0


def test_every_app_the_package_starts_has_the_one_filter() -> None:
    from inddrag.ui.app import InddragApp

    for app_class in (InddragApp, PresentApp):
        assert issubclass(app_class, SafeApp)
        assert "get_line_filters" not in vars(app_class)  # the one, not a copy
    chain = PresentApp.__mro__  # the filter chain ends in NO_CONTROLS
    assert SafeApp in chain and NO_CONTROLS is not None


# --- item 2: the live channel and the state folder ----------------------------------------


def test_a_state_folder_open_to_others_gets_no_live_view(tmp_path: Path) -> None:
    source = hostile_session(tmp_path, name="møde.toml")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    os.chmod(state, 0o777)
    publisher = Publisher(state)
    view = LiveView(
        source=str(source), pid=os.getpid(), at=0.0, step="advice",
        session=load_session(source),
    )  # fmt: skip
    assert not publisher.publish(source, 1, lambda: view)
    assert not (state / "live").exists()  # no notes written where others can read them
    refused = live.live_refused(state)
    assert refused is not None
    assert refused.live_sentence("en") == (
        f"The projector view cannot follow the meeting leader: the state folder {state} "
        "can be written by other users."
    )
    assert Follower(source, state).poll().leader is False


def test_present_refuses_an_untrusted_state_folder_in_one_sentence(tmp_path: Path) -> None:
    source = hostile_session(tmp_path, name="møde.toml")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    os.chmod(state, 0o777)
    done = subprocess.run(
        [sys.executable, "-m", "inddrag", "present", str(source)],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "INDDRAG_STATE_DIR": str(state), "INDDRAG_LANG": "da"},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        f"Projektorvisningen kan ikke følge mødelederen: tilstandsmappen {state} "
        "kan skrives i af andre brugere.\n"
    )


def test_a_live_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (state / "live").symlink_to(elsewhere)
    refused = live.live_refused(state)
    assert refused is not None and refused.reason == "is_a_link"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_follower_reads_only_its_own_users_channel(tmp_path: Path) -> None:
    source = hostile_session(tmp_path, name="møde.toml")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    publisher = publish(source, state)
    try:
        follower = Follower(source.resolve(), state)
        assert follower.poll().leader is True  # our own: followed
        view_path, lock_path = live.live_paths(source.resolve(), state)
        os.chown(view_path, 54321, -1)
        os.utime(view_path, (1, 1))  # a new stamp: read again
        fresh = Follower(source.resolve(), state)
        assert fresh.poll().view is None  # a forged view of another user's is not read
        os.chown(lock_path, 54321, -1)
        assert live.leader_running(lock_path) is False
    finally:
        publisher.close()


@pytest.mark.allow_local_sockets
@pytest.mark.slow
def test_serve_present_sends_no_escape_from_the_file(tmp_path: Path) -> None:
    """``inddrag serve --present``: the bytes the browser would get, read over the socket."""
    import asyncio
    import re
    import socket

    import aiohttp

    source = hostile_session(tmp_path, name="møde.toml")
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {**os.environ, "INDDRAG_STATE_DIR": str(state), "INDDRAG_LANG": "da"}
    command = [sys.executable, "-m", "inddrag", "serve", "--present", str(source)]
    publisher = publish(source, state)
    process = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True, env=env,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        head = "".join(process.stdout.readline() for _ in range(2))
        token = re.search(r"token=(\S+)", head).group(1)  # type: ignore[union-attr]

        async def receive() -> bytes:
            url = f"ws://127.0.0.1:{port}/ws?token={token}&width=120&height=40"
            chunks: list[bytes] = []
            async with aiohttp.ClientSession() as client:
                deadline = time.monotonic() + 60  # until it listens: a hang guard
                while True:
                    try:
                        socket_ = await client.ws_connect(url, origin=f"http://127.0.0.1:{port}")
                        break
                    except aiohttp.ClientError:
                        if time.monotonic() > deadline:
                            raise
                        await asyncio.sleep(0.2)
                async with socket_:
                    deadline = time.monotonic() + 90
                    while time.monotonic() < deadline:
                        message = await socket_.receive(timeout=90)
                        if message.type == aiohttp.WSMsgType.BINARY:
                            chunks.append(message.data)
                        elif message.type != aiohttp.WSMsgType.TEXT:
                            break
                        if "Note␛]52;c;".encode() in b"".join(chunks):
                            break
            return b"".join(chunks)

        written = asyncio.run(receive())
    finally:
        process.terminate()
        process.wait(timeout=30)
        publisher.close()
    assert "Note␛]52;c;".encode() in written
    for raw in RAW:
        assert raw not in written, raw


def test_a_crash_in_the_projector_view_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual prints the traceback and returns None from run(); the exit status is 1."""
    import argparse

    from inddrag.cli import present

    class Crashed:
        return_code = 1

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            pass

        def run(self) -> None:
            return None

    monkeypatch.setattr("inddrag.ui.present.app.PresentApp", Crashed)
    monkeypatch.setenv("INDDRAG_STATE_DIR", str(tmp_path / "state"))
    source = hostile_session(tmp_path, name="møde.toml")
    args = argparse.Namespace(file=str(source), content=None, lang=None)
    assert present.run(args, "da") == 1
