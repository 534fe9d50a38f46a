"""Whether two paths name the same file: the one helper for it.

A file on disk is the same file under two names when it is one device and inode (a link,
a hard link, ``./a`` and ``a``); a path that does not exist (yet) is compared by its name
after links are resolved. :func:`file_key` is that identity, for dicts and sets;
:func:`same_file` compares two paths with it.
"""

from __future__ import annotations

import os
from pathlib import Path


def file_key(path: Path) -> object:
    """What makes two names the same file: its device and inode (one ``stat``), else the
    resolved path (a file that does not exist yet), else the path as given."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        try:
            return Path(path).resolve()
        except (OSError, RuntimeError, ValueError):
            return Path(path)
    return (found.st_dev, found.st_ino)


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file on disk, or one name once links are resolved."""
    key_a, key_b = file_key(a), file_key(b)
    if key_a == key_b:
        return True
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError, ValueError):
        return False
