"""The baseline: the smallest Textual app that shows the leaflet's title (Header, Static, Footer).

Run as a script it is what ``run.py`` launches in a pseudo-terminal to time the first
paint, and what it walks to measure memory. ``BareTextArea`` and ``BareStatic`` are the
baselines for a keystroke in the notes and for moving to the next advice.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static, TextArea

TITLE = "Ti gode råd om medarbejderinddragelse i digitaliseringen"


class MinimalApp(App[None]):
    """Header + Static + Footer, showing the same title the start screen shows."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Afslut")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TITLE, id="title")
        yield Footer()


class BareTextArea(App[None]):
    """One TextArea holding ``text``, sized like the app's notes (``width`` × ``height``)."""

    def __init__(self, text: str, width: int, height: int) -> None:
        super().__init__()
        self.text = text
        self.size_wanted = (width, height)

    def compose(self) -> ComposeResult:
        area = TextArea(self.text, id="notes")
        area.styles.width = self.size_wanted[0]
        area.styles.height = self.size_wanted[1]
        yield area

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)


class BareLayoutTextArea(App[None]):
    """The floor for a keystroke on the advice step: the same widgets around the notes (a
    status line, a step bar, the advice card beside the notes, a footer), each a bare
    Textual widget with no code of ours, and the notes a bare framed TextArea."""

    CSS = """
    #status, #steps { height: 1; background: $panel; }
    #main { height: 1fr; }
    #card { width: 1fr; max-width: 96; height: 100%; padding: 0 1; scrollbar-size-vertical: 1; }
    #notes { width: 1fr; height: 100%; border: round $accent; padding: 0 1; }
    """

    def __init__(self, text: str, advice: object) -> None:
        super().__init__()
        self.text = text
        self.advice = advice

    def compose(self) -> ComposeResult:
        yield Static(TITLE, id="status")
        yield Static("F2 Råd · F3 Prioritér · F4 Roller · F5 Referat", id="steps")
        with Horizontal(id="main"):
            with VerticalScroll(id="card"):
                yield Static("Råd 1 af 10")
                yield Static(self.advice)  # type: ignore[arg-type]
            yield TextArea(self.text, id="notes")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)


class BareStatic(App[None]):
    """One Static; ctrl+n swaps in the next of ``pages`` (the advice's text)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+n", "next", "Næste")]

    def __init__(self, pages: list[object]) -> None:
        super().__init__()
        self.pages = pages
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(self.pages[0], id="page")  # type: ignore[arg-type]

    def action_next(self) -> None:
        self.index = (self.index + 1) % len(self.pages)
        self.query_one("#page", Static).update(self.pages[self.index])  # type: ignore[arg-type]


class BareStaticAndNotes(App[None]):
    """The floor for moving to the next advice: one Static and one TextArea (sized like the
    app's notes); ctrl+n swaps the advice's text into the Static and its notes into the
    TextArea, cursor at the end. No layout, chrome or bookkeeping of our own."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+n", "next", "Næste")]

    def __init__(self, pages: list[object], notes: list[str], width: int, height: int) -> None:
        super().__init__()
        self.pages = pages
        self.notes = notes
        self.size_wanted = (width, height)
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(self.pages[0], id="page")  # type: ignore[arg-type]
        area = TextArea(self.notes[0], id="notes")
        area.styles.width = self.size_wanted[0]
        area.styles.height = self.size_wanted[1]
        yield area

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_next(self) -> None:
        self.index = (self.index + 1) % len(self.pages)
        self.query_one("#page", Static).update(self.pages[self.index])  # type: ignore[arg-type]
        area = self.query_one(TextArea)
        area.load_text(self.notes[self.index % len(self.notes)])
        area.move_cursor(area.document.end)


class BareStaticAndEditors(BareStaticAndNotes):
    """The floor for moving back to an advice when each advice keeps its own editor: one
    Static and one TextArea per advice (sized like the app's notes, all built at the
    start); ctrl+n swaps the advice's text into the Static and shows the next TextArea
    instead of the one shown, focused, cursor at the end."""

    def compose(self) -> ComposeResult:
        yield Static(self.pages[0], id="page")  # type: ignore[arg-type]
        for n, text in enumerate(self.notes):
            area = TextArea(text, classes="notes")
            area.styles.width = self.size_wanted[0]
            area.styles.height = self.size_wanted[1]
            area.display = n == 0
            yield area

    def on_mount(self) -> None:
        self.query(TextArea).first().focus()

    def action_next(self) -> None:
        self.index = (self.index + 1) % len(self.pages)
        self.query_one("#page", Static).update(self.pages[self.index])  # type: ignore[arg-type]
        areas = list(self.query(TextArea))
        shown = areas[self.index % len(areas)]
        shown.display = True
        self.set_focus(shown, scroll_visible=False)
        for area in areas:
            area.display = area is shown
        shown.move_cursor(shown.document.end)


class MinimalFileApp(MinimalApp):
    """The minimal app that first reads and parses a session file (``tomllib``), then shows
    the title of its first advice: the baseline for opening a large file."""

    def __init__(self, path: str) -> None:
        super().__init__()
        import tomllib

        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        self.first_title = str(data["advice"][0]["id"])

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(FIRST_ADVICE, id="title")
        yield Footer()


class MinimalLoaderApp(MinimalFileApp):
    """The minimal app that loads the session file as inddrag does (``load_session``: the
    bounded read, ``tomllib``, migration and the pydantic models), then shows the title of
    its first advice: the floor for opening a large file with our loader."""

    def __init__(self, path: str) -> None:
        MinimalApp.__init__(self)
        from pathlib import Path

        from inddrag.domain.storage import load_session

        self.first_title = load_session(Path(path)).advice[0].id


FIRST_ADVICE = "Lad medarbejderne vurdere konsekvenserne"
"""The start of the first advice's title: what the app shows when it opens a session file."""


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--load":
        MinimalLoaderApp(sys.argv[2]).run()
    elif len(sys.argv) > 1:
        MinimalFileApp(sys.argv[1]).run()
    else:
        MinimalApp().run()
    sys.exit(0)
