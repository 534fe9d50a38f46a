"""The last stumbles of a real meeting (issue 20), each pressed by keys as a leader would.

A read-only second window never saves under the locked file's name; taking the file's
version asks first and keeps what was typed; Enter in a filled form starts; the notes'
undo survives a trip to another step; the same toast twice shows once; the theme picker
puts our themes first in the UI language; the projector keeps OVER TID at 50×16; English
dialogs say what they will do and show every button whole.
"""

from __future__ import annotations

from pathlib import Path

from inddrag.domain import recovery
from inddrag.domain import session as session_ops
from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.live import LiveClock, LiveView, Publisher
from inddrag.domain.storage import load_session, save_session
from inddrag.ui.present.app import PresentApp
from inddrag.ui.screens.roles import hyphenated
from tests.ui.helpers import (
    FakeClock,
    MeetingClock,
    find_line,
    lock_for,
    make_app,
    meeting_file,
    notices,
    press,
    press_text,
    running,
    screen_text,
    settle,
    top_text,
)

SIZE = (80, 24)


# -- (1) a read-only second window -----------------------------------------------------


async def test_a_read_only_window_never_saves_under_the_locked_name(
    tmp_path: Path, other_process: int
) -> None:
    path = meeting_file(tmp_path)
    before = path.read_bytes()
    lock_for(path, other_process)
    app = make_app(tmp_path, file=path)
    async with running(app, SIZE) as pilot:
        await press(pilot, "enter")  # Åbn skrivebeskyttet (preselected)
        await settle(pilot)
        await press_text(pilot, " B skriver")
        await press(pilot, "ctrl+s")
        # A copy is proposed, not the leader's file.
        assert find_line(app, ".toml") == "møde-kopi.toml"
        # Typing the locked file's own name is refused, in words and with Enter.
        await press(pilot, "ctrl+u")
        await press_text(pilot, "møde.toml")
        assert "møde.toml er åben i et andet vindue" in " ".join(top_text(app).split())
        await press(pilot, "enter")
        assert find_line(app, "Filnavn") == "Filnavn:"  # still asking
        await press(pilot, "escape")
    assert path.read_bytes() == before
    assert not (tmp_path / "møde-kopi.toml").exists()


# -- (2) taking the file's version asks first and keeps the work -------------------------


async def test_taking_the_files_version_on_quit_asks_and_keeps_a_recovery_copy(
    tmp_path: Path, other_process: int
) -> None:
    path = meeting_file(tmp_path)
    lock_for(path, other_process)
    app = make_app(tmp_path, file=path)
    async with running(app, SIZE) as pilot:
        await press(pilot, "right", "right", "enter")  # Åbn alligevel
        await settle(pilot)
        await press_text(pilot, " B skrev dette")
        theirs = load_session(path)
        session_ops.set_notes(theirs, "rammer", "A's note")
        save_session(theirs, path)
        after_theirs = path.read_bytes()
        await press(pilot, "ctrl+q")
        await press(pilot, "enter")  # Gem
        assert "Filen er ændret, siden I åbnede den" in screen_text(app)
        await press(pilot, "shift+tab", "shift+tab", "enter")  # Hent filens version
        # Asked before anything typed is dropped; Annullér is preselected.
        assert find_line(app, "Kassér jeres ændringer?") == "Kassér jeres ændringer?"
        await press(pilot, "enter")
        assert "B skrev dette" in screen_text(app)  # nothing dropped, still in the walk
        await press(pilot, "ctrl+q", "enter", "shift+tab", "shift+tab", "enter")
        await press(pilot, "shift+tab", "enter")  # Kassér og hent filens version
        await settle(pilot)
    assert path.read_bytes() == after_theirs
    scan = recovery.scan_recoveries(tmp_path / "state")
    folder = recovery.recovery_folder(tmp_path / "state")
    assert len(scan.found) == 1, (sorted(p.name for p in folder.iterdir()), scan)
    found = scan.found
    kept = found[0].session.entry("konsekvenser")
    assert kept is not None and kept.notes.endswith(" B skrev dette")


# -- (5) the smaller ones ----------------------------------------------------------------


