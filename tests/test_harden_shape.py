"""Issue 22's architecture part: one "same file" helper, one OS lock helper, and the
merge and the server cut into named steps of at most 60 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "inddrag"


def functions(module: str) -> dict[str, int]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    return {
        node.name: (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_the_merge_and_the_server_are_named_steps_of_at_most_60_lines() -> None:
    for module in ("domain/merge.py", "cli/merge.py", "cli/serve.py"):
        long = {name: n for name, n in functions(module).items() if n > 60}
        assert long == {}, module


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
