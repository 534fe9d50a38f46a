"""The one folder where inddrag keeps its own state: recovery copies and reading positions.

``INDDRAG_STATE_DIR`` when set (the tests and a portable install use it), else the
platform's state folder for applications (``platformdirs.user_state_dir("inddrag")``).
"""

from __future__ import annotations

import os
from pathlib import Path

STATE_ENV = "INDDRAG_STATE_DIR"
"""The environment variable that overrides the platform's state folder."""


def state_folder(state_dir: Path | None = None) -> Path:
    """The folder for our state: ``state_dir``, ``INDDRAG_STATE_DIR`` or the platform's."""
    if state_dir is not None:
        return Path(state_dir)
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env)
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_state_dir("inddrag", appauthor=False))
