"""The handout editions, as data: what each keeps and removes, and the steps that make it.

The renderer builds its pipeline from an edition's row (nbconvert's ordered preprocessor list),
so adding an edition is adding a row, not a branch in the exporter. The steps are named here and
looked up only when a handout is made, so naming the editions (``relcourse --help``, ``check``,
``build`` with nothing to do) imports neither the steps nor what they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from relcourse.i18n import N_

if TYPE_CHECKING:
    from relcourse.export.preprocessors import Step


@dataclass(frozen=True)
class Edition:
    name: str
    title: str
    answers: bool  # answer keys stay in the document only when True
    facilitator_pages: bool
    blank_logs: bool  # the photocopiable log pages; the facilitator guide points to them instead
    # Order matters (as in nbgrader's pipelines): every step reads the cells as the renderer checked,
    # upgraded and typed them before the first step; answers are removed BEFORE any view is built, so
    # no answer can reach a participant template, not even hidden; cells are put in print order before
    # the views number the quiz items; edition info last.
    steps: tuple[str, ...]  # classes of relcourse.export.preprocessors, in order

    def pipeline(self, paper: str = "", log_weeks: int = 0) -> list[Step]:
        """The edition's steps, each given the options it takes."""
        from relcourse.export import preprocessors

        options: dict[str, Any] = {"with_answers": self.answers, "blank_logs": self.blank_logs, "log_weeks": log_weeks,
                                   "edition": self.name, "edition_title": self.title, "paper": paper}
        classes: list[type[Step]] = [getattr(preprocessors, name) for name in self.steps]
        return [step(**{k: v for k, v in options.items() if k in step.OPTIONS}) for step in classes]


EDITIONS = {
    "participant": Edition("participant", N_("Participant handout"), answers=False, facilitator_pages=False, blank_logs=True,
                           steps=("RemoveAnswers", "OrderForPrint", "BuildHandoutViews", "EditionInfo")),
    "facilitator": Edition("facilitator", N_("Facilitator guide"), answers=True, facilitator_pages=True, blank_logs=False,
                           steps=("OrderForPrint", "BuildHandoutViews", "AddFacilitatorPages", "EditionInfo")),
}
