"""The bar under the status line: the steps of the walk, the current one marked."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from inddrag.i18n import t
from inddrag.ui.commands import key_label
from inddrag.ui.steps import STEPS


class StepBar(Static):
    """``▶ F2 Råd · F3 Prioritér · F4 Roller · F5 Referat`` with the current step marked.

    The current step is bold, reversed *and* has an arrow, so it does not rely on colour.
    Clicking a step goes there.
    """

    DEFAULT_CSS = """
    StepBar { height: 1; width: 1fr; background: $panel; color: $text-muted; }
    """

    def __init__(self, current: str, lang: str) -> None:
        super().__init__()
        self.current = current
        self.lang = lang

    def on_mount(self) -> None:
        self.update(self.render_steps())

    def render_steps(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, step in enumerate(STEPS):
            if index:
                text.append(" · ")
            label = f"{key_label(step.key)} {t(step.label_key, self.lang)}"
            if step.id == self.current:
                text.append(f"▶ {label} ", style="bold reverse")
            else:
                text.append(label, style=Style(meta={"@click": f"app.step('{step.id}')"}))
        return text
