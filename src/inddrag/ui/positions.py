"""Where each saved session was left: reopening a file continues at that step and advice.

Kept in the user's state folder (not in the session file, whose keys are a contract), as a
small TOML map from the file's absolute path to its step and advice number, readable by
the user only (0600). A state folder that is not the user's alone is not used.
"""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

import tomli_w

from inddrag.domain.atomic import atomic_write_text
from inddrag.domain.paths import path_key
from inddrag.domain.readfile import read_bounded
from inddrag.domain.statedir import state_folder, untrusted

FILE_NAME = "positions.toml"
MAX_ENTRIES = 200
FILE_MODE = 0o600


def _read(folder: Path) -> dict[str, dict[str, object]]:
    if not folder.is_dir() or untrusted(folder) is not None:
        return {}
    try:
        text = read_bounded(folder / FILE_NAME, follow_links=False).decode("utf-8")
        data = tomllib.loads(text)
    except (OSError, ValueError, RecursionError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def recent(state_dir: Path | None, limit: int = 10) -> list[Path]:
    """Files opened or saved before, newest first, that still exist."""
    entries = _read(state_folder(state_dir))
    return [Path(p) for p in reversed(list(entries)) if Path(p).is_file()][:limit]


def recall(state_dir: Path | None, path: Path) -> tuple[str, int] | None:
    """The step and advice index where ``path`` was left, if we know."""
    entry = _read(state_folder(state_dir)).get(path_key(path))
    if not entry:
        return None
    step, index = entry.get("step"), entry.get("advice")
    if isinstance(step, str) and isinstance(index, int):
        return step, index
    return None


def remember(state_dir: Path | None, path: Path, step: str, advice_index: int) -> None:
    """Record where ``path`` is now; failures are ignored (this is a convenience)."""
    folder = state_folder(state_dir)
    with contextlib.suppress(OSError):
        if folder.exists() and untrusted(folder) is not None:
            return
        data = _read(folder)
        key = path_key(path)  # macOS: NFC, as typed or as listed from disk
        data.pop(key, None)
        data[key] = {"step": step, "advice": advice_index}
        while len(data) > MAX_ENTRIES:
            data.pop(next(iter(data)))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_text(folder / FILE_NAME, tomli_w.dumps(data), mode=FILE_MODE)
