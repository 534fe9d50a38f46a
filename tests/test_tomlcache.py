"""The marshal cache of shipped TOML files: used when fresh, rebuilt when stale or broken."""

from __future__ import annotations

import os
from pathlib import Path

from inddrag.tomlcache import _cache_path, load_cached


def test_cache_is_used_then_rebuilt_when_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('a = "æøå"\n', encoding="utf-8")
    assert load_cached(path) == {"a": "æøå"}
    assert _cache_path(path).exists()
    path.write_text('a = "ny værdi"\nb = [1, 2]\n', encoding="utf-8")
    assert load_cached(path) == {"a": "ny værdi", "b": [1, 2]}


def test_a_broken_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('a = "x"\n', encoding="utf-8")
    load_cached(path)
    _cache_path(path).write_bytes(b"\x00garbage")
    assert load_cached(path) == {"a": "x"}


def test_a_folder_we_cannot_write_to_means_no_cache(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('a = "x"\n', encoding="utf-8")
    (tmp_path / "__pycache__").write_text("not a folder", encoding="utf-8")
    assert load_cached(path) == {"a": "x"}
    assert not os.path.isdir(tmp_path / "__pycache__")
