"""Bring people's preparation files into a team session as ``[[inputs]]``.

:func:`merge_preps` is pure: it takes a team session and loaded prep sessions and returns
a new team session (the one passed in is not changed), the warnings worth telling the
user, and what happened to each prep. ``inddrag merge`` and the app's “hent forberedelse”
both call it; reading and writing files is left to them.

Merging the same preparation again replaces the earlier input instead of adding a second
one (see ``docs/merge.md`` for the rule):

* a prep matches the earlier input made from the same prep file: the file's random
  ``[session] id`` is kept in the input as ``prep_id``, so an edited prep (named or not)
  replaces its earlier version;
* else a prep merged with a name matches an earlier input with the same name (Unicode
  NFC, case, zero-width characters and extra spaces ignored);
* else a prep merged without a name matches an earlier nameless input with exactly the
  same ``order`` and ``notes`` (inputs merged before ``prep_id`` existed).
  Each earlier input is replaced at most once per merge, so two people who happened to
  hand in identical preparations stay two inputs when the same files are merged again.

Anonymity belongs to the team session: once it holds anonymous input
(``[session] anonymous``), every later merge leaves names out too, unless the caller asks
to reveal them (``reveal_names``). In an anonymous session the nameless inputs are sorted
by their random ``prep_id`` and carry one merge time, so neither their order nor their
time tells whose is whose.

Everything is looked up in dicts, so merging n preps into a session with m inputs takes
O(n + m) look-ups (plus sorting the nameless inputs of an anonymous session).
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems, KeyPath, Problem, display_path, problem
from inddrag.domain.session import PrepInput, Session

NameKey = str
ContentKey = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class PrepOutcome:
    """What happened to one prep file."""

    path: Path
    participant: str
    """The name written to the input (``""`` when merged without one)."""
    notes: int
    """How many notes the input carries."""
    ranked: int
    """How many advice the person ranked."""
    replaced: bool
    """Whether it replaced an earlier input rather than adding a new one."""
    skipped: bool = False
    """The same file was given twice; the second mention was left out."""
    changed: bool = True
    """For a replacement: whether the name, ranking or notes differ from the earlier input."""


@dataclass
class MergeResult:
    """The merged team session, the warnings, and one outcome per prep given."""

    session: Session
    outcomes: list[PrepOutcome] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    anonymous: bool = False
    """Whether names were left out (asked for, or because the session is anonymous)."""
    kept_anonymous: bool = False
    """Names were left out only because the team session is anonymous."""

    @property
    def added(self) -> int:
        return sum(1 for o in self.outcomes if not o.replaced and not o.skipped)

    @property
    def replaced(self) -> int:
        """Earlier inputs replaced by something different."""
        return sum(1 for o in self.outcomes if o.replaced and o.changed)

    @property
    def unchanged(self) -> int:
        """Preps merged again exactly as they were."""
        return sum(1 for o in self.outcomes if o.replaced and not o.changed)


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"))
"""Zero-width characters: a name with one looks the same as the name without."""


def name_key(name: str) -> NameKey:
    """How names are compared: as they look, whatever their bytes.

    Unicode NFC (“Åse” typed as one character or as A plus a ring is one name), case,
    zero-width characters and runs of spaces do not matter.
    """
    plain = unicodedata.normalize("NFC", name).translate(_INVISIBLE)
    return unicodedata.normalize("NFC", " ".join(plain.split()).casefold())


def content_key(item: PrepInput) -> ContentKey:
    """How nameless inputs are compared: the same ranking and the same notes, verbatim."""
    return tuple(item.order), tuple(sorted(item.notes.items()))


def prep_notes(prep: Session) -> dict[str, str]:
    """The prep's notes by advice id, verbatim, leaving out notes with no text in them."""
    return {entry.id: entry.notes for entry in prep.advice if entry.notes.strip()}


def input_from_prep(prep: Session, *, anonymous: bool, when: datetime) -> PrepInput:
    """The ``[[inputs]]`` table one prep becomes (``when`` to the second, with its offset)."""
    if when.tzinfo is None:
        when = when.astimezone()
    return PrepInput(
        participant="" if anonymous else prep.session.facilitator.strip(),
        prep_id=prep.session.id,
        merged=when.replace(microsecond=0),
        order=list(prep.priorities.order),
        notes=prep_notes(prep),
    )


