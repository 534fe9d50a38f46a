"""Whether two paths name the same file, and a path as a key: the one helper for each.

A file on disk is the same file under two names when it is one device and inode (a link,
a hard link, ``./a`` and ``a``). Names of files not there (yet) compare as the system
would: links resolved, NFC on macOS (a name read from disk in NFD and the same name typed
are one file there), case ignored on Windows (``os.path.normcase``). :func:`file_key` is
that identity for dicts and sets; :func:`path_key` is a path as a key that is still the
file's path (the reading positions, the live channel); :func:`same_file` compares two.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path


def path_key(path: Path | str) -> str:
    """``path`` made absolute (links resolved), as a key that is still the file's path.

    macOS: in NFC, so a name read from disk in NFD and the same name typed are one key.
    Linux and Windows: as it is (the bytes decide there; Windows' ``resolve`` already gives
    an existing file's own case)."""
    try:
        text = str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError, ValueError):
        text = str(Path(path).absolute())
    if sys.platform == "darwin":
        return unicodedata.normalize("NFC", text)
    return text


def file_key(path: Path) -> object:
    """What makes two names the same file: its device and inode (one ``stat``), else its
    :func:`path_key` as the system compares names."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return os.path.normcase(path_key(path))
    return (found.st_dev, found.st_ino)


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` are one file on disk, or one name as the system compares
    names (links resolved, NFC on macOS, case on Windows)."""
    if file_key(a) == file_key(b):
        return True
    return os.path.normcase(path_key(a)) == os.path.normcase(path_key(b))
