"""Where the shipped packs are, which one a session goes with, and a pack's title.

Kept free of pydantic at import so the app can paint its first screen (the leaflet's
title, :func:`read_cover`) before the full pack is loaded and checked
(:func:`inddrag.domain.content.load_pack`, imported only when a pack is loaded).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.i18n import normalise_language

if TYPE_CHECKING:
    from inddrag.domain.content import ContentPack
    from inddrag.domain.session import Session

ADVICE_FILE = "advice.toml"
ROLES_FILE = "roles.toml"


def bundled_content_root() -> Path:
    """The folder holding the packs we ship (inside the wheel, or the checkout's ``content/``)."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "content"
    if installed.is_dir():
        return installed
    return here.parent.parent / "content"


def bundled_languages() -> list[str]:
    """Languages of the packs we ship (folder names under the content root)."""
    root = bundled_content_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / ADVICE_FILE).is_file())


def bundled_pack_dir(language: str) -> Path:
    """The folder of the shipped pack for ``language``."""
    return bundled_content_root() / language


def bundled_language(lang: str | None) -> str:
    """The language of the shipped pack to use for ``lang``.

    ``da-DK`` → ``da``; a language we have no strings for → English; none → Danish; a
    language we have strings for but ship no pack in → Danish.
    """
    code = normalise_language(lang or "da")
    return code if code in bundled_languages() else "da"


@cache
def _load_bundled(language: str) -> ContentPack | None:
    """The shipped pack in ``language``, loaded once; ``None`` if it is missing or broken."""
    from inddrag.domain.content import load_pack
    from inddrag.domain.errors import FileProblems

    if language not in bundled_languages():
        return None
    try:
        return load_pack(bundled_pack_dir(language))
    except FileProblems:
        return None


def bundled_pack_for(session: Session, language: str | None = None) -> ContentPack | None:
    """The shipped pack ``session`` was made with (the same pack id), or ``None``.

    In ``language`` (the user's choice, e.g. ``--lang``) or else the session's own, mapped
    by :func:`bundled_language`; when we ship that pack in no such language, in another
    language we ship it in (advice ids are the same in every language).
    """
    wanted = bundled_language(language or session.content.language)
    for code in [wanted, *(x for x in bundled_languages() if x != wanted)]:
        pack = _load_bundled(code)
        if pack is not None and pack.info.id == session.content.pack:
            return pack
    return None


@dataclass(frozen=True)
class PackCover:
    """What the start screen shows of a pack: its title and where it comes from."""

    title: str
    source: str
    language: str


def read_cover(folder: Path) -> PackCover | None:
    """The ``[pack]`` title, source and language of a pack, or None if it can't be read."""
    from inddrag.domain.readfile import read_bounded
    from inddrag.tomlcache import load_cached

    try:
        path = folder / ADVICE_FILE
        data = load_cached(path, read_bounded(path))  # a user's pack may hold a FIFO
    except (OSError, ValueError, RecursionError, UnicodeDecodeError):
        return None
    pack = data.get("pack")
    if not isinstance(pack, dict):
        return None
    values = [pack.get(key, "") for key in ("title", "source", "language")]
    if not all(isinstance(v, str) for v in values):
        return None
    from inddrag.domain.safe_text import visible

    return PackCover(*(visible(v, lines=True) for v in values))
