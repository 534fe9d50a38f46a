"""The bulleted list the advice step draws its questions with."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from inddrag.ui.widgets.bullets import Bullets


def test_wrapped_lines_hang_under_the_text_and_nothing_is_lost() -> None:
    console = Console(width=20, record=True, color_system=None)
    items = [Text("Hvilke opgaver bliver lettere?"), Text("Kort"), Text("Linje én\nlinje to")]
    console.print(Bullets(items))
    assert console.export_text().splitlines() == [
        "• Hvilke opgaver",
        "  bliver lettere?",
        "• Kort",
        "• Linje én",
        "  linje to",
    ]


def test_it_measures_to_its_widest_item() -> None:
    console = Console(width=80)
    measured = console.measure(Bullets([Text("abc"), Text("abcdef")]))
    assert (measured.minimum, measured.maximum) == (3, 8)
