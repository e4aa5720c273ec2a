"""Tables and chart sentences shown in JupyterLab keep ``$`` and ``\\`` as written.

JupyterLab's MathJax typesets every text/html output: a journal entry "Paid $5 and $10" showed as
"Paid 5and10" in italic maths in the past-entries table, and so did a module title with ``$`` in the
index's progress table. MathJax skips an element of class ``mathjax_ignore`` and all inside it.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from relcourse.course.loader import load_course_content
from relcourse.store.journal import Journal
from relcourse.widgets import journal_form
from relcourse.widgets.charts import chart_html
from relcourse.widgets.journal_form import JournalForm, history_table
from relcourse.widgets.progress import progress_table

from ..conftest import CONTENT

MONEY = r"Paid $5 and $10, then \(x\)"


class TypesetText(HTMLParser):
    """Collects the text MathJax would look at: text with no ``mathjax_ignore`` element around it."""

    VOID = {"img", "br", "hr", "input", "meta", "link", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.ignored: list[bool] = []
        self.typeset: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.ignored.append("mathjax_ignore" in classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.ignored:
            self.ignored.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.ignored):
            self.typeset.append(data)


def typeset_text(html: str) -> str:
    parser = TypesetText()
    parser.feed(html)
    return "".join(parser.typeset)


def test_the_past_entries_table_is_not_typeset(journal: Journal) -> None:
    form = journal_form("security-and-needs-044", "practice-log", journal=journal)
    assert isinstance(form, JournalForm)
    journal.add_entry("security-and-needs-044", "practice-log", {"tried": MONEY})
    html = history_table(journal.entries("security-and-needs-044", "practice-log"), form.template).to_html()
    assert "$5" in html and "$" not in typeset_text(html) and "\\" not in typeset_text(html)


def test_the_progress_table_is_not_typeset(journal: Journal) -> None:
    course = load_course_content(CONTENT)
    progress = pd.DataFrame({"quiz_correct": [0], "steps_done": [0], "reflections": [0], "entries": [1]},
                            index=[course.modules[0].slug])
    html = progress_table(course, progress).to_html()
    assert course.modules[0].title in html and "Module" not in typeset_text(html)


def test_a_chart_sentence_is_not_typeset() -> None:
    import matplotlib.pyplot as plt

    html = chart_html(lambda: plt.figure(figsize=(1, 1)), f"1 entry; by type: {MONEY} 1.", "Chart")
    assert "$5" in html and "$" not in typeset_text(html)
