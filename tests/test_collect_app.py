""" "Deltagerne svarer selv" in the leader's app: a phone answers, the session takes it in
live, one key closes answers, and quitting the app closes them too."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from textual.pilot import Pilot

from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.live import LiveAnswers
from inddrag.domain.session import PrepInput, new_session, now
from inddrag.ui.live import LiveSender
from inddrag.ui.state import OpenSession
from tests.ui.helpers import (
    appears,
    make_app,
    meeting_file,
    press,
    press_text,
    read_toml,
    running,
    screen_text,
    words,
)

pytestmark = pytest.mark.allow_local_sockets


async def open_answers(pilot: Pilot[Any]) -> str:
    """Palette → "Deltagerne svarer selv" → this computer; the link shown."""
    await press(pilot, "ctrl+p")
    await press_text(pilot, "svarer selv")
    await press(pilot, "enter")
    assert await appears(pilot, "Hvorfra må deltagerne svare?")
    await press(pilot, "enter")  # "Kun denne computer" has focus
    assert await appears(pilot, "0 har svaret")
    found = re.search(r"http://127\.0\.0\.1:\d+/[A-Za-z0-9_-]{12}", screen_text(pilot.app))
    assert found is not None, screen_text(pilot.app)
    return found.group(0)


async def phone_answers(
    url: str, fields: dict[str, str], phone: aiohttp.ClientSession | None = None
) -> int:
    """One answer from a new phone (or from ``phone``, which keeps its cookie)."""
    async with aiohttp.ClientSession() if phone is None else _kept(phone) as http:
        async with http.get(url + "?ret=1") as response:
            page = await response.text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf is not None
        data = {"csrf": csrf.group(1), **fields}
        async with http.post(url, data=data, allow_redirects=False) as response:
            return response.status


async def takes_no_answer(url: str) -> bool:
    """The closed link takes no answer: nothing listens on its port, or what listens there
    now (another test process's server may be given the freed port) has no form for it."""
    try:
        async with aiohttp.ClientSession() as http, http.get(url + "?ret=1") as response:
            page = await response.text()
    except aiohttp.ClientConnectionError:
        return True
    return 'name="csrf"' not in page


class _kept:
    def __init__(self, phone: aiohttp.ClientSession) -> None:
        self.phone = phone

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.phone

    async def __aexit__(self, *_exc: object) -> None:
        return None


async def test_a_phones_answer_comes_in_live_and_one_key_closes(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        url = await open_answers(pilot)
        assert "Scan QR-koden, eller skriv linket i en browser:" in words(app)
        assert "▄" in screen_text(app)  # the QR code
        status = await phone_answers(url, {"place-tidligt": "1", "name": "Bo \x1b[2J"})
        assert status == 303
        assert await appears(pilot, "1 har svaret")
        await press(pilot, "enter")  # "Luk for svar"
        assert await appears(pilot, "1 svar er hentet ind i sessionen.")
        assert await takes_no_answer(url)
        await press(pilot, "enter")  # "Vis resultatet"
        assert await appears(pilot, "Optællingen af deltagernes"), screen_text(app)
        await press(pilot, "ctrl+s")
    inputs = read_toml(path)["inputs"]
    assert [(i["participant"], i["order"]) for i in inputs] == [("Bo \x1b[2J", ["tidligt"])]
    [answer] = sorted((tmp_path / "møde-svar").iterdir())
    assert answer.name.startswith("svar-")


async def test_escape_closes_answers_and_quitting_closes_them_too(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        url = await open_answers(pilot)
        await press(pilot, "escape")
        assert await appears(pilot, "0 svar er hentet ind i sessionen.")
        await press(pilot, "escape")  # "Senere": the tally stays hidden
        assert await appears(pilot, "Optællingen er skjult på projektoren.")
        url = await open_answers(pilot)
        assert await phone_answers(url, {"place-agile": "1"}) == 303
        assert await appears(pilot, "1 har svaret")
        app.exit()
    assert await takes_no_answer(url)


async def test_a_phone_replaces_only_its_own_input_never_anyone_elses(tmp_path: Path) -> None:
    """Each answer is taken in by its prep id only: a phone giving someone else's name, or
    sending a nameless answer identical to another's, adds an input; it never replaces
    the leader's typed input or another phone's (the merge's name and content rules are
    for files a person brings, not for a room of strangers)."""
    path = meeting_file(tmp_path, inputs=True)
    ids = [a.id for a in load_pack(bundled_pack_dir("da")).advice]
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        url = await open_answers(pilot)
        assert await phone_answers(url, {"place-agile": "1", "name": "bo  LARSEN"}) == 303
        same = {
            f"place-{ids[8]}": "1",
            f"place-{ids[3]}": "2",
            f"place-{ids[1]}": "3",
            f"comment-{ids[8]}": "Kaffepausen forsvinder <script>.",
        }
        assert await phone_answers(url, same) == 303
        assert await phone_answers(url, same) == 303  # two phones, the same answer
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as cy:
            assert await phone_answers(url, {"place-tidligt": "1", "name": "Cy"}, cy) == 303
            changed = {"place-rammer": "1", "name": "Cy Holm"}
            assert await phone_answers(url, changed, cy) == 303  # own answer, new name
        assert await appears(pilot, "4 har svaret")
        state = app.state
        assert state is not None
        inputs = [(i.participant, i.order) for i in state.session.inputs]
    nameless = [ids[8], ids[3], ids[1]]
    assert sorted(inputs) == sorted(
        [
            ("Bo Larsen", [ids[3], ids[0]]),  # the leader's, untouched
            ("", nameless),  # the leader's, untouched
            ("bo LARSEN", ["agile"]),
            ("", nameless),
            ("", nameless),
            ("Cy Holm", ["rammer"]),
        ]
    )


async def test_an_answer_that_cannot_be_stored_is_told_to_the_leader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import inddrag.domain.collect as collect
    from inddrag.domain.atomic import SaveError

    def full(prep: object, path: Path) -> None:
        raise SaveError(path, "disk_full", code=28)

    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        url = await open_answers(pilot)
        monkeypatch.setattr(collect, "save_session", full)
        assert await phone_answers(url, {"place-tidligt": "1"}) == 500
        assert await appears(pilot, "Et svar fra en telefon:"), screen_text(app)
        assert "0 har svaret" in screen_text(app)
        monkeypatch.undo()
        assert await phone_answers(url, {"place-tidligt": "1"}) == 303
        assert await appears(pilot, "1 har svaret")


async def test_an_answer_stored_as_answers_close_is_taken_in_all_the_same(tmp_path: Path) -> None:
    """The race at closing: an answer is written (in a worker thread) while the leader
    closes; its thank-you goes to the phone and its file is in the folder, so it is merged
    when it arrives, though the server is already gone."""
    from inddrag.domain.collect import Answer

    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with running(app) as pilot:
        await open_answers(pilot)
        server = app.collecting.server
        assert server is not None
        receipt = server.box.submit(None, Answer(("rammer",), {}, "Sen Svarer"))
        await press(pilot, "enter")  # "Luk for svar", before the answer is taken in
        assert await appears(pilot, "1 svar er hentet ind i sessionen.")
        assert app.collecting.server is None
        app.collecting.take_in(receipt)
        state = app.state
        assert state is not None
        assert [(i.participant, i.order) for i in state.session.inputs] == [
            ("Sen Svarer", ["rammer"])
        ]


def test_the_projector_gets_the_count_but_not_the_tally_until_revealed(tmp_path: Path) -> None:
    pack = load_pack(bundled_pack_dir("da"))
    session = new_session(pack, "team")
    session.inputs = [PrepInput(participant="Bo", merged=now(), order=["tidligt"])]
    state = OpenSession(session, tmp_path / "møde.toml")
    sender = LiveSender(tmp_path / "state")
    seen: list[tuple[int, str | None, int]] = []
    captured: dict[str, Any] = {}

    def publish(path: Path, signature: object, build: Any) -> bool:
        captured["view"] = build()
        return True

    sender.publisher.publish = publish  # type: ignore[method-assign]
    try:
        for answers in (
            LiveAnswers(url="http://127.0.0.1:1/x", count=1),
            LiveAnswers(url="http://127.0.0.1:1/x", count=1, state="closed"),
            LiveAnswers(url="http://127.0.0.1:1/x", count=1, state="revealed"),
        ):
            sender.answers = answers
            assert sender.send(state, app_clock(), pack)
            view = captured["view"]
            shown = view.answers
            seen.append((len(view.session.inputs), shown.state, shown.count))
    finally:
        sender.close()
    assert seen == [(0, "open", 1), (0, "closed", 1), (1, "revealed", 1)]


def app_clock() -> Any:
    from inddrag.ui.clock import MeetingClock

    return MeetingClock()
