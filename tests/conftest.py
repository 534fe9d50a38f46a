"""Shared fixtures: the shipped packs, temporary pack copies, a CLI runner."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from inddrag.cli import main
from inddrag.domain.content import ContentPack, bundled_pack_dir, load_pack

REPO = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.nonetwork"]

# The user's own settings (their chosen theme) never reach the tests, nor do the tests
# write them: every app, in-process or started in a terminal, reads an empty folder.
os.environ["INDDRAG_CONFIG_DIR"] = tempfile.mkdtemp(prefix="inddrag-test-config-")


TESTS = Path(__file__).resolve().parent
UI_ONLY = ("ui", "present")
"""Folders of tests that drive the screens only; every other test covers the domain."""


def covers_domain(path: Path) -> bool:
    """Whether the tests in ``path`` count for mutation testing (the ``domain`` marker)."""
    relative = path.resolve().relative_to(TESTS)
    return relative.parts[0] not in UI_ONLY


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test outside tests/ui and tests/present ``domain``: mutmut selects them
    by the marker (pyproject.toml), so no list of files is kept by hand."""
    for item in items:
        if covers_domain(item.path):
            item.add_marker(pytest.mark.domain)


@pytest.fixture(autouse=True, scope="session")
def cursors_never_blink() -> Iterator[None]:
    """Text cursors are steady in every in-process app: a blink is a timer, and a screen
    read under load would catch the cursor in either phase. Set as the widgets' default
    (textual is pinned), so it holds from the first frame and for editors built later,
    not only for those on screen when a test gets round to switching it off."""
    from textual.widgets import Input, TextArea

    saved = [(cls, cls.cursor_blink._default) for cls in (Input, TextArea)]
    for cls, _ in saved:
        cls.cursor_blink._default = False
    # Should textual stop reading the default from there, say so rather than blink again.
    assert TextArea().cursor_blink is False and Input().cursor_blink is False
    yield
    for cls, default in saved:
        cls.cursor_blink._default = default


_SHARED_FOLDERS = tuple(
    dict.fromkeys(Path(p) for p in (tempfile.gettempdir(), Path.home(), "/") if Path(p).is_dir())
)
"""Folders every user of the machine relies on; no test may change their mode or owner."""


def _looks(folder: Path) -> tuple[int, int, int]:
    found = folder.stat()
    return found.st_mode, found.st_uid, found.st_gid


@pytest.fixture(autouse=True)
def shared_folders_left_as_they_were() -> Iterator[None]:
    """Fail the test that changed the mode or owner of /tmp, the home folder or /, and put
    them back at once. The code sets folder modes (the state folder, 0700); a wrong parent
    there, or a mutant of that code under mutmut (run as root), once made /tmp 0700, and
    every later test that needs another user to reach /tmp failed for it."""
    before = {folder: _looks(folder) for folder in _SHARED_FOLDERS}
    yield
    changed = [folder for folder, looks in before.items() if _looks(folder) != looks]
    for folder in changed:
        mode, uid, gid = before[folder]
        with contextlib.suppress(OSError):
            os.chown(folder, uid, gid)
            os.chmod(folder, stat.S_IMODE(mode))
    assert not changed, f"the test changed the mode or owner of {changed}"


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state folder of the test's own (not made yet), also set as ``INDDRAG_STATE_DIR``.
    A test file whose state folder must exist already, or not be in the environment,
    defines its own ``state``."""
    folder = tmp_path / "state"
    monkeypatch.setenv("INDDRAG_STATE_DIR", str(folder))
    return folder


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
