"""The leader's side of the live channel: what the room sees, from the open session.

:class:`LiveSender` is called from the autosave timer (:meth:`FileFlows.autosave_now
<inddrag.ui.file_flows.FileFlows.autosave_now>`), after what was typed is in the
session. It builds a :class:`~inddrag.domain.live.LiveView` only when something the room
sees changed (the session's revision, the step, the advice, the hidden notes, the clock's
settings), so a quiet meeting writes nothing and typing writes at most four times a
second, off the keystroke's path. No Textual here.
"""

from __future__ import annotations

import os
import time
from collections.abc import Hashable
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.live import LiveAnswers, LiveClock, LiveView, Publisher

if TYPE_CHECKING:
    from inddrag.domain.content import ContentPack
    from inddrag.ui.clock import MeetingClock
    from inddrag.ui.state import OpenSession


def live_clock(state: OpenSession, clock: MeetingClock, pack: ContentPack) -> LiveClock:
    """The meeting clock as the room needs it."""
    if clock.started is None:
        return LiveClock(plan_minutes=clock.plan_minutes, timebox_minutes=clock.timebox_minutes)
    advice = None
    if state.step == "advice" and pack.advice:
        advice = clock.spent(pack.advice[state.advice_index].id)
    return LiveClock(
        meeting=clock.elapsed,
        plan_minutes=clock.plan_minutes,
        advice=advice,
        timebox_minutes=clock.timebox_minutes,
    )


class LiveSender:
    """Publishes the open session for projector views (``inddrag present``)."""

    def __init__(self, state_dir: Path | None) -> None:
        self.publisher = Publisher(state_dir)
        #: Participants' answers (the leader's "Deltagerne svarer selv"), for the room.
        self.answers: LiveAnswers | None = None

    def signature(self, state: OpenSession, clock: MeetingClock) -> Hashable:
        """What the room sees, in a form that is cheap to compare."""
        return (
            state.revision,
            state.step,
            state.advice_index,
            state.notes_hidden,
            state.saved,
            clock.started is not None,
            clock.timebox_minutes,
            clock.plan_minutes,
            self.answers,
        )

    def send(self, state: OpenSession, clock: MeetingClock, pack: ContentPack) -> bool:
        """Publish ``state`` if it has a file and something changed; True when written."""
        if state.path is None:
            return False

        def build() -> LiveView:
            session = state.session
            if self.answers is not None and self.answers.state != "revealed" and session.inputs:
                # The tally stays off the projector until the leader reveals it, so early
                # answers do not steer later ones (the count is shown all the time).
                session = session.model_copy(update={"inputs": []})
            return LiveView(
                source=str(state.path),
                pid=os.getpid(),
                at=time.time(),
                step=state.step,
                advice_index=state.advice_index,
                notes_hidden=state.notes_hidden,
                saved=state.saved,
                clock=live_clock(state, clock, pack),
                session=session,
                answers=self.answers,
            )

        return self.publisher.publish(state.path, self.signature(state, clock), build)

    def close(self) -> None:
        """The app leaves: the view goes and the lock is released."""
        self.publisher.close()
