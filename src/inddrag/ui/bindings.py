"""Key bindings whose labels come from the string tables.

Bindings are declared once on each class with an i18n key as their description (and
tooltip); :func:`localise_bindings` swaps in the words of the session's language when a
screen or the app is created, so the footer, the help screen and the palette all read
Danish with the ``da`` pack and English with ``en``.
"""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.dom import DOMNode

from inddrag.i18n import t

# Textual's own binding labels, and the keys of ours that say the same.
TEXTUAL_LABELS = {
    "Focus Next": "keys.focus_next",
    "Focus Previous": "keys.focus_previous",
    "Copy selected text": "keys.copy",
}


def _translate(text: str, lang: str) -> str:
    text = TEXTUAL_LABELS.get(text, text)
    if text.startswith(("keys.", "ui.")):
        return t(text, lang)
    return text


def localise_bindings(node: DOMNode, lang: str) -> None:
    """Translate the descriptions and tooltips of ``node``'s bindings in place."""
    bindings = node._bindings.key_to_bindings
    for key, group in bindings.items():
        bindings[key] = [
            dataclasses.replace(
                binding,
                description=_translate(binding.description, lang),
                tooltip=_translate(binding.tooltip, lang),
            )
            for binding in group
        ]


def key_help(node: DOMNode) -> list[tuple[str, str]]:
    """(key as shown, description) for every described binding of ``node``, in order."""
    app = node.app
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for group in node._bindings.key_to_bindings.values():
        for binding in group:
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            out.append((app.get_key_display(binding), binding.description))
    return out


__all__ = ["Binding", "key_help", "localise_bindings"]
