"""Text from a file or a file name, made safe to show on a terminal.

A session, a preparation, a content pack or a file name may hold control characters: an
ESC starts a sequence that sets the clipboard, retitles the window or clears the screen.
:func:`visible` is the one function every output path uses (the app's screens, the
command line, every warning) so that none of them ever reaches a terminal:

* C0 controls, DEL and C1 controls become their Unicode control pictures (``␛`` for
  ESC, ``␀`` … ``␟``, ``␡``) or, for C1 which has no pictures, ``\\x9b``-style text.
  ``lines=True`` keeps ``\\n`` and ``\\t`` (and ``\\r`` right before ``\\n``) where the
  output is allowed several lines.
* Bidi overrides and isolates (the "Trojan source" characters, which reorder what
  follows), the line and paragraph separators, the non-characters U+FFFE and U+FFFF, and
  lone surrogates (a file name that is not UTF-8) are shown as ``⟨U+202E⟩`` / ``\\xff``.
* ``name=True`` also shows zero-width characters (``⟨U+200B⟩``), which make two names
  or file names look the same; in notes they are left alone (emoji sequences use them).

Text without any of these is returned as it is (the common case costs one regex search).
"""

from __future__ import annotations

import re

_C0_KEPT_OUT = "\x00-\x08\x0b\x0c\x0e-\x1f"
"""C0 controls other than ``\\t``, ``\\n`` and ``\\r``."""

_OTHERS = (
    "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufffe\uffff"
)
"""DEL, C1, bidi marks, overrides and isolates, line/paragraph separators, surrogates, and
the non-characters U+FFFE/U+FFFF (which no text may hold, and XML cannot)."""

_ZERO_WIDTH = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff"

_ONE_LINE = re.compile(f"[\t\n\r{_C0_KEPT_OUT}{_OTHERS}]")
_LINES = re.compile(f"[{_C0_KEPT_OUT}{_OTHERS}]|\r(?!\n)")
_NAME = re.compile(f"[\t\n\r{_C0_KEPT_OUT}{_OTHERS}{_ZERO_WIDTH}]")
_LINES_FIRST_LOOK = re.compile(f"[\r{_C0_KEPT_OUT}{_OTHERS}]")
"""Whether :data:`_LINES` may find anything: one character class, searched three times as
fast as ``_LINES`` itself (whose ``\\r`` rule needs a look-ahead), so text with nothing to
show (nearly all notes) is passed on at that speed."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC, ␊ for a newline)
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"  # C1: no control pictures exist
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte of a file name that is not UTF-8
    return f"⟨U+{code:04X}⟩"


def visible(text: str, *, lines: bool = False, name: bool = False) -> str:
    """``text`` with nothing a terminal would act on (see the module docstring).

    ``lines``: keep ``\\n``, ``\\t`` and ``\\r\\n`` (text shown over several lines).
    ``name``: a person's or a file's name, always one line; zero-width characters are
    shown too.
    """
    pattern = _NAME if name else _LINES if lines else _ONE_LINE
    first_look = _LINES_FIRST_LOOK if pattern is _LINES else pattern
    if first_look.search(text) is None:
        return text
    return pattern.sub(_picture, text)


def shown_as_is(text: str) -> bool:
    """Whether ``text`` holds nothing :func:`visible` with ``lines=True`` would change, and
    no ``\\r`` at all: one search with :data:`_LINES_FIRST_LOOK`. An export's cleaning
    returns such a text as it is."""
    return _LINES_FIRST_LOOK.search(text) is None


def visible_path(path: object) -> str:
    """A file name or path (``str(path)``) as :func:`visible` shows a name."""
    return visible(str(path), name=True)
