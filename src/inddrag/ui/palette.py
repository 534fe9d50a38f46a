"""The command palette (ctrl+p): every command of the table that works here, every advice,
the timebox, in the session's language.

Titles follow Posting's "group: verb" style. When nothing matches, the provider itself
says so in the user's language (Textual's own "No matches found" is English and cannot be
changed), so that sentence never appears.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from inddrag.i18n import catalog
from inddrag.ui.commands import COMMANDS, can_run, first_key

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp

TIMEBOX_CHOICES = (3, 5, 8, 10, 15)


def palette_entries(
    app: InddragApp, screen: Screen[object]
) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) for every command that can be run on ``screen``."""
    tr = app.tr
    here = {active.binding.id for active in screen.active_bindings.values()}
    out: list[tuple[str, str, Callable[[], object]]] = []
    for command in COMMANDS.values():
        if not command.palette:
            continue
        if command.action.startswith("screen.") and command.id not in here:
            continue  # not a command of this screen
        if not can_run(screen, command):
            continue  # its needs do not hold now (the table's ``needs``)
        key = first_key(command)
        title = tr(command.palette) + (f"  ({key})" if key else "")
        callback = partial(app.run_action, command.action, screen)
        out.append((title, _for_kind(app, command.tooltip), callback))
    if app.state is not None:
        for index, advice in enumerate(app.pack.advice):
            title = tr("cmd.goto_advice", number=index + 1, title=advice.title)
            out.append((title, tr("cmd.goto_advice_help"), partial(app.go_to_advice, index)))
        for minutes in TIMEBOX_CHOICES:
            title = tr("cmd.timebox", minutes=minutes)
            out.append((title, tr("cmd.timebox_help"), partial(app.action_timebox, minutes)))
    return out


def _for_kind(app: InddragApp, key: str) -> str:
    """The words of ``key``, in a preparation those written for one person (``KEY_prep``:
    "for dig", not "for jer") where there are such."""
    if not key:
        return ""
    if app.state is not None and app.state.kind == "prep" and f"{key}_prep" in catalog(app.lang):
        key = f"{key}_prep"
    return app.tr(key)


class WalkCommands(Provider):
    """Commands of the walk, searchable by their Danish (or English) titles."""

    @property
    def _app(self) -> InddragApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for title, help_text, callback in palette_entries(self._app, self.screen):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for title, help_text, callback in palette_entries(self._app, self.screen):
            score = matcher.match(title)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        if not found and query.strip():
            text = self._app.tr("ui.palette_no_match", query=query.strip())
            yield Hit(0.001, text, lambda: None, help=self._app.tr("ui.palette_no_match_help"))
