"""The plenary from the start screen (issue 13): tick the groups' files, choose a format
and a name, and the overview is written; a broken file is named with its error."""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.storage import load_session, save_session
from tests.ui_helpers import dialog_text, make_app, meeting_file, settle
from tests.waiting import wait_until


def three_groups(folder: Path) -> None:
    base = load_session(meeting_file(folder))
    (folder / "møde.toml").unlink()
    for name in ("Nord", "Syd", "Vest"):
        group = base.model_copy(deep=True)
        group.session.team = f"Gruppe {name}"
        save_session(group, folder / f"gruppe-{name.lower()}.toml")
    (folder / "ødelagt.toml").write_text("[session\n", encoding="utf-8")


async def test_three_groups_become_one_overview(tmp_path: Path) -> None:
    three_groups(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("end", "enter")  # "Saml gruppernes filer til plenum …"
        await settle(pilot)
        # The folder is read in the background: wait for what it found.
        text = await wait_until(
            lambda: "3 holdsessioner" in (shown := dialog_text(app)) and shown,
            pause=pilot.pause,
            what=lambda: f"the groups found, not {dialog_text(app)!r}",
        )
        assert "3 holdsessioner" in text and "Gruppe Syd" in text
        assert "ødelagt.toml" in text  # named, with its error
        await pilot.press("tab", "tab", "enter")  # Saml
        await settle(pilot)
        assert "Hvilket format?" in dialog_text(app)
        await pilot.press("enter")  # Markdown (preselected)
        await settle(pilot)
        await pilot.press("enter")  # plenum.md
        await settle(pilot)
    overview = (tmp_path / "plenum.md").read_text(encoding="utf-8")
    assert all(f"Gruppe {name}" in overview for name in ("Nord", "Syd", "Vest"))
