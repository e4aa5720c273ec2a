"""The handout editions, as data: what each keeps and removes, and the preprocessors that make it.

The exporter builds its pipeline from an edition's row (nbconvert's ordered preprocessor list),
so adding an edition is adding a row, not a branch in the exporter.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbconvert.preprocessors import Preprocessor

from relcourse.export.preprocessors import (
    AddFacilitatorPages,
    BuildHandoutViews,
    EditionInfo,
    OrderForPrint,
    RemoveAnswers,
    ValidateRelcourseCells,
)
from relcourse.i18n import N_


@dataclass(frozen=True)
class Edition:
    name: str
    title: str
    answers: bool  # answer keys stay in the document only when True
    facilitator_pages: bool
    blank_logs: bool  # the photocopiable log pages; the facilitator guide points to them instead
    # Order matters (as in nbgrader's pipelines): validation (and the schema upgrade) runs first so
    # every later step reads current metadata; answers are removed BEFORE any view is built, so no
    # answer can reach a participant template, not even hidden; cells are put in print order before
    # the views number the quiz items; facilitator pages read the views' title data; edition info last.
    preprocessors: tuple[type[Preprocessor], ...]


EDITIONS = {
    "participant": Edition("participant", N_("Participant handout"), answers=False, facilitator_pages=False, blank_logs=True,
                           preprocessors=(ValidateRelcourseCells, RemoveAnswers, OrderForPrint, BuildHandoutViews,
                                          EditionInfo)),
    "facilitator": Edition("facilitator", N_("Facilitator guide"), answers=True, facilitator_pages=True, blank_logs=False,
                           preprocessors=(ValidateRelcourseCells, OrderForPrint, BuildHandoutViews,
                                          AddFacilitatorPages, EditionInfo)),
}
