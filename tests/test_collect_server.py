"""The participants' server under attack: tokens, CSRF, Origin, Host, caps, escaping.

Each test starts the real server on 127.0.0.1 (a free port) in this event loop and talks
to it with an HTTP client; nothing listens beyond the test.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp
import pytest

from inddrag.domain.check import check_path
from inddrag.domain.collect import MAX_ANSWERS, Answer, AnswerBox
from inddrag.domain.content import ContentPack
from inddrag.domain.session import Session, new_session
from inddrag.domain.storage import load_session
from inddrag.ui.collect_server import SECRET_COOKIE, CollectServer

pytestmark = pytest.mark.allow_local_sockets

TZ = timezone(timedelta(hours=1))
WHEN = datetime(2026, 12, 3, 10, 0, tzinfo=TZ)
HOSTILE = "<script>alert('x')</script>\x1b]0;owned\x07 \u202etxt.exe\u202c & done"


def team(pack: ContentPack, *, anonymous: bool = False) -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.title = "Nyt vagtplanssystem"
    session.session.anonymous = anonymous
    return session


async def started(box: AnswerBox, **kw: object) -> CollectServer:
    server = CollectServer(box, host="127.0.0.1", port=0, **kw)  # type: ignore[arg-type]
    await server.start()
    return server


@pytest.fixture
async def server(tmp_path: Path, da_pack: ContentPack) -> AsyncIterator[CollectServer]:
    box = AnswerBox(tmp_path / "hold-svar", team(da_pack), da_pack)
    running = await started(box)
    yield running
    await running.stop()


def client() -> aiohttp.ClientSession:
    # Each client is one phone: its own cookies; redirects are looked at, not followed.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def base(server: CollectServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def csrf_of(http: aiohttp.ClientSession, server: CollectServer) -> str:
    async with http.get(server.url + "?ret=1") as response:
        assert response.status == 200
        page = await response.text()
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


async def answer(
    http: aiohttp.ClientSession, server: CollectServer, fields: dict[str, str]
) -> aiohttp.ClientResponse:
    token = await csrf_of(http, server)
    async with http.post(
        server.url, data={"csrf": token, **fields}, allow_redirects=False
    ) as response:
        await response.read()
        return response


async def test_the_link_is_loopback_and_prints_no_token_to_the_log(
    server: CollectServer, caplog: pytest.LogCaptureFixture
) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{12}", server.url)
    caplog.set_level(logging.DEBUG)
    async with client() as http:
        response = await answer(http, server, {"place-tidligt": "1"})
        assert response.status == 303
        async with http.get(base(server) + "/wrong") as refused:
            assert refused.status == 403
    assert server.token not in caplog.text


@pytest.mark.parametrize("method", ["GET", "POST", "HEAD", "PUT", "DELETE"])
async def test_no_token_or_a_wrong_one_is_403_on_every_route(
    server: CollectServer, method: str
) -> None:
    token = server.token
    paths = [
        "/",
        "/index.html",
        f"/{token[:-1]}",
        f"/{token}x",
        f"/x{token}",
        f"/{token.upper() if token.upper() != token else token.lower()}",
        f"/?token={token}",  # serve's way of giving a token: not ours
        f"/ws?token={token}",  # serve's (leader's) routes with the participant's token
        f"/{token}/answers",
        f"/{token}/hold-svar/",
        f"/{token}/../hold.toml",
        f"/{token}/%2e%2e/hold.toml",
        f"/static/{token}",
        "/favicon.ico",
    ]
    async with client() as http:
        for path in paths:
            async with http.request(method, base(server) + path, allow_redirects=False) as r:
                assert r.status == 403, path
                if method != "HEAD":
                    text = await r.text()
                    assert "Adgang nægtet" in text and token not in text


async def test_a_foreign_host_header_is_refused(server: CollectServer) -> None:
    """A name that points at us (DNS rebinding) is not our address."""
    async with client() as http:
        for host in (f"evil.example:{server.port}", "127.0.0.1:1", "127.0.0.1"):
            async with http.get(server.url, headers={"Host": host}) as response:
                assert response.status == 403, host
        for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
            async with http.get(server.url, headers={"Host": host}) as response:
                assert response.status == 200, host


async def test_a_post_without_the_forms_csrf_token_is_403(server: CollectServer) -> None:
    other = CollectServer(server.box, port=0)
    async with client() as http:
        for fields in (
            {},
            {"csrf": ""},
            {"csrf": "abc.123.def"},
            {"csrf": other.new_csrf()},  # a token from another server
            {"csrf": server.new_csrf(at=1_000_000)},  # one too old
        ):
            async with http.post(
                server.url, data={"place-tidligt": "1", **fields}, allow_redirects=False
            ) as response:
                assert response.status == 403, fields
                assert "Siden var for gammel" in await response.text()
    assert server.box.count == 0


async def test_a_post_from_a_foreign_page_is_403(server: CollectServer) -> None:
    async with client() as http:
        token = await csrf_of(http, server)
        for headers in (
            {"Origin": "http://evil.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
        ):
            async with http.post(
                server.url,
                data={"csrf": token, "place-tidligt": "1"},
                headers=headers,
                allow_redirects=False,
            ) as response:
                assert response.status == 403, headers
                assert "fra en anden side" in await response.text()
        same = {"Origin": base(server), "Sec-Fetch-Site": "same-origin"}
        async with http.post(
            server.url,
            data={"csrf": token, "place-tidligt": "1"},
            headers=same,
            allow_redirects=False,
        ) as response:
            assert response.status == 303
    assert server.box.count == 1


async def test_a_body_over_64_kb_is_413(server: CollectServer) -> None:
    async with client() as http:
        token = await csrf_of(http, server)
        big = {"csrf": token, "comment-tidligt": "x" * (64 * 1024)}
        async with http.post(server.url, data=big, allow_redirects=False) as response:
            assert response.status == 413
            assert "større end 64 KB" in await response.text()

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as read
            yield f"csrf={token}&comment-tidligt=".encode()
            for _ in range(70):
                yield b"y" * 1024

        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        async with http.post(
            server.url, data=chunks(), headers=headers, allow_redirects=False
        ) as response:
            assert response.status == 413
    assert server.box.count == 0


async def test_hostile_text_is_stored_as_text_and_shown_inert(
    server: CollectServer,
) -> None:
    async with client() as http:
        response = await answer(
            http, server, {"place-tidligt": "1", "comment-tidligt": HOSTILE, "name": HOSTILE}
        )
        assert response.status == 303
        async with http.get(server.url) as thanks:
            page = await thanks.text()
        async with http.get(server.url + "?ret=1") as again:
            form = await again.text()
    [path] = sorted(server.box.folder.iterdir())
    prep = load_session(path)
    assert prep.advice[0].notes == HOSTILE.strip()
    assert prep.session.facilitator == HOSTILE.strip()
    raw = path.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\\u001b]0;owned\\u0007" in raw  # TOML escapes, as text
    assert check_path(path).ok
    shown = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;␛]0;owned␇ ⟨U+202E⟩txt.exe⟨U+202C⟩"
    for html in (page, form):
        assert shown in html
        assert "<script" not in html and "\x1b" not in html and "\u202e" not in html
    assert "Tak – dit svar er modtaget" in page


async def test_each_phone_replaces_only_its_own_answer(server: CollectServer) -> None:
    async with client() as bo, client() as cy:
        first = await answer(bo, server, {"place-tidligt": "1", "name": "Bo"})
        secret = first.cookies[SECRET_COOKIE]
        assert secret["httponly"] and secret["samesite"] == "Lax"
        assert secret["path"] == f"/{server.token}"
        await answer(cy, server, {"place-rammer": "1", "name": "Cy"})
        await answer(bo, server, {"place-agile": "1", "place-tidligt": "2", "name": "Bo"})
        async with bo.get(server.url + "?ret=1") as response:
            form = await response.text()
    assert server.box.count == 2
    assert '<option value="1" selected>1</option>' in form and 'value="Bo"' in form
    orders = sorted(p.priorities.order for _, p in server.box.preps())
    assert orders == [["agile", "tidligt"], ["rammer"]]
    # A forged cookie is a new participant, never someone else's answer.
    async with aiohttp.ClientSession(cookies={SECRET_COOKIE: "forged"}) as eve:
        await answer(eve, server, {"place-usynligt": "1"})
    assert server.box.count == 3


async def test_an_anonymous_session_stores_no_name(tmp_path: Path, da_pack: ContentPack) -> None:
    box = AnswerBox(tmp_path / "svar", team(da_pack, anonymous=True), da_pack)
    running = await started(box)
    try:
        async with client() as http:
            async with http.get(running.url) as response:
                assert 'name="name"' not in await response.text()
            await answer(http, running, {"place-tidligt": "1", "name": "Bo Larsen"})
    finally:
        await running.stop()
    [path] = sorted(box.folder.iterdir())
    raw = path.read_text(encoding="utf-8")
    assert 'facilitator = ""' in raw and "Bo Larsen" not in raw and "127.0.0.1" not in raw
    assert "aiohttp" not in raw.lower() and "Python" not in raw


async def test_the_501st_answer_gets_the_full_page(tmp_path: Path, da_pack: ContentPack) -> None:
    folder = tmp_path / "hold-svar"
    seed = AnswerBox(folder, team(da_pack), da_pack)
    first = seed.submit(None, Answer(("tidligt",)), when=WHEN)
    for n in range(1, MAX_ANSWERS):  # 500 answers already in the folder
        shutil.copy(first.path, folder / f"svar-{n:08d}-0000-4000-8000-000000000000.toml")
    box = AnswerBox(folder, team(da_pack), da_pack)
    assert box.count == 500
    running = await started(box)
    try:
        async with client() as http:
            async with http.get(running.url) as response:
                assert response.status == 503
                page = await response.text()
            assert "Der er allerede 500 svar, og der er ikke plads til flere." in page
            async with http.post(
                running.url,
                data={"csrf": running.new_csrf(), "place-tidligt": "1"},
                allow_redirects=False,
            ) as response:
                assert response.status == 503
                assert "ikke plads til flere" in await response.text()
    finally:
        await running.stop()
    assert len(list(folder.iterdir())) == 500


async def test_too_many_answers_from_one_address_wait(tmp_path: Path, da_pack: ContentPack) -> None:
    running = await started(AnswerBox(tmp_path / "s", team(da_pack), da_pack), rate=2)
    try:
        async with client() as http:
            statuses = [
                (await answer(http, running, {"place-tidligt": "1"})).status for _ in range(3)
            ]
    finally:
        await running.stop()
    assert statuses == [303, 303, 429]


async def test_closed_and_revealed(server: CollectServer) -> None:
    async with client() as http:
        token = await csrf_of(http, server)
        server.box.state = "closed"
        async with http.get(server.url) as response:
            assert "Tak – mødelederen har lukket for svar." in await response.text()
        async with http.post(
            server.url, data={"csrf": token, "place-tidligt": "1"}, allow_redirects=False
        ) as response:
            assert response.status == 409
        server.box.state = "revealed"
        async with http.get(server.url) as response:
            assert "resultatet vises nu på skærmen" in await response.text()
    assert server.box.count == 0


async def test_a_form_it_cannot_take_comes_back_with_one_sentence(
    server: CollectServer,
) -> None:
    async with client() as http:
        response = await answer(http, server, {"place-tidligt": "99", "comment-rammer": "hej"})
        assert response.status == 400
        async with http.get(server.url) as page:
            assert "Giv mindst" not in await page.text()
        token = await csrf_of(http, server)
        async with http.post(server.url, data={"csrf": token}) as empty:
            assert empty.status == 400
            text = await empty.text()
    assert 'role="alert">Giv mindst ét råd en plads' in text
    assert server.box.count == 0


async def test_pages_carry_a_strict_content_security_policy(server: CollectServer) -> None:
    async with client() as http, http.get(server.url) as response:
        policy = response.headers["Content-Security-Policy"]
        assert policy.startswith("default-src 'none'; style-src 'sha256-")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"


async def test_an_english_session_gets_the_page_in_english(
    tmp_path: Path, en_pack: ContentPack
) -> None:
    running = await started(AnswerBox(tmp_path / "team-answers", team(en_pack), en_pack))
    try:
        async with client() as http:
            async with http.get(running.url) as response:
                page = await response.text()
            await answer(http, running, {"place-tidligt": "1"})
            async with http.get(running.url) as response:
                thanks = await response.text()
    finally:
        await running.stop()
    assert '<html lang="en">' in page and "Send my answer" in page
    assert "Thank you – your answer has been received" in thanks
    [path] = sorted((tmp_path / "team-answers").iterdir())
    assert path.name.startswith("answer-")


async def _raw(server: CollectServer, head: str, body: bytes = b"") -> bytes:
    """One request written by hand (what a client library would refuse to send)."""
    import asyncio

    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        writer.write(head.encode("latin-1") + b"\r\n" + body)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 5)
    finally:
        writer.close()


async def test_odd_requests_get_a_plain_answer_and_log_nothing(
    server: CollectServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    """A CSRF stamp of non-ASCII digits, a charset Python does not know (or one that is no
    text encoding), a header with a control byte: each is refused with a page of ours or
    the parser's 400, never a 500 whose traceback prints the phone's address (and the
    request's bytes) to the leader's terminal; an anonymous session logs no address."""
    caplog.set_level(logging.DEBUG)
    head = (
        f"POST {server.path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        "Connection: close\r\nContent-Type: application/x-www-form-urlencoded{charset}\r\n"
        "Content-Length: {length}\r\n"
    )
    csrf = server.new_csrf()
    cases = [
        ("", b"csrf=a.%C2%B2%C2%B2.b&place-tidligt=1", b" 403 "),
        ("; charset=bogus", f"csrf={csrf}&place-tidligt=1".encode(), b" 400 "),
        ("; charset=rot13", f"csrf={csrf}&place-tidligt=1".encode(), b" 400 "),
        ("; charset=\x01", b"x=1", b" 400 "),
    ]
    for charset, body, status in cases:
        reply = await _raw(server, head.format(charset=charset, length=len(body)), body)
        assert status in reply.split(b"\r\n", 1)[0], (charset, reply[:200])
    multipart = (
        f'--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
        '--B\r\nContent-Disposition: form-data; name="comment-tidligt"\r\n'
        "Content-Type: text/plain; charset=bogus\r\n\r\nhej\r\n--B--\r\n"
    ).encode()
    multipart_head = head.replace("application/x-www-form-urlencoded", "multipart/form-data")
    reply = await _raw(
        server,
        multipart_head.format(charset="; boundary=B", length=len(multipart)),
        multipart,
    )
    assert b" 400 " in reply.split(b"\r\n", 1)[0]
    assert server.box.count == 0
    assert not [r for r in caplog.records if r.name.startswith("aiohttp")], caplog.text
    out, err = capfd.readouterr()
    assert "127.0.0.1" not in out + err and "Traceback" not in out + err


async def test_a_fault_in_the_server_is_a_page_of_ours_and_no_log(
    server: CollectServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)

    def broken(_secret: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(server.box, "answer_of", broken)
    async with client() as http, http.get(server.url) as response:
        assert response.status == 500
        assert "Svaret kunne ikke gemmes" in await response.text()
        assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert not [r for r in caplog.records if r.name.startswith("aiohttp")], caplog.text


async def _half_sent(server: CollectServer, count: int) -> list[tuple[object, object]]:
    """``count`` connections that send half a request's headers and then nothing."""
    import asyncio

    held = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(f"GET {server.path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n".encode())
        await writer.drain()
        held.append((reader, writer))
    return held


async def _closed_soon(reader: object, seconds: float) -> bool:
    import asyncio

    assert isinstance(reader, asyncio.StreamReader)
    try:
        async with asyncio.timeout(seconds):
            while await reader.read(1024):
                pass
    except TimeoutError:
        return False
    except ConnectionError:
        return True
    return True


async def test_headers_sent_slowly_hold_a_connection_for_seconds_only(
    tmp_path: Path, da_pack: ContentPack
) -> None:
    """Slowloris: connections that never finish their headers are closed after ``idle``
    seconds (15 by default), and they never shut a phone out: a new connection pushes out
    the oldest one that is not being answered, and one address holds at most 16."""
    box = AnswerBox(tmp_path / "s", team(da_pack), da_pack)
    running = await started(box, idle=0.5, connections=8)
    try:
        held = await _half_sent(running, 8)  # the whole room's worth of connections
        async with client() as http:  # a phone still gets in, and answers
            assert (await answer(http, running, {"place-tidligt": "1"})).status == 303
        for reader, writer in held:
            assert await _closed_soon(reader, 3.0)
            writer.close()  # type: ignore[attr-defined]
        assert not running.connections.open or all(
            c.busy for c in running.connections.open.values()
        )
    finally:
        await running.stop()
    running = await started(box, per_address=4)
    try:
        held = await _half_sent(running, 6)
        statuses = [await _closed_soon(reader, 0.3) for reader, _ in held]
        assert statuses == [False] * 4 + [True] * 2  # the 5th and 6th were refused at once
        assert running.connections.by_peer == {"127.0.0.1": 4}
        for _, writer in held:
            writer.close()  # type: ignore[attr-defined]
    finally:
        await running.stop()


async def test_a_body_sent_slowly_gets_408(
    server: CollectServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    import inddrag.ui.collect_server as collect_server

    monkeypatch.setattr(collect_server, "BODY_TIME", 0.5)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    head = (
        f"POST {server.path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
    )
    writer.write(head.encode() + b"csrf=")
    await writer.drain()
    try:
        async with asyncio.timeout(5):
            reply = await reader.read(200)
    finally:
        writer.close()
    assert reply.startswith(b"HTTP/1.1 408 ")
    assert server.box.count == 0


def test_one_ipv6_network_is_one_client() -> None:
    """A phone on IPv6 can take any address in its /64: the rate limit and the connections
    per address count the /64, and an IPv4 address however it is written."""
    from inddrag.ui.collect_server import RateLimit, client_key

    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff:1234:5678:9abc")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key("fe80::1%wlan0") == client_key("fe80::2%wlan0")
    assert client_key("::ffff:192.168.1.7") == client_key("192.168.1.7") == "192.168.1.7"
    assert client_key("192.168.1.7") != client_key("192.168.1.8")
    limit = RateLimit(2)
    allowed = [limit.allow(client_key(f"2001:db8:1:2::{n:x}"), at=0.0) for n in range(1, 6)]
    assert allowed == [True, True, False, False, False]


async def test_nul_c1_and_noncharacters_are_stored_as_text_and_shown_inert(
    server: CollectServer,
) -> None:
    """The other hostile characters: NUL, a C1 CSI (an escape sequence in one byte for
    some terminals), U+FFFE, line and paragraph separators, DEL. Stored as text (the file
    passes `inddrag check`), never raw on the page; no control character is raw in the
    file either: TOML escapes C0 and DEL, and C1 (which TOML would write raw, for `cat`
    in a terminal that obeys it) is kept as the text ``\\x9b``."""
    odd = "a\x00b \x9b31m c\ufffe d\u2028e\u2029 f\x7f g\x85h"
    async with client() as http:
        response = await answer(http, server, {"place-tidligt": "1", "comment-tidligt": odd})
        assert response.status == 303
        async with http.get(server.url) as thanks:
            page = await thanks.text()
        async with http.get(server.url + "?ret=1") as again:
            form = await again.text()
    [path] = sorted(server.box.folder.iterdir())
    assert load_session(path).advice[0].notes == odd.replace("\x9b", "\\x9b").replace(
        "\x85", "\\x85"
    )
    assert check_path(path).ok
    raw = path.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", raw)
    for html in (page, form):
        for char in "\x00\x9b\ufffe\u2028\u2029\x7f\x85":
            assert char not in html, repr(char)
        assert "a␀b" in html and "⟨U+FFFE⟩" in html and "\\x9b31m" in html


async def test_an_answer_not_stored_is_told_to_the_phone_and_the_leader(
    tmp_path: Path, da_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    import inddrag.domain.collect as collect
    from inddrag.domain.atomic import SaveError

    told: list[str] = []
    box = AnswerBox(tmp_path / "hold-svar", team(da_pack), da_pack)
    running = await started(box, on_failed=told.append)

    def full(prep: object, path: Path) -> None:
        raise SaveError(path, "disk_full", code=28)

    monkeypatch.setattr(collect, "save_session", full)
    try:
        async with client() as http:
            response = await answer(http, running, {"place-tidligt": "1"})
            assert response.status == 500
            async with http.get(running.url) as page:  # not "thank you": the form again
                assert 'name="csrf"' in await page.text()
    finally:
        await running.stop()
    assert box.count == 0
    [sentence] = told
    assert sentence.startswith("Et svar fra en telefon: “svar-")
    assert "ikke er mere plads på disken. Telefonen har fået besked" in sentence
