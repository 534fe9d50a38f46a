"""The user's settings between runs (today only the colour theme), in one small TOML file.

``settings.toml`` in ``INDDRAG_CONFIG_DIR`` when set (the tests use it), else in
``platformdirs.user_config_dir("inddrag")``. Written atomically; a file that cannot be
read or holds something else is ignored with one sentence naming the file, line and key,
never a crash, and it is not overwritten until the user chooses a theme again.
"""

from __future__ import annotations

import os
from pathlib import Path

import tomli_w

from inddrag.domain.atomic import atomic_write_text
from inddrag.domain.errors import FileProblems
from inddrag.domain.models import Strict
from inddrag.domain.tomlfile import read_toml, validate
from inddrag.i18n import t

CONFIG_ENV = "INDDRAG_CONFIG_DIR"
"""The environment variable that overrides the platform's config folder."""

FILE_NAME = "settings.toml"


class Settings(Strict):
    """What is remembered between runs."""

    theme: str | None = None


def settings_path() -> Path:
    """Where the settings live: ``$INDDRAG_CONFIG_DIR`` or the platform's config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env) / FILE_NAME
    import platformdirs  # only when needed: it costs start-up time

    return Path(platformdirs.user_config_dir("inddrag", appauthor=False)) / FILE_NAME


def read_settings(lang: str, path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings, and a one-line note when the file was there but could not be used."""
    path = path or settings_path()
    if not path.exists():
        return Settings(), None
    try:
        return validate(Settings, read_toml(path)), None
    except FileProblems as exc:
        first = exc.problems[0].render(lang) if exc.problems else path.name
        return Settings(), f"{first} {t('present.settings_ignored', lang)}"


def write_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (raises :class:`~inddrag.domain.atomic.SaveError`)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = settings.model_dump(exclude_none=True)
    atomic_write_text(path, tomli_w.dumps(data))
