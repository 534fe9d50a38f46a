"""``domain/settings.py``: the settings file between runs, pinned down where mutation
testing found the domain suite silent (its other tests are in ``tests/present``, outside
mutmut's selection; docs/testing.md, "Mutation testing"). Expected notes and file texts
are written out; each test says what it guards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inddrag.domain.settings import Settings, read_settings, settings_path, write_settings

IGNORED_EN = "The settings file is not used; the default theme applies."


def test_the_settings_live_in_the_folder_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``INDDRAG_CONFIG_DIR`` set: ``settings.toml`` there."""
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", str(tmp_path / "conf"))
    assert settings_path() == tmp_path / "conf" / "settings.toml"


def test_without_the_variable_the_settings_live_in_the_platforms_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unset or empty: the platform's config folder for ``inddrag`` (on Linux under
    ``XDG_CONFIG_HOME``), no author folder."""
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", "")
    assert settings_path() == tmp_path / "xdg" / "inddrag" / "settings.toml"
    monkeypatch.delenv("INDDRAG_CONFIG_DIR")
    assert settings_path() == tmp_path / "xdg" / "inddrag" / "settings.toml"


def test_on_windows_the_settings_folder_has_no_author_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows: ``%LOCALAPPDATA%\\inddrag\\settings.toml``, not ``…\\inddrag\\inddrag\\…``
    (platformdirs adds the app's name again as its author unless told not to)."""
    import platformdirs
    import platformdirs.windows

    local = "C:\\Users\\a\\AppData\\Local"
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.delenv("INDDRAG_CONFIG_DIR", raising=False)
    assert settings_path() == Path(local) / "inddrag" / "settings.toml"


def test_no_file_is_the_default_without_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No settings file yet: the defaults, nothing to tell; the path defaults to
    :func:`settings_path`."""
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", str(tmp_path))
    assert read_settings("en") == (Settings(), None)
    (tmp_path / "settings.toml").write_text('theme = "mørk"\n', encoding="utf-8")
    assert read_settings("en") == (Settings(theme="mørk"), None)


def test_a_theme_is_read(tmp_path: Path) -> None:
    """A file with a theme: that theme, no note."""
    path = tmp_path / "s.toml"
    path.write_text('# valgt\ntheme = "mørk"\n', encoding="utf-8")
    assert read_settings("en", path) == (Settings(theme="mørk"), None)


def test_an_unknown_key_is_named_with_its_line_and_the_file_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unknown key: the defaults, and one note naming file, line, key and what is
    allowed, then that the file is not used (in the language asked)."""
    monkeypatch.chdir(tmp_path)
    Path("settings.toml").write_text('theme = "mørk"\nfarve = 1\n', encoding="utf-8")
    assert read_settings("en", Path("settings.toml")) == (
        Settings(),
        f"settings.toml:2: farve: unknown key (allowed here: theme) {IGNORED_EN}",
    )
    Path("settings.toml").write_text('them = "x"\n', encoding="utf-8")
    assert read_settings("en", Path("settings.toml")) == (
        Settings(),
        f"settings.toml:1: them: unknown key – did you mean “theme”? {IGNORED_EN}",
    )


def test_a_theme_that_is_not_text_is_named_in_the_language_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``theme = 3``: a wrong type at its line, in English or Danish; with two problems
    the note names the first."""
    monkeypatch.chdir(tmp_path)
    Path("settings.toml").write_text("# x\ntheme = 3\nfarve = 1\n", encoding="utf-8")
    assert read_settings("en", Path("settings.toml")) == (
        Settings(),
        f"settings.toml:2: theme: expected text, found a number {IGNORED_EN}",
    )
    assert read_settings("da", Path("settings.toml")) == (
        Settings(),
        "settings.toml:2: theme: forventede tekst, men fandt et tal "
        "Indstillingsfilen bruges ikke; standardtemaet gælder.",
    )


def test_a_file_that_is_not_toml_is_ignored_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invalid TOML: the defaults and the parser's complaint, never a crash."""
    monkeypatch.chdir(tmp_path)
    Path("settings.toml").write_text("theme = \n", encoding="utf-8")
    assert read_settings("en", Path("settings.toml")) == (
        Settings(),
        f"settings.toml:1: invalid TOML: invalid value {IGNORED_EN}",
    )


def test_settings_are_written_with_their_folder_and_without_unset_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is made; a theme is written as TOML; no theme writes an empty file; the
    path defaults to :func:`settings_path`."""
    path = tmp_path / "a" / "b" / "settings.toml"
    write_settings(Settings(theme="lys"), path)
    assert path.read_text(encoding="utf-8") == 'theme = "lys"\n'
    write_settings(Settings(), path)
    assert path.read_text(encoding="utf-8") == ""
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", str(tmp_path / "c"))
    write_settings(Settings(theme="mørk"))
    assert (tmp_path / "c" / "settings.toml").read_text(encoding="utf-8") == 'theme = "mørk"\n'
