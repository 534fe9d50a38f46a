"""Where the shipped packs are, and a pack's title read without validating the whole pack.

Kept free of pydantic so the app can paint its first screen (the leaflet's title) before
the full pack is loaded and checked (:func:`inddrag.domain.content.load_pack`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class PackCover:
    """What the start screen shows of a pack: its title and where it comes from."""

    title: str
    source: str
    language: str


def read_cover(folder: Path) -> PackCover | None:
    """The ``[pack]`` title, source and language of a pack, or None if it can't be read."""
    from inddrag.tomlcache import load_cached

    try:
        data = load_cached(folder / ADVICE_FILE)
    except (OSError, ValueError, RecursionError, UnicodeDecodeError):
        return None
    pack = data.get("pack")
    if not isinstance(pack, dict):
        return None
    values = [pack.get(key, "") for key in ("title", "source", "language")]
    if not all(isinstance(v, str) for v in values):
        return None
    return PackCover(*values)
