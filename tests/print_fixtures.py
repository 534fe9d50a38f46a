"""A session and a roll-up that are hard to print: 12 roles, 6 columns, long notes, ten
preparations, numbers up to 10, long Danish words (issue 21, item 3)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from inddrag.domain.content import ContentPack
from inddrag.domain.export.files import Report, session_report
from inddrag.domain.export.rollup import rollup_report
from inddrag.domain.rollup import rollup
from inddrag.domain.session import Column, PrepInput, Row, Session, new_session

WHEN = datetime(2026, 11, 26, 10, 5, tzinfo=timezone(timedelta(hours=1)))
ROLES = [
    "Ledere",
    "Medarbejdere generelt",
    "Fagspecialister",
    "Tillidsvalgte",
    "Samarbejdsfora",
    "Arbejdsmiljørepræsentanter",
    "Projektgruppen",
    "IT-afdelingen",
    "Superbrugere",
    "Leverandøren",
    "Brugerrepræsentanter",
    "Andre afdelinger",
]
COLUMNS = [
    ("hvad", "Hvad"),
    ("hvornaar", "Hvornår/hvor ofte?"),
    ("hvordan", "Hvordan"),
    ("status", "Status og næste skridt"),
    ("ansvarlig", "Ansvarlig"),
    ("budget", "Budget og ressourcer"),
]
NOTE = (
    "Skabe klarhed om rammer og roller i digitaliseringsforløbet, så medarbejderne ved, "
    "hvornår de bliver inddraget, og sikre sidemandsoplæring og arbejdsmiljøvurderinger "
    "før implementeringen af vagtplanlægningssystemet på alle afdelinger."
)


def hard_session(pack: ContentPack, team: str = "Hjemmeplejen Nord") -> Session:
    session = new_session(pack, "team", when=WHEN)
    session.session.title = f"Nyt vagtplanlægningssystem – {team}"
    session.session.team = team
    ids = [a.id for a in pack.advice]
    session.roles.columns = [Column(id=c, title=title) for c, title in COLUMNS]
    session.roles.rows = [
        Row(
            id=f"r{n}",
            name=name,
            cells={c: f"{NOTE[: 40 + 12 * n]} ({n + 1}/{c})" for c, _ in COLUMNS},
        )
        for n, name in enumerate(ROLES)
    ]
    for n in range(10):
        order = ids[n:] + ids[:n]
        session.inputs.append(
            PrepInput(participant=f"Deltager {n + 1}", merged=WHEN, order=order, notes={})
        )
    session.priorities.order = list(reversed(ids))
    for entry_id in ids:
        session.inputs[0].notes[entry_id] = NOTE
    return session


def hard_reports(pack: ContentPack, lang: str, folder: Path) -> dict[str, Report]:
    """The session's summary and a roll-up of three such groups, in ``lang``."""
    groups = [
        (folder / f"gruppe-{x}.toml", hard_session(pack, f"Gruppe {x}")) for x in ("A", "B", "C")
    ]
    for n, (_, session) in enumerate(groups):
        order = session.priorities.order
        session.priorities.order = order[n * 3 :] + order[: n * 3]
    return {
        "session": session_report(hard_session(pack), pack, lang),
        "rollup": rollup_report(rollup(groups, pack), pack, lang),
    }
