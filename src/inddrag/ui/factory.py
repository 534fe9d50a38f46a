"""One factory builds the app for the command line, the tests and the benchmarks."""

from __future__ import annotations

from pathlib import Path

from inddrag.domain.content import ContentPack, bundled_languages, bundled_pack_dir, load_pack
from inddrag.domain.session import Session
from inddrag.domain.storage import load_session
from inddrag.i18n import normalise_language
from inddrag.ui.app import InddragApp


def choose_pack(content: Path | None, lang: str | None, session: Session | None) -> ContentPack:
    """``--content`` wins; then the shipped pack for ``--lang``, the session's language, or da."""
    if content is not None:
        return load_pack(content)
    wanted = lang or (session.content.language if session else None) or "da"
    code = normalise_language(wanted)
    if code not in bundled_languages():
        code = "da"
    return load_pack(bundled_pack_dir(code))


def build_app(
    *,
    file: Path | None = None,
    lang: str | None = None,
    content: Path | None = None,
    prep: bool = False,
    state_dir: Path | None = None,
    cwd: Path | None = None,
) -> InddragApp:
    """The app, with its pack and (when given) a session loaded; raises FileProblems."""
    if file is not None:
        file = file.expanduser().resolve()
    session = load_session(file) if file is not None else None
    pack = choose_pack(content, lang, session)
    return InddragApp(
        pack,
        normalise_language(pack.info.language),
        session=session,
        path=file,
        start_kind="prep" if prep else None,
        state_dir=state_dir,
        cwd=cwd,
    )
