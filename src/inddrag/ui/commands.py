"""The command palette (ctrl+p): go to any advice or step, save, export, theme, quit.

Titles follow Posting's "group: verb" style, in the session's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

if TYPE_CHECKING:
    from inddrag.ui.app import InddragApp


def walk_commands(app: InddragApp) -> list[tuple[str, str, object]]:
    """(title, help, callback) for every command of the walk."""
    tr = app.tr
    out: list[tuple[str, str, object]] = []
    if app.session is not None:
        for step in ("advice", "prioritise", "roles", "summary"):
            out.append(
                (
                    tr("cmd.step", step=tr(f"ui.step_{step}")),
                    tr(f"cmd.step_{step}_help"),
                    partial(app.show_step, step),
                )
            )
        for index, advice in enumerate(app.pack.advice):
            out.append(
                (
                    tr("cmd.goto_advice", number=index + 1, title=advice.title),
                    tr("cmd.goto_advice_help"),
                    partial(app.go_to_advice, index),
                )
            )
        for minutes in (3, 5, 8, 10, 15):
            out.append(
                (
                    tr("cmd.timebox", minutes=minutes),
                    tr("cmd.timebox_help"),
                    partial(app.start_timebox, minutes),
                )
            )
        out.append((tr("cmd.save"), tr("cmd.save_help"), app.save))
        out.append((tr("cmd.save_as"), tr("cmd.save_as_help"), partial(app.save, ask=True)))
        out.append((tr("cmd.export_md"), tr("cmd.export_md_help"), partial(app.export, "md")))
        out.append((tr("cmd.export_csv"), tr("cmd.export_csv_help"), partial(app.export, "csv")))
        if app.session.kind == "team":
            out.append((tr("cmd.merge"), tr("cmd.merge_help"), app.merge_preparation))
    return out


class WalkCommands(Provider):
    """Commands of the walk, searchable by their Danish (or English) titles."""

    @property
    def _app(self) -> InddragApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        for title, help_text, callback in walk_commands(self._app):
            yield DiscoveryHit(title, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in walk_commands(self._app):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)  # type: ignore[arg-type]


def system_commands(app: InddragApp, screen: Screen[object]) -> Iterable[SystemCommand]:
    """Textual's own palette commands, in our words."""
    tr = app.tr
    yield SystemCommand(tr("cmd.theme"), tr("cmd.theme_help"), app.action_change_theme)
    yield SystemCommand(tr("cmd.help"), tr("cmd.help_help"), app.action_help)
    yield SystemCommand(tr("cmd.keys"), tr("cmd.keys_help"), app.action_show_help_panel)
    yield SystemCommand(tr("cmd.quit"), tr("cmd.quit_help"), app.action_quit)
