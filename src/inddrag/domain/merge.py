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
import unicodedata
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from inddrag.domain.content import ContentPack
from inddrag.domain.errors import FileProblems, KeyPath, Problem, display_path, problem
from inddrag.domain.paths import file_key
from inddrag.domain.session import PrepInput, Session

NameKey = str
ContentKey = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]
_Key = TypeVar("_Key")


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


_PERSON_KEYS = uuid.UUID("6f1c3a52-57a4-4d8e-9a43-2f0b8c1e7d21")
"""The namespace of the ids an anonymous input keeps (see :func:`anonymous_prep_id`)."""


def anonymous_prep_id(prep: Session) -> str:
    """The id an anonymous input keeps of a prep that names its author.

    A hash of the prep file's random ``[session] id`` *and* its author's name key: the
    same person's newer prep (a copy they kept editing) has both and so the same id;
    someone else's copy of that file has the same ``[session] id`` but another name, and
    so another id. The team file holds neither the name nor the file's id, and the file's
    id is random, so the hash names nobody. A prep without a name keeps its ``[session] id``.
    """
    author = name_key(prep.session.facilitator)
    if not author or not prep.session.id:
        return prep.session.id
    return str(uuid.uuid5(_PERSON_KEYS, f"{prep.session.id}\x00{author}"))


