"""Follow-up (issue 13): reopening a session from an earlier meeting offers “Opfølgning”;
the roles table then shows what each changed cell said last time."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from tests.ui_helpers import dialog_text, make_app, meeting_file, screen_text, settle


async def test_reopening_a_month_later_offers_a_follow_up_meeting(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)  # held on 26 November 2026
    app = make_app(tmp_path, file=path, today=date.today())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert "Opfølgning" in dialog_text(app)
        await pilot.press("enter")  # Opfølgning – nyt møde i dag (preselected)
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press(
            "down", "down", "down", "right", "right", "right"
        )  # Tillidsvalgte, status
        await pilot.press(*" – afholdt", "ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "sidst: Møde med IT" in text, text
        await pilot.press("ctrl+s")
        await settle(pilot)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    dates = [m["date"] for m in data["meetings"]]
    assert dates[-1] == date.today() and len(dates) == 2
