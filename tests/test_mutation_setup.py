"""The mutation-testing setup (pyproject.toml's ``[tool.mutmut]``) stays true as code grows.

mutmut is not run by CI (docs/testing.md), so nothing else would notice a new domain
module that is never mutated, or a new test file that never runs against the mutants.
"""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UI_ONLY = ("ui", "present")  # tests/conftest.py marks every test outside these `domain`
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
DOMAIN = REPO / "src" / "inddrag" / "domain"


def domain_modules() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in DOMAIN.rglob("*.py"))


def test_every_domain_module_is_mutated() -> None:
    # The same matching as mutmut's (fnmatch on the path from the project's root).
    modules = domain_modules()
    assert "src/inddrag/domain/reconcile.py" in modules  # the walk found the folder
    assert "src/inddrag/domain/export/csv.py" in modules
    left_out = [m for m in modules if not any(fnmatch.fnmatch(m, p) for p in CONFIG["only_mutate"])]
    assert left_out == []
    assert not CONFIG.get("do_not_mutate")


def test_no_test_file_outside_the_ui_folders_is_left_out_of_the_mutation_run() -> None:
    selection = CONFIG["pytest_add_cli_args_test_selection"]
    assert selection == ["-m", "domain and not slow", "tests"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--co", *selection],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    chosen = {line.split("::")[0] for line in done.stdout.splitlines() if "::" in line}
    tests = REPO / "tests"
    every = {
        str(p.relative_to(REPO))
        for p in tests.rglob("test_*.py")
        if p.relative_to(tests).parts[0] not in UI_ONLY
    }
    # Files whose every test drives the installed app in a subprocess (marked slow): the
    # subprocess imports the original code, never the mutants, so they cannot kill any.
    subprocess_only = {
        "tests/test_collect_browser.py",
        "tests/test_offline_install.py",
        "tests/test_offline_platforms.py",
        "tests/test_packaging.py",
        "tests/test_reliability_kill.py",
        "tests/test_security_exits.py",
        "tests/test_serve_live.py",
        "tests/test_typeahead_tmux.py",
    }
    assert every - chosen == subprocess_only
    assert not {c for c in chosen if c.split("/")[1] in UI_ONLY}
    assert "tests/test_merge_identity.py" in chosen  # the files the old hand-kept list missed
    assert "tests/test_followup.py" in chosen
    assert "tests/test_rollup.py" in chosen
