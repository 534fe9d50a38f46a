"""No network in the test suite: any attempt to open an outgoing connection fails the test.

The product promises to work offline and never to open a network connection; this plugin
makes the whole suite prove it. Loaded from ``tests/conftest.py``
(``pytest_plugins = ["tests.nonetwork"]``), it replaces, for the whole run:

* ``socket.socket.connect`` and ``connect_ex`` (which ``asyncio`` uses too),
* ``socket.socket.sendto`` and ``sendmsg`` with an address (a UDP packet sent without
  connecting first),
* ``socket.create_connection``,
* ``socket.getaddrinfo`` for a host name other than ``localhost`` or this machine's own
  (a name lookup is the first thing a network client does),

with functions that raise :class:`NetworkBlocked`. Every attempt is also recorded against
the test that made it, and that test is reported as FAILED even when the code under test
caught the exception and carried on quietly.

Local connections (``AF_UNIX`` sockets, and loopback addresses such as ``127.0.0.1``,
``::1`` and ``localhost``) are refused too, unless the test opts in with
``@pytest.mark.allow_local_sockets`` (``inddrag serve`` listens on localhost, and a test
of it may talk to it). Nothing ever reaches another machine.

``socket.socketpair`` keeps working everywhere: asyncio's event loop wakes itself with one.
On POSIX it is a native ``AF_UNIX`` pair that never calls ``connect``; where Python builds
it from a loopback connection (Windows), the connection made inside ``socketpair`` is let
through.

Subprocesses are not covered (a monkeypatch lives in one interpreter); tests that start the
real app in a terminal check the app's behaviour, not its sockets.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

MARKER = "allow_local_sockets"


class NetworkBlocked(RuntimeError):
    """Raised instead of opening a connection; the test that tried fails."""


class _Guard:
    """Which test is running, what it may do, and what it tried."""

    def __init__(self) -> None:
        self.allow_local = False
        self.attempts: list[str] = []
        self._inside_socketpair = threading.local()
        self._saved: list[tuple[Any, str, Any]] = []

    # -- deciding ----------------------------------------------------------------------

    def in_socketpair(self) -> bool:
        return bool(getattr(self._inside_socketpair, "depth", 0))

    def refuse(self, what: str) -> NetworkBlocked:
        self.attempts.append(what)
        return NetworkBlocked(
            f"network access is not allowed in the test suite: {what}"
            + ("" if self.allow_local else f" (local sockets need @pytest.mark.{MARKER})")
        )

    def check_address(self, family: int, address: Any, what: str) -> None:
        """Raise unless ``address`` is local and the test allows local sockets."""
        if self.in_socketpair():
            return
        if _is_local(family, address) and self.allow_local:
            return
        raise self.refuse(f"{what} {address!r}")

    # -- installing --------------------------------------------------------------------

    def install(self) -> None:
        guard = self
        sock_cls = socket.socket
        real_connect = sock_cls.connect
        real_connect_ex = sock_cls.connect_ex
        real_sendto = sock_cls.sendto
        real_sendmsg = getattr(sock_cls, "sendmsg", None)
        real_getaddrinfo = socket.getaddrinfo
        real_socketpair = socket.socketpair

        def connect(self: socket.socket, address: Any) -> None:
            guard.check_address(self.family, address, "connect to")
            return real_connect(self, address)

        def connect_ex(self: socket.socket, address: Any) -> int:
            guard.check_address(self.family, address, "connect_ex to")
            return real_connect_ex(self, address)

        def sendto(self: socket.socket, data: Any, *args: Any) -> int:
            address = args[-1]
            guard.check_address(self.family, address, "sendto")
            return real_sendto(self, data, *args)  # type: ignore[arg-type]

        def sendmsg(self: socket.socket, buffers: Any, *args: Any) -> int:
            address = args[2] if len(args) > 2 else None
            if address is not None:
                guard.check_address(self.family, address, "sendmsg to")
            assert real_sendmsg is not None
            return int(real_sendmsg(self, buffers, *args))

        def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
            host = address[0] if isinstance(address, tuple) and address else address
            if not (guard.in_socketpair() or (guard.allow_local and _is_local_host(host))):
                raise guard.refuse(f"create_connection to {address!r}")
            return real_create_connection(address, *args, **kwargs)

        real_create_connection = socket.create_connection

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            if not (guard.in_socketpair() or _is_own_host(host)):
                raise guard.refuse(f"name lookup of {host!r}")
            return real_getaddrinfo(host, *args, **kwargs)

        @functools.wraps(real_socketpair)
        def socketpair(*args: Any, **kwargs: Any) -> Any:
            local = guard._inside_socketpair
            local.depth = getattr(local, "depth", 0) + 1
            try:
                return real_socketpair(*args, **kwargs)
            finally:
                local.depth -= 1

        self._patch(sock_cls, "connect", connect)
        self._patch(sock_cls, "connect_ex", connect_ex)
        self._patch(sock_cls, "sendto", sendto)
        if real_sendmsg is not None:
            self._patch(sock_cls, "sendmsg", sendmsg)
        self._patch(socket, "create_connection", create_connection)
        self._patch(socket, "getaddrinfo", getaddrinfo)
        self._patch(socket, "socketpair", socketpair)

    def _patch(self, owner: Any, name: str, value: Callable[..., Any]) -> None:
        self._saved.append((owner, name, owner.__dict__.get(name, _MISSING)))
        setattr(owner, name, value)

    def uninstall(self) -> None:
        while self._saved:
            owner, name, old = self._saved.pop()
            if old is _MISSING:
                delattr(owner, name)
            else:
                setattr(owner, name, old)


_MISSING = object()
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _is_local_host(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


def _is_local(family: int, address: Any) -> bool:
    if getattr(socket, "AF_UNIX", None) is not None and family == socket.AF_UNIX:
        return True
    if isinstance(address, tuple) and address:
        return _is_local_host(address[0])
    return False


def _is_own_host(host: Any) -> bool:
    """A lookup that never leaves the machine: no host, a numeric address, ourselves."""
    if host is None or host in ("", b""):
        return True
    if _is_local_host(host):
        return True
    text = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    try:
        ipaddress.ip_address(text.strip("[]").split("%")[0])
        return True
    except ValueError:
        pass
    try:
        own = socket.gethostname()
    except OSError:
        return False
    return text.lower() in {own.lower(), own.split(".")[0].lower()}


GUARD = _Guard()
_ATTEMPTS = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}: the test may connect AF_UNIX sockets and loopback addresses "
        "(never anything else)",
    )
    GUARD.install()


def pytest_unconfigure(config: pytest.Config) -> None:
    GUARD.uninstall()


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test runs with the network closed; local sockets only with the marker."""
    GUARD.allow_local = request.node.get_closest_marker(MARKER) is not None
    GUARD.attempts = request.node.stash.setdefault(_ATTEMPTS, [])
    try:
        yield
    finally:
        GUARD.allow_local = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A test that tried to reach the network fails, even if it caught the error."""
    report: Any = yield
    attempts = item.stash.get(_ATTEMPTS, [])
    if attempts and report.when == "call" and report.passed:
        report.outcome = "failed"
        report.longrepr = "network access attempted (and blocked):\n  " + "\n  ".join(attempts)
    if report.when == "teardown":
        GUARD.attempts = []
    return report  # type: ignore[no-any-return]
