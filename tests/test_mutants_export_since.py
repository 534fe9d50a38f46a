"""``domain/export/since.py``: “Since last time” as records and as Markdown, pinned down
where mutation testing found the suite silent (docs/testing.md, "Mutation testing").
Expected records and text are written out; each test says what it guards.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from inddrag.domain.content import ContentPack
from inddrag.domain.export.since import ChangeRecord, change_records, since_section
from inddrag.domain.session import AdviceEntry, Meeting, Row, Session, Snapshot, new_session

CET = timezone(timedelta(hours=1))
FIRST, SECOND, THIRD = date(2026, 11, 26), date(2027, 2, 10), date(2027, 5, 3)
CONSEQUENCES = "Let employees assess the consequences for good work and the working environment"
EARLY = "Involve employees as early as possible"
FRAMEWORK = "Set a clear framework for involvement"


def every_kind_of_change(pack: ContentPack) -> Session:
    """One follow-up (10 Feb 2027, since 26 Nov 2026) with a change of every kind: two
    cells (one in a column the table no longer has), a role added and one removed, an
    advice moved, one placed, one unplaced, and the votes of a known and an unknown advice."""
    session = new_session(pack, "team", when=datetime(2026, 11, 26, 10, tzinfo=CET))
    ended = Snapshot(
        order=["rammer", "konsekvenser"],
        votes={"rammer": 1, "ukendt": 2},
        rows=[
            Row(id="ledere", name="Managers", cells={"status": "Old", "gammel": "a"}),
            Row(id="x", name="Gone"),
        ],
    )
    session.meetings = [Meeting(date=FIRST, ended=ended), Meeting(date=SECOND)]
    session.roles.rows = [
        Row(id="ledere", name="Managers", cells={"status": "New"}),
        Row(id="ny", name="New *one*"),
    ]
    session.priorities.order = ["konsekvenser", "tidligt"]
    session.advice = [AdviceEntry(id="rammer", votes=3), AdviceEntry(id="ukendt", votes=5)]
    return session


def record(
    kind: str,
    subject: str,
    column: str = "",
    before: str | int | None = None,
    after: str | int | None = None,
) -> ChangeRecord:
    return ChangeRecord(SECOND, FIRST, kind, subject, column, before, after)


def test_every_change_is_a_record_in_the_language_asked(en_pack: ContentPack) -> None:
    """Column titles from the table (a column it no longer has by its id), advice titles
    from the pack (an unknown one marked in English), ``""`` as the column of a place or a
    vote change, ``None`` where a place has no number."""
    records = change_records(every_kind_of_change(en_pack), en_pack, "en")

    assert records == [
        record("cell", "Managers", "Status and next step", "Old", "New"),
        record("cell", "Managers", "gammel", "a", ""),
        record("row_added", "New *one*"),
        record("row_removed", "Gone"),
        record("place", CONSEQUENCES, "", 2, 1),
        record("place", EARLY, "", None, 2),
        record("place", FRAMEWORK, "", 1, None),
        record("votes", FRAMEWORK, "", 1, 3),
        record("votes", "ukendt (not in the content pack)", "", 2, 5),
    ]


def test_the_section_in_english_names_every_change(en_pack: ContentPack) -> None:
    """The English section: heading, meeting line with both dates, one line per change,
    the team's text escaped, an emptied cell as “(empty)”."""
    assert since_section(every_kind_of_change(en_pack), en_pack, "en") == (
        "## Since last time\n"
        "\n"
        "### The meeting on 10 February 2027 (since the meeting on 26 November 2026)\n"
        "\n"
        "- **Managers**, Status and next step: “Old” → “New”\n"
        "- **Managers**, gammel: “a” → (empty)\n"
        "- New role: **New \\*one\\***\n"
        "- Role removed: **Gone**\n"
        f"- **{CONSEQUENCES}**: from no. 2 to no. 1 in the priorities\n"
        f"- **{EARLY}**: new as no. 2 in the priorities\n"
        f"- **{FRAMEWORK}**: no longer in the priorities (was no. 1)\n"
        f"- **{FRAMEWORK}**: 1 → 3 votes\n"
        "- **ukendt (not in the content pack)**: 2 → 5 votes\n"
    )


def test_a_meeting_without_changes_says_so_newest_first(en_pack: ContentPack) -> None:
    """Two follow-ups, newest first; one that changed nothing says “No changes.”."""
    session = new_session(en_pack, "team", when=datetime(2026, 11, 26, 10, tzinfo=CET))
    session.roles.rows = [Row(id="ledere", name="Managers", cells={"hvad": "Lead"})]
    first = Snapshot(rows=[Row(id="ledere", name="Managers", cells={"hvad": "Plan"})])
    second = Snapshot(rows=[Row(id="ledere", name="Managers", cells={"hvad": "Plan"})])
    session.meetings = [
        Meeting(date=FIRST, ended=first),
        Meeting(date=SECOND, ended=second),
        Meeting(date=THIRD),
    ]
    assert since_section(session, en_pack, "en") == (
        "## Since last time\n"
        "\n"
        "### The meeting on 3 May 2027 (since the meeting on 10 February 2027)\n"
        "\n"
        "- **Managers**, What: “Plan” → “Lead”\n"
        "\n"
        "### The meeting on 10 February 2027 (since the meeting on 26 November 2026)\n"
        "\n"
        "No changes.\n"
    )


def test_no_follow_up_no_section(en_pack: ContentPack) -> None:
    """One meeting only: no section at all."""
    session = new_session(en_pack, "team", when=datetime(2026, 11, 26, 10, tzinfo=CET))
    assert since_section(session, en_pack, "en") == ""
    assert change_records(session, en_pack, "en") == []


def test_two_meetings_on_one_day_each_list_only_their_own_changes(
    en_pack: ContentPack,
) -> None:
    """A file edited by hand may hold two meetings on one day: each follow-up lists the
    changes of its own pair of meetings (same date and same meeting before), once."""
    session = new_session(en_pack, "team", when=datetime(2026, 11, 26, 10, tzinfo=CET))
    session.roles.rows = [Row(id="ledere", name="Managers", cells={"hvad": "C"})]
    session.meetings = [
        Meeting(date=FIRST, ended=Snapshot(rows=[Row(id="ledere", name="Managers")])),
        Meeting(
            date=SECOND,
            ended=Snapshot(rows=[Row(id="ledere", name="Managers", cells={"hvad": "B"})]),
        ),
        Meeting(date=SECOND),
    ]
    assert since_section(session, en_pack, "en") == (
        "## Since last time\n"
        "\n"
        "### The meeting on 10 February 2027 (since the meeting on 10 February 2027)\n"
        "\n"
        "- **Managers**, What: “B” → “C”\n"
        "\n"
        "### The meeting on 10 February 2027 (since the meeting on 26 November 2026)\n"
        "\n"
        "- **Managers**, What: (empty) → “B”\n"
    )
