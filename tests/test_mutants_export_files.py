"""``domain/export/files.py``: writing a report's files, pinned down where mutation
testing left survivors open (docs/testing.md, "Mutation testing"). Expected texts and
names are written out; each test says what it guards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from inddrag.domain.atomic import SaveError
from inddrag.domain.content import ContentPack
from inddrag.domain.export.files import session_report, write_report, write_summary
from inddrag.domain.session import new_session


def test_a_summary_is_written_in_the_language_asked(tmp_path: Path, en_pack: ContentPack) -> None:
    """``write_summary`` in English writes English headings, not only the pack's titles."""
    session = new_session(en_pack, "team")
    target = tmp_path / "summary.md"
    write_summary(session, en_pack, "en", "md", target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Untitled discussion\n")
    assert "\n## What matters most\n\nNo priorities yet.\n" in text


def test_a_failed_write_reports_its_own_failure_even_when_cleaning_up_fails(
    tmp_path: Path, en_pack: ContentPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second CSV file cannot be written; removing the first (made by this write)
    fails too: the user is told why the write failed (the ``SaveError``), not about the
    file that could not be removed."""
    report = session_report(new_session(en_pack, "team"), en_pack, "en")
    (tmp_path / "r-advice.csv").mkdir()  # the second file cannot be written

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "refused", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(SaveError):
        write_report(report, "csv", tmp_path / "r.csv")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r-advice.csv", "r-session.csv"]
