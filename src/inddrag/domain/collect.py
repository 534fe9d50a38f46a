"""Participants' answers: a form filled in on a phone, kept as a preparation file.

``inddrag collect`` and the leader's "Deltagerne svarer selv" open a session for answers
from the participants' own browsers. This module is the part without a network: it
turns a submitted form into an :class:`Answer` (:func:`parse_form`), an answer into a prep
:class:`~inddrag.domain.session.Session` (:func:`answer_prep`, the same kind of file
``inddrag --prep`` saves, so ``inddrag check`` and ``inddrag merge`` take it as it is), and
keeps the answers of one collection in a folder beside the session (:class:`AnswerBox`).

* A participant who answers again replaces only their own answer: the first answer gets
  a random secret (kept by the participant's browser in a cookie); the box keeps a hash
  of it mapped to the prep's random id, in memory only. Never a name.
* At most ``max_answers`` answers (default 500); one more is :class:`BoxFull`.
* An anonymous session's answers hold no name, and no time of their own: every answer's
  ``created``/``updated`` (and its file's modification time) is the minute answers
  opened, so neither the files nor their times tell who answered when. No answer ever
  holds the participant's address or browser.
* Nothing from the form becomes a path: a file's name is made from the prep's random id.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from inddrag.domain.content import ContentPack
from inddrag.domain.session import (
    AdviceEntry,
    ContentRef,
    Session,
    new_id,
    new_session,
    now,
)
from inddrag.domain.storage import load_session, load_session_text, save_session
from inddrag.domain.tomlwrite import dumps_session
from inddrag.i18n import t

MAX_ANSWERS = 500
"""How many answers one collection takes by default."""
MAX_BODY = 64 * 1024
"""The largest request body the participants' page accepts (bytes)."""
MAX_COMMENT = 2000
"""The longest comment per advice (characters)."""
MAX_NAME = 120
"""The longest name (characters)."""

State = Literal["open", "closed", "revealed"]
"""open: answers are taken; closed: no more answers; revealed: closed, the tally is shown."""

_PLACE = re.compile(r"[1-9][0-9]?")
_C1 = re.compile("[\x80-\x9f]")
"""C1 controls: TOML writes them raw, and some terminals obey them (U+009B is CSI) when
someone reads an answer's file with ``cat``. No phone's keyboard types one."""


def _plain(text: str) -> str:
    """A C1 control shown as text (``\\x9b``), as :func:`visible` shows it."""
    return _C1.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_ANSWER_FILE = re.compile(r"[a-z]+-[0-9a-f-]{36}\.toml")


class FormError(ValueError):
    """A form the page cannot take; ``code`` is the key of its sentence (``collect.*``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def sentence(self, lang: str) -> str:
        return t(f"collect.{self.code}", lang, comment=MAX_COMMENT, name=MAX_NAME)


class BoxClosed(Exception):
    """The leader has closed answers."""


class BoxFull(Exception):
    """The collection has as many answers as it takes."""


@dataclass(frozen=True)
class Answer:
    """What one participant answered: a ranking, comments by advice id, a name (or "")."""

    order: tuple[str, ...] = ()
    comments: Mapping[str, str] = field(default_factory=dict)
    name: str = ""


def parse_form(fields: Mapping[str, str], pack: ContentPack, *, anonymous: bool) -> Answer:
    """The answer in a submitted form; raise :class:`FormError` for one it cannot take.

    Fields: ``place-ID`` (``""`` or a place from 1 to the number of advice), ``comment-ID``
    and ``name`` (ignored in an anonymous session). Advice given the same place keep the
    pack's order among themselves. Unknown fields are ignored; ids come from the pack only.
    A C1 control character is kept as the text ``\\x9b`` (see ``_C1``); every other
    character is kept as typed.
    """
    places: list[tuple[int, int, str]] = []
    comments: dict[str, str] = {}
    count = len(pack.advice)
    for index, advice in enumerate(pack.advice):
        place = fields.get(f"place-{advice.id}", "").strip()
        if place:
            if not _PLACE.fullmatch(place) or int(place) > count:
                raise FormError("bad_place")
            places.append((int(place), index, advice.id))
        comment = _plain(fields.get(f"comment-{advice.id}", "").replace("\r\n", "\n"))
        if len(comment) > MAX_COMMENT:
            raise FormError("comment_too_long")
        if comment.strip():
            comments[advice.id] = comment.strip()
    name = "" if anonymous else " ".join(_plain(fields.get("name", "")).split())
    if len(name) > MAX_NAME:
        raise FormError("name_too_long")
    if not places and not comments:
        raise FormError("empty")
    return Answer(tuple(a for _, _, a in sorted(places)), comments, name)


def answer_prep(
    answer: Answer,
    team: Session,
    pack: ContentPack,
    *,
    prep_id: str,
    when: datetime | None = None,
) -> Session:
    """The prep file one answer becomes, as ``inddrag --prep`` would have saved it.

    Its title and team are the team session's, its person is the answer's name (``""``
    in an anonymous session), its ranking the answer's order and its notes the comments.
    """
    prep = new_session(pack, "prep", when=when or now())
    prep.session.id = prep_id
    prep.session.title = team.session.title
    prep.session.team = team.session.team
    prep.session.facilitator = "" if team.session.anonymous else answer.name
    prep.content = ContentRef.model_validate(team.content.model_dump())
    prep.priorities.order = list(answer.order)
    prep.advice = [
        AdviceEntry(id=a.id, notes=answer.comments[a.id])
        for a in pack.advice
        if a.id in answer.comments
    ]
    return prep


def answers_folder(session_path: Path, lang: str) -> Path:
    """The folder beside ``hold.toml`` that holds its answers: ``hold-svar`` (da)."""
    return session_path.with_name(f"{session_path.stem}-{t('collect.folder', lang)}")


def secret_key(secret: str) -> str:
    """What the box keeps of a participant's secret: a hash, never the secret itself."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Receipt:
    """A stored answer: the participant's secret (new or as given), its file and prep, and
    whether it replaced the participant's earlier answer."""

    secret: str
    prep_id: str
    path: Path
    prep: Session
    replaced: bool