def check_kinds(team: tuple[Path, Session], preps: Sequence[tuple[Path, Session]]) -> None:
    """Refuse a prep as the team file and a team file among the preps (every one named)."""
    problems: list[Problem] = []
    if team[1].kind != "team":
        problems.append(problem(team[0], "merge.prep_as_team", key="session.kind"))
    for path, prep in preps:
        if prep.kind != "prep":
            problems.append(problem(path, "merge.team_as_prep", key="session.kind"))
    if problems:
        raise FileProblems(problems)


class _EarlierInputs:
    """Earlier inputs by name and by content, each to be replaced at most once."""

    def __init__(self, inputs: list[PrepInput]) -> None:
        self.by_name: dict[NameKey, int] = {}
        self.by_content: dict[ContentKey, deque[int]] = {}
        self.by_id: dict[str, deque[int]] = {}
        self.names: dict[int, NameKey] = {}
        for index, item in enumerate(inputs):
            self.add(item, index)
            if item.prep_id:
                self.by_id.setdefault(item.prep_id, deque()).append(index)

    def add(self, item: PrepInput, index: int) -> None:
        if item.participant.strip():
            self.by_name[name_key(item.participant)] = index
            self.names[index] = name_key(item.participant)
        else:
            self.by_content.setdefault(content_key(item), deque()).append(index)

    def take_id(self, item: PrepInput) -> int | None:
        """The earlier input from the same prep file, unless it carries another's name."""
        queue = self.by_id.get(item.prep_id) if item.prep_id else None
        if not queue:
            return None
        index = queue[0]
        theirs = self.names.get(index)
        if theirs is not None and item.participant.strip() and theirs != name_key(item.participant):
            return None  # a copy of one prep file, filled in by someone else
        queue.popleft()
        if theirs is not None and self.by_name.get(theirs) == index:
            del self.by_name[theirs]
        return index

    def take_name(self, name: str) -> int | None:
        return self.by_name.pop(name_key(name), None) if name.strip() else None

    def take_content(self, item: PrepInput) -> int | None:
        queue = self.by_content.get(content_key(item))
        return queue.popleft() if queue else None


def merge_preps(
    team: Session,
    preps: Sequence[tuple[Path, Session]],
    *,
    anonymous: bool,
    when: datetime,
    pack: ContentPack | None = None,
    team_path: Path | None = None,
    reveal_names: bool = False,
) -> MergeResult:
    """Merge ``preps`` (path, loaded prep) into a copy of ``team``.

    Raises :class:`FileProblems` when ``team`` is not a team session or a prep is not a
    prep (naming every such file); nothing is merged then. ``pack`` is the team's content
    pack, used to warn about advice ids it does not know (they are kept all the same).
    Names are left out when ``anonymous`` is asked for, or when the team session is
    anonymous and ``reveal_names`` is not given (the caller confirms that choice first).
    """
    check_kinds((team_path or Path("-"), team), preps)
    when = (when if when.tzinfo is not None else when.astimezone()).replace(microsecond=0)
    merged = team.model_copy(deep=True)
    sticky = team.session.anonymous and not reveal_names and not anonymous
    anonymous = anonymous or sticky
    inputs = merged.inputs
    index = _EarlierInputs(inputs)
    known = {a.id for a in pack.advice} if pack is not None else None
    result = MergeResult(session=merged, anonymous=anonymous, kept_anonymous=sticky)
    seen_paths: dict[object, Path] = {}
    named_in_run: dict[NameKey, Path] = {}
    ids_in_run: dict[str, Path] = {}
    for path, prep in preps:
        resolved = _identity(path)
        if resolved in seen_paths:
            result.warnings.append(problem(path, "merge.same_file_twice", severity="warning"))
            result.outcomes.append(
                PrepOutcome(path, "", 0, 0, replaced=False, skipped=True),
            )
            continue
        seen_paths[resolved] = path
        result.warnings.extend(_prep_warnings(path, prep, team, known, anonymous))
        twin = ids_in_run.setdefault(prep.session.id, path) if prep.session.id else path
        if twin != path:
            result.warnings.append(
                problem(
                    path,
                    "merge.same_prep_id",
                    key="session.id",
                    severity="warning",
                    other=display_path(twin),
                )
            )
        item = input_from_prep(prep, anonymous=anonymous, when=when)
        author = prep.session.facilitator
        at = index.take_id(item)
        if item.participant:
            earlier = named_in_run.get(name_key(item.participant))
            if earlier is not None:
                result.warnings.append(
                    problem(
                        path,
                        "merge.same_person_twice",
                        severity="warning",
                        name=item.participant,
                        other=display_path(earlier),
                    )
                )
            named_in_run[name_key(item.participant)] = path
            if at is None:
                at = index.take_name(item.participant)
            if at is None:
                at = index.take_content(item)
        elif at is None:
            at = index.take_content(item)
            if at is None and anonymous:
                at = index.take_name(author)
        changed = True
        if at is None:
            inputs.append(item)
            at = len(inputs) - 1
            replaced = False
        else:
            old = inputs[at]
            changed = _visible(old) != _visible(item)
            if not changed:
                item.merged = old.merged  # merged again as it was: nothing to record
            inputs[at] = item
            replaced = True
        if item.participant:
            index.add(item, at)
        result.outcomes.append(
            PrepOutcome(
                path,
                item.participant,
                notes=len(item.notes),
                ranked=len(item.order),
                replaced=replaced,
                changed=changed,
            )
        )
    if anonymous:
        merged.session.anonymous = True
    elif reveal_names:
        merged.session.anonymous = False
    if merged.session.anonymous:
        _hide_order(merged)
    if result.outcomes:
        merged.session.updated = when
    return result


