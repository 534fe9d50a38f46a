"""Our themes: the high-contrast one at WCAG AAA (7:1) for every pair of text and
background Textual derives from it, the light one at AAA for body text; the choice is
remembered, and a broken settings file is ignored with one sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.color import Color

from inddrag.domain.settings import Settings, read_settings, write_settings
from inddrag.ui.themes import HIGH_CONTRAST, LIGHT
from tests.ui_helpers import make_app, meeting_file, settle

#: (text, background) pairs a person reads: body text, muted text, headings, the footer,
#: the cursor line of lists and tables.
PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text", "panel"),
    ("foreground", "background"),
    ("text-muted", "background"),
    ("text-muted", "surface"),
    ("text-muted", "panel"),
    ("text-primary", "background"),
    ("text-accent", "background"),
    ("text-warning", "background"),
    ("text-error", "background"),
    ("text-success", "background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
]


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, two: Color) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def resolved(variables: dict[str, str], name: str, under: Color) -> Color:
    """A theme variable as drawn: its alpha blended onto what is under it."""
    return under + Color.parse(variables[name])


def test_contrast_is_measured_right() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color.parse("#777777"), Color(255, 255, 255)) == pytest.approx(4.48, 0.01)


@pytest.mark.parametrize(("theme", "least"), [(HIGH_CONTRAST, 7.0), (LIGHT, 4.5)])
def test_every_pair_reads(theme: object, least: float) -> None:
    variables = theme.to_color_system().generate()  # type: ignore[attr-defined]
    page = Color.parse(variables["background"])
    low = []
    for text, back in PAIRS:
        ground = resolved(variables, back, page)
        ratio = contrast(resolved(variables, text, ground), ground)
        if ratio < least:
            low.append(f"{text} on {back}: {ratio:.2f}")
    assert not low


def test_body_text_of_the_light_theme_is_aaa() -> None:
    variables = LIGHT.to_color_system().generate()
    page = Color.parse(variables["background"])
    for back in ("background", "surface", "panel"):
        ground = resolved(variables, back, page)
        assert contrast(resolved(variables, "text", ground), ground) >= 7.0


async def test_the_chosen_theme_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", str(tmp_path / "config"))
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"farvetema", "enter")
        await settle(pilot)
        await pilot.press(*"Høj kontrast", "enter")  # our theme, named in the UI language
        await settle(pilot)
        assert app.theme == "inddrag-kontrast"
    written = (tmp_path / "config" / "settings.toml").read_text(encoding="utf-8")
    assert written == 'theme = "inddrag-kontrast"\n'
    again = make_app(tmp_path, file=meeting_file(tmp_path))
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "inddrag-kontrast"


async def test_a_broken_settings_file_is_ignored_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    broken = folder / "settings.toml"
    broken.write_text('theme = "inddrag-lys"\ntheme = 3\n', encoding="utf-8")
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", str(folder))
    settings, note = read_settings("da")
    assert settings == Settings()
    assert note is not None and "\n" not in note
    assert "settings.toml:2" in note and "standardtemaet" in note
    app = make_app(tmp_path, file=meeting_file(tmp_path))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        said = [n.message for n in app._notifications]
        assert said == [note]
    assert broken.read_text(encoding="utf-8").endswith("theme = 3\n")  # left as it was


def test_settings_are_written_atomically_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.toml"
    write_settings(Settings(theme="inddrag-lys"), path)
    assert read_settings("en", path) == (Settings(theme="inddrag-lys"), None)
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('tema = "inddrag-lys"\n', "settings.toml:1: "),
        ("\ntheme = 3\n", "settings.toml:2: "),
        ('thme = "inddrag-lys"\n', "“theme”"),
    ],
)
def test_a_settings_file_with_a_wrong_key_or_type_is_named_and_ignored(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    settings, note = read_settings("da", path)
    assert settings == Settings()
    assert note is not None and said in note and "standardtemaet" in note
    assert "\n" not in note


def test_reading_the_settings_does_not_import_pydantic(tmp_path: Path) -> None:
    # The settings are read before the first frame; pydantic costs a quarter of a second.
    path = tmp_path / "settings.toml"
    write_settings(Settings(theme="inddrag-lys"), path)
    code = (
        "import sys; from pathlib import Path; from inddrag.domain.settings import read_settings;"
        f"print(read_settings('da', Path({str(path)!r}))[0].theme, 'pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["inddrag-lys", "False"]
