"""The learner's progress across the course (index notebook)."""

from __future__ import annotations

import ipywidgets as w
from IPython.core.display_functions import display

from ..journal import Journal
from ..module import current_course
from .base import PrivateBox, friendly, get_journal


class CourseProgress(PrivateBox):
    kind = "progress"

    def __init__(self, journal: Journal) -> None:
        super().__init__("", "course")
        course = current_course()
        progress = journal.progress()
        output = w.Output()
        rows = []
        for module in course.modules:
            row = progress.loc[module.slug] if module.slug in progress.index else None
            answered = int(row["quiz_correct"]) if row is not None else 0
            steps = int(row["steps_done"]) if row is not None else 0
            entries = int(row["entries"]) if row is not None else 0
            rows.append({"Module": module.title, "Quiz": f"{answered}/{len(module.quiz)}",
                         "Plan steps done": f"{steps}/{len(module.article.plan)}", "Journal entries": entries})
        import pandas as pd

        with output:
            display(pd.DataFrame(rows).style.hide(axis="index"))
        self.children = [output]


@friendly
def course_progress(journal: Journal | None = None) -> CourseProgress:
    """Quiz score, plan steps and journal entries per module."""
    return CourseProgress(journal or get_journal())
