"""The user's settings between runs (today only the colour theme), in one small TOML file.

``settings.toml`` in ``INDDRAG_CONFIG_DIR`` when set (the tests use it), else in
``platformdirs.user_config_dir("inddrag")``. Written atomically; a file that cannot be
read or holds something else is ignored with one sentence naming the file, line and key,
never a crash, and it is not overwritten until the user chooses a theme again.

Read before the first frame, so it is checked by hand rather than by a pydantic model:
importing pydantic would add a quarter of a second to every start.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.i18n import t

if TYPE_CHECKING:  # imported when a settings file is there to read or write
    from inddrag.domain.tomlfile import TomlDocument

CONFIG_ENV = "INDDRAG_CONFIG_DIR"
"""The environment variable that overrides the platform's config folder."""

FILE_NAME = "settings.toml"


@dataclass(frozen=True)
class Settings:
    """What is remembered between runs."""

    theme: str | None = None


def _settings_from(doc: TomlDocument) -> Settings:
    """Check the file's keys and their types; raise every problem at once, with lines."""
    from inddrag.domain.errors import FileProblems, Problem, display_path, format_key
    from inddrag.domain.tomlfile import unknown_key, wrong_type

    allowed = [f.name for f in fields(Settings)]
    found: list[Problem] = []
    for key, value in doc.data.items():
        if key not in allowed:
            code, params = unknown_key(key, allowed)
        elif not isinstance(value, str):
            code, params = wrong_type("str", value)
        else:
            continue
        line = doc.lines.line_of((key,))
        found.append(Problem(display_path(doc.path), code, line, format_key((key,)), params=params))
    if found:
        raise FileProblems(found)
    return Settings(**doc.data)


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
    from inddrag.domain.errors import FileProblems
    from inddrag.domain.tomlfile import read_toml

    try:
        return _settings_from(read_toml(path)), None
    except FileProblems as exc:
        first = exc.problems[0].render(lang) if exc.problems else path.name
        return Settings(), f"{first} {t('present.settings_ignored', lang)}"


def write_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (raises :class:`~inddrag.domain.atomic.SaveError`)."""
    import tomli_w

    from inddrag.domain.atomic import atomic_write_text

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {key: value for key, value in asdict(settings).items() if value is not None}
    atomic_write_text(path, tomli_w.dumps(data))
