"""Where each saved session was left: reopening a file continues at that step and advice.

Kept in the user's state folder (not in the session file, whose keys are a contract), as a
small TOML map from the file's absolute path to its step and advice number.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from pathlib import Path

import tomli_w

FILE_NAME = "positions.toml"
MAX_ENTRIES = 200


def state_folder(state_dir: Path | None) -> Path:
    """The folder for our state files (``INDDRAG_STATE_DIR`` or the platform's own)."""
    if state_dir is not None:
        return state_dir
    env = os.environ.get("INDDRAG_STATE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_state_dir("inddrag", appauthor=False))


def _read(folder: Path) -> dict[str, dict[str, object]]:
    try:
        data = tomllib.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def recent(state_dir: Path | None, limit: int = 10) -> list[Path]:
    """Files opened or saved before, newest first, that still exist."""
    entries = _read(state_folder(state_dir))
    return [Path(p) for p in reversed(list(entries)) if Path(p).is_file()][:limit]


def recall(state_dir: Path | None, path: Path) -> tuple[str, int] | None:
    """The step and advice index where ``path`` was left, if we know."""
    entry = _read(state_folder(state_dir)).get(str(path.resolve()))
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
        data = _read(folder)
        data.pop(str(path.resolve()), None)
        data[str(path.resolve())] = {"step": step, "advice": advice_index}
        while len(data) > MAX_ENTRIES:
            data.pop(next(iter(data)))
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{FILE_NAME}.{os.getpid()}.tmp"
        tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        os.replace(tmp, folder / FILE_NAME)
