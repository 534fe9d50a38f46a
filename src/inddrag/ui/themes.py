"""Our two themes for the room, beside Textual's, and remembering the one chosen.

``inddrag-kontrast`` is for projectors and weak eyes: white and yellow on black, every pair
of text and background colour Textual derives from it at WCAG AAA contrast (at least 7:1;
``tests/test_themes.py`` measures them). ``inddrag-lys`` is a calm light theme for bright
rooms where a dark screen washes out. The choice (ctrl+p → "Udseende: Skift farvetema")
is remembered in the user's settings file (:mod:`inddrag.domain.settings`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.theme import Theme, ThemeProvider

from inddrag.i18n import t

DEFAULT_THEME = "textual-dark"

HIGH_CONTRAST = Theme(
    name="inddrag-kontrast",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FFD700",
    warning="#FFB000",
    error="#FF8A8A",
    success="#7CFC00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={
        "text": "#FFFFFF",
        "text-muted": "#E6E6E6",
        "text-disabled": "#BDBDBD",
        "text-primary": "#FFD700",
        "text-accent": "#FFD700",
        "text-secondary": "#00E5FF",
        "text-warning": "#FFB000",
        "text-error": "#FF8A8A",
        "text-success": "#7CFC00",
        "border": "#FFD700",
        "border-blurred": "#BDBDBD",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "footer-background": "#1A1A1A",
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFD700 40%",
        "scrollbar": "#BDBDBD",
    },
)

LIGHT = Theme(
    name="inddrag-lys",
    primary="#0B4F8A",
    secondary="#5A3E8C",
    accent="#8A4B00",
    warning="#8A5A00",
    error="#B00020",
    success="#1B6E20",
    foreground="#1A1A1A",
    background="#FBFAF7",
    surface="#F1EFE9",
    panel="#E3E0D8",
    dark=False,
    variables={
        "text": "#1A1A1A",
        "text-muted": "#4A4A4A",
        "footer-key-foreground": "#0B4F8A",
        "block-cursor-background": "#0B4F8A",
        "block-cursor-foreground": "#FFFFFF",
    },
)

THEMES = (HIGH_CONTRAST, LIGHT)


class OursFirst(ThemeProvider):
    """The theme picker: our themes first, named in the UI language, then Textual's."""

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        app = self.app
        lang = getattr(app, "lang", "da")

        def use(name: str) -> None:
            app.theme = name

        names = [theme.name for theme in THEMES]
        entries: list[tuple[str, Callable[[], None]]] = [
            (t(f"ui.theme_{name}", lang), partial(use, name)) for name in names
        ]
        entries += [
            (name, partial(use, name)) for name in sorted(app.available_themes) if name not in names
        ]
        return entries


def install_themes(app: App[Any], lang: str) -> None:
    """Register our themes, put on the remembered one, and remember the next choice."""
    from inddrag.domain.settings import Settings, read_settings, write_settings

    for theme in THEMES:
        app.register_theme(theme)
    settings, note = read_settings(lang)
    chosen = settings.theme if settings.theme in app.available_themes else DEFAULT_THEME
    app.theme = chosen
    if note:
        app.call_later(app.notify, note, severity="warning", timeout=10, markup=False)
    remembered = [chosen]

    def remember(theme: Theme) -> None:
        if theme.name == remembered[0]:
            return
        remembered[0] = theme.name
        with contextlib.suppress(OSError):  # a setting is a convenience, never an error
            write_settings(Settings(theme=theme.name))

    # A signal takes subscribers once the app runs; its first message runs this.
    app.call_later(app.theme_changed_signal.subscribe, app, remember)
