"""The app shows the summary's disagreement rule (issue 21, item 1): the advice step says
when an advice is a real split, the prioritise step (F3) states the rule with its numbers."""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_many_hands import merge_on_disk, write_preps
from tests.ui_helpers import make_app, meeting_file, screen_text, settle


async def test_the_advice_step_and_f3_use_the_summarys_rule(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    merge_on_disk(path, write_preps(tmp_path))
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g", "end", "enter")  # advice 10: Anna 1st, Carl 10th
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Her er I uenige: plads 1–10 (9 fra hinanden) · 1 har det ikke med" in text
        await pilot.press("f3")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert (
            "(blandt dem, der har rangordnet rådet: nogen har det på de 3 øverste pladser og"
            " nogen på de 3 nederste, eller der er mindst 5 pladser imellem)"
        ) in text
