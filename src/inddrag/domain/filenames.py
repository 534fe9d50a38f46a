"""File names the app suggests: valid on Windows, macOS and Linux alike.

:func:`suggested_stem` is what the save and export dialogs start from.

A file saved on Linux may be opened on Windows (mailed, on a USB key, on a shared drive),
so every name inddrag proposes keeps Windows' rules wherever it runs:

* none of ``< > : " / \\ | ? *`` nor a control character (each run becomes ``-``);
* no dot or space at the end, where Windows drops them silently (nor at the start,
  where a dot hides the file elsewhere);
* not a device name (``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0``–``COM9``,
  ``LPT0``–``LPT9``, and their superscript forms), in any case and with any ending:
  ``nul.toml`` is the device too; an ``_`` is added (``nul_.toml``);
* in NFC, so a name taken from a Mac's disk (NFD, "å" as "a" and a ring) reads and
  compares as the one typed.

Plain Python, no Textual.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_STEM = 120
"""Characters kept of a stem (every system allows 255 for the whole name)."""

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')

_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789¹²³"}
)
"""Windows' device names (compared in upper case, before the first dot)."""


SLUG_LIMIT = 40
"""slugify's length: an id this long may have been cut inside a word."""


def portable_stem(stem: str, fallback: str = "inddrag") -> str:
    """``stem`` made a name every system accepts (see the module docstring).

    ``"Møde: plan?"`` → ``"Møde- plan-"``; ``"CON"`` → ``"CON_"``; ``"..."`` → ``fallback``.
    """
    text = _FORBIDDEN.sub("-", unicodedata.normalize("NFC", stem))
    text = text[:MAX_STEM].strip(". ")
    if not text:
        text = fallback
    base, dot, rest = text.partition(".")
    if base.rstrip(" ").upper() in _RESERVED:
        text = f"{base}_{dot}{rest}"
    return text


def suggested_stem(
    title: str, *, kind: str = "team", author: str = "", path: Path | None = None
) -> str:
    """The stem the save and export dialogs offer for a session (any system accepts it).

    The open file's own name when it has one; else a preparation's author
    (``forb-aase``) or the title (``nyt-vagtplanssystem``), as ASCII ids.
    """
    from inddrag.domain.session import slugify

    if path is not None:
        return portable_stem(path.stem)
    stem = _on_a_word(title)
    if kind == "prep" and author:
        stem = "forb-" + slugify(author, set(), "x")
    return portable_stem(stem)


def _on_a_word(title: str) -> str:
    """The title as an id, ending on a whole word when the whole is too long for one
    (``…-digitaliseringen``, never ``…-af-`` or half a word)."""
    from inddrag.domain.session import slugify

    whole = slugify(title, set(), "inddrag")
    words = title.split()
    if len(whole) < SLUG_LIMIT or len(words) < 2:
        return whole
    stem = ""
    for count in range(1, len(words) + 1):
        longer = slugify(" ".join(words[:count]), set(), "")
        if len(longer) >= SLUG_LIMIT:
            break
        stem = longer
    return stem or whole
