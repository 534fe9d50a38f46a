"""The “Opfølgning” dialog: its words, its preselected answer, keys only."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App

from inddrag.ui.dialogs.follow_up import CONTINUE, FOLLOW_UP, follow_up_dialog
from tests.ui_helpers import screen_text


class _Host(App[None]):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.answers: list[str | None] = []

    def on_mount(self) -> None:
        dialog = follow_up_dialog(self.lang, date(2026, 11, 26), date(2027, 2, 10))
        self.push_screen(dialog, self.answers.append)


@pytest.mark.parametrize(
    ("keys", "answer"),
    [(["enter"], FOLLOW_UP), (["right", "enter"], CONTINUE), (["escape"], None)],
)
async def test_the_answers_by_keyboard(keys: list[str], answer: str | None) -> None:
    app = _Host("da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Opfølgning" in text and "26. november 2026" in text and "10. februar 2027" in text
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
    assert app.answers == [answer]


async def test_in_english() -> None:
    app = _Host("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Follow-up – new meeting today" in screen_text(app)
