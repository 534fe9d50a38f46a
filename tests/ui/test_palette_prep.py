"""The palette in a preparation speaks to one person and offers only what works there
(issue 21, item 7): no "for jer", no adopting a preparation's order, no key written twice."""

from __future__ import annotations

from pathlib import Path

from tests.ui.helpers import make_app, press, press_text, running, screen_text


async def test_the_palette_of_a_preparation(tmp_path: Path) -> None:
    app = make_app(tmp_path, prep=True)
    async with running(app) as pilot:
        await press_text(pilot, "Min forberedelse")
        await press(pilot, "ctrl+j", "ctrl+p")
        await press_text(pilot, "trin")
        await press(pilot)
        text = screen_text(app)
        assert "Trin: Prioritér  (F3)" in text and "(F3)  (F3)" not in text
        assert "Hvilke er vigtigst for dig?" in text
        assert "for jer" not in text
        await press(pilot, "ctrl+u")
        await press_text(pilot, "forberedelsens")
        await press(pilot)
        assert "Brug forberedelsens rækkefølge" not in screen_text(app)
