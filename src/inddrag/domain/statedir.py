"""The one folder where inddrag keeps its own state: recovery copies and reading positions.

``INDDRAG_STATE_DIR`` when set (the tests and a portable install use it), else the
platform's state folder for applications (``platformdirs.user_state_dir("inddrag")``).

The folder holds people's notes, so it is created readable by the user only (0700), and
one found belonging to someone else, or writable by group or others, is not trusted:
:func:`prepare_state_folder` says so in one sentence (:class:`StateRefused`), and the app
then runs without recovery copies and reading positions rather than read or write there.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from inddrag.domain.platform import foreign_folder, set_mode
from inddrag.domain.safe_text import visible_path
from inddrag.i18n import t

STATE_ENV = "INDDRAG_STATE_DIR"
"""The environment variable that overrides the platform's state folder."""

FOLDER_MODE = 0o700


def state_folder(state_dir: Path | None = None) -> Path:
    """The folder for our state: ``state_dir``, ``INDDRAG_STATE_DIR`` or the platform's."""
    if state_dir is not None:
        return Path(state_dir)
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env)
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_state_dir("inddrag", appauthor=False))


@dataclass(frozen=True)
class StateRefused:
    """The state folder cannot be trusted (or made): recovery copies are off."""

    folder: Path
    reason: str
    """``not_owner``, ``open_to_others`` or ``is_a_link``."""

    def sentence(self, lang: str = "da") -> str:
        """E.g. "Gendannelseskopier og projektorvisningen er slået fra: tilstandsmappen … …"."""
        why = t(f"storage.state.{self.reason}", lang)
        return t("storage.state.off", lang, folder=visible_path(self.folder), why=why)

    def live_sentence(self, lang: str = "da") -> str:
        """E.g. "Projektorvisningen kan ikke følge mødelederen: tilstandsmappen … ."."""
        why = t(f"storage.state.{self.reason}", lang)
        return t("storage.state.live_off", lang, folder=visible_path(self.folder), why=why)


def untrusted(folder: Path) -> StateRefused | None:
    """Why ``folder`` is not ours alone; ``None`` when it is.

    A folder that cannot be looked at, or is not a folder, is not refused here: writing
    there fails with the usual sentence, and reading finds nothing.
    """
    try:
        found = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode):
        return None
    reason = foreign_folder(found)  # never on Windows: the profile's access list does it
    return None if reason is None else StateRefused(folder, reason)


def make_private_folder(folder: Path) -> None:
    """Make ``folder`` and each missing folder above it, every one this user's alone.

    The one way the state folder and the folders in it are made. ``mkdir`` gives the
    parents it makes the default mode and ``mode`` is cut by the umask, so each folder
    made is set to 0700 after (modes mean nothing on Windows). Raises :class:`OSError`.
    """
    missing = []
    above = folder
    while not above.exists() and above.parent != above:
        missing.append(above)
        above = above.parent
    folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    for made in missing:
        set_mode(made, FOLDER_MODE)


def prepare_state_folder(state_dir: Path | None = None) -> StateRefused | None:
    """Create the state folder (0700) if it is missing; say why it must not be used, if so.

    ``None`` means the folder is this user's alone (or could not be made: then writing
    there fails with its own sentence). A ``recovery`` folder inside is held to the same
    rule.
    """
    folder = state_folder(state_dir)
    with contextlib.suppress(OSError):
        make_private_folder(folder)
    refused = untrusted(folder)
    inner = folder / "recovery"
    if refused is None and inner.exists():
        refused = untrusted(inner)
    return refused
