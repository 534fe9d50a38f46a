"""The open session's one owner: the session, its file, saved or not, and where we are.

Plain Python with no Textual import. The App holds one :class:`OpenSession` and turns its
changes into reactive attributes the screens watch ("attributes down, messages up"):
screens change the session through :mod:`inddrag.domain.session`, then call
:meth:`OpenSession.changed`; they move through the walk with :meth:`OpenSession.move_to`
and :meth:`OpenSession.show_step`; a merge, a recovery copy or the file's own version
replace the session with :meth:`OpenSession.replace`. Every change goes through a method
here, and each method tells the listeners what kind of change it was. Nothing else
assigns these fields (``tests/ui/test_state_owner.py`` reads the source to hold that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from inddrag.domain.session import Session

#: What changed, as the listeners are told: the session's content; saved-or-not (and the
#: file's state: read-only, changed on disk, the recovery copy); where in the walk; which
#: file it is; the whole session (every step shows it afresh); what the room is shown.
Change = Literal["content", "saved", "position", "file", "replaced", "view"]


@dataclass(frozen=True)
class FileIdentity:
    """Who the file on disk is: size, modification time and a hash of its bytes."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> FileIdentity | None:
        """The identity of ``path`` now (None when it cannot be read)."""
        import hashlib  # only once a file is open: not before the first frame

        from inddrag.domain.readfile import read_with_stat

        try:
            raw, stat = read_with_stat(path)  # a pipe or device put there is "unreadable"
        except OSError:
            return None
        return cls(stat.st_size, stat.st_mtime_ns, hashlib.sha256(raw).hexdigest())


@dataclass(frozen=True)
class SaveState:
    """What the status line says of the file: saved or not, kept, read-only, changed."""

    path: Path | None
    saved: bool
    kept_at: datetime | None
    read_only: bool
    disk_changed: bool

    @classmethod
    def of(cls, state: OpenSession) -> SaveState:
        return cls(state.path, state.saved, state.kept_at, state.read_only, state.disk_changed)


@dataclass
class OpenSession:
    """The session being worked on and everything the app knows about it."""

    session: Session
    path: Path | None = None
    saved: bool = True
    step: str = "advice"
    advice_index: int = 0
    advice_count: int = 1
    #: The file as we last read or wrote it (None for a session not yet saved).
    identity: FileIdentity | None = None
    #: When the recovery copy last had everything (None: nothing unsaved is kept yet).
    kept_at: datetime | None = None
    #: The session as the file held it when we last read or wrote it (for what changed).
    base: Session | None = None
    #: Opened read-only (someone else has the file open): saving asks for a new name.
    read_only: bool = False
    #: The file changed on disk in a way that needs a decision at the next save.
    disk_changed: bool = False
    #: The leader hid the notes from the projector view (``inddrag present``).
    notes_hidden: bool = False
    revision: int = 0
    listeners: list[Callable[[Change], None]] = field(default_factory=list, repr=False)

    # -- facts ------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        """``team`` or ``prep``."""
        return self.session.session.kind

    @property
    def language(self) -> str:
        """The language of the pack the session was made with."""
        return self.session.content.language

    # -- changes ----------------------------------------------------------------------

    def _tell(self, change: Change) -> None:
        for listener in list(self.listeners):
            listener(change)

    def changed(self) -> None:
        """The session's content changed: it is unsaved now."""
        self.revision += 1
        was_saved, self.saved = self.saved, False
        self._tell("content")
        if was_saved:
            self._tell("saved")

    def replace(self, session: Session, *, saved_to: Path | None = None) -> None:
        """``session`` is the open session now, as a whole (a merge, a recovery copy, a
        follow-up meeting, the file's own version): every step shows it afresh.

        Unsaved, unless it is what ``saved_to`` holds (the file's own version)."""
        self.session = session
        self._tell("replaced")
        if saved_to is not None:
            self.saved_to(saved_to)
        else:
            self.changed()

    def take_in(self, session: Session, base: Session, identity: FileIdentity) -> None:
        """The file changed on disk by new preparation only: ``session`` keeps our edits
        and adds theirs, ``base`` is what the file holds now."""
        was_saved = self.saved
        self.session = session
        self.identity = identity
        self._tell("replaced")
        if was_saved and self.path is not None:
            self.saved_to(self.path)  # the same as the file now
        else:
            self.base = base
            self.disk_changed = False
            self.changed()

    def touched(self, identity: FileIdentity) -> None:
        """The file on disk was written again with the same bytes (only its time moved)."""
        self.identity = identity

    def make_read_only(self) -> None:
        """Someone else has the file open: never write it; saving asks for a new name."""
        self.read_only = True
        self.disk_changed = False
        self._tell("saved")

    def detach(self) -> None:
        """Work on a copy: the session has no file until it is saved under a new name."""
        self.path = None
        self.loaded_from(None)
        self._tell("file")
        self.changed()

    def toggle_notes_hidden(self) -> bool:
        """Hide the notes from the room (projector, presentation), or show them; returns
        whether they are hidden now."""
        self.notes_hidden = not self.notes_hidden
        self._tell("view")
        return self.notes_hidden

    def vote(self, advice_id: str, delta: int) -> bool:
        """Give (or take) ``delta`` votes to ``advice_id``; False when nothing changed (no
        votes below zero)."""
        from inddrag.domain import session as session_ops

        before = session_ops.votes_of(self.session, advice_id)
        if session_ops.add_votes(self.session, advice_id, delta) == before:
            return False
        self.changed()
        return True

    def step_advice(self, delta: int) -> bool:
        """Show the advice ``delta`` places on; False at either end (nothing moved)."""
        before = self.advice_index
        return self.move_to(before + delta) != before

    def note_disk_change(self, changed: bool) -> None:
        """The file on disk differs from ours in a way the next save must ask about."""
        if changed != self.disk_changed:
            self.disk_changed = changed
            self._tell("saved")

    def kept(self, when: datetime | None) -> None:
        """The recovery copy holds everything typed at ``when`` (None: it failed)."""
        self.kept_at = when
        self._tell("saved")

    def loaded_from(self, path: Path | None) -> None:
        """The session is what ``path`` holds now (just opened, or taken from disk)."""
        self.identity = FileIdentity.of(path) if path is not None else None
        self.base = self.session.model_copy(deep=True) if path is not None else None
        self.disk_changed = False

    def saved_to(self, path: Path) -> None:
        """The session was written to ``path``; that file is ours now."""
        moved = path != self.path
        self.path = path
        self.loaded_from(path)
        self.read_only = False
        self.saved = True
        self.kept_at = None
        if moved:
            self._tell("file")
        self._tell("saved")

    def move_to(self, index: int) -> int:
        """Show advice ``index`` (clamped to the pack); returns the index shown."""
        index = max(0, min(index, self.advice_count - 1))
        if index != self.advice_index:
            self.advice_index = index
            self._tell("position")
        return index

    def show_step(self, step: str) -> None:
        """Note that step ``step`` is on screen."""
        if step != self.step:
            self.step = step
            self._tell("position")
