"""Issue 22, item 7: preparation removed on disk while the file is open is never taken
silently; the next save asks, as for any other change from outside."""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.reconcile import reconcile
from inddrag.domain.storage import load_session, save_session
from tests.ui_helpers import dialog_text, make_app, meeting_file, settle, toast_text


def test_reconcile_calls_a_removed_input_a_conflict(tmp_path: Path) -> None:
    base = load_session(meeting_file(tmp_path, inputs=True))
    assert len(base.inputs) >= 2
    theirs = base.model_copy(deep=True)
    theirs.inputs.pop(0)
    assert reconcile(base, base, theirs).outcome == "conflict"
    replaced = base.model_copy(deep=True)
    replaced.inputs[0].order = list(reversed(replaced.inputs[0].order)) or ["tidligt"]
    assert reconcile(base, base, replaced).outcome == "inputs"  # a merge replacing one


async def test_a_removed_input_makes_the_next_save_ask(tmp_path: Path) -> None:
    path = meeting_file(tmp_path, inputs=True)
    app = make_app(tmp_path, file=path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        on_disk = load_session(path)
        gone = on_disk.inputs.pop(0)
        save_session(on_disk, path)
        app.files.guard._last_look = 0  # the once-a-second look comes now
        app.files.autosave_now()
        await settle(pilot)
        assert "er ændret af en anden" in toast_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Filen er ændret, siden I åbnede den" in dialog_text(app)
        await pilot.press("escape")
        await settle(pilot)
    assert gone.participant not in {i.participant for i in load_session(path).inputs}
