"""File names the app suggests are valid on Windows; a Mac's NFD names are the same files.

The suggester is :func:`inddrag.domain.filenames.suggested_stem` (the save and export
dialogs start from it, through the UI's ``proposed_name``); it makes a stem from the
title, a preparation's author or the open file's name and passes it through
:func:`~inddrag.domain.filenames.portable_stem`.

What this cannot prove without a real Windows or Mac: that Windows itself accepts every
name made here (Windows 11 accepts some device names older versions refuse; the rules
kept are the older, stricter ones), and that APFS treats the NFC and NFD forms as one file
(it does by design; :func:`~inddrag.domain.paths.same_file` also asks the disk first).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from inddrag.domain import live, paths
from inddrag.domain.filenames import portable_stem, suggested_stem
from inddrag.domain.session import slugify


def proposed(title: str, *, path: Path | None = None, kind: str = "team", leader: str = "") -> str:
    """What the save dialog offers for a session with this title (or file)."""
    return suggested_stem(title, kind=kind, author=leader, path=path) + ".toml"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Møde: plan?", "moede-plan.toml"),
        ('Roller <ny> "a|b" * 2', "roller-ny-a-b-2.toml"),
        ("CON", "con_.toml"),
        ("nul", "nul_.toml"),
        ("Aux", "aux_.toml"),
        ("PRN", "prn_.toml"),
        ("COM1", "com1_.toml"),
        ("lpt9", "lpt9_.toml"),
        ("COM10", "com10.toml"),  # not a device name
        ("Console", "console.toml"),
        ("...", "inddrag.toml"),
        ("Referat. ", "referat.toml"),
        ("", "inddrag.toml"),
    ],
)
def test_a_title_becomes_a_name_windows_accepts(title: str, expected: str) -> None:
    assert proposed(title) == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("møde: plan?", "møde- plan-.toml"),  # a file made on Linux, exported again
        ("CON", "CON_.toml"),
        ("nul.v1", "nul_.v1.toml"),
        ("referat. ", "referat.toml"),
        ("a<b>c", "a-b-c.toml"),
    ],
)
def test_the_open_files_name_is_made_valid_too(stem: str, expected: str) -> None:
    assert proposed("ignored", path=Path("/tmp") / f"{stem}.toml") == expected


def test_a_preparation_is_named_after_its_author() -> None:
    assert proposed("x", kind="prep", leader="Åse Ø.") == "forb-aase-oe.toml"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("a:b", "a-b"),
        ('tab\there "q"', "tab-here -q-"),
        ("stop.", "stop"),
        ("  mellemrum  ", "mellemrum"),
        (".skjult", "skjult"),
        ("LPT¹", "LPT¹_"),
        ("con .v1", "con _.v1"),
        ("x" * 200, "x" * 120),
        ("/", "-"),
    ],
)
def test_portable_stem(stem: str, expected: str) -> None:
    assert portable_stem(stem) == expected


def test_a_name_from_a_macs_disk_is_suggested_in_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Åse møde")
    assert nfd != "Åse møde"
    assert portable_stem(nfd) == "Åse møde"
    assert slugify(nfd, set()) == "aase-moede"  # as the same title typed


def test_nfd_and_nfc_names_are_one_file_on_macos(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    typed = tmp_path / "Åses råd.toml"  # NFC, as typed
    listed = tmp_path / unicodedata.normalize("NFD", "Åses råd.toml")  # as a Mac lists it
    assert str(listed) != str(typed)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.path_key(listed) == paths.path_key(typed) == str(typed)
    assert paths.same_file(listed, typed)
    assert live.live_key(listed) == live.live_key(typed)  # leader and projector meet


def test_on_linux_the_bytes_decide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ext4 keeps NFC and NFD names as two files: so does the comparison on Linux."""
    monkeypatch.setattr(sys, "platform", "linux")
    typed = tmp_path / "Åses råd.toml"
    listed = tmp_path / unicodedata.normalize("NFD", "Åses råd.toml")
    assert not paths.same_file(listed, typed)
    typed.write_text("a", encoding="utf-8")
    listed.write_text("b", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [listed.name, typed.name]
    assert not paths.same_file(listed, typed)
    assert paths.same_file(typed, tmp_path / "." / "Åses råd.toml")


@pytest.mark.source_rules
def test_paths_are_shown_as_the_system_writes_them() -> None:
    """Paths reach the user through ``str(path)`` (``C:\\Users\\…`` on Windows), never
    rewritten with ``/``: no ``as_posix()`` and no path joined by hand with ``"/"`` in ``src/``.

    Proven here only as this rule; how Windows Terminal shows such a path is for a real
    Windows (docs/platforms.md).
    """
    from tests.conftest import REPO

    found = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "as_posix(" in line or '"/".join' in line or "'/'.join" in line
    ]
    assert found == []


def test_a_long_title_is_cut_after_a_whole_word() -> None:
    title = "Ti gode råd om medarbejderinddragelse i digitaliseringen af hjemmeplejen"
    assert proposed(title) == "ti-gode-raad-om-medarbejderinddragelse.toml"
    assert proposed("Medarbejderinddragelseskonsulentuddannelsesforløbet nu") == (
        "medarbejderinddragelseskonsulentuddannel.toml"  # one word too long: cut as before
    )
