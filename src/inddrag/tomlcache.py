"""Read a TOML file we ship, through a marshal cache, so starting the app needs no tomllib.

Importing ``tomllib`` and parsing our string tables costs more than a minimal Textual app
takes to paint its first frame. Like Python's own ``.pyc`` files, the parsed data is kept
in ``__pycache__`` beside the file, keyed by the file's size and modification time; a
stale or unreadable cache is simply parsed again, and a folder we cannot write to only
means no cache. Only for files whose values are text, numbers, lists and tables.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any


def _cache_path(path: Path) -> Path:
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def load_cached(path: Path) -> dict[str, Any]:
    """The TOML data of ``path`` (raises OSError and tomllib's errors like ``tomllib``)."""
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cache = _cache_path(path)
    try:
        stored_key, data = marshal.loads(cache.read_bytes())
        if tuple(stored_key) == key and isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    try:
        cache.parent.mkdir(exist_ok=True)
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((key, data)))
        os.replace(tmp, cache)
    except (OSError, ValueError):
        pass  # read-only install, or values marshal cannot keep: no cache, no harm
    return data
