"""The open session's one owner: the session, its file, saved or not, and where we are.

Plain Python with no Textual import. The App holds one :class:`OpenSession` and turns its
changes into reactive attributes the screens watch ("attributes down, messages up"):
screens change the session through :mod:`inddrag.domain.session`, then call
:meth:`OpenSession.changed`; they move through the walk with :meth:`OpenSession.move_to`
and :meth:`OpenSession.show_step`. Nothing else writes these fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from inddrag.domain.session import Session

#: What changed, as the listeners are told: the session's content, saved-or-not, where.
Change = Literal["content", "saved", "position", "file"]


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
