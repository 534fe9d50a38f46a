"""Every module of inddrag imports on Windows and on macOS: tried here, in a subprocess.

The subprocess first imports everything as it is (so the standard library and the
packages inddrag uses are loaded for this machine), then forgets inddrag's own modules,
sets ``sys.platform`` to ``win32`` or ``darwin``, makes the POSIX-only modules (``fcntl``,
``pwd``, ``grp``, ``termios``) unimportable, and imports every inddrag module again: each
runs its top level under the other platform, and one that imports a POSIX-only module
at the top, or calls a missing function there, fails. (macOS has those four modules; they
are blocked for the ``darwin`` run too, which proves no module needs them at the top.)

What this cannot prove: the standard library's and the other packages' own imports on a
real Windows or Mac (Textual's Windows driver, asyncio's proactor loop are not loaded
here), nor anything that only happens when a function runs (``test_platform_windows``
runs the domain's Windows branches).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

SCRIPT = r"""
import importlib, pkgutil, sys

import inddrag

names = [
    info.name
    for info in pkgutil.walk_packages(inddrag.__path__, "inddrag.")
    if not info.name.endswith("__main__")  # it runs the command line
]
for name in names:
    importlib.import_module(name)

POSIX_ONLY = {"fcntl", "pwd", "grp", "termios"}


class PosixOnly:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in POSIX_ONLY:
            raise ImportError(f"{name} is blocked (POSIX-only)")
        return None


for name in list(sys.modules):
    if name.partition(".")[0] in POSIX_ONLY | {"inddrag"}:
        del sys.modules[name]
sys.meta_path.insert(0, PosixOnly())
sys.platform = sys.argv[1]

try:
    import fcntl  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("fcntl could still be imported")

failed = []
for name in ["inddrag", *names]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print(f"imported {len(names) + 1 - len(failed)} of {len(names) + 1} on {sys.platform}")
print("\n".join(failed))
"""


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_every_module_imports_on(platform: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, platform],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    first, *failures = done.stdout.strip().splitlines()
    assert failures == []
    found = re.fullmatch(rf"imported (\d+) of (\d+) on {platform}", first)
    assert found is not None, first
    assert found[1] == found[2]
    assert int(found[2]) > 90  # every module, not an empty walk


@pytest.mark.source_rules
def test_every_platform_branch_is_one_mypy_can_follow() -> None:
    """``os.name`` and ``hasattr(os, …)`` hide a branch from mypy; ``sys.platform`` does not."""
    hidden = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\bos\.name\b|hasattr\(os,|getattr\(os,", line)
    ]
    assert hidden == []


@pytest.mark.source_rules
def test_ci_type_checks_for_every_platform() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/mypy\n" in script
    assert ".venv/bin/mypy --platform win32\n" in script
    assert ".venv/bin/mypy --platform darwin\n" in script