async def test_enter_in_a_filled_form_starts_the_session(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with running(app, SIZE) as pilot:
        await press(pilot, "enter")
        await press_text(pilot, "Møde")
        await press(pilot, "enter")  # not filled yet: Enter moves on
        await press_text(pilot, "Nord")
        await press(pilot, "tab")
        await press_text(pilot, "Anna")
        await press(pilot, "tab")
        await press_text(pilot, "Anna, Bo")
        await press(pilot, "shift+tab", "shift+tab", "shift+tab")  # back in the title
        assert find_line(app, "Alt er udfyldt") == "Alt er udfyldt. Tryk Enter eller Start."
        await press(pilot, "enter")
        await settle(pilot)
        assert "Råd 1 af 10" in screen_text(app)


async def test_notes_undo_survives_a_trip_to_another_step(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, SIZE) as pilot:
        await press_text(pilot, " og mere")
        await press(pilot, "f3")
        await press(pilot, "f2")
        await settle(pilot)
        assert "vagtbytte. og mere" in screen_text(app)
        await press(pilot, "ctrl+z")
        assert "og mere" not in screen_text(app)
        assert "vagtbytte." in screen_text(app)


async def test_the_same_toast_twice_shows_once(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, SIZE) as pilot:
        await press(pilot, "f3")
        for _ in range(5):
            await press(pilot, "ctrl+z")
        await settle(pilot)
        assert notices(app).count("Der er intet at fortryde.") == 1


async def test_the_theme_picker_shows_our_themes_first_in_words(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, SIZE) as pilot:
        await press(pilot, "ctrl+p")
        await press_text(pilot, "farvetema")
        await press(pilot, "enter")
        await settle(pilot)
        lines = [line.strip(" │▊▎▏▌▐┃") for line in screen_text(app).splitlines()]
        shown = [line for line in lines if line]
        first = next(i for i, line in enumerate(shown) if "Høj kontrast" in line)
        assert shown[first].startswith("Høj kontrast (projektor, svage øjne)")
        assert shown[first + 1].startswith("Lys (lyse lokaler)")
        assert "inddrag-kontrast" not in screen_text(app)


async def test_the_projector_keeps_over_tid_at_50_by_16(tmp_path: Path) -> None:
    source = meeting_file(tmp_path)
    publisher = Publisher(tmp_path / "state")
    at = 1_800_000_000.0
    view = LiveView(
        source=str(source),
        pid=1,
        at=at,
        step="advice",
        advice_index=0,
        clock=LiveClock(meeting=754.0, advice=600.0, timebox_minutes=8),
        session=load_session(source),
    )
    assert publisher.publish(source, 1, lambda: view)
    pack = load_pack(bundled_pack_dir("da"))
    app = PresentApp(source, pack, state_dir=tmp_path / "state", now=lambda: at, poll_interval=None)
    try:
        async with app.run_test(size=(50, 16)) as pilot:
            await settle(pilot)
            assert "OVER TID" in screen_text(app)
            assert "Holdets noter" in screen_text(app)  # one word for the team, as the leader's
    finally:
        publisher.close()


async def test_the_english_save_dialog_says_where_it_will_save(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with running(app, SIZE) as pilot:
        await press(pilot, "enter")
        await press_text(pilot, "Rota")
        await press(pilot, "enter", "enter", "enter", "enter")  # the last field's Enter starts
        await settle(pilot)
        await press(pilot, "ctrl+s")
        words = " ".join(top_text(app).split())
        assert "Will be saved as: " in words
        assert "Saved as:" not in words.replace("Will be saved as:", "")


async def test_the_english_file_changed_dialog_shows_every_button_whole(
    tmp_path: Path, other_process: int
) -> None:
    path = meeting_file(tmp_path, lang="en")
    lock_for(path, other_process)
    app = make_app(tmp_path, file=path, lang="en")
    async with running(app, SIZE) as pilot:
        await press(pilot, "right", "right", "enter")  # Open anyway
        await settle(pilot)
        await press_text(pilot, " B")
        theirs = load_session(path)
        session_ops.set_notes(theirs, "rammer", "A's note")
        save_session(theirs, path)
        await press(pilot, "ctrl+s")
        line = find_line(app, "Overwrite")
        for label in ("Save as a copy", "Take the file's version", "Overwrite", "Cancel"):
            assert label in line


# -- (3) the meeting clock is kept with the session ---------------------------------------


async def test_a_reopened_meeting_goes_on_at_the_time_it_had_run(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    fake = FakeClock()
    app = make_app(tmp_path, file=path, clock=MeetingClock(now=fake.now))
    async with running(app, (120, 30)) as pilot:
        await press(pilot, "ctrl+t")  # 8 minutes per advice
        fake.seconds += 125
        app.tick_clock()
        await press(pilot, "ctrl+s")
        await settle(pilot)
    again = make_app(tmp_path, file=path, clock=MeetingClock(now=FakeClock().now))
    async with running(again, (120, 30)):
        top = screen_text(again).splitlines()[0]
        assert "møde 2:05/90 min" in top
        assert "råd 2:05/8:00" in top


async def test_a_recovery_copy_keeps_the_meetings_time(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    fake = FakeClock()
    app = make_app(tmp_path, file=path, clock=MeetingClock(now=fake.now))
    async with running(app, (120, 30)) as pilot:
        await press_text(pilot, " x")
        fake.seconds += 65
        app.tick_clock()
        app.files.write_recovery_now()  # what a crash or a closed terminal leaves
        copy = next(recovery.recovery_folder(tmp_path / "state").glob("recovery-*.toml"))
        kept = recovery.load_recovery(recovery.read_recovery(copy))
        assert session_ops.clock_of(kept)[0] == 65


# -- (4) the roles table at 80 columns ----------------------------------------------------


async def test_the_roles_table_at_80_columns_keeps_names_words_and_the_cell_in_view(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, SIZE) as pilot:
        await press(pilot, "f4")
        await settle(pilot)
        text = screen_text(app)
        # A word longer than its column is hyphenated, never cut silently.
        assert "fagspeciali-" in text and "fagspecialis\n" not in text
        await press(pilot, "ctrl+k")
        await press_text(pilot, "Frist")
        await press(pilot, "enter")
        await press(pilot, "right", "right", "right", "down")  # the last column, far right
        await settle(pilot)
        text = screen_text(app)
        for name in ("Ledere", "Medarbejdere"):
            assert name in text  # the names' column stays while the table scrolls
        assert "Status og næste" in text and "skridt" in text  # the header whole
        await press_text(pilot, "Aftalt med IT senest fredag")
        await press(pilot, "ctrl+s")  # the cell editor's "Færdig"
        await settle(pilot)
        text = screen_text(app)
        assert "Aftalt med IT" in text  # the column just edited is still in view
        detail = find_line(app, "Medarbejdere generelt – Status og næste skridt:")
        assert detail.endswith("Status og næste skridt: Aftalt med IT senest fredag")


def test_a_word_longer_than_a_column_is_hyphenated_never_broken_bare() -> None:
    assert hyphenated("digitaliseringsforløbet er i gang", 10) == (
        "digitalis- eringsfor- løbet er i gang"
    )
    assert hyphenated("kort\nlinje", 10) == "kort\nlinje"
