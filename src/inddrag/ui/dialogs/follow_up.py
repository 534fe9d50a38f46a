"""“Opfølgning”: offered when a team session from an earlier meeting is reopened.

The app shows it when :func:`inddrag.domain.followup.offer_follow_up` says so; the answer
``"follow_up"`` means: call :func:`inddrag.domain.followup.start_follow_up` with today's
date (a new meeting), ``"continue"`` or ``None`` (Escape): carry on with the same meeting.
"""

from __future__ import annotations

from datetime import date

from inddrag.i18n import format_date, t
from inddrag.ui.dialogs.confirm import ChoiceDialog

FOLLOW_UP, CONTINUE = "follow_up", "continue"


def follow_up_dialog(lang: str, held: date, today: date) -> ChoiceDialog:
    """The question, with “Opfølgning – nyt møde i dag” preselected."""
    text = "\n\n".join(
        [
            t(
                "followup.dialog.question",
                lang,
                date=format_date(held, lang),
                today=format_date(today, lang),
            ),
            t("followup.dialog.explain", lang),
        ]
    )
    return ChoiceDialog(
        lang,
        t("followup.dialog.title", lang),
        text,
        [
            (FOLLOW_UP, t("followup.dialog.follow_up", lang)),
            (CONTINUE, t("followup.dialog.continue", lang)),
        ],
        default=FOLLOW_UP,
    )
