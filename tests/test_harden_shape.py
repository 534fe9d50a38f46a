"""Issue 22's architecture part: one "same file" helper, one OS lock helper, and the
merge and the server cut into named steps of at most 60 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.source_rules  # reads the project's files, runs none of its code

SRC = Path(__file__).resolve().parents[1] / "src" / "inddrag"


def functions(module: str) -> dict[str, int]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    return {
        node.name: (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_no_function_in_src_is_over_60_lines() -> None:
    # Long ones are cut into named steps (merge_preps, cli/merge.run, make_server,
    # rollup_markdown, cli/rollup.run and session_warnings were; issue 19).
    long = {
        f"{path.relative_to(SRC).as_posix()}:{name}": n
        for path in SRC.rglob("*.py")
        for name, n in functions(path.relative_to(SRC).as_posix()).items()
        if n > 60
    }
    assert long == {}


def test_one_same_file_helper_and_one_os_lock_helper() -> None:
    same, locks = [], []
    for path in SRC.rglob("*.py"):
        module = path.relative_to(SRC).as_posix()
        text = path.read_text(encoding="utf-8")
        same += [f"{module}:{name}" for name in functions(module) if "same_file" in name]
        if "flock(" in text or "msvcrt.locking(" in text:
            locks.append(module)
    assert same == ["domain/paths.py:same_file"]
    assert locks == ["domain/platform.py"]  # try_lock and close_locked