def input_from_prep(prep: Session, *, anonymous: bool, when: datetime) -> PrepInput:
    """The ``[[inputs]]`` table one prep becomes (``when`` to the second, with its offset)."""
    if when.tzinfo is None:
        when = when.astimezone()
    name = prep.session.facilitator  # a name of only invisible characters is no name
    return PrepInput(
        participant="" if anonymous or not name_key(name) else name.strip(),
        prep_id=anonymous_prep_id(prep) if anonymous else prep.session.id,
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
    """Earlier inputs by id, by name and by content, each to be replaced at most once.

    An input taken is forgotten by every map at once (:meth:`_forget`), so no second prep
    in the same run can take it again by another way (docs/merge.md, rule 4). The input
    put in its place is findable by its name only (:meth:`add`): the same person's second
    file in one run keeps the later one.
    """

    def __init__(self, inputs: list[PrepInput]) -> None:
        self.by_name: dict[NameKey, int] = {}
        self.by_content: dict[ContentKey, deque[int]] = {}
        self.by_id: dict[str, deque[int]] = {}
        self.names: dict[int, NameKey] = {}
        self.contents: dict[int, ContentKey] = {}
        self.ids: dict[int, str] = {}
        for index, item in enumerate(inputs):
            self.add(item, index)
            if item.prep_id:
                self.by_id.setdefault(item.prep_id, deque()).append(index)
                self.ids[index] = item.prep_id

    def add(self, item: PrepInput, index: int) -> None:
        key = name_key(item.participant)
        if key:
            self.by_name[key] = index
            self.names[index] = key
        else:
            content = content_key(item)
            self.by_content.setdefault(content, deque()).append(index)
            self.contents[index] = content

    def _forget(self, index: int) -> int:
        """``index`` is taken: no map finds it any more."""
        name = self.names.pop(index, None)
        if name is not None and self.by_name.get(name) == index:
            del self.by_name[name]
        content = self.contents.pop(index, None)
        if content is not None:
            _drop(self.by_content, content, index)
        prep_id = self.ids.pop(index, None)
        if prep_id is not None:
            _drop(self.by_id, prep_id, index)
        return index

    def take_id(self, item: PrepInput, *, keyed: bool) -> tuple[int | None, bool]:
        """The earlier input from the same person's prep file, and whether one with the
        same id was passed over because that could not be shown.

        Shown means: the same id and, with names kept, the same name key; without names,
        an id that already holds the author's name key (``keyed``, see
        :func:`anonymous_prep_id`). Two nameless copies of one file are not shown to be
        one person's.
        """
        queue = self.by_id.get(item.prep_id) if item.prep_id else None
        if not queue:
            return None, False
        ours = name_key(item.participant) or None
        if ours is None and not keyed:
            return None, True  # a nameless copy of one prep file proves nothing
        for index in queue:
            if self.names.get(index) == ours:
                return self._forget(index), False
        return None, True  # a copy of one prep file, perhaps filled in by someone else

    def take_own_id(self, item: PrepInput) -> int | None:
        """The earlier input with ``item``'s prep id, whatever its name (see ``by_prep_id``)."""
        queue = self.by_id.get(item.prep_id) if item.prep_id else None
        return self._forget(queue[0]) if queue else None

    def take_name(self, name: str) -> int | None:
        index = self.by_name.get(name_key(name)) if name_key(name) else None
        return self._forget(index) if index is not None else None

    def take_content(self, item: PrepInput) -> int | None:
        if not self.by_content:
            return None  # no earlier nameless input: no key to make (it hashes every note)
        queue = self.by_content.get(content_key(item))
        return self._forget(queue[0]) if queue else None


def _drop(queues: dict[_Key, deque[int]], key: _Key, index: int) -> None:
    """Take ``index`` out of the queue at ``key`` (and the queue out when it is empty)."""
    queue = queues[key]
    queue.remove(index)
    if not queue:
        del queues[key]


def merge_preps(
    team: Session,
    preps: Sequence[tuple[Path, Session]],
    *,
    anonymous: bool,
    when: datetime,
    pack: ContentPack | None = None,
    team_path: Path | None = None,
    reveal_names: bool = False,
    by_prep_id: bool = False,
) -> MergeResult:
    """Merge ``preps`` (path, loaded prep) into a copy of ``team``.

    Raises :class:`FileProblems` when ``team`` is not a team session or a prep is not a
    prep (naming every such file); nothing is merged then. ``pack`` is the team's content
    pack, used to warn about advice ids it does not know (they are kept all the same).
    Names are left out when ``anonymous`` is asked for, or when the team session is
    anonymous and ``reveal_names`` is not given (the caller confirms that choice first).

    ``by_prep_id``: a prep replaces only the earlier input made from a prep with its
    ``[session] id``, whatever its name; never one with the same name or the same content.
    For preps whose ids the caller made and vouches for (participants' answers, where a
    stranger's name or a common ranking must not overwrite someone else's input).
    """
    check_kinds((team_path or Path("-"), team), preps)
    when = (when if when.tzinfo is not None else when.astimezone()).replace(microsecond=0)
    sticky = team.session.anonymous and not reveal_names and not anonymous
    merging = _Merging(team, anonymous=anonymous or sticky, when=when, pack=pack)
    merging.by_prep_id = by_prep_id
    merging.result.kept_anonymous = sticky
    for path, prep in preps:
        merging.merge_one(path, prep)
    merged = merging.result.session
    if merging.anonymous:
        merged.session.anonymous = True
    elif reveal_names:
        merged.session.anonymous = False
    if merged.session.anonymous:
        _hide_order(merged)
    if merging.result.outcomes:
        merged.session.updated = when
    return merging.result


class _Merging:
    """One merge run: the team session being filled in and what the run has seen."""

    def __init__(
        self, team: Session, *, anonymous: bool, when: datetime, pack: ContentPack | None
    ) -> None:
        self.team = team
        self.anonymous = anonymous
        self.when = when
        self.known = {a.id for a in pack.advice} if pack is not None else None
        merged = team.model_copy(deep=True)
        self.inputs = merged.inputs
        self.index = _EarlierInputs(self.inputs)
        self.result = MergeResult(session=merged, anonymous=anonymous)
        self.seen_paths: dict[object, Path] = {}
        self.named_in_run: dict[NameKey, Path] = {}
        self.ids_in_run: dict[str, Path] = {}
        self.by_prep_id = False

    def merge_one(self, path: Path, prep: Session) -> None:
        """Warn about ``prep``, then replace the earlier input it provably is, or add it."""
        key = file_key(path)
        if key in self.seen_paths:
            self.result.warnings.append(problem(path, "merge.same_file_twice", severity="warning"))
            self.result.outcomes.append(PrepOutcome(path, "", 0, 0, replaced=False, skipped=True))
            return
        self.seen_paths[key] = path
        warnings = _prep_warnings(path, prep, self.team, self.known, self.anonymous)
        self.result.warnings.extend(warnings)
        self._warn_same_id(path, prep)
        item = input_from_prep(prep, anonymous=self.anonymous, when=self.when)
        self._place(path, item, self._earlier(path, prep, item))

    def _warn_same_id(self, path: Path, prep: Session) -> None:
        twin = self.ids_in_run.setdefault(prep.session.id, path) if prep.session.id else path
        if twin != path:
            self.result.warnings.append(
                problem(
                    path,
                    "merge.same_prep_id",
                    key="session.id",
                    severity="warning",
                    other=display_path(twin),
                )
            )

    def _earlier(self, path: Path, prep: Session, item: PrepInput) -> int | None:
        """The earlier input ``item`` replaces (None: it is added), by the rules in order."""
        if self.by_prep_id:
            return self.index.take_own_id(item)
        keyed = self.anonymous and item.prep_id != prep.session.id
        at, passed_over = self.index.take_id(item, keyed=keyed)
        if item.participant:
            self._warn_same_person(path, item.participant)
            if at is None:
                at = self.index.take_name(item.participant)
        if at is None:
            at = self.index.take_content(item)
        if at is None and not item.participant and self.anonymous:
            at = self.index.take_name(prep.session.facilitator)
        if at is None and passed_over:
            self.result.warnings.append(
                problem(path, "merge.kept_both", key="session.id", severity="warning")
            )
        return at

    def _warn_same_person(self, path: Path, participant: str) -> None:
        earlier = self.named_in_run.get(name_key(participant))
        if earlier is not None:
            self.result.warnings.append(
                problem(
                    path,
                    "merge.same_person_twice",
                    severity="warning",
                    name=participant,
                    other=display_path(earlier),
                )
            )
        self.named_in_run[name_key(participant)] = path

    def _place(self, path: Path, item: PrepInput, at: int | None) -> None:
        """Put ``item`` in place of input ``at`` (or at the end) and record the outcome."""
        changed = True
        if at is None:
            self.inputs.append(item)
            at = len(self.inputs) - 1
            replaced = False
        else:
            old = self.inputs[at]
            changed = _visible(old) != _visible(item)
            if not changed:
                item.merged = old.merged  # merged again as it was: nothing to record
            self.inputs[at] = item
            replaced = True
        if item.participant:
            self.index.add(item, at)
        self.result.outcomes.append(
            PrepOutcome(
                path,
                item.participant,
                notes=len(item.notes),
                ranked=len(item.order),
                replaced=replaced,
                changed=changed,
            )
        )


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
    if not anonymous and not name_key(prep.session.facilitator):
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
