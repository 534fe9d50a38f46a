"""Key labels in the user's language, in the one place Textual reads them.

Bindings carry string keys (``keys.save``) or Textual's own English words ("Cursor up").
Textual's footer, its key panel and our help read a screen's bindings through the public
:attr:`Screen.active_bindings`; :class:`LocalisedBindings` overrides it to hand out the
words of the screen's language instead. Every screen and dialog of the app has it.
"""

from __future__ import annotations

import dataclasses
from functools import cache

from textual.binding import ActiveBinding, Binding

from inddrag.i18n import catalog, t

#: Textual's own binding words live in the string tables under this namespace.
TEXTUAL = "textual."


@cache
def word(text: str, lang: str) -> str:
    """The words for a binding's ``text`` (a string key, or Textual's English label)."""
    if not text:
        return text
    if text.startswith(("keys.", "ui.", "cmd.")):
        return t(text, lang)
    return catalog(lang).get(TEXTUAL + text, text)


@cache
def localised(binding: Binding, lang: str) -> Binding:
    """``binding`` with its description and tooltip in ``lang``."""
    return dataclasses.replace(
        binding,
        description=word(binding.description, lang),
        tooltip=word(binding.tooltip, lang),
    )


class LocalisedBindings:
    """Mixin for a Screen: its active bindings carry words in :attr:`lang`."""

    lang: str = "da"

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        lang = self.lang
        return {
            key: ActiveBinding(
                active.node,
                localised(active.binding, lang),
                active.enabled,
                word(active.tooltip, lang),
            )
            for key, active in found.items()
        }
