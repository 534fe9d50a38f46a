"""One factory builds the app for the command line, the tests and the benchmarks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inddrag.domain.packs import bundled_language, bundled_pack_dir, bundled_pack_for
from inddrag.i18n import normalise_language
from inddrag.ui.app import InddragApp
from inddrag.ui.clock import MeetingClock

if TYPE_CHECKING:
    from inddrag.domain.content import ContentPack
    from inddrag.domain.session import Session


def choose_pack(content: Path | None, lang: str | None, session: Session | None) -> ContentPack:
    """``--content`` wins; then the shipped pack for ``--lang``, the session's language, or da."""
    from inddrag.domain.content import load_pack

    if content is not None:
        return load_pack(content)
    shipped = bundled_pack_for(session, lang) if session is not None else None
    wanted = lang or (session.content.language if session else None)
    return shipped or load_pack(bundled_pack_dir(bundled_language(wanted)))


def build_app(
    *,
    file: Path | None = None,
    lang: str | None = None,
    content: Path | None = None,
    prep: bool = False,
    state_dir: Path | None = None,
    cwd: Path | None = None,
    clock: MeetingClock | None = None,
    today: date | None = None,
) -> InddragApp:
    """The app, with its pack and (when given) a session loaded; raises FileProblems."""
    if file is None and content is None:
        # The shipped pack is checked by the test suite; load it after the first frame.
        code = bundled_language(lang)
        return InddragApp(
            bundled_pack_dir(code),
            code,
            start_kind="prep" if prep else None,
            state_dir=state_dir,
            cwd=cwd,
            clock=clock,
            today=today,
        )
    session = None
    if file is not None:
        from inddrag.domain.storage import open_session

        file = file.expanduser().resolve()
        session = open_session(file)
    pack = choose_pack(content, lang, session)
    return InddragApp(
        pack,
        normalise_language(pack.info.language),
        session=session,
        path=file,
        start_kind="prep" if prep else None,
        state_dir=state_dir,
        cwd=cwd,
        clock=clock,
        today=today,
    )
