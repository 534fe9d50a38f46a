"""User-facing strings in Danish and English, kept apart from code.

Each language is a folder of TOML files; a file's stem is the namespace of its keys
(``problems.toml`` holds ``problems.*``). Lookup falls back from the requested language to
English, then to the key itself, so a missing string shows as its key rather than crashing
a meeting. ``tests/test_i18n.py`` proves both languages have the same keys and placeholders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from inddrag.tomlcache import load_cached

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


def normalise_language(lang: str | None) -> str:
    """Map a BCP 47 code (``da``, ``da-DK``, ``en-GB``) to a language we have strings for."""
    if not lang:
        return DEFAULT_LANGUAGE
    base = lang.split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else "en"


def _flatten(prefix: str, table: dict[str, Any], out: dict[str, str]) -> None:
    for key, value in table.items():
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(name, value, out)
        else:
            out[name] = str(value)


@cache
def catalog(lang: str) -> dict[str, str]:
    """Every string of one language, keyed ``namespace.key``."""
    out: dict[str, str] = {}
    # A plain folder beside this module (importlib.resources would cost more to import
    # than all the tables take to read).
    for entry in sorted((Path(__file__).parent / lang).glob("*.toml")):
        _flatten(entry.stem, load_cached(entry), out)
    return out


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled from ``params``."""
    lang = normalise_language(lang)
    template = catalog(lang).get(key)
    if template is None:
        template = catalog("en").get(key, key)
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
