"""A whole meeting, scripted with Pilot: start, notes, votes, priorities, roles, save, export,
quit, reopen and continue. Assertions are on the session in memory and on the files written."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, TextArea

from inddrag.domain.storage import load_session
from tests.ui_helpers import make_app, meeting_file, settle


async def type_into(pilot, widget_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(f"#{widget_id}")
    if isinstance(widget, Input):
        widget.value = text
    else:
        assert isinstance(widget, TextArea)
        widget.insert(text)
    await pilot.pause()


async def test_a_whole_meeting(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Start: "Ny holddrøftelse" is the first choice.
        await pilot.press("enter")
        await settle(pilot)
        await type_into(pilot, "title", "Nyt vagtplanssystem")
        await type_into(pilot, "team", "Hjemmeplejen Nord")
        await type_into(pilot, "facilitator", "Anna Jensen")
        await type_into(pilot, "participants", "Anna Jensen, Bo Larsen")
        await pilot.click("#start")
        await settle(pilot)
        assert app.screen.id == "advice"
        assert app.session is not None
        assert app.session.session.participants == ["Anna Jensen", "Bo Larsen"]

        # Notes on three advice, votes on two; ctrl+n moves while typing.
        await type_into(pilot, "notes", "Aftenvagterne rammes hårdest. [red]ikke rød[/red]")
        await pilot.press("escape", "plus", "plus", "plus")
        await pilot.press("ctrl+n")
        await type_into(pilot, "notes", "Hvad ligger fast?")
        await pilot.press("ctrl+n", "ctrl+n")
        await type_into(pilot, "notes", "Orientér tidligt – æøå ÆØÅ")
        await pilot.press("escape", "plus")
        await pilot.press("ctrl+b")
        assert app.advice_index == 2
        session = app.session
        assert session.entry("konsekvenser").notes.endswith("[red]ikke rød[/red]")
        assert session.entry("konsekvenser").votes == 3
        assert session.entry("tidligt").votes == 1
        assert "● ikke gemt" in app.sub_title

        # Prioritise: the list starts on the advice with most votes; mark two, reorder.
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen.id == "prioritise"
        await pilot.press("space")  # marks konsekvenser (3 votes, first in the rest)
        listing = app.screen.query_one(OptionList)
        # Move to tidligt (1 vote, now first of the rest) and mark it too.
        ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        listing.highlighted = ids.index("tidligt")
        await pilot.press("space")
        await pilot.press("plus")  # tidligt above konsekvenser
        assert session.priorities.order == ["tidligt", "konsekvenser"]

        # Roles: fill a cell, add a row and a column, rename and remove one.
        await pilot.press("f4")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        table.cursor_coordinate = table.cursor_coordinate._replace(row=0, column=1)
        await pilot.press("enter")
        await settle(pilot)
        await type_into(pilot, "cell-text", "Skabe klarhed\nom rammer | roller")
        await pilot.press("escape")
        await settle(pilot)
        assert session.roles.rows[0].cells["hvad"] == "Skabe klarhed\nom rammer | roller"
        await pilot.press("n")
        await settle(pilot)
        await type_into(pilot, "name", "Projektleder")
        await pilot.press("enter")
        await settle(pilot)
        assert session.roles.rows[1].name == "Projektleder"
        await pilot.press("k")
        await settle(pilot)
        await type_into(pilot, "name", "Ansvarlig")
        await pilot.press("enter")
        await settle(pilot)
        titles = [c.title for c in session.roles.columns]
        assert titles == [
            "Hvad",
            "Ansvarlig",
            "Hvornår/hvor ofte?",
            "Hvordan",
            "Status og næste skridt",
        ]
        await pilot.press("shift+r")  # rename the column under the cursor (Ansvarlig)
        await settle(pilot)
        app.screen.query_one("#name", Input).value = "Hvem har bolden"
        await pilot.press("enter")
        await settle(pilot)
        assert session.roles.columns[1].title == "Hvem har bolden"
        # Remove the empty row without a question; the row with text asks first.
        table = app.screen.query_one(DataTable)
        table.cursor_coordinate = table.cursor_coordinate._replace(row=1)
        await pilot.press("delete")
        await settle(pilot)
        assert [r.name for r in session.roles.rows][:2] == ["Ledere", "Medarbejdere generelt"]
        table.cursor_coordinate = table.cursor_coordinate._replace(row=0)
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.query_one("#cancel").has_focus  # "Annullér" is preselected
        await pilot.press("enter")
        await settle(pilot)
        assert session.roles.rows[0].name == "Ledere"

        # Save: the first ctrl+s asks where, proposing a name in the current folder.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#name", Input).value == "nyt-vagtplanssystem.toml"
        await pilot.press("enter")
        await settle(pilot)
        saved = tmp_path / "nyt-vagtplanssystem.toml"
        assert saved.exists()
        assert "✓" in app.sub_title

        # Export the summary from the summary step.
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert app.screen.query_one("#name", Input).value == "nyt-vagtplanssystem.md"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0

    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "inddrag-session"
    assert data["priorities"]["order"] == ["tidligt", "konsekvenser"]
    assert data["roles"]["columns"][1] == {"id": "ansvarlig", "title": "Hvem har bolden"}
    markdown = (tmp_path / "nyt-vagtplanssystem.md").read_text(encoding="utf-8")
    assert "Nyt vagtplanssystem" in markdown
    assert "Hvem har bolden" in markdown
    assert "Orientér tidligt – æøå ÆØÅ" in markdown
    assert not list((tmp_path / "state" / "recovery").glob("*.toml"))  # clean quit

    # Reopen: continue where we left off (the summary step) and add to the notes.
    app = make_app(tmp_path, file=saved)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.id == "summary"
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.id == "advice"
        assert app.advice_index == 2  # where we were when we left
        await pilot.press("ctrl+n")
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.text == "Orientér tidligt – æøå ÆØÅ"
        notes.move_cursor(notes.document.end)
        await type_into(pilot, "notes", " Mere.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    reopened = load_session(saved)
    assert reopened.entry("tidligt").notes == "Orientér tidligt – æøå ÆØÅ Mere."


async def test_quit_with_unsaved_changes_asks_and_cancel_keeps_the_app(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_into(pilot, "notes", "Ny tanke. ")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.screen.query_one("#save").has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and app.screen.id == "advice"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#discard")
        await settle(pilot)
    assert app.return_code == 0
    assert "Ny tanke" not in path.read_text(encoding="utf-8")


async def test_user_text_is_never_markup(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notes = app.screen.query_one("#notes", TextArea)
        assert "[bold]IT[/bold]" in notes.text
        await pilot.press("f4")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        cell = table.get_cell_at(table.cursor_coordinate._replace(row=0, column=1))
        assert str(cell) == "Skabe klarhed om rammer | roller"


async def test_english_pack_speaks_english(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        first = str(options.get_option_at_index(0).prompt)
        assert first.startswith("New team discussion")


async def test_prepared_notes_appear_on_the_advice(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path, inputs=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # advice 4, "tidligt"
        await settle(pilot)
        prepared = str(app.screen.query_one("#advice-prepared").render())
        assert "Bo Larsen" in prepared and "Inddrag os før udbuddet." in prepared
        assert "2 har forberedt sig, 2 har prioriteret rådet" in prepared
        await pilot.press("escape")  # leave the notes: digits now jump
        await pilot.press("9")  # digits jump when the notes are not focused
        await settle(pilot)
        assert app.advice_index == 8
        prepared = str(app.screen.query_one("#advice-prepared").render())
        assert "Anonym" in prepared and "<script>" in prepared


async def test_bring_in_preparation_inside_the_app(tmp_path: Path) -> None:
    from inddrag.domain import session as ops
    from inddrag.domain.content import bundled_pack_dir, load_pack
    from inddrag.domain.storage import save_session

    pack = load_pack(bundled_pack_dir("da"))
    for name, order in (("Bo Larsen", ["tidligt", "agile"]), ("Dorte Ø", ["agile"])):
        prep = ops.new_session(pack, "prep")
        prep.session.facilitator = name
        ops.set_priorities(prep, order)
        ops.set_notes(prep, order[0], f"Noter fra {name} | <b>")
        save_session(prep, tmp_path / f"forb-{name[:2].lower()}.toml")
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.merge_preparation()
        await settle(pilot)
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert sorted(prompts) == [
            "[✓] Bo Larsen  (forb-bo.toml)",
            "[✓] Dorte Ø  (forb-do.toml)",
        ]
        await pilot.press("space")  # untick the first one listed
        await pilot.click("#merge")
        await settle(pilot)
        await pilot.press("enter")  # the report of what was brought in
        await settle(pilot)
        assert app.session is not None
        assert len(app.session.inputs) == 1
        assert "● ikke gemt" in app.sub_title
        await pilot.press("f3")
        await settle(pilot)
        assert "forberedelser" in str(app.screen.query_one("#prio-disagree").render())


async def test_timebox_counts_down_says_when_time_is_up_and_stops_on_the_next_advice(
    tmp_path: Path,
) -> None:
    import time

    from inddrag.ui.widgets.timebox import Timebox

    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        timebox = app.screen.query_one(Timebox)
        assert str(timebox.render()) in {"⏱ 8:00", "⏱ 7:59"}
        timebox.deadline = time.monotonic() - 1
        timebox.tick()
        assert str(timebox.render()) == "⏱ 0:00 – tiden er gået"
        await pilot.press("ctrl+n")
        assert not timebox.running and str(timebox.render()) == ""
        app.start_timebox(3)
        await settle(pilot)
        assert str(timebox.render()) in {"⏱ 3:00", "⏱ 2:59"}
        await pilot.press("ctrl+t")
        assert not timebox.running


async def test_opening_and_reading_a_file_leaves_it_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+b", "f3", "f4", "f5", "f2")
        await settle(pilot)
        assert not app.dirty and "✓" in app.sub_title
        await type_into(pilot, "notes", "x")
        await settle(pilot)
        assert app.dirty and "●" in app.sub_title
