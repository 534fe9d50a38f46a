"""No screen ever shows a raw string id or Textual's English in the Danish UI (issue 10,
item 8): every binding of every step, with each of its widgets focused, in both languages,
as the footer and the help show it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding

from inddrag.ui.localise import localised
from tests.ui_helpers import make_app, meeting_file, screen_text, settle

RAW = ("keys.", "ui.", "cmd.", "textual.")
STEP_KEYS = {"advice": "f2", "prioritise": "f3", "roles": "f4", "summary": "f5"}


def english_labels() -> set[str]:
    """Textual's own English binding labels (which must not show in Danish)."""
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import Button, DataTable, Input, OptionList, TextArea

    labels: set[str] = set()
    for cls in (TextArea, Input, DataTable, OptionList, Button, VerticalScroll, App):
        for group in cls._merge_bindings().key_to_bindings.values():
            labels |= {b.description for b in group if b.description}
    return labels


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("step", list(STEP_KEYS))
async def test_every_binding_reads_as_words(tmp_path: Path, lang: str, step: str) -> None:
    path = meeting_file(tmp_path, lang, inputs=True)
    app = make_app(tmp_path, file=path)
    english = english_labels() if lang == "da" else set()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(STEP_KEYS[step])
        await settle(pilot)
        for _ in range(6):  # each focusable widget in turn
            for active in app.screen.active_bindings.values():
                binding: Binding = active.binding
                for words in (binding.description, binding.tooltip):
                    assert not words.startswith(RAW), (step, binding)
                    assert words not in english, (step, binding)
            text = screen_text(app)
            assert not any(raw in text for raw in RAW), text
            await pilot.press("tab")
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert ("Esc lukker hjælpen" if lang == "da" else "Esc closes the help") in text
        assert not any(raw in text for raw in RAW), text


def test_a_label_translates_once_and_keeps_the_binding_otherwise() -> None:
    binding = Binding("f8", "screen.vote(1)", "keys.vote_up", tooltip="keys.vote_up_tip")
    danish = localised(binding, "da")
    assert (danish.description, danish.key, danish.action) == ("Stemme +", "f8", "screen.vote(1)")
    assert localised(Binding("up", "x", "Cursor up"), "da").description == "Markør op"
    assert localised(Binding("up", "x", "Cursor up"), "en").description == "Cursor up"