def _visible(item: PrepInput) -> tuple[str, list[str], dict[str, str]]:
    """What a reader of the session sees of an input (not its time or its prep id)."""
    return item.participant, item.order, item.notes


def anonymous_sort_key(item: PrepInput) -> str:
    """A nameless input's place: by its random ``prep_id`` (or a hash of its content)."""
    if item.prep_id:
        return item.prep_id
    digest = hashlib.sha256(repr(content_key(item)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _hide_order(session: Session) -> None:
    """Named inputs first, as they were; the nameless ones sorted by random id, one time."""
    named = [item for item in session.inputs if item.participant.strip()]
    nameless = sorted(
        (item for item in session.inputs if not item.participant.strip()),
        key=anonymous_sort_key,
    )
    if nameless:
        latest = max(item.merged for item in nameless)
        for item in nameless:
            item.merged = latest
    session.inputs[:] = [*named, *nameless]


def _identity(path: Path) -> object:
    """What makes two names the same file: its device and inode (one stat, where resolving
    the path looked up every folder on the way), else the resolved path."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        try:
            return path.resolve()
        except OSError:
            return path
    return (found.st_dev, found.st_ino)


def _prep_warnings(
    path: Path, prep: Session, team: Session, known: set[str] | None, anonymous: bool
) -> list[Problem]:
    """What the user should know about one prep; nothing here stops the merge."""
    out: list[Problem] = []
    theirs, ours = prep.content, team.content
    if theirs.language != ours.language:
        out.append(
            problem(
                path,
                "merge.other_language",
                key="content.language",
                severity="warning",
                found=theirs.language,
                expected=ours.language,
            )
        )
    if theirs.pack != ours.pack:
        out.append(
            problem(
                path,
                "merge.other_pack",
                key="content.pack",
                severity="warning",
                found=theirs.pack,
                expected=ours.pack,
            )
        )
    elif theirs.version != ours.version:
        out.append(
            problem(
                path,
                "merge.other_version",
                key="content.version",
                severity="warning",
                found=theirs.version,
                expected=ours.version,
            )
        )
    if known is not None:
        out.extend(_unknown_ids(path, prep, known))
    if not anonymous and not prep.session.facilitator.strip():
        out.append(problem(path, "merge.no_name", key="session.facilitator", severity="warning"))
    if any(text.strip() for row in prep.roles.rows for text in row.cells.values()):
        out.append(problem(path, "merge.roles_not_merged", key="roles", severity="warning"))
    if prep.inputs:
        out.append(
            problem(
                path,
                "merge.prep_has_inputs",
                key="inputs",
                severity="warning",
                count=len(prep.inputs),
            )
        )
    return out


def _unknown_ids(path: Path, prep: Session, known: set[str]) -> list[Problem]:
    """One warning per advice id the team's pack lacks, at its first mention in the prep."""
    where: dict[str, KeyPath] = {}
    for place, advice_id in enumerate(prep.priorities.order):
        where.setdefault(advice_id, ("priorities", "order", place))
    for number, entry in enumerate(prep.advice):
        if entry.notes.strip():
            where.setdefault(entry.id, ("advice", number, "id"))
    return [
        problem(path, "merge.unknown_ids", key=key, severity="warning", ids=advice_id)
        for advice_id, key in where.items()
        if advice_id not in known
    ]
