"""Content packs: the leaflet's advice and the worksheet's roles template.

A pack is a folder with ``advice.toml`` and ``roles.toml`` (see ``docs/content-pack.md``).
:func:`load_pack` reads both, reports every problem in both files at once, and returns a
:class:`ContentPack`. Every text a pack shows (titles, advice, questions, hints) is made safe
for a terminal as it is read (:func:`inddrag.domain.safe_text.visible`): a pack is shown,
never edited, so nothing is lost. The packs we ship live in ``content/`` in the repository and in
``inddrag/content/`` inside the installed wheel; :mod:`inddrag.domain.packs` finds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field

from inddrag.domain.errors import FileProblems, KeyPath, Problem, problem
from inddrag.domain.models import NonEmpty, Slug, Strict
from inddrag.domain.packs import (
    ADVICE_FILE,
    ROLES_FILE,
    bundled_content_root,
    bundled_languages,
    bundled_pack_dir,
)
from inddrag.domain.safe_text import visible
from inddrag.domain.tomlfile import TomlDocument, read_toml, validate

MAX_ADVICE = 100


def _shown(text: str) -> str:
    return visible(text, lines=True)


Shown = Annotated[str, AfterValidator(_shown)]
"""Pack text, with any control character shown instead of sent to the terminal."""
ShownNonEmpty = Annotated[NonEmpty, AfterValidator(_shown)]


class PackInfo(Strict):
    """The ``[pack]`` table."""

    id: Slug
    version: NonEmpty
    language: Annotated[str, Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    title: ShownNonEmpty
    source: Shown = ""
    closing_question: Shown = ""


class Advice(Strict):
    """One piece of advice; its number is its position in the pack."""

    id: Slug
    title: ShownNonEmpty
    text: ShownNonEmpty
    questions: list[ShownNonEmpty] = Field(default_factory=list)


class AdviceFile(Strict):
    """``advice.toml``."""

    pack: PackInfo
    advice: Annotated[list[Advice], Field(min_length=1, max_length=MAX_ADVICE)]


class Template(Strict):
    """The ``[template]`` table of ``roles.toml``."""

    title: ShownNonEmpty
    question: Shown = ""
    guidance: Shown = ""
    row_header: ShownNonEmpty = "Hvem"


class ColumnTemplate(Strict):
    """A column of the worksheet."""

    id: Slug
    title: ShownNonEmpty


class RoleTemplate(Strict):
    """A row of the worksheet: a role, with example text per column shown as hints."""

    id: Slug
    name: ShownNonEmpty
    hint: Shown = ""
    examples: dict[str, Shown] = Field(default_factory=dict)


class RolesFile(Strict):
    """``roles.toml``."""

    template: Template
    columns: Annotated[list[ColumnTemplate], Field(min_length=1, max_length=50)]
    roles: Annotated[list[RoleTemplate], Field(max_length=200)] = Field(default_factory=list)


@dataclass(frozen=True)
class ContentPack:
    """A loaded, valid pack."""

    path: Path
    info: PackInfo
    advice: tuple[Advice, ...]
    template: Template
    columns: tuple[ColumnTemplate, ...]
    roles: tuple[RoleTemplate, ...]

    @property
    def language(self) -> str:
        return self.info.language

    def advice_by_id(self, advice_id: str) -> Advice | None:
        """The advice with this id, if the pack has it."""
        for item in self.advice:
            if item.id == advice_id:
                return item
        return None

    def advice_number(self, advice_id: str) -> int | None:
        """1-based position of the advice in the pack."""
        for number, item in enumerate(self.advice, start=1):
            if item.id == advice_id:
                return number
        return None

    def role_by_id(self, role_id: str) -> RoleTemplate | None:
        for role in self.roles:
            if role.id == role_id:
                return role
        return None


def _duplicates(doc: TomlDocument, list_key: str) -> Iterable[Problem]:
    """Ids used twice in ``[[list_key]]``, read from the raw data so that they are
    reported together with any other problem in the file, not only once it validates."""
    items = doc.data.get(list_key)
    if not isinstance(items, list):
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        value = item.get("id") if isinstance(item, dict) else None
        if not isinstance(value, str):
            continue
        key: KeyPath = (list_key, index, "id")
        if value in seen:
            yield problem(
                doc.path,
                "duplicate_id",
                line=doc.lines.line_of(key),
                key=key,
                id=value,
                first=seen[value] + 1,
            )
        else:
            seen[value] = index


def load_pack(folder: Path) -> ContentPack:
    """Load and check a pack folder; raise :class:`FileProblems` listing every problem."""
    if not folder.exists():
        raise FileProblems([problem(folder, "pack_not_found")])
    if not folder.is_dir():
        raise FileProblems([problem(folder, "pack_not_a_folder")])
    problems: list[Problem] = []
    advice_file: AdviceFile | None = None
    roles_file: RolesFile | None = None
    advice_doc: TomlDocument | None = None
    roles_doc: TomlDocument | None = None
    try:
        advice_doc = read_toml(folder / ADVICE_FILE)
        problems.extend(_duplicates(advice_doc, "advice"))
        advice_file = validate(AdviceFile, advice_doc)
    except FileProblems as exc:
        problems.extend(exc.problems)
    try:
        roles_doc = read_toml(folder / ROLES_FILE)
        problems.extend(_duplicates(roles_doc, "columns"))
        problems.extend(_duplicates(roles_doc, "roles"))
        roles_file = validate(RolesFile, roles_doc)
    except FileProblems as exc:
        problems.extend(exc.problems)
    if roles_file is not None and roles_doc is not None:
        problems.extend(_unknown_example_columns(roles_doc, roles_file))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    if problems or advice_file is None or roles_file is None:
        raise FileProblems(problems)
    return ContentPack(
        path=folder,
        info=advice_file.pack,
        advice=tuple(advice_file.advice),
        template=roles_file.template,
        columns=tuple(roles_file.columns),
        roles=tuple(roles_file.roles),
    )


def _unknown_example_columns(doc: TomlDocument, roles: RolesFile) -> Iterable[Problem]:
    column_ids = [c.id for c in roles.columns]
    for index, role in enumerate(roles.roles):
        for column_id in role.examples:
            if column_id not in column_ids:
                key: KeyPath = ("roles", index, "examples", column_id)
                yield problem(
                    doc.path,
                    "unknown_column",
                    line=doc.lines.line_of(key),
                    key=key,
                    id=column_id,
                    allowed=", ".join(column_ids),
                )


__all__ = [
    "ADVICE_FILE",
    "ROLES_FILE",
    "Advice",
    "ContentPack",
    "PackInfo",
    "bundled_content_root",
    "bundled_languages",
    "bundled_pack_dir",
    "load_pack",
]
