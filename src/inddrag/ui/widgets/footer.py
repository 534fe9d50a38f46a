"""The footer of every step and of the start screen: Textual's, rebuilt only on a change.

Textual's ``Footer`` throws its keys away and builds them again whenever the screen says
its bindings may have changed: every focus change, every action. On the advice step that
is every move and every vote, and the rebuild (a widget per key, each styled and laid
out) cost more than the move itself. This footer first reads what it would show (each
key, its label, whether it is available, its tooltip, the compact flag) and rebuilds only
when that differs from what it shows.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """A footer that rebuilds its keys only when they would look different."""

    def __init__(self) -> None:
        super().__init__()
        #: What the keys were last built from (None: not built yet).
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    def _showing(self) -> tuple[object, ...]:
        """What the keys would show now."""
        shown: list[object] = [self.compact, self.show_command_palette]
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show or binding.action == "command_palette":
                label = (binding.key, binding.key_display, binding.description, binding.action)
                shown.append((*label, enabled, tooltip))
        return tuple(shown)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        showing = self._showing()
        if showing != self._shown:
            self._shown = showing
            await self.recompose()
