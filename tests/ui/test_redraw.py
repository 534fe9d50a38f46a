"""A step is drawn again when what it shows changed, and only then: back from a dialog it
is as it was left (the advice's text scrolled where it was), back from another screen
that changed the session it shows the change."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll

from tests.ui.helpers import make_app, meeting_file, press, running, screen_text
from tests.ui.test_advice import votes_shown


async def test_back_from_help_the_advice_text_is_scrolled_where_it_was(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app, size=(80, 16)) as pilot:
        card = app.screen.query_one("#advice-card", VerticalScroll)
        await press(pilot, "ctrl+down")  # scroll the advice's text a page down
        scrolled = card.scroll_y
        assert scrolled > 0
        await press(pilot, "f1")
        assert "Esc lukker hjælpen." in screen_text(app)
        await press(pilot, "escape")
        assert app.screen.id == "advice"
        assert card.scroll_y == scrolled  # it was drawn afresh, scrolled home, before


async def test_a_vote_given_in_presentation_mode_shows_on_the_step(tmp_path: Path) -> None:
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        assert votes_shown(app) == 5  # the fixture's first advice
        await press(pilot, "f6")  # presentation mode
        await press(pilot, "f8")
        await press(pilot, "escape")
        assert app.screen.id == "advice"
        assert votes_shown(app) == 6


async def test_a_file_opened_from_the_command_line_is_drawn_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first step is drawn once at start: it was drawn again when Textual set up the
    app's reactives, loading the notes a second time. Moving to the next advice shows that
    advice without drawing the whole step again."""
    from inddrag.ui.screens.advice import AdviceScreen

    draws: list[int] = []
    original = AdviceScreen.show_session

    def counted(self: AdviceScreen) -> None:
        draws.append(self.context.state.advice_index)
        original(self)

    monkeypatch.setattr(AdviceScreen, "show_session", counted)
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with running(app) as pilot:
        await pilot.pause()
        assert draws == [0]
        await press(pilot, "ctrl+n")
        assert "Råd 2 af 10" in screen_text(app)
        assert draws == [0]
