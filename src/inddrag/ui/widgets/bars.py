"""Horizontal bars drawn with block characters: votes and points, readable without colour."""

from __future__ import annotations

BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value: float, maximum: float, width: int) -> str:
    """A bar ``width`` cells wide at most, proportional to ``value / maximum``."""
    if maximum <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = round(value / maximum * width * 8)
    eighths = max(1, min(eighths, width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (BLOCKS[rest] if rest else "")
