"""The leader's "Deltagerne svarer selv": participants answer from their phones, live.

One worker (:meth:`Collecting.run`) asks where answers may come from (this computer, or
the network with one warning), starts the participants' server
(:mod:`inddrag.ui.collect_server`) on the app's own event loop, and shows the QR code,
the link and the live count until the leader closes answers with one key. Each answer is
merged into the open session as it arrives, as a merge of that prep file would
(:func:`~inddrag.domain.merge.merge_preps`; the status line, prioritise and the advice
step's per-person view follow), except that it replaces only the input of the same
phone's earlier answer (by the prep id the box made), never one with the same name or the
same ranking: a stranger's typed name must not overwrite someone else's input. The
projector view shows the QR code and the count through the live channel; the tally stays
hidden from it until the leader reveals it.
The server closes when answers close and when the app quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inddrag.domain.live import LiveAnswers

if TYPE_CHECKING:
    from inddrag.domain.collect import AnswerBox, Receipt
    from inddrag.ui.app import InddragApp
    from inddrag.ui.collect_server import CollectServer
    from inddrag.ui.dialogs.collect import CollectDialog

NETWORK = "0.0.0.0"


class Collecting:
    """Participants' answers for one app: the server, the dialog and the live intake."""

    def __init__(self, app: InddragApp) -> None:
        self.app = app
        self.server: CollectServer | None = None
        self.dialog: CollectDialog | None = None

    def tr(self, key: str, **params: object) -> str:
        return self.app.tr(key, **params)

    @property
    def answers(self) -> LiveAnswers | None:
        return self.app.files.live.answers

    def _publish(self, answers: LiveAnswers | None) -> None:
        self.app.files.live.answers = answers

    async def run(self) -> None:
        """Open answers, show them coming in, close them when the leader says so."""
        from inddrag.domain.collect import AnswerBox, answers_folder
        from inddrag.ui.dialogs.collect import CollectDialog

        state = self.app.state
        if state is None or state.kind != "team":
            self.app.notify(self.tr("collect.app_team_only"), timeout=4)
            return
        if state.path is None:
            await self.app.files.show_error(self.tr("collect.app_save_first"))
            return
        where = await self._ask_where()
        if where is None:
            return
        self.app.files.flush_edits()
        folder = answers_folder(state.path, state.language)
        box = AnswerBox(folder, state.session.model_copy(deep=True), self.app.pack)
        server = await self._start(box, NETWORK if where == "network" else "127.0.0.1")
        if server is None:
            return
        self.server = server
        self._publish(LiveAnswers(url=server.url, count=box.count))
        warning = self.tr("collect.app_network_warning") if where == "network" else ""
        self.dialog = CollectDialog(self.app.lang, server.url, box.count, warning)
        try:
            await self.app.push_screen_wait(self.dialog)
        finally:
            self.dialog = None
            await self.close()
        await self._offer_reveal(box.count)

    async def _ask_where(self) -> str | None:
        """This computer only, or the network (None: cancelled)."""
        from inddrag.ui.dialogs.confirm import ChoiceDialog

        choice: str | None = await self.app.push_screen_wait(
            ChoiceDialog(
                self.app.lang,
                self.tr("collect.app_where_title"),
                self.tr("collect.app_where_text"),
                [
                    ("here", self.tr("collect.app_here")),
                    ("network", self.tr("collect.app_network")),
                    ("cancel", self.tr("ui.button_cancel")),
                ],
                "here",
            )
        )
        return choice

    async def _start(self, box: AnswerBox, host: str) -> CollectServer | None:
        """The participants' server, listening (on any free port when the usual is taken);
        None, said in a dialog, when it cannot listen at all."""
        from inddrag.ui.collect_server import PORT, CollectServer

        server = CollectServer(
            box, host=host, port=PORT, on_stored=self.take_in, on_failed=self.not_saved
        )
        try:
            await server.start()
        except OSError:
            server.port = 0  # the usual port is taken: any free one
            try:
                await server.start()
            except OSError as exc:
                await self.app.files.show_error(
                    self.tr("collect.app_failed", reason=exc.strerror or str(exc))
                )
                return None
        return server

    async def _offer_reveal(self, count: int) -> None:
        """Answers are closed: show the tally to the room now, or later."""
        from inddrag.ui.dialogs.confirm import ChoiceDialog

        reveal = await self.app.push_screen_wait(
            ChoiceDialog(
                self.app.lang,
                self.tr("collect.closed_title"),
                self.tr("collect.app_closed_text", count=count),
                [
                    ("reveal", self.tr("collect.app_reveal")),
                    ("cancel", self.tr("collect.app_later")),
                ],
                "reveal",
            )
        )
        if reveal == "reveal":
            self.reveal()
        else:
            self.app.notify(self.tr("collect.app_reveal_later"), timeout=6)

    def take_in(self, receipt: Receipt) -> None:
        """One answer arrived (on the app's event loop): merge it into the open session.

        Also when answers closed while it was being written: the phone was told "thank
        you", the file is in the folder and the count includes it, so the session must
        have it too."""
        from inddrag.domain.errors import FileProblems
        from inddrag.domain.merge import merge_preps
        from inddrag.domain.session import now

        state = self.app.state
        if state is None or state.kind != "team":
            return
        self.app.files.flush_edits()
        try:
            result = merge_preps(
                state.session,
                [(receipt.path, receipt.prep)],
                anonymous=False,
                when=now(),
                pack=self.app.pack,
                team_path=state.path,
                by_prep_id=True,  # the box made the id: never by name or content
            )
        except FileProblems:
            return
        state.replace(result.session)
        server = self.server
        if server is None:  # stored as answers closed: taken in all the same, nothing to show
            return
        count = server.box.count
        self._publish(LiveAnswers(url=server.url, count=count))
        if self.dialog is not None:
            self.dialog.show_count(count)

    def not_saved(self, sentence: str) -> None:
        """An answer could not be stored (disk full, …): the phone was told; so is the leader."""
        self.app.notify(sentence, severity="error", timeout=10)

    async def close(self) -> None:
        """Close answers: no more are taken; the room sees "closed" and the count."""
        server, self.server = self.server, None
        if server is None:
            return
        server.box.state = "closed"
        await server.stop()
        answers = self.answers
        if answers is not None:
            self._publish(answers.model_copy(update={"state": "closed"}))

    def reveal(self) -> None:
        """Show the room the tally (the QR code leaves the projector; the count stays)."""
        answers = self.answers
        if answers is None:
            self.app.notify(self.tr("collect.app_nothing_to_reveal"), timeout=4)
            return
        if self.server is not None:
            self.server.box.state = "revealed"
        self._publish(answers.model_copy(update={"state": "revealed"}))
        self.app.notify(self.tr("collect.app_revealed"), timeout=4)

    def close_now(self) -> None:
        """The app quits: stop listening at once (no await on the way out)."""
        server, self.server = self.server, None
        if server is not None:
            server.box.state = "closed"
            server.close_now()
