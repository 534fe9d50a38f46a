"""The footer rebuilds its keys when what they show changes, and only then."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

from inddrag.ui.widgets.footer import Footer
from tests.waiting import wait_until


class Two(App[None]):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Næste"),
        Binding("ctrl+r", "vote", "Stem"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.voting = True

    def compose(self) -> ComposeResult:
        yield TextArea(id="a")
        yield TextArea(id="b")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "vote" and not self.voting else True

    def action_next(self) -> None:
        self.query_one("#b" if self.focused and self.focused.id == "a" else "#a").focus()


def keys(app: App[None]) -> list[FooterKey]:
    return list(app.query(FooterKey))


async def test_the_same_keys_are_not_built_again_but_a_change_shows() -> None:
    app = Two()
    async with app.run_test(size=(80, 10)) as pilot:
        await wait_until(lambda: len(keys(app)) == 2, pause=pilot.pause)
        built = keys(app)
        assert [(k.key, k.description, k.has_class("-disabled")) for k in built] == [
            ("ctrl+n", "Næste", False),
            ("ctrl+r", "Stem", False),
        ]
        for _ in range(4):  # focus moves between two editors: the same keys either way
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert keys(app) == built  # the very same widgets: nothing was rebuilt

        app.voting = False
        app.refresh_bindings()

        def shown() -> list[tuple[str, bool]]:
            return [(k.key, k.has_class("-disabled")) for k in keys(app)]

        await wait_until(
            lambda: shown() == [("ctrl+n", False), ("ctrl+r", True)], pause=pilot.pause
        )
        assert not set(keys(app)) & set(built)  # built again, to show the change
