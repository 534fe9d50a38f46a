""" "Deltagerne svarer selv": the QR code, the link and the live count, until answers close.

Closed with one key (Enter on "Luk for svar", or Escape); either way answers close. The QR
code is drawn light on dark in fixed colours, so it scans whatever the theme.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from inddrag.domain.collect import qr_half_blocks
from inddrag.domain.safe_text import visible
from inddrag.i18n import t_plural
from inddrag.ui.dialogs.base import Dialog

QR_STYLE = "#ffffff on #000000"


def qr_text(url: str) -> Text:
    """The link's QR code as half blocks, light modules drawn, in fixed colours."""
    return Text("\n".join(qr_half_blocks(url)), style=QR_STYLE, no_wrap=True)


class CollectDialog(Dialog[None]):
    """Shows where to answer and how many have; returns when the leader closes answers."""

    DEFAULT_CSS = """
    CollectDialog .collect-row { height: auto; }
    CollectDialog #collect-qr { width: auto; height: auto; margin-right: 2; }
    CollectDialog #collect-side { width: 1fr; height: auto; }
    CollectDialog #collect-link { text-style: bold; padding-bottom: 1; }
    CollectDialog #collect-count { text-style: bold; color: $accent; padding-bottom: 1; }
    CollectDialog #collect-warning { text-style: bold; padding-bottom: 1; }
    """

    def __init__(self, lang: str, url: str, count: int, warning: str = "") -> None:
        super().__init__(lang)
        self.url = url
        self.count = count
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.tr("collect.app_title"), classes="dialog-title")
            with Horizontal(classes="collect-row"):
                yield Static(qr_text(self.url), id="collect-qr")
                with Vertical(id="collect-side"):
                    yield Static(self.tr("collect.app_scan"), classes="dialog-text")
                    yield Static(Text(visible(self.url)), id="collect-link")
                    yield Static(self._count_text(), id="collect-count")
                    if self.warning:
                        yield Static(self.warning, id="collect-warning")
                    yield Static(self.tr("collect.app_close_hint"), classes="dialog-text")
                    with Horizontal(classes="dialog-buttons"):
                        yield Button(self.tr("collect.app_close"), id="close")

    def _count_text(self) -> str:
        return t_plural("collect.answered", self.count, self.lang)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def show_count(self, count: int) -> None:
        """Another answer arrived."""
        self.count = count
        if self.is_mounted:
            self.query_one("#collect-count", Static).update(self._count_text())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
