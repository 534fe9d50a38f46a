"""The open session has one owner (issue 19, item 2): nothing outside ``ui/state.py``
assigns the fields of :class:`OpenSession`, and no screen, dialog or widget names the App.

Read from the source (AST), so a new module that writes ``state.saved = …`` or imports the
App under ``TYPE_CHECKING`` fails here, whatever its own tests say."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from inddrag.ui.state import OpenSession

SRC = Path(__file__).resolve().parents[2] / "src" / "inddrag"
FIELDS = {f.name for f in dataclasses.fields(OpenSession)}


def _names_state(node: ast.expr) -> bool:
    """``state``, ``self.state``, ``app.state``, ``context.state`` …"""
    if isinstance(node, ast.Name):
        return node.id == "state"
    return isinstance(node, ast.Attribute) and node.attr == "state"


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for part in ast.walk(target):
                if (
                    isinstance(part, ast.Attribute)
                    and part.attr in FIELDS
                    and _names_state(part.value)
                ):
                    found.append((part.lineno, part.attr))
    return found


def test_nothing_outside_the_owner_assigns_its_fields() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "ui" / "state.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(SRC)}:{line}: .{attr}" for line, attr in _writes(tree)]
    assert offenders == []


def test_the_check_finds_a_write_when_there_is_one() -> None:
    code = "state.saved = True\nself.app.state.path = None\nx.state.revision += 1\ny.saved = 1\n"
    assert _writes(ast.parse(code)) == [(1, "saved"), (2, "path"), (3, "revision")]


def test_no_screen_dialog_or_widget_names_the_app() -> None:
    offenders = []
    for folder in ("screens", "dialogs", "widgets"):
        for path in sorted((SRC / "ui" / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "InddragApp" in text or "inddrag.ui.app" in text:
                offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_the_import_contracts_see_type_checking_imports() -> None:
    import tomllib

    config = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["importlinter"]["exclude_type_checking_imports"] is False
