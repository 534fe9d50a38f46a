"""The participants' web server: one page, one form, nothing else (aiohttp).

Used by ``inddrag collect`` and by the leader's app ("Deltagerne svarer selv"); both run
it on their own event loop. What it grants is "submit an answer to this session", no more:

* The only address is ``/TOKEN`` (a random token, not serve's); every other path, and the
  right path with a wrong token, gets 403. There is no page for the leader, no list of
  answers, no file and no download.
* ``Host`` must be an IP address or ``localhost`` with our port (a page on a domain that
  points at us, DNS rebinding, is refused); a POST whose ``Origin`` (or
  ``Sec-Fetch-Site``) says it came from another page gets 403, and so does one without
  the form's CSRF token (an HMAC of a random nonce and the time, valid 12 hours).
* A connection may wait at most ``idle`` seconds (15) for its request to arrive, between
  requests too, and a body must arrive within 30 s (408): headers or a body sent a byte
  at a time (slowloris) hold nothing for long. At most 16 connections from one address
  and ``max_connections`` in all; a new one pushes out the oldest that is not being
  answered, so idle or half-sent connections cannot shut the room out, nor use up the
  file handles the leader's app needs.
* Bodies over 64 KB get 413 (read no further); at most ``rate`` answers a minute from one
  address (429; addresses are kept in memory for that minute only, never stored); when
  the box is full a clear page (503).
* No access log, and aiohttp's own logger is silenced: neither the token nor a phone's
  address reaches a log; a fault is a page of ours (500), never aiohttp's traceback.
  Every text is escaped on the page (:mod:`inddrag.domain.collect_page`); nothing from a
  request becomes a path.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import ipaddress
import logging
import secrets
import socket
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator

from aiohttp import web

from inddrag.domain.atomic import SaveError
from inddrag.domain.collect import (
    MAX_BODY,
    Answer,
    AnswerBox,
    BoxClosed,
    BoxFull,
    FormError,
    Receipt,
    parse_form,
)
from inddrag.domain.collect_page import STYLE, form_page, message_page, thanks_page, too_large_page
from inddrag.domain.hosts import LOOPBACK
from inddrag.domain.safe_text import visible
from inddrag.i18n import t

PORT = 8765
RATE = 30
"""Answers a minute from one address, by default."""
SECRET_COOKIE = "inddrag_svar"
CSRF_LIFETIME = 12 * 3600
IDLE = 15.0
"""Seconds a connection may go without a request being answered (headers included)."""
BODY_TIME = 30.0
"""Seconds a request's body may take to arrive."""
PER_ADDRESS = 16
"""Open connections from one address (a browser uses up to six); more with a raised rate
(half the answers a minute: many phones behind one address)."""
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes a form's Origin "null"
    "Cache-Control": "no-store",
}


def _quiet_logger() -> logging.Logger:
    """aiohttp's own logger for this server: it logs a bad request with the phone's address
    and the request's bytes; we keep neither (nothing propagates, nothing is printed)."""
    logger = logging.getLogger("inddrag.collect.quiet")
    logger.propagate = False
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return logger


def lan_address() -> str | None:
    """This computer's address on the local network, for the link (None if it has none).

    A UDP socket's ``connect`` only asks the routing table which interface would be used;
    it sends nothing.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never reached
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("0.") else address


def link_host(host: str) -> str:
    """The host to put in the participants' link when listening on ``host``."""
    if host in ("0.0.0.0", "", "::"):
        return lan_address() or LOOPBACK
    return host


