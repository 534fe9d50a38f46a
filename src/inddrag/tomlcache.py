"""Read a TOML file we ship through a marshal cache, so starting the app needs no tomllib.

Importing ``tomllib`` and parsing our string tables costs more than a minimal Textual app
takes to paint its first frame. So the parsed data of every TOML file we ship is written
as a marshal file beside it, in ``__pycache__``, **when the wheel is built**
(``hatch_build.py`` at the repository root; an editable install writes them beside the
sources). At run time this module only reads: a cache is used when it was made from
exactly the bytes of the file (length and CRC-32 match), and a missing, stale or broken
cache means the file is parsed with :mod:`tomllib`. Nothing is ever written into the
installed package. Only for files whose values are text, numbers, lists and tables.
"""

from __future__ import annotations

import marshal
import zlib
from pathlib import Path
from typing import Any

CACHE_FOLDER = "__pycache__"


def cache_path(path: Path) -> Path:
    """Where the cache of ``path`` lives (named for the marshal format it is written in)."""
    return path.parent / CACHE_FOLDER / f"{path.name}.marshal{marshal.version}"


def _key(raw: bytes) -> tuple[int, int]:
    return len(raw), zlib.crc32(raw)


def build_cache(path: Path) -> bytes:
    """The cache file's bytes for ``path`` (for the build; raises like ``tomllib``/``marshal``)."""
    import tomllib

    raw = path.read_bytes()
    return marshal.dumps((_key(raw), tomllib.loads(raw.decode("utf-8-sig"))))


def load_cached(path: Path, raw: bytes | None = None) -> dict[str, Any]:
    """The TOML data of ``path`` (raises OSError and tomllib's errors like ``tomllib``).

    ``raw``: the file's bytes, when the caller read them itself (a pack that may be a
    user's goes through :func:`inddrag.domain.readfile.read_bounded` first)."""
    if raw is None:
        raw = path.read_bytes()  # the package's own files
    try:
        stored_key, data = marshal.loads(cache_path(path).read_bytes())
        if tuple(stored_key) == _key(raw) and isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import tomllib

    return tomllib.loads(raw.decode("utf-8-sig"))
