"""Snapshots of the projector view: zoomed to 50×16, at 100×30, and filling 200×60, in the
high-contrast theme and Textual's dark one. The leader is played by a publisher in the
test holding the lock; the clock is frozen. Update with ``--snapshot-update`` and look at
each picture (``rsvg-convert`` turns the SVG into a PNG) before committing it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inddrag.domain.content import bundled_pack_dir, load_pack
from inddrag.domain.live import LiveClock, LiveView, Publisher
from inddrag.domain.settings import Settings, write_settings
from inddrag.domain.storage import load_session
from inddrag.ui.present.app import PresentApp
from tests.ui_helpers import meeting_file, settle

SIZES = [(50, 16), (100, 30), (200, 60)]
AT = 1_800_000_000.0


@pytest.fixture
def leader(tmp_path: Path) -> Iterator[Path]:
    """A session file whose leader's app is 'running' on advice 1, 3:12 into it."""
    source = meeting_file(tmp_path)
    publisher = Publisher(tmp_path / "state")
    view = LiveView(
        source=str(source),
        pid=1,
        at=AT,
        step="advice",
        advice_index=0,
        clock=LiveClock(meeting=754.0, advice=192.0, timebox_minutes=8),
        session=load_session(source),
    )
    assert publisher.publish(source, 1, lambda: view)
    yield source
    publisher.close()


@pytest.mark.parametrize("theme", ["inddrag-kontrast", "textual-dark"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_projector(
    snap_compare: Any,
    tmp_path: Path,
    leader: Path,
    monkeypatch: pytest.MonkeyPatch,
    theme: str,
    size: tuple[int, int],
) -> None:
    monkeypatch.setenv("INDDRAG_CONFIG_DIR", str(tmp_path / "config"))
    write_settings(Settings(theme=theme))
    pack = load_pack(bundled_pack_dir("da"))
    app = PresentApp(leader, pack, state_dir=tmp_path / "state", now=lambda: AT, poll_interval=None)
    assert snap_compare(app, terminal_size=size, run_before=settle)
