"""The learner's progress across the course (index notebook)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w
import pandas as pd
from IPython.core.display_functions import display

from relcourse.course.loader import Course, current_course
from relcourse.i18n import _
from relcourse.store.journal import Journal
from relcourse.widgets.base import PrivateBox, friendly, get_journal, table_view

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


def progress_table(course: Course, progress: pd.DataFrame) -> Styler:
    """One row per module: quiz questions answered correctly (latest try), plan steps done,
    reflections written and journal entries, counted from the learner's store."""
    rows = []
    for module in course.modules:
        row = progress.loc[module.slug] if module.slug in progress.index else None

        def count(column: str, row: pd.Series | None = row) -> int:
            return int(row[column]) if row is not None else 0

        rows.append({
            _("Module"): module.title,
            _("Quiz correct"): _("{count} of {total}").format(count=count("quiz_correct"), total=len(module.quiz)),
            _("Plan steps done"): _("{count} of {total}").format(count=count("steps_done"), total=len(module.article.plan)),
            _("Reflections"): _("{count} of {total}").format(count=count("reflections"), total=len(module.prompts)),
            _("Journal entries"): count("entries"),
        })
    return table_view(pd.DataFrame(rows), right=(_("Journal entries"),))


class CourseProgress(PrivateBox):
    kind = "progress"

    def __init__(self, journal: Journal) -> None:
        super().__init__("", "course")
        output = w.Output()
        with output:
            display(progress_table(current_course(), journal.progress()))
        self.children = [output]


@friendly
def course_progress(journal: Journal | None = None) -> CourseProgress:
    """Quiz score, plan steps, reflections and journal entries per module."""
    return CourseProgress(journal or get_journal())
