"""The projector view follows the leader's app: typing, moving, votes, hidden notes, steps,
the leader quitting and coming back. Keys are pressed in the leader's app; the two timers
that carry a change across (the leader's autosave tick, the follower's poll) are called by
the test, so nothing waits for the wall clock."""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.ui.app import InddragApp
from inddrag.ui.present.app import PresentApp
from tests.ui_helpers import FakeClock, make_app, meeting_file, screen_text, settle


def follower(folder: Path, source: Path, clock: FakeClock | None = None) -> PresentApp:
    now = (clock or FakeClock()).now
    pack = load_pack(bundled_pack_dir("da"))
    return PresentApp(source, pack, state_dir=folder / "state", now=now, poll_interval=None)


def carry(leader: InddragApp, room: PresentApp) -> None:
    """One autosave tick of the leader, one poll of the follower."""
    leader.files.autosave_now()
    room.poll()


async def test_the_room_sees_what_the_leader_types_and_does(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    leader = make_app(tmp_path, file=source)
    room = follower(tmp_path, source)
    async with leader.run_test(size=(100, 30)) as pilot, room.run_test(size=(80, 24)) as watch:
        await settle(pilot)
        carry(leader, room)
        await settle(watch)
        text = screen_text(room)
        assert "Lad medarbejderne vurdere konsekvenserne" in text
        assert "Aftenvagterne rammes hårdest." in text
        assert "Spørg [bold]IT[/bold] om vagtbytte." in text  # as typed, not as markup
        assert "stemmer" in text and "af 10" in text

        await pilot.press(*"Husk natholdet")
        carry(leader, room)
        await settle(watch)
        assert "Husk natholdet" in screen_text(room)
        assert source.read_text(encoding="utf-8").count("Husk natholdet") == 0  # unsaved

        await pilot.press("ctrl+o")  # hide the notes from the room
        carry(leader, room)
        await settle(watch)
        text = screen_text(room)
        assert "skjult af mødelederen" in text and "Husk natholdet" not in text
        await pilot.press("ctrl+o")
        carry(leader, room)
        await settle(watch)
        assert "Husk natholdet" in screen_text(room)

        await pilot.press("ctrl+n", "f8", "f8")
        carry(leader, room)
        await settle(watch)
        text = screen_text(room)
        assert "Sæt klare rammer for inddragelsen" in text
        assert "Husk natholdet" not in text

        await pilot.press("f3")
        await settle(pilot)
        carry(leader, room)
        await settle(watch)
        text = screen_text(room)
        assert "Hvilke er vigtigst for jer?" in text
        assert "★ vigtigst" in text and "2 stemmer" in text

        await pilot.press("f4")
        await settle(pilot)
        carry(leader, room)
        await settle(watch)
        text = screen_text(room)
        assert "Hvem skal gøre hvad?" in text and "Skabe" in text and "Ledere" in text
        assert "Møde med" in text and "Tillidsvalgte" in text


async def test_the_room_waits_while_the_leader_is_away_and_follows_again(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    room = follower(tmp_path, source)
    async with room.run_test(size=(80, 24)) as watch:
        first = make_app(tmp_path, file=source)
        async with first.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press(*"Første")
            carry(first, room)
            await settle(watch)
            assert "Første" in screen_text(room)
        # The leader's app is gone (its lock with it): the room says so, in words.
        room.poll()
        await settle(watch)
        text = screen_text(room)
        assert "venter på mødelederen" in text and "møde.toml" in text
        assert "Første" not in text

        second = make_app(tmp_path, file=source)
        async with second.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+n")
            carry(second, room)
            await settle(watch)
            assert "Sæt klare rammer for inddragelsen" in screen_text(room)


async def test_the_clock_runs_on_between_the_leaders_writes(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    leader = make_app(tmp_path, file=source)
    wall = FakeClock()
    room = follower(tmp_path, source, wall)
    async with leader.run_test(size=(100, 30)) as pilot, room.run_test(size=(80, 24)) as watch:
        await settle(pilot)
        carry(leader, room)
        wall.seconds = room.follower.view.at + 125  # type: ignore[union-attr]
        room.tick()
        await settle(watch)
        clock = room.room.query_one("#room-clock")
        assert str(clock.value).startswith("2:0")  # type: ignore[attr-defined]
        assert "tid på" in screen_text(room)


async def test_the_follower_never_writes(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    before = source.read_bytes()
    room = follower(tmp_path, source)
    async with room.run_test(size=(50, 16)) as watch:
        for _ in range(3):
            room.poll()
        await settle(watch)
    assert source.read_bytes() == before
    assert not (tmp_path / "state" / "live").exists()
