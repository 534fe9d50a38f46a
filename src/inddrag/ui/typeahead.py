"""Type-ahead: keys typed while a screen or dialog appears reach the screen they were typed for.

Textual hands a key to whatever has focus *when the key is processed*. Between a key that
asks for a screen (F3, ctrl+s, Enter on a choice) and the moment the new screen is
mounted and focused, later keys would reach the screen being left, or nothing; on a
loaded laptop that window lasts seconds. So every key from the terminal passes through
one queue here, in order:

* a key typed into a text field (a printable key while an ``Input`` or ``TextArea`` has
  focus) is passed on at once; a run of them already waiting is passed on as one paste,
  so a burst (a paste without bracketed paste) is taken in with one update;
* any other key may change the screen, so the keys after it are *held* until it has had
  its whole effect: every widget has processed what it was sent, every worker it started
  has either finished or is showing its dialog, and the screen on top is mounted, has its
  focus and has been drawn;
* an Enter or Space typed before a question was there (mounted and focused, which is
  before it is drawn) never answers it (a dialog with ``ANSWERS_HELD_KEYS`` false: quit,
  overwrite, conflict); it is dropped with a bell, the text keys still go in. Keys typed
  once the question is there answer it as usual.

The App calls :meth:`TypeAhead.take` from ``on_event`` and subscribes
:meth:`TypeAhead.screen_changed` to its screen changes; nothing else in the UI knows
about it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual import events
from textual.app import ScreenStackError
from textual.widgets import Input, TextArea
from textual.worker import NoActiveWorker, Worker, get_current_worker

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen

LIMIT = 10.0
"""Seconds one key may hold the keys after it, at most (a worker that never shows a
dialog nor ends must not swallow the keyboard)."""

_ANSWER_KEYS = frozenset({"enter", "space"})

_LOOK_AGAIN = 0.001
"""Seconds between two looks at whether every node has processed what it holds."""


class TypeAhead:
    """The App's one queue of keys (see the module's docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        #: Keys not yet passed on, each with its number in the order keys arrived.
        self.queue: deque[tuple[events.Key | events.Paste, int]] = deque()
        self._arrived = 0
        #: For each screen shown: how many keys had arrived when it was ready to be read.
        self._ready_at: WeakKeyDictionary[Screen[object], int] = WeakKeyDictionary()
        self._noting: set[asyncio.Future[None]] = set()
        self._task: asyncio.Task[None] | None = None
        #: Keys this queue passed on itself (the App lets them through).
        self._passing: set[int] = set()
        #: Workers waiting for a screen they pushed, and that screen.
        self._waiting: dict[Worker[object], Screen[object]] = {}
        self._pushed = asyncio.Event()
        #: Text was passed on and may not have been taken in yet.
        self._text_pending = False

    @property
    def busy(self) -> bool:
        """Whether keys are being held (or still to be passed on)."""
        return self._task is not None or bool(self.queue)

    # -- the App's two calls --------------------------------------------------------

    def take(self, event: events.Key | events.Paste) -> bool:
        """Queue a key or a paste from the terminal; False for one this queue passes on
        itself (the App lets it through)."""
        if id(event) in self._passing:
            self._passing.discard(id(event))
            return False
        self.queue.append((event, self._arrived))
        self._arrived += 1
        if self._task is None:
            self._task = asyncio.create_task(self._pump(), name="type-ahead")
        return True

    def screen_changed(self, screen: Screen[object]) -> None:
        """The screen on top changed: if a worker made the change (pushed its dialog), the
        worker now waits for that screen."""
        try:
            worker = get_current_worker()
        except NoActiveWorker:
            pass
        else:
            self._waiting[worker] = screen
        self._pushed.set()
        if screen not in self._ready_at:
            noting = asyncio.ensure_future(self._note_ready(screen))
            self._noting.add(noting)
            noting.add_done_callback(self._noting.discard)

    async def _note_ready(self, screen: Screen[object]) -> None:
        """Note how many keys had arrived once ``screen`` is mounted and focused: those were
        typed before anyone could see it (it is drawn only after that)."""
        if not await _within_limit(screen._mounted_event):
            return
        loop = asyncio.get_running_loop()
        end = loop.time() + LIMIT
        while screen.focused is None and screen.focus_chain and loop.time() < end:
            await asyncio.sleep(0.002)
        self._ready_at.setdefault(screen, self._arrived)

    # -- the queue --------------------------------------------------------------------

    async def _pump(self) -> None:
        try:
            while self.queue:
                if not self._looks_ready():
                    await self._screen_ready()
                key, number = self.queue.popleft()
                if isinstance(key, events.Paste):  # a bracketed paste keeps its place too
                    self._text_pending = True
                    self._post_paste(key.text)
                    continue
                if self._is_text(key):
                    self._pass_text(key)
                    continue
                screen = self.app.screen
                if (
                    key.key in _ANSWER_KEYS
                    and not getattr(screen, "ANSWERS_HELD_KEYS", True)
                    and number < self._ready_at.get(screen, self._arrived)
                ):
                    self.app.bell()  # typed before the question was there: no answer
                    continue
                await self._pass_and_settle(key)
        except ScreenStackError:
            self.queue.clear()  # the app is closing: its screens are gone
        finally:
            self._task = None

    def _is_text(self, key: events.Key) -> bool:
        focused = self.app.focused
        if not key.is_printable:
            return False
        if isinstance(focused, Input):
            return True
        return isinstance(focused, TextArea) and not focused.read_only

    def _pass_text(self, first: events.Key) -> None:
        """Pass on ``first`` and the printable keys right behind it, as one paste if many."""
        self._text_pending = True
        text = [first.character or ""]
        while self.queue and _printable(self.queue[0][0]):
            text.append(self.queue.popleft()[0].character or "")  # type: ignore[union-attr]
        if len(text) == 1:
            self._post(first)
        else:
            self._post_paste("".join(text))

    def _post_paste(self, text: str) -> None:
        paste = events.Paste(text)
        self._passing.add(id(paste))
        self.app.post_message(paste)

    def _post(self, key: events.Key) -> None:
        again = events.Key(key.key, key.character)
        self._passing.add(id(again))
        self.app.post_message(again)

    async def _pass_and_settle(self, key: events.Key) -> None:
        """Pass on a key that may change the screen, and wait until it has."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + LIMIT
        # Text passed on just before is taken in first: a priority key (ctrl+q) is acted on
        # by the App at once, before the editor has the letters typed ahead of it.
        if self._text_pending:
            await self._drain()
            self._text_pending = False
        already = {w for w in self.app.workers if not w.is_finished and w not in self._waiting}
        was_on_top = self.app.screen
        self._post(key)
        while loop.time() < deadline:
            await self._drain()
            self._forget_answered()
            started = [
                w
                for w in self.app.workers
                if not w.is_finished and w not in self._waiting and w not in already
            ]
            if started:
                # A worker the key started (or a dialog's answer resumed): wait until it
                # shows a dialog or ends.
                self._pushed.clear()
                pushed = asyncio.ensure_future(self._pushed.wait())
                # The workers' own tasks: asyncio.wait never cancels what it waits for
                # (Worker.wait would: cancelling the waiter cancels the worker).
                tasks = [task for w in started if (task := w._task) is not None]
                await asyncio.wait(
                    [pushed, *tasks],
                    timeout=max(0.0, deadline - loop.time()),
                    return_when=asyncio.FIRST_COMPLETED,
                )
                pushed.cancel()
                continue
            # A new screen is waited for until drawn; the same screen only until quiet.
            if not await self._screen_ready(drawn=self.app.screen is not was_on_top):
                continue
            if self._quiet():
                return

    def _forget_answered(self) -> None:
        """Workers whose dialog has closed run on (and may show the next one)."""
        stack = self.app.screen_stack
        for worker, screen in list(self._waiting.items()):
            if screen not in stack or worker.is_finished:
                del self._waiting[worker]

    def _nodes(self) -> list[MessagePump]:
        nodes: list[MessagePump] = [self.app]
        for screen in self.app.screen_stack:
            nodes.extend(screen.walk_children(with_self=True))
        return [node for node in nodes if node.is_running and not node._closing]

    async def _drain(self) -> None:
        """Wait until the app and every widget on the stack have processed what they hold.

        Looked at, not asked: a node is done once its pump waits for the next message on an
        empty queue with no callback to run (:func:`_idle`). Asking every node with a
        callback (a hundred on the advice step) made each of them handle one more message
        and go idle again, which repainted the screen between a key and its effect: next
        advice took 62 ms with the queue against 43 ms without it. Where a pump cannot be
        looked at, it is asked as before.
        """
        loop = asyncio.get_running_loop()
        end = loop.time() + LIMIT
        while loop.time() < end:
            busy = [node for node in self._nodes() if _idle(node) is not True]
            if not busy:
                return
            unknown = [node for node in busy if _idle(node) is None]
            if unknown:
                await self._ask(unknown)
            else:
                await asyncio.sleep(_LOOK_AGAIN)

    async def _ask(self, nodes: list[MessagePump]) -> None:
        """Wait until each of ``nodes`` has run a callback sent now (it is done with what it
        held before)."""
        pending = {id(node): node for node in nodes}
        done = asyncio.Event()

        def one(node: MessagePump) -> None:
            pending.pop(id(node), None)
            if not pending:
                done.set()

        for node in list(pending.values()):
            if not node.call_later(one, node):
                one(node)
        loop = asyncio.get_running_loop()
        end = loop.time() + LIMIT
        while pending and loop.time() < end:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), 0.05)
            for node in list(pending.values()):  # taken away meanwhile: it answers no more
                if node._closing or node._closed or not node.is_running:
                    one(node)

    def _quiet(self) -> bool:
        return all(node._message_queue.empty() for node in self._nodes())

    def _looks_ready(self) -> bool:
        screen = self.app.screen
        return screen.is_mounted and (screen.focused is not None or not screen.focus_chain)

    async def _screen_ready(self, *, drawn: bool = True) -> bool:
        """Wait until the screen on top is mounted, focused and (``drawn``) drawn; False if
        it changed meanwhile (the caller looks again)."""
        screen = self.app.screen
        if not screen.is_mounted:
            if not await self._while_on_top(screen, screen._mounted_event):
                return self.app.screen is screen
            await self._drain()
        if screen.focused is None and screen.focus_chain:
            await self._drain()  # focus() is a callback on the App: let it run
        # Drawn: the callback runs after the screen's next refresh (a screen taken away
        # before that never runs it, so look again while waiting).
        if drawn:
            refreshed = asyncio.Event()
            if self.app.call_after_refresh(refreshed.set):
                await self._while_on_top(screen, refreshed)
        return self.app.screen is screen

    async def _while_on_top(self, screen: Screen[object], event: asyncio.Event) -> bool:
        """Wait for ``event`` while ``screen`` is on top (at most :data:`LIMIT` seconds);
        whether it came."""
        loop = asyncio.get_running_loop()
        end = loop.time() + LIMIT
        while not event.is_set() and self.app.screen is screen and loop.time() < end:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), 0.05)
        return event.is_set()


async def _within_limit(event: asyncio.Event) -> bool:
    """Wait for ``event`` for :data:`LIMIT` seconds at most; whether it came."""
    try:
        await asyncio.wait_for(event.wait(), LIMIT)
    except TimeoutError:
        return False
    return True


def _printable(event: events.Key | events.Paste) -> bool:
    return isinstance(event, events.Key) and event.is_printable


def _idle(node: MessagePump) -> bool | None:
    """Whether ``node``'s pump has handled everything it was sent: it waits on its empty
    queue for the next message (Textual's queue wakes its one reader with an
    ``asyncio.Event``; a waiter on it is the pump) and has no callback left to run. None
    when the queue cannot be looked at (another Textual may build it otherwise)."""
    queue: Any = node._message_queue
    waiters = getattr(getattr(queue, "ready_event", None), "_waiters", None)
    if waiters is None:
        return None
    return bool(waiters) and queue.empty() and not node._next_callbacks
