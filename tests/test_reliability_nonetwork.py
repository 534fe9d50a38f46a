"""The suite runs with the network closed (``tests/nonetwork.py``); these tests prove the
closing works, fails the test that tries, and leaves asyncio and local opt-ins working."""

from __future__ import annotations

import asyncio
import os
import socket
import textwrap
from collections.abc import Callable

import pytest

from tests.conftest import REPO
from tests.nonetwork import NetworkBlocked

pytest_plugins = ["pytester"]


def test_outgoing_connections_are_impossible() -> None:
    tcp, udp = socket.SOCK_STREAM, socket.SOCK_DGRAM
    attempts: list[tuple[int, Callable[[socket.socket], object]]] = [
        (tcp, lambda s: s.connect(("192.0.2.1", 80))),
        (tcp, lambda s: s.connect_ex(("192.0.2.1", 80))),
        (tcp, lambda s: s.connect(("127.0.0.1", 9))),  # loopback needs the marker
        (udp, lambda s: s.sendto(b"x", ("192.0.2.1", 53))),
        (tcp, lambda s: socket.create_connection(("192.0.2.1", 80), timeout=0.1)),
        (tcp, lambda s: socket.getaddrinfo("example.org", 443)),
    ]
    for kind, attempt in attempts:
        with socket.socket(socket.AF_INET, kind) as sock, pytest.raises(NetworkBlocked):
            attempt(sock)
    _forget_attempts()


def test_asyncio_event_loops_still_work() -> None:
    """The loop wakes itself through a socketpair; that must not count as network."""

    async def main() -> int:
        await asyncio.sleep(0)
        return await asyncio.get_running_loop().run_in_executor(None, lambda: 42)

    assert asyncio.run(main()) == 42
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"


@pytest.mark.allow_local_sockets
def test_local_sockets_with_the_marker() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=5) as client:
            peer, _ = server.accept()
            with peer:
                client.sendall(b"ok")
                assert peer.recv(2) == b"ok"
    with pytest.raises(NetworkBlocked):  # the marker is for this machine only
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    _forget_attempts()


def _forget_attempts() -> None:
    """These tests try on purpose; clear the record that would fail them."""
    from tests import nonetwork

    nonetwork.GUARD.attempts.clear()


@pytest.mark.slow
def test_a_test_that_tries_fails_even_when_it_swallows_the_error(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makeconftest('pytest_plugins = ["tests.nonetwork"]\n')
    pytester.makepyfile(
        test_sneaky=textwrap.dedent(
            """
            import os
            import shutil
            import socket
            import tempfile
            import urllib.request

            import pytest


            def test_swallowed():
                try:
                    socket.create_connection(("192.0.2.1", 80), timeout=0.1)
                except Exception:
                    pass


            def test_urllib():
                try:
                    urllib.request.urlopen("http://example.org", timeout=0.1)
                except Exception:
                    pass


            def test_unix_without_marker():
                with socket.socket(socket.AF_UNIX) as sock:
                    sock.connect("/nonexistent/inddrag-test")


            def test_offline_code_passes():
                assert sum(range(4)) == 6


            @pytest.mark.allow_local_sockets
            def test_unix_with_marker():
                folder = tempfile.mkdtemp()  # short: AF_UNIX paths have a small limit
                with socket.socket(socket.AF_UNIX) as server:
                    server.bind(os.path.join(folder, "s"))
                    server.listen(1)
                    with socket.socket(socket.AF_UNIX) as client:
                        client.connect(os.path.join(folder, "s"))
                shutil.rmtree(folder)
            """
        )
    )
    env = os.environ.get("PYTHONPATH", "")
    # The plugin is imported as tests.nonetwork, from this repository.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(REPO), env) if p))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2, failed=3)
    result.stdout.fnmatch_lines(["*network access attempted (and blocked)*"])