def _host_allowed(header: str, port: int) -> bool:
    """``Host``: an IP address or localhost, with our port."""
    name, _, given_port = header.rpartition(":")
    if not name or given_port != str(port):
        return False
    if name == "localhost":
        return True
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def client_key(address: str) -> str:
    """Whose request it is, for the rate limit and the connections per address: an IPv4
    address, or an IPv6 address's /64 network (a phone can take any number of addresses
    in its /64, so one address each would be no limit at all)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def max_connections() -> int:
    """Open connections in all: well below this process's limit of open files (macOS gives
    a terminal 256), so phones never take the handles the leader's app needs to save."""
    if sys.platform == "win32":
        return 512
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 512
    return max(16, min(512, soft // 4))


class _Guarded(asyncio.Protocol):
    """One connection, in front of aiohttp's handler: admitted or not, and closed when it
    has waited ``idle`` seconds for a request (see :class:`_Connections`)."""

    def __init__(self, inner: asyncio.Protocol, watch: _Connections) -> None:
        self.inner = inner
        self.watch = watch
        self.transport: asyncio.Transport | None = None
        self.peer = ""
        self.busy = 0
        self.timer: asyncio.TimerHandle | None = None
        self.admitted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        if not self.watch.admit(self):
            transport.abort()
            return
        self.admitted = True
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self.admitted:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received() if self.admitted else None

    def connection_lost(self, exc: Exception | None) -> None:
        self.watch.lost(self)
        if self.admitted:
            self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.admitted:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.admitted:
            self.inner.resume_writing()

    def expire(self) -> None:
        self.timer = None
        if not self.busy and self.transport is not None:
            self.transport.abort()


class _Connections:
    """The open connections: at most ``per_address`` from one address and ``limit`` in all
    (a new one pushes out the oldest that is not being answered); each is closed when it
    has waited ``idle`` seconds for a request. Addresses are kept while connected only."""

    def __init__(self, *, idle: float, limit: int, per_address: int) -> None:
        self.idle = idle
        self.limit = limit
        self.per_address = per_address
        self.open: dict[asyncio.BaseTransport, _Guarded] = {}
        self.by_peer: dict[str, int] = {}

    def admit(self, conn: _Guarded) -> bool:
        assert conn.transport is not None
        peer = conn.transport.get_extra_info("peername")
        conn.peer = client_key(str(peer[0])) if isinstance(peer, tuple) and peer else "?"
        if self.by_peer.get(conn.peer, 0) >= self.per_address:
            return False
        if len(self.open) >= self.limit:
            oldest = next((c for c in self.open.values() if not c.busy), None)
            if oldest is None:
                return False
            self.forget(oldest)
            if oldest.transport is not None:
                oldest.transport.abort()
        self.open[conn.transport] = conn
        self.by_peer[conn.peer] = self.by_peer.get(conn.peer, 0) + 1
        self.arm(conn)
        return True

    def arm(self, conn: _Guarded) -> None:
        if conn.timer is not None:
            conn.timer.cancel()
        conn.timer = asyncio.get_running_loop().call_later(self.idle, conn.expire)

    def forget(self, conn: _Guarded) -> None:
        if conn.timer is not None:
            conn.timer.cancel()
            conn.timer = None
        if conn.transport is not None and self.open.pop(conn.transport, None) is not None:
            left = self.by_peer.get(conn.peer, 1) - 1
            if left > 0:
                self.by_peer[conn.peer] = left
            else:
                self.by_peer.pop(conn.peer, None)

    def lost(self, conn: _Guarded) -> None:
        self.forget(conn)

    @contextlib.contextmanager
    def answering(self, transport: asyncio.BaseTransport | None) -> Iterator[None]:
        """While a request is being answered its connection is not timed out."""
        conn = self.open.get(transport) if transport is not None else None
        if conn is None:
            yield
            return
        conn.busy += 1
        if conn.timer is not None:
            conn.timer.cancel()
            conn.timer = None
        try:
            yield
        finally:
            conn.busy -= 1
            if not conn.busy and conn.transport in self.open:
                self.arm(conn)


class _GuardedSite(web.TCPSite):
    """aiohttp's TCP site with each connection behind :class:`_Guarded`."""

    def __init__(self, runner: web.AppRunner, host: str, port: int, watch: _Connections):
        super().__init__(runner, host, port)
        self.watch = watch

    async def start(self) -> None:
        await web.BaseSite.start(self)
        handler = self._runner.server
        assert handler is not None
        watch = self.watch
        self._server = await asyncio.get_running_loop().create_server(
            lambda: _Guarded(handler(), watch),
            self._host,
            self._port,
            backlog=self._backlog,
            reuse_address=self._reuse_address,
        )


class RateLimit:
    """At most ``limit`` events a minute per key (kept in memory for that minute only)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def allow(self, key: str, at: float | None = None) -> bool:
        at = time.monotonic() if at is None else at
        if len(self._seen) > 10_000:  # forget the quiet ones rather than grow
            self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > at - self.window}
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= at - self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(at)
        return True


class CollectServer:
    """The participants' page for one :class:`AnswerBox`."""

    def __init__(
        self,
        box: AnswerBox,
        *,
        host: str = LOOPBACK,
        port: int = PORT,
        rate: int = RATE,
        token: str | None = None,
        on_stored: Callable[[Receipt], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        idle: float = IDLE,
        connections: int | None = None,
        per_address: int | None = None,
    ) -> None:
        self.box = box
        self.pack = box.pack
        self.lang = box.lang
        self.host = host
        self.port = port
        self.token = token or secrets.token_urlsafe(9)
        self.limit = RateLimit(rate)
        self.on_stored = on_stored
        self.on_failed = on_failed
        """Told (on the event loop) in the leader's words when an answer was not stored."""
        self._key = secrets.token_bytes(32)
        self.connections = _Connections(
            idle=idle,
            limit=connections or max_connections(),
            # Phones sharing one address (a NAT, a benchmark) are told by a raised rate.
            per_address=per_address or max(PER_ADDRESS, rate // 2),
        )
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    # -- running ------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return f"/{self.token}"

    @property
    def url(self) -> str:
        """The participants' link."""
        host = link_host(self.host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}{self.path}"

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def start(self) -> None:
        """Listen (raises OSError when the address cannot be had)."""
        runner = web.AppRunner(
            self.make_app(),
            access_log=None,
            handle_signals=False,
            shutdown_timeout=1.0,
            logger=_quiet_logger(),
        )
        await runner.setup()
        site = _GuardedSite(runner, self.host, self.port, self.connections)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._site = site
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets and self.port == 0:
            self.port = int(sockets[0].getsockname()[1])

    def close_now(self) -> None:
        """Stop listening at once, without awaiting (the app is on its way out)."""
        site, self._site = self._site, None
        listening = getattr(site, "_server", None)
        if listening is not None:
            listening.close()

    async def stop(self) -> None:
        self._site = None
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    # -- tokens -------------------------------------------------------------------------

    def new_csrf(self, at: float | None = None) -> str:
        nonce = secrets.token_urlsafe(12)
        stamp = str(int(time.time() if at is None else at))
        mac = hmac.new(self._key, f"{nonce}.{stamp}".encode(), hashlib.sha256).hexdigest()
        return f"{nonce}.{stamp}.{mac[:32]}"

    def csrf_ok(self, given: str, at: float | None = None) -> bool:
        nonce, _, rest = given.partition(".")
        stamp, _, mac = rest.partition(".")
        if not (stamp.isascii() and stamp.isdigit()):  # int("²") is an error
            return False
        expected = hmac.new(self._key, f"{nonce}.{stamp}".encode(), hashlib.sha256).hexdigest()
        now = time.time() if at is None else at
        fresh = 0 <= now - int(stamp) <= CSRF_LIFETIME
        return hmac.compare_digest(mac.encode(), expected[:32].encode()) and fresh

    # -- pages --------------------------------------------------------------------------

    def _page(self, status: int, body: str) -> web.Response:
        return web.Response(
            status=status, text=body, content_type="text/html", charset="utf-8", headers=HEADERS
        )

    def _message(
        self, status: int, title_key: str, text_key: str, **params: object
    ) -> web.Response:
        lang = self.lang
        return self._page(
            status, message_page(lang, t(title_key, lang), t(text_key, lang, **params))
        )

    def _forbidden(self, text_key: str = "collect.forbidden_text") -> web.Response:
        return self._message(403, "collect.forbidden_title", text_key)

    def _closed(self, status: int = 200) -> web.Response:
        text = "collect.revealed_text" if self.box.state == "revealed" else "collect.closed_text"
        return self._message(status, "collect.closed_title", text)

    def _full(self) -> web.Response:
        return self._message(
            503, "collect.full_title", "collect.full_text", count=self.box.max_answers
        )

    def _form(self, status: int, answer: Answer | None = None, error: str = "") -> web.Response:
        page = form_page(
            self.lang,
            self.box.team.session.title,
            self.pack,
            action=self.path,
            csrf=self.new_csrf(),
            anonymous=self.box.anonymous,
            answer=answer,
            error=error,
        )
        return self._page(status, page)

    # -- requests -----------------------------------------------------------------------

    def _token_ok(self, request: web.Request) -> bool:
        raw = request.raw_path.split("?", 1)[0].rstrip("/")
        return hmac.compare_digest(raw.encode(), self.path.encode())

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            with self.connections.answering(request.transport):
                return await self._handle(request)
        except web.HTTPException:
            raise
        except Exception:
            # Never aiohttp's 500, whose log line names the phone's address.
            return self._message(500, "collect.error_title", "collect.save_failed")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if not _host_allowed(request.headers.get("Host", ""), self.port):
            return self._forbidden()
        if not self._token_ok(request):
            return self._forbidden()
        if request.method in ("GET", "HEAD"):
            return self._get(request)
        if request.method == "POST":
            return await self._post(request)
        return self._page(405, "")

    def _get(self, request: web.Request) -> web.Response:
        if self.box.state != "open":
            return self._closed()
        answer = self.box.answer_of(request.cookies.get(SECRET_COOKIE))
        if answer is not None and "ret" not in request.query:
            page = thanks_page(self.lang, self.pack, answer, change_link=f"{self.path}?ret=1")
            return self._page(200, page)
        if answer is None and self.box.count >= self.box.max_answers:
            return self._full()
        return self._form(200, answer)

    def _not_saved(self, exc: OSError) -> str:
        """The leader's sentence for an answer that was not stored (no text from a phone)."""
        lang = self.lang
        reason = exc.sentence(lang) if isinstance(exc, SaveError) else exc.strerror or str(exc)
        return visible(t("collect.not_saved", lang, reason=reason))

    def _foreign(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.headers.get('Host', '')}":
            return True
        site = request.headers.get("Sec-Fetch-Site")
        return site is not None and site not in ("same-origin", "none")

    async def _post(self, request: web.Request) -> web.StreamResponse:
        if self._foreign(request):
            return self._forbidden("collect.foreign_text")
        if (request.content_length or 0) > MAX_BODY:
            return self._page(413, too_large_page(self.lang))
        try:
            async with asyncio.timeout(BODY_TIME):
                form = await request.post()
        except TimeoutError:
            return self._message(408, "collect.too_slow_title", "collect.too_slow_text")
        except web.HTTPRequestEntityTooLarge:
            return self._page(413, too_large_page(self.lang))
        except (ValueError, LookupError):  # not UTF-8; a charset that is no text encoding
            return self._form(400)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if not self.csrf_ok(fields.get("csrf", "")):
            return self._form(403, error=t("collect.stale_text", self.lang))
        if self.box.state != "open":
            return self._closed(409)
        if not self.limit.allow(client_key(request.remote or "?")):
            return self._message(429, "collect.too_fast_title", "collect.too_fast_text")
        secret = request.cookies.get(SECRET_COOKIE)
        try:
            answer = parse_form(fields, self.pack, anonymous=self.box.anonymous)
        except FormError as exc:
            return self._form(400, self.box.answer_of(secret), exc.sentence(self.lang))
        try:
            receipt = await asyncio.to_thread(self.box.submit, secret, answer)
        except BoxFull:
            return self._full()
        except BoxClosed:
            return self._closed(409)
        except (SaveError, OSError) as exc:
            if self.on_failed is not None:
                with contextlib.suppress(Exception):
                    self.on_failed(self._not_saved(exc))
            return self._message(500, "collect.error_title", "collect.save_failed")
        if self.on_stored is not None:
            with contextlib.suppress(Exception):
                self.on_stored(receipt)
        # Post/redirect/get: a reload of the thank-you page never sends the answer again.
        response = web.Response(status=303, headers={**HEADERS, "Location": self.path})
        response.set_cookie(
            SECRET_COOKIE, receipt.secret, path=self.path, httponly=True, samesite="Lax"
        )
        return response