class AnswerBox:
    """The answers of one collection, one prep file each, in ``folder``.

    Thread-safe: the server stores answers from worker threads. ``on_answer`` is called
    (in that thread) with each stored answer's path and prep.
    """

    def __init__(
        self,
        folder: Path,
        team: Session,
        pack: ContentPack,
        *,
        max_answers: int = MAX_ANSWERS,
        on_answer: Callable[[Path, Session], None] | None = None,
    ) -> None:
        self.folder = folder
        self.team = team
        self.pack = pack
        self.lang = team.content.language
        self.max_answers = max_answers
        self.on_answer = on_answer
        self.state: State = "open"
        self.opened = now().replace(second=0)
        """When answers opened, to the minute: the time every anonymous answer carries."""
        self._prefix = t("collect.file", self.lang)
        self._lock = threading.Lock()
        self._by_secret: dict[str, str] = {}
        self._answers: dict[str, Answer] = {}
        self._earlier = self._existing()

    def _existing(self) -> int:
        """Answers already in the folder (from an earlier round): they count toward the cap.

        Only regular files: a pipe, a device or a link planted under an answer's name is
        no answer (and is never opened here; the merge's careful read refuses it too)."""
        try:
            with os.scandir(self.folder) as entries:
                return sum(
                    1
                    for entry in entries
                    if _ANSWER_FILE.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
                )
        except OSError:
            return 0

    @property
    def anonymous(self) -> bool:
        return self.team.session.anonymous

    @property
    def count(self) -> int:
        """How many have answered (earlier rounds' files included)."""
        with self._lock:
            return self._earlier + len(self._answers)

    def answer_of(self, secret: str | None) -> Answer | None:
        """The answer the holder of ``secret`` gave, if any (to fill the form again)."""
        if not secret:
            return None
        with self._lock:
            prep_id = self._by_secret.get(secret_key(secret))
            return self._answers.get(prep_id) if prep_id else None

    def path_of(self, prep_id: str) -> Path:
        return self.folder / f"{self._prefix}-{prep_id}.toml"

    def submit(self, secret: str | None, answer: Answer, when: datetime | None = None) -> Receipt:
        """Store ``answer``: replacing the one its secret's holder gave before, else as a
        new answer with a new secret. Raises :class:`BoxClosed`, :class:`BoxFull` or
        :class:`~inddrag.domain.atomic.SaveError`."""
        with self._lock:
            if self.state != "open":
                raise BoxClosed
            prep_id = self._by_secret.get(secret_key(secret)) if secret else None
            replaced = prep_id is not None
            if prep_id is None:
                if self._earlier + len(self._answers) >= self.max_answers:
                    raise BoxFull
                secret, prep_id = secrets.token_urlsafe(32), new_id()
                self._by_secret[secret_key(secret)] = prep_id
            before = self._answers.get(prep_id)
            self._answers[prep_id] = answer
        assert secret is not None
        path = self.path_of(prep_id)
        if self.anonymous:
            when = self.opened
        try:
            prep = answer_prep(answer, self.team, self.pack, prep_id=prep_id, when=when)
            # The same validation as `inddrag check`: the file must read back as meant.
            load_session_text(path, dumps_session(prep).encode("utf-8"))
            self.folder.mkdir(exist_ok=True)
            save_session(prep, path)
            if self.anonymous:
                stamp = self.opened.timestamp()
                os.utime(path, (stamp, stamp))
        except BaseException:
            # Not stored (disk full, …): not counted, not shown as received; an earlier
            # answer of this participant stays as it is in memory (and on disk).
            with self._lock:
                if before is not None:
                    self._answers[prep_id] = before
                else:
                    self._answers.pop(prep_id, None)
                    self._by_secret.pop(secret_key(secret), None)
            raise
        if self.on_answer is not None:
            self.on_answer(path, prep)
        return Receipt(secret, prep_id, path, prep, replaced)

    def preps(self) -> list[tuple[Path, Session]]:
        """Every answer in the folder, read back (the order of their random names)."""
        out = []
        for path in sorted(self.folder.glob(f"{self._prefix}-*.toml")):
            if _ANSWER_FILE.fullmatch(path.name):
                out.append((path, load_session(path)))
        return out


def qr_matrix(text: str, border: int = 2) -> list[list[bool]]:
    """The QR code of ``text`` as rows of modules (True = dark), with a quiet border."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(m) for m in row] for row in code.matrix_iter(border=border)]


def qr_half_blocks(text: str, border: int = 2) -> list[str]:
    """The QR code of ``text`` in half-block characters, two module rows per line.

    The light modules are drawn (``█``, ``▀``, ``▄``) and the dark ones left blank, so it
    reads right in light text on a dark background (the caller sets those colours).
    """
    rows = qr_matrix(text, border)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))  # one more row of the light quiet zone
    chars = {(False, False): "█", (False, True): "▀", (True, False): "▄", (True, True): " "}
    return [
        "".join(chars[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[0::2], rows[1::2], strict=True)
    ]
