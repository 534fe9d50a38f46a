"""``domain/reconcile.py``: what the open session does when its file changed on disk,
pinned down where mutation testing found no domain test calling it (docs/testing.md,
"Mutation testing"; the only caller is ``ui/file_guard.py``, the only test was in
``tests/ui``). Expected outcomes and sessions are written out; each test says what it
guards.

Three versions of one session: ``base`` (the file as last read or written), ``ours`` (the
open session with the meeting's edits) and ``theirs`` (the file on disk now).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from inddrag.domain.content import ContentPack
from inddrag.domain.reconcile import reconcile
from inddrag.domain.session import AdviceEntry, PrepInput, Session, new_session

CET = timezone(timedelta(hours=1))
MADE = datetime(2026, 12, 1, 9, 0, tzinfo=CET)
LATER = datetime(2026, 12, 1, 9, 30, tzinfo=CET)


def prep(
    participant: str = "",
    prep_id: str = "",
    order: tuple[str, ...] = (),
    notes: dict[str, str] | None = None,
    merged: datetime = MADE,
) -> PrepInput:
    return PrepInput(
        participant=participant,
        prep_id=prep_id,
        merged=merged,
        order=list(order),
        notes=dict(notes or {}),
    )


def team(pack: ContentPack, *inputs: PrepInput) -> Session:
    session = new_session(pack, "team", when=MADE)
    session.inputs = [item.model_copy(deep=True) for item in inputs]
    return session


def copy(session: Session) -> Session:
    return session.model_copy(deep=True)


def edited(session: Session) -> Session:
    """``session`` with an edit of the meeting's (a title and a note) not yet saved."""
    ours = copy(session)
    ours.session.title = "Vores møde"
    ours.advice.append(AdviceEntry(id="a1", votes=2, notes="vores note"))
    return ours


# -- nothing to take --------------------------------------------------------------------


def test_a_file_as_we_read_it_is_the_same_and_ours_is_kept(da_pack: ContentPack) -> None:
    """Same inputs and content on disk: outcome ``same``, our session (with its edits)
    returned as it is, nothing added."""
    base = team(da_pack, prep("Anne", "p-1", ("a1",)))
    ours = edited(base)
    result = reconcile(base, ours, copy(base))
    assert result.outcome == "same"
    assert result.session is ours
    assert result.added == 0


def test_a_save_that_only_moved_updated_is_the_same(da_pack: ContentPack) -> None:
    """``[session] updated`` moves on every save: on its own it is no change of content
    (``same``, not ``conflict``)."""
    base = team(da_pack, prep("Anne", "p-1", ("a1",)))
    theirs = copy(base)
    theirs.session.updated = LATER
    ours = edited(base)
    result = reconcile(base, ours, theirs)
    assert result.outcome == "same"
    assert result.session is ours


# -- conflicts --------------------------------------------------------------------------


def test_any_other_change_on_disk_is_a_conflict_and_ours_is_left_as_it_is(
    da_pack: ContentPack,
) -> None:
    """A title changed on disk (not an input): ``conflict``, our session untouched, nothing
    added, even when the inputs are the same."""
    base = team(da_pack, prep("Anne", "p-1", ("a1",)))
    theirs = copy(base)
    theirs.session.title = "Deres titel"
    ours = edited(base)
    result = reconcile(base, ours, theirs)
    assert result.outcome == "conflict"
    assert result.session is ours
    assert result.added == 0
    assert [i.participant for i in result.session.inputs] == ["Anne"]


def test_a_change_on_disk_beside_new_inputs_is_still_a_conflict(da_pack: ContentPack) -> None:
    """New preparation on disk is not taken in when something else changed too (a vote):
    the user decides, nothing is merged silently."""
    base = team(da_pack)
    theirs = team(da_pack, prep("Bo", "p-2", ("a2",)))
    theirs.session.id = base.session.id
    theirs.advice.append(AdviceEntry(id="a1", votes=5))
    ours = edited(base)
    result = reconcile(base, ours, theirs)
    assert result.outcome == "conflict"
    assert result.session is ours
    assert result.session.inputs == []


def test_an_input_removed_on_disk_is_a_conflict(da_pack: ContentPack) -> None:
    """Preparation gone from the file (not replaced) is a conflict, never taken silently."""
    base = team(da_pack, prep("Anne", "p-1", ("a1",)), prep("Bo", "p-2", ("a2",)))
    theirs = copy(base)
    theirs.inputs.pop(0)
    ours = edited(base)
    result = reconcile(base, ours, theirs)
    assert result.outcome == "conflict"
    assert result.session is ours
    assert result.added == 0


# -- preparation taken in ---------------------------------------------------------------


def test_inputs_added_on_disk_are_taken_in_with_our_edits_kept(da_pack: ContentPack) -> None:
    """Only ``[[inputs]]`` grew on disk (a merge during the meeting): outcome ``inputs``,
    theirs taken in, our unsaved title and note kept, and the count of new ones."""
    base = team(da_pack)
    theirs = copy(base)
    theirs.inputs = [prep("Anne", "p-1", ("a1", "a2")), prep("Bo", "p-2", ("a2",))]
    ours = edited(base)
    result = reconcile(base, ours, theirs)
    assert result.outcome == "inputs"
    assert result.added == 2
    assert result.session.session.title == "Vores møde"
    assert [(e.id, e.votes, e.notes) for e in result.session.advice] == [("a1", 2, "vores note")]
    assert [(i.participant, i.prep_id, i.order) for i in result.session.inputs] == [
        ("Anne", "p-1", ["a1", "a2"]),
        ("Bo", "p-2", ["a2"]),
    ]


