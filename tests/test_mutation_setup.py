"""The mutation-testing setup (pyproject.toml's ``[tool.mutmut]``) stays true as code grows.

mutmut is not run by CI (docs/testing.md), so nothing else would notice a new domain
module that is never mutated, or a new test file that never runs against the mutants.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytestmark = pytest.mark.source_rules  # reads the project's files, runs none of its code

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


SELECTION = ["-m", "domain and not slow and not source_rules", "tests"]


def collected(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The test ids pytest collects (``--co``) or runs with ``args``, run from the repo."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {line.split(" ")[0] for line in done.stdout.splitlines() if "::" in line}


def test_no_test_file_outside_the_ui_folders_is_left_out_of_the_mutation_run() -> None:
    selection = CONFIG["pytest_add_cli_args_test_selection"]
    assert selection == SELECTION
    chosen = {test.split("::")[0] for test in collected("--co", *selection)}
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
    # Files whose every test reads the project's files as text (marked source_rules):
    # mutmut's copy of src is full of mutants, which such a rule would count as code.
    rules_only = {
        "tests/test_harden_shape.py",
        "tests/test_mutation_setup.py",
        "tests/test_suite_rules.py",
    }
    assert every - chosen == subprocess_only | rules_only
    assert not {c for c in chosen if c.split("/")[1] in UI_ONLY}
    assert "tests/test_merge_identity.py" in chosen  # the files the old hand-kept list missed
    assert "tests/test_followup.py" in chosen
    assert "tests/test_rollup.py" in chosen


def test_no_test_left_out_as_a_source_rule_runs_domain_code(tmp_path: Path) -> None:
    """``source_rules`` leaves a test out of the mutation run: only fair for a test that
    reads files and never calls the domain, which could kill no mutant. A test that calls a
    domain function (a behaviour test) marked so by mistake fails here, named."""
    # This file is one of them; it runs the others, not itself (that would never end).
    chosen = ["-m", "source_rules and not slow", "tests", f"--ignore={Path(__file__).resolve()}"]
    rules = collected("--co", *chosen)
    assert "tests/test_harden_reads.py::test_no_file_is_read_but_through_the_one_function" in rules
    out = tmp_path / "calls"
    env = {**os.environ, "DOMAIN_CALLS_OUT": str(out)}
    collected("-p", "tests.domain_calls", *chosen, env=env)
    callers = set(out.read_text(encoding="utf-8").split())
    assert callers & rules == set()


def test_the_domain_call_probe_sees_a_behaviour_test(tmp_path: Path) -> None:
    """The probe above is not blind: a plain domain test is seen calling the domain."""
    out = tmp_path / "calls"
    test = "tests/test_domain_mutants.py"
    env = {**os.environ, "DOMAIN_CALLS_OUT": str(out)}
    collected("-p", "tests.domain_calls", test, "-k", "names_compare", env=env)
    assert any(line.startswith(test) for line in out.read_text(encoding="utf-8").split())
