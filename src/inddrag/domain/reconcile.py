"""When the session file changed on disk while it was open: what changed, and what to keep.

Three versions of one session: ``base`` (the file as the app last read or wrote it),
``ours`` (the open session, with the meeting's edits) and ``theirs`` (the file on disk
now). The usual case is a merge during the meeting (``inddrag merge`` or another window
bringing in preparation): only ``[[inputs]]`` differ between base and theirs, and the
answer is to take their inputs in and keep every edit of ours. Anything else changed on
disk is a conflict the user decides; nothing is ever overwritten silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from inddrag.domain.session import PrepInput, Session

Outcome = Literal["same", "inputs", "conflict"]


@dataclass(frozen=True)
class Reconciled:
    """What to do about the file on disk."""

    outcome: Outcome
    """``same``: nothing that matters changed; ``inputs``: only preparation was added or
    replaced (``session`` has it, with our edits); ``conflict``: the user must choose."""
    session: Session
    """Ours, with their inputs taken in when ``outcome`` is ``inputs``."""
    added: int = 0
    """How many inputs theirs has that base did not."""


def _without_inputs(session: Session) -> dict[str, object]:
    data = session.model_dump()
    data.pop("inputs", None)
    info = data.get("session")
    if isinstance(info, dict):
        info.pop("updated", None)  # every save moves it; it is not a change of content
    return data


def input_identity(item: PrepInput) -> tuple[object, ...]:
    """Whose preparation an input is: its prep id, else its name, else its content.

    A merge that replaces an input keeps this (the same prep, the same person); an input
    whose identity is gone from the file was removed, not replaced.
    """
    if item.prep_id:
        return ("id", item.prep_id)
    if item.participant.strip():
        return ("name", " ".join(item.participant.split()).casefold())
    return ("content", tuple(item.order), tuple(sorted(item.notes.items())))


def removed_inputs(base: Session, theirs: Session) -> int:
    """How many of ``base``'s inputs are neither in ``theirs`` nor replaced there."""
    kept = {input_identity(item) for item in theirs.inputs}
    return sum(input_identity(item) not in kept for item in base.inputs)


def reconcile(base: Session, ours: Session, theirs: Session) -> Reconciled:
    """Compare the file on disk (``theirs``) with what we last had (``base``).

    Preparation added or replaced on disk is taken in; preparation removed on disk is a
    conflict like any other change (the next save asks), never taken silently.
    """
    if _without_inputs(base) != _without_inputs(theirs):
        return Reconciled("conflict", ours)
    if base.inputs == theirs.inputs:
        return Reconciled("same", ours)
    if removed_inputs(base, theirs):
        return Reconciled("conflict", ours)
    known = {item.model_dump_json() for item in base.inputs}
    on_disk = {item.model_dump_json() for item in theirs.inputs}
    merged = ours.model_copy(deep=True)
    # Theirs, then any input we brought in ourselves since (kept, never dropped).
    merged.inputs = [item.model_copy(deep=True) for item in theirs.inputs] + [
        item.model_copy(deep=True)
        for item in ours.inputs
        if item.model_dump_json() not in known and item.model_dump_json() not in on_disk
    ]
    added = sum(item.model_dump_json() not in known for item in theirs.inputs)
    return Reconciled("inputs", merged, added)
