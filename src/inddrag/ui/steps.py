"""The steps of the walk, listed once.

This table drives the App's keys (F2–F5), the step bar, the palette's "Gå til …" entries,
the help screen and the tests. A step's screen is imported and built the first time it is
shown. To add a step: one row here, one screen module (a :class:`StepScreen`) with its
``.tcss``, and its strings in ``i18n/*/ui.toml`` and ``cmd.toml``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of the walk."""

    id: str
    key: str
    #: ``module:Class`` of its screen, imported when first shown.
    screen: str

    @property
    def label_key(self) -> str:
        """The string key of the step's name (``ui.step_advice`` → "Råd")."""
        return f"ui.step_{self.id}"

    @property
    def help_key(self) -> str:
        """The string key of the step's one-line description."""
        return f"cmd.step_{self.id}_help"

    def screen_class(self) -> type:
        """The class of its screen (imported now; the App builds it with a Context)."""
        module, _, name = self.screen.partition(":")
        found: type = getattr(importlib.import_module(module), name)
        return found


STEPS: tuple[Step, ...] = (
    Step("advice", "f2", "inddrag.ui.screens.advice:AdviceScreen"),
    Step("prioritise", "f3", "inddrag.ui.screens.prioritise:PrioritiseScreen"),
    Step("roles", "f4", "inddrag.ui.screens.roles:RolesScreen"),
    Step("summary", "f5", "inddrag.ui.screens.summary:SummaryScreen"),
)
STEP_IDS = tuple(step.id for step in STEPS)


def step_by_id(step_id: str) -> Step | None:
    """The step called ``step_id``."""
    return next((step for step in STEPS if step.id == step_id), None)
