"""Shared fixtures: the shipped packs, temporary pack copies, a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from inddrag.cli import main
from inddrag.domain.content import ContentPack, bundled_pack_dir, load_pack

REPO = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.nonetwork"]

# The user's own settings (their chosen theme) never reach the tests, nor do the tests
# write them: every app, in-process or started in a terminal, reads an empty folder.
os.environ["INDDRAG_CONFIG_DIR"] = tempfile.mkdtemp(prefix="inddrag-test-config-")


@pytest.fixture(scope="session")
def da_pack() -> ContentPack:
    return load_pack(bundled_pack_dir("da"))


@pytest.fixture(scope="session")
def en_pack() -> ContentPack:
    return load_pack(bundled_pack_dir("en"))


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the Danish pack."""
    dest = tmp_path / "pakke"
    shutil.copytree(bundled_pack_dir("da"), dest)
    return dest


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run ``inddrag ARGS…`` in-process; return (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
