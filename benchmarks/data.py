"""Sessions and files for the benchmarks, built with the domain's own functions.

Deterministic (a seeded random generator, a fixed time of day), so two runs measure the
same work. The meeting is dated today: a session from an earlier day is offered a
follow-up meeting when it is opened, and the benchmarks measure the meeting itself.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from inddrag.domain import session as ops
from inddrag.domain.content import ContentPack, bundled_pack_dir, load_pack
from inddrag.domain.session import Session
from inddrag.domain.storage import save_session

WHEN = datetime.now().astimezone().replace(hour=10, minute=2, second=0, microsecond=0)
WORDS = [
    "vagtplan",
    "aftenvagt",
    "system",
    "medarbejdere",
    "ledelse",
    "tillidsrepræsentant",
    "arbejdsmiljø",
    "inddragelse",
    "digitalisering",
    "kerneopgave",
    "borgerne",
    "kollegerne",
    "oplæring",
    "tidspres",
    "afbrydelser",
    "kontrol",
    "dokumentation",
    "hjemmeplejen",
    "møde",
    "status",
    "næste",
    "skridt",
    "æøå",
    "ÆØÅ",
]


def pack(lang: str = "da") -> ContentPack:
    return load_pack(bundled_pack_dir(lang))


def prose(rng: random.Random, chars: int) -> str:
    """Danish-looking notes of exactly ``chars`` characters, in lines of about 70."""
    out: list[str] = []
    size = 0
    line = 0
    while size < chars:
        word = rng.choice(WORDS)
        sep = "\n" if line > 64 else " "
        if out:
            out.append(sep)
            size += 1
            line = 0 if sep == "\n" else line + 1
        out.append(word)
        size += len(word)
        line += len(word)
    return "".join(out)[:chars]


def meeting(notes_chars: int = 10_000, *, seed: int = 1) -> Session:
    """A team session with ``notes_chars`` characters of notes on every one of the ten advice."""
    rng = random.Random(seed)
    the_pack = pack()
    session = ops.new_session(the_pack, "team", when=WHEN)
    session.session.title = "Nyt vagtplanssystem"
    session.session.team = "Hjemmeplejen Nord"
    session.session.facilitator = "Anna Jensen"
    session.session.participants = ["Anna Jensen", "Bo Larsen", "Carl Ørum"]
    for advice in the_pack.advice:
        ops.set_notes(session, advice.id, prose(rng, notes_chars))
        ops.add_votes(session, advice.id, rng.randint(0, 5))
    session.session.updated = WHEN
    return session


def large_session(*, seed: int = 2, columns: int = 12) -> Session:
    """100 advice × 5 KB of notes, and a roles table of 50 roles × ``columns``, all filled."""
    rng = random.Random(seed)
    the_pack = pack()
    session = ops.new_session(the_pack, "team", when=WHEN)
    session.session.title = "Stor session: hele forvaltningen"
    ids = [a.id for a in the_pack.advice] + [f"lokalt-raad-{n:03}" for n in range(90)]
    for advice_id in ids:
        ops.set_notes(session, advice_id, prose(rng, 5_000))
        ops.add_votes(session, advice_id, rng.randint(0, 9))
    ops.set_priorities(session, ids)
    for n in range(columns - len(session.roles.columns)):
        ops.add(session, "column", f"Ekstra kolonne {n + 1}")
    for n in range(50 - len(session.roles.rows)):
        ops.add(session, "row", f"Rolle {n + 1}")
    for row in session.roles.rows:
        for column in session.roles.columns:
            ops.set_cell(session, row.id, column.id, prose(rng, rng.randint(40, 160)))
    session.session.updated = WHEN
    return session


def prep_file(folder: Path, number: int, rng: random.Random) -> Path:
    """One person's preparation: a ranking of five advice and notes on three."""
    the_pack = pack()
    ids = [a.id for a in the_pack.advice]
    session = ops.new_session(the_pack, "prep", when=WHEN)
    session.session.title = "Forberedelse"
    session.session.facilitator = f"Deltager {number:04}"
    order = rng.sample(ids, 5)
    ops.set_priorities(session, order)
    for advice_id in order[:3]:
        ops.set_notes(session, advice_id, prose(rng, 300))
    path = folder / f"prep-{number:04}.toml"
    save_session(session, path)
    return path


def prep_files(folder: Path, count: int, *, seed: int = 3) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    return [prep_file(folder, n, rng) for n in range(count)]


def team_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    session = meeting(1_000)
    path = folder / "team.toml"
    save_session(session, path)
    return path
