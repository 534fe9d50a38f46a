"""What the help (F1) lists: every key that works on the screen, in the command table's
order (the screen's own commands first, then the App's, then the widgets'), each with the
other keys that do the same, so a laptop without F-keys (a Mac) finds its way."""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.screen import Screen

from inddrag.ui.commands import COMMANDS, other_keys
from inddrag.ui.localise import word


def help_keys(screen: Screen[object], lang: str) -> list[tuple[str, str]]:
    """(keys, what they do) for every enabled key of ``screen``, once each."""
    order = {command_id: n for n, command_id in enumerate(COMMANDS)}
    own = {getattr(b, "id", None) for b in type(screen).__dict__.get("BINDINGS", [])}

    def rank(binding: Binding) -> tuple[int, int]:
        # This screen's commands, then the app's, then the keys of the widgets.
        if binding.id not in order:
            return (2, 0)
        return (0 if binding.id in own else 1, order[binding.id])

    active = [a for a in screen.active_bindings.values() if a.enabled]
    active.sort(key=lambda a: rank(a.binding))
    lines: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in active:
        binding = item.binding
        if not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        command = COMMANDS.get(binding.id or "")
        if command is not None:  # its first key, as the footer writes it
            binding = dataclasses.replace(command.binding(), key=command.key_list[0])
        shown = screen.app.get_key_display(binding)
        if command is not None:
            alternatives = other_keys(command)
            if alternatives:
                shown = " / ".join([shown, *alternatives])
            elif command.palette and shown[:1] == "F":
                shown += " / ctrl+p"  # an F-key alone: the palette has it too
        lines.append((shown, word(item.binding.description, lang)))
    return lines
