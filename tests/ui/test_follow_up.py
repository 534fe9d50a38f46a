"""Follow-up (issue 13): reopening a session from an earlier meeting offers “Opfølgning”;
the roles table then shows what each changed cell said last time."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from tests.ui_helpers import dialog_text, make_app, meeting_file, screen_text, settle
from tests.waiting import wait_until

A_MONTH_LATER = date(2026, 12, 29)
"""The day the team meets again: a fixed date, so the test reads the same every day."""


async def test_reopening_a_month_later_offers_a_follow_up_meeting(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)  # held on 26 November 2026
    app = make_app(tmp_path, file=path, today=A_MONTH_LATER)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await wait_until(
            lambda: "Opfølgning" in dialog_text(app),
            pause=pilot.pause,
            what=lambda: f"the follow-up offer, not {dialog_text(app)!r}",
        )
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
    assert dates == [date(2026, 11, 26), A_MONTH_LATER]
