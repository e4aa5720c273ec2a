"""*Share my quiz results* (index notebook): consent to show the facilitator quiz results only.

Shown only in a workshop (the hub sets ``RELCOURSE_EXCHANGE``); alone on a laptop there is
no one to share with, so the cell shows nothing at all.
"""

from __future__ import annotations

import os

import ipywidgets as w

from relcourse.errors import RelcourseError
from relcourse.hub.room import EXCHANGE_ENV, SHARE_KEY, SHARE_SCOPE, share_quiz_results, withdraw_quiz_results
from relcourse.i18n import N_, _
from relcourse.store.journal import Journal
from relcourse.widgets.base import PrivateBox, friendly, get_journal, html_text, status

EXPLAIN = N_("If you choose to share, your facilitator sees a summary of the room: for each module, how many questions "
             "were answered right and which were most often missed. The summary shows no names, other learners cannot "
             "see your file, and your reflections, journal and self-check answers are never shared.")


class ShareQuizResults(PrivateBox):
    kind = "share"

    def __init__(self, journal: Journal) -> None:
        super().__init__("", "quiz-results")
        self.journal = journal
        if not os.environ.get(EXCHANGE_ENV):
            return  # not in a workshop: nothing to share with, nothing shown
        self.share_button = w.Button(description=_("Share my quiz results"), button_style="primary", icon="share",
                                     layout=w.Layout(width="auto"))
        self.withdraw_button = w.Button(description=_("Stop sharing"), icon="times", layout=w.Layout(width="auto"))
        self.state = w.HTML(self._current())
        self.share_button.on_click(lambda _: self.share())
        self.withdraw_button.on_click(lambda _: self.withdraw())
        heading = html_text(_("Share my quiz results with the facilitator"))
        self.children = [w.HTML(f"<h3>{heading}</h3><p>{html_text(_(EXPLAIN))}</p>"),
                         w.HBox([self.share_button, self.withdraw_button]), self.state]

    def _current(self) -> str:
        if self.journal.setting(SHARE_SCOPE, SHARE_KEY):
            return status(html_text(_("Shared ✓ (share again after more questions to update it)")), "ok")
        return status(html_text(_("Not shared")))

    def share(self) -> None:
        try:
            share_quiz_results(self.journal)
            self.state.value = self._current()
        except RelcourseError as exc:
            self.state.value = status(html_text(str(exc)), "bad")

    def withdraw(self) -> None:
        try:
            removed = withdraw_quiz_results(self.journal)
            done = _("Your shared results were deleted.") if removed else _("Nothing was shared.")
            self.state.value = status(html_text(done), "ok")
        except RelcourseError as exc:
            self.state.value = status(html_text(str(exc)), "bad")


@friendly
def quiz_sharing(journal: Journal | None = None) -> ShareQuizResults:
    """Consent buttons for sharing quiz results (only) with the workshop's facilitator."""
    return ShareQuizResults(journal or get_journal())
