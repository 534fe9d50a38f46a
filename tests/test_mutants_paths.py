"""``domain/paths.py``: when two names are one file, and a path as a key, pinned down where
mutation testing found the suite silent (docs/testing.md, "Mutation testing"). Expected
keys are written out from the temporary folder; each test says what it guards.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from inddrag.domain.paths import file_key, path_key, same_file

NFD = "Ma\u030ade.toml"  # "Måde" as a Mac's disk writes it
NFC = "M\u00e5de.toml"


def test_a_path_key_is_absolute_with_links_and_home_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``..`` and ``~`` resolved; the key is the file's path as text."""
    root = tmp_path.resolve()
    assert path_key(tmp_path / "sub" / ".." / "a.toml") == os.path.join(root, "a.toml")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert path_key("~/x.toml") == os.path.join(root, "x.toml")


def test_a_path_that_cannot_be_resolved_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link loop (``resolve`` fails): the name made absolute, as it stands."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    monkeypatch.chdir(tmp_path)
    assert path_key("a") == os.path.join(os.getcwd(), "a")


def test_a_key_is_nfc_on_macos_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS: a name in NFD and the same name typed are one key; elsewhere the bytes
    decide."""
    root = tmp_path.resolve()
    monkeypatch.setattr(sys, "platform", "linux")
    assert path_key(tmp_path / NFD) == os.path.join(root, NFD)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert path_key(tmp_path / NFD) == os.path.join(root, NFC)


def test_a_file_key_is_the_files_device_and_inode_else_its_name(tmp_path: Path) -> None:
    """An existing file: its device and inode; a missing one: its path key."""
    there = tmp_path / "a.toml"
    there.write_text("x", encoding="utf-8")
    found = os.stat(there)
    assert file_key(there) == (found.st_dev, found.st_ino)
    assert file_key(tmp_path / "nej.toml") == os.path.join(tmp_path.resolve(), "nej.toml")


def test_two_names_of_one_file_are_the_same_file(tmp_path: Path) -> None:
    """A hard link is the same file; another file with the same text is not."""
    a = tmp_path / "a.toml"
    a.write_text("x", encoding="utf-8")
    os.link(a, tmp_path / "b.toml")
    (tmp_path / "c.toml").write_text("x", encoding="utf-8")
    assert same_file(a, tmp_path / "b.toml") is True
    assert same_file(a, tmp_path / "c.toml") is False


def test_missing_files_are_the_same_by_name(tmp_path: Path) -> None:
    """Two names of a file not there yet: the same when they resolve to one name."""
    assert same_file(tmp_path / "x" / ".." / "m.toml", tmp_path / "m.toml") is True
    assert same_file(tmp_path / "m.toml", tmp_path / "n.toml") is False


def test_on_macos_a_file_and_its_name_typed_in_nfc_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file on disk in NFD, the name typed in NFC (not on disk here): their inodes
    cannot be compared, their names as macOS compares them are one."""
    (tmp_path / NFD).write_text("x", encoding="utf-8")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert same_file(tmp_path / NFD, tmp_path / NFC) is True
    monkeypatch.setattr(sys, "platform", "linux")
    assert same_file(tmp_path / NFD, tmp_path / NFC) is False
