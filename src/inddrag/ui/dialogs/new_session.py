"""The facts of a new session: title, team, meeting leader, participants."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from inddrag.domain.session import Kind, Session
from inddrag.ui.commands import bindings_for
from inddrag.ui.dialogs.base import Dialog


@dataclass
class SessionFacts:
    """What the form collected."""

    title: str
    team: str = ""
    facilitator: str = ""
    participants: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, session: Session) -> SessionFacts:
        """The facts a session holds now (to edit them)."""
        info = session.session
        return cls(info.title, info.team, info.facilitator, list(info.participants))

    def apply(self, session: Session) -> bool:
        """Put the facts into ``session`` (through the domain); whether anything changed."""
        from inddrag.domain.session import set_details

        return set_details(session, self.title, self.team, self.facilitator, self.participants)


def split_names(text: str) -> list[str]:
    """``"Anna, Bo;  Carl"`` → ``["Anna", "Bo", "Carl"]``."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


class NewSessionDialog(Dialog[SessionFacts]):
    """Asks for the session's facts; says in words what is still missing."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("new_session")

    def __init__(
        self, lang: str, kind: Kind, facts: SessionFacts | None = None, *, editing: bool = False
    ) -> None:
        super().__init__(lang)
        self.kind = kind
        self.facts = facts
        #: Changing the facts of an open session ("Ret oplysninger"), not starting one.
        self.editing = editing

    def compose(self) -> ComposeResult:
        tr = self.tr
        facts = self.facts or SessionFacts(title="")
        team = self.kind == "team"
        with Vertical(classes="dialog wide"):
            heading = "ui.new_team_heading" if team else "ui.new_prep_heading"
            yield Static(
                Text(tr("ui.edit_details_heading" if self.editing else heading)),
                classes="dialog-title",
            )
            with VerticalScroll(classes="dialog-body form"):
                yield from self.field(
                    "title", tr("ui.field_title"), facts.title, tr("ui.field_title_hint")
                )
                yield from self.field(
                    "team", tr("ui.field_team"), facts.team, tr("ui.field_team_hint")
                )
                leader = tr("ui.field_leader" if team else "ui.field_preparer")
                yield from self.field("facilitator", leader, facts.facilitator, "")
                if team:
                    yield from self.field(
                        "participants",
                        tr("ui.field_participants"),
                        ", ".join(facts.participants),
                        tr("ui.field_participants_hint"),
                    )
                yield Static("", id="missing", classes="dialog-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    tr("ui.button_keep_details" if self.editing else "ui.button_start"), id="start"
                )
                yield Button(tr("ui.button_cancel"), id="cancel")

    @staticmethod
    def field(name: str, label: str, value: str, hint: str) -> ComposeResult:
        """A label above a one-line input."""
        yield Label(label, classes="form-label")
        yield Input(value, placeholder=hint, id=name, select_on_focus=False, compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self.update_missing()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.update_missing()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter in a filled form starts (as the form says); otherwise it moves on.
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs) and self.missing():
            inputs[index + 1].focus()
        else:
            self.action_start()

    def collect(self) -> SessionFacts:
        def value(name: str) -> str:
            found = self.query(f"#{name}")
            return found.first(Input).value.strip() if found else ""

        return SessionFacts(
            title=value("title"),
            team=value("team"),
            facilitator=value("facilitator"),
            participants=split_names(value("participants")),
        )

    def missing(self) -> list[str]:
        """What the form still lacks, in words (empty when every field is filled)."""
        tr = self.tr
        facts = self.collect()
        missing = []
        if not facts.title:
            missing.append(tr("ui.missing_title"))
        if not facts.team:
            missing.append(tr("ui.missing_team"))
        if not facts.facilitator:
            missing.append(tr("ui.missing_leader" if self.kind == "team" else "ui.missing_name"))
        if self.kind == "team" and not facts.participants:
            missing.append(tr("ui.missing_participants"))
        return missing

    def update_missing(self) -> None:
        tr = self.tr
        missing = self.missing()
        done = "ui.all_filled_edit" if self.editing else "ui.all_filled"
        text = tr("ui.missing_intro", items=", ".join(missing)) if missing else tr(done)
        self.query_one("#missing", Static).update(Text(text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        facts = self.collect()
        if not facts.title:
            self.query_one("#title", Input).focus()
            self.query_one("#missing", Static).update(Text(self.tr("ui.title_required")))
            self.app.bell()
            return
        self.dismiss(facts)
