"""The marshal cache of shipped TOML files: built with the wheel, only read at run time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from inddrag.tomlcache import build_cache, cache_path, load_cached


def _with_cache(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    cache_path(path).parent.mkdir()
    cache_path(path).write_bytes(build_cache(path))
    return path


def test_a_fresh_cache_is_read_without_tomllib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _with_cache(tmp_path, 'a = "æøå"\nb = [1, 2]\n')
    monkeypatch.setitem(sys.modules, "tomllib", None)  # importing it would now fail
    assert load_cached(path) == {"a": "æøå", "b": [1, 2]}


def test_a_stale_cache_is_ignored(tmp_path: Path) -> None:
    path = _with_cache(tmp_path, 'a = "x"\n')
    path.write_text('a = "y"\n', encoding="utf-8")  # same length, other bytes
    assert load_cached(path) == {"a": "y"}


def test_a_broken_cache_is_ignored(tmp_path: Path) -> None:
    path = _with_cache(tmp_path, 'a = "x"\n')
    cache_path(path).write_bytes(b"\x00garbage")
    assert load_cached(path) == {"a": "x"}


def test_nothing_is_written_at_run_time(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('a = "x"\n', encoding="utf-8")
    assert load_cached(path) == {"a": "x"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.toml"]