def test_an_input_replaced_by_its_prep_id_is_taken_in(da_pack: ContentPack) -> None:
    """The same prep merged again (same prep id, new order and name): replaced, not
    removed, so ``inputs`` with one new input counted."""
    base = team(da_pack, prep("Anne", "p-1", ("a1",)))
    theirs = copy(base)
    theirs.inputs = [prep("Anne B.", "p-1", ("a2", "a1"), merged=LATER)]
    result = reconcile(base, copy(base), theirs)
    assert result.outcome == "inputs"
    assert result.added == 1
    assert [(i.participant, i.order) for i in result.session.inputs] == [("Anne B.", ["a2", "a1"])]


def test_an_input_replaced_by_a_name_in_other_case_and_spacing_is_taken_in(
    da_pack: ContentPack,
) -> None:
    """Without a prep id the name is the identity, whatever its case and spaces:
    ``Anne Hansen`` replaced by `` anne   HANSEN `` is a replacement (``inputs``)."""
    base = team(da_pack, prep("Anne Hansen", order=("a1",)))
    theirs = copy(base)
    theirs.inputs = [prep(" anne   HANSEN ", order=("a2",), merged=LATER)]
    result = reconcile(base, copy(base), theirs)
    assert result.outcome == "inputs"
    assert result.added == 1
    assert [i.order for i in result.session.inputs] == [["a2"]]


def test_an_input_with_a_blank_name_is_known_by_its_content(da_pack: ContentPack) -> None:
    """No prep id and a name of spaces only: the order and notes are the identity, so the
    same content merged again later (another time, no name) is a replacement, and other
    content in its place is a removal (``conflict``)."""
    base = team(da_pack, prep("   ", order=("a1", "a2"), notes={"a2": "x", "a1": "y"}))
    again = copy(base)
    again.inputs = [prep("", order=("a1", "a2"), notes={"a1": "y", "a2": "x"}, merged=LATER)]
    result = reconcile(base, copy(base), again)
    assert result.outcome == "inputs"
    assert result.added == 1
    other_order = copy(base)
    other_order.inputs = [prep("", order=("a2", "a1"), notes={"a1": "y", "a2": "x"})]
    assert reconcile(base, copy(base), other_order).outcome == "conflict"
    other_notes = copy(base)
    other_notes.inputs = [prep("", order=("a1", "a2"), notes={"a1": "y", "a2": "z"})]
    assert reconcile(base, copy(base), other_notes).outcome == "conflict"


def test_one_replaced_and_one_added_is_no_removal(da_pack: ContentPack) -> None:
    """Base ``[A]``, theirs ``[A replaced, B]``: every input of base is still there, so
    ``inputs`` with two new ones (not a conflict)."""
    base = team(da_pack, prep("Anne", "p-1", ("a1",)))
    theirs = copy(base)
    theirs.inputs = [prep("Anne", "p-1", ("a2",)), prep("Bo", "p-2", ("a3",))]
    result = reconcile(base, copy(base), theirs)
    assert result.outcome == "inputs"
    assert result.added == 2


def test_inputs_we_brought_in_ourselves_are_kept_once(da_pack: ContentPack) -> None:
    """Ours holds base's input, one also on disk and one of our own: the merged inputs are
    theirs, then only ours that neither base nor the file had (no input twice, none lost)."""
    anne = prep("Anne", "p-1", ("a1",))
    anne_again = prep("Anne", "p-1", ("a2",), merged=LATER)
    bo = prep("Bo", "p-2", ("a3",))
    cai = prep("Cai", "p-3", ("a4",))
    base = team(da_pack, anne)
    theirs = team(da_pack, anne_again, bo)
    theirs.session = base.session.model_copy(deep=True)
    theirs.meetings = [m.model_copy(deep=True) for m in base.meetings]
    ours = team(da_pack, anne, bo, cai)
    result = reconcile(base, ours, theirs)
    assert result.outcome == "inputs"
    assert result.added == 2
    assert [(i.participant, i.order) for i in result.session.inputs] == [
        ("Anne", ["a2"]),
        ("Bo", ["a3"]),
        ("Cai", ["a4"]),
    ]


def test_the_merged_session_shares_nothing_with_ours_or_theirs(da_pack: ContentPack) -> None:
    """The app edits the open session in place and keeps ``theirs`` as the new base (what
    the file holds): editing the merged session must change neither."""
    base = team(da_pack)
    theirs = copy(base)
    theirs.inputs = [prep("Anne", "p-1", ("a1",), {"a1": "deres"})]
    ours = team(da_pack, prep("Cai", "p-3", ("a4",)))
    ours.session = base.session.model_copy(deep=True)
    ours.meetings = [m.model_copy(deep=True) for m in base.meetings]
    result = reconcile(base, ours, theirs)
    assert result.outcome == "inputs"
    merged = result.session
    merged.session.title = "ændret"
    merged.roles.rows[0].cells["x"] = "ændret"
    merged.inputs[0].order.append("a9")
    merged.inputs[0].notes["a1"] = "ændret"
    merged.inputs[1].order.append("a9")
    assert ours.session.title == ""
    assert ours.roles.rows[0].cells == {}
    assert [(i.order, i.notes) for i in ours.inputs] == [(["a4"], {})]
    assert [(i.order, i.notes) for i in theirs.inputs] == [(["a1"], {"a1": "deres"})]
