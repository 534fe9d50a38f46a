"""The projector view: a small read-only app that follows the leader's open session live.

It reads the live channel (:mod:`inddrag.domain.live`) a few times a second and shows what
the leader's app is on, through :class:`~inddrag.ui.present.view.RoomView`. It never
writes the session, its lock or anything of the leader's; it opens no socket. While the
leader's app is not running it says "venter på mødelederen…", and it picks the leader up
again when the leader's app starts (or restarts) on the same file. ctrl+q leaves.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from inddrag.domain.live import Follower, running_clock
from inddrag.i18n import normalise_language
from inddrag.ui.commands import bindings_for
from inddrag.ui.present.view import RoomView, Showing
from inddrag.ui.safe_render import SafeApp

if TYPE_CHECKING:
    from collections.abc import Iterable

    from inddrag.domain.content import ContentPack
    from inddrag.domain.live import LiveView

POLL_INTERVAL = 0.25
"""Seconds between two looks at the live channel."""


class PresentApp(SafeApp[int]):
    """Follows the leader's session on a second screen; shows, never edits."""

    TITLE = "inddrag"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("follower")

    def __init__(
        self,
        source: Path,
        pack: ContentPack,
        *,
        state_dir: Path | None = None,
        now: Callable[[], float] = time.time,
        poll_interval: float | None = POLL_INTERVAL,
    ) -> None:
        super().__init__()
        from inddrag.ui.themes import install_themes

        self.source = source
        self.pack = pack
        self.lang = normalise_language(pack.info.language)
        self.follower = Follower(source, state_dir)
        self.now = now
        self.poll_interval = poll_interval
        self.shown: str | None = None
        install_themes(self, self.lang)

    def compose(self) -> ComposeResult:
        yield RoomView(id="room")

    def on_mount(self) -> None:
        self.poll(force=True)
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.poll, name="follow")
            self.set_interval(1, self.tick, name="projector-clock")

    @property
    def room(self) -> RoomView:
        """The view on screen."""
        return self.screen.query_one(RoomView)

    def poll(self, *, force: bool = False) -> bool:
        """Look at the live channel; redraw when something changed. True when redrawn."""
        followed = self.follower.poll()
        if not (followed.changed or force):
            return False
        view = followed.view
        if followed.leader and view is not None:
            self.room.show(self.showing(view))
            self.shown = "leader"
        else:
            title = view.session.session.title if view is not None else None
            self.room.show_waiting(self.lang, self.source.name, title)
            self.shown = "waiting"
        return True

    def tick(self) -> None:
        """Run the clock on between the leader's writes."""
        view = self.follower.view
        if self.shown == "leader" and view is not None:
            self.room.tick(running_clock(view, self.now()))

    def showing(self, view: LiveView) -> Showing:
        """What to draw for the leader's ``view``."""
        count = len(self.pack.advice)
        return Showing(
            session=view.session,
            pack=self.pack,
            lang=self.lang,
            step=view.step,
            advice_index=max(0, min(view.advice_index, count - 1)),
            notes_hidden=view.notes_hidden,
            clock=running_clock(view, self.now()),
            answers=view.answers,
        )

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from ()
