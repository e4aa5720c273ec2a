"""The widgets of a Chinese module speak Chinese: the plan's dates and progress, the Copy button, the
ordering question's instruction and its 'answer first' hint (the shipped module 安全感与需求-091)."""

from __future__ import annotations

from datetime import date

from relcourse.course.loader import load_course_content
from relcourse.store.journal import Journal
from relcourse.widgets import phrase_cards, practice_plan, quiz
from relcourse.widgets.plan import PlanTracker

from ..conftest import CONTENT

ZH = "安全感与需求-091"


def test_plan_dates_and_progress_in_chinese(journal: Journal) -> None:
    tracker = practice_plan(ZH, journal=journal)
    assert isinstance(tracker, PlanTracker)
    tracker.start.value = date(2026, 1, 5)
    assert tracker.dates["步-1"].value == "2026年1月5日周一 → 2026年1月11日周日"
    assert tracker.dates["步-3"].value == "2026年1月19日周一 → 持续进行"
    tracker.boxes["步-1"].value = True
    assert "已完成 1 / 3" in tracker.progress_label.value


def test_copy_button_in_chinese() -> None:
    html = phrase_cards(ZH).children[0].value
    assert ">复制</button>" in html and "&quot;已复制 ✓&quot;" in html and 'aria-label="复制：' in html
    assert "Copy" not in html


def test_ordering_instruction_and_hint_in_chinese(journal: Journal) -> None:
    item = next(i for i in load_course_content(CONTENT).module(ZH).quiz if i.type == "ordering")
    widget = quiz(ZH, item.id, journal=journal)
    instruction = widget.answer_input.view.children[0].value
    assert instruction == "<i>按顺序给各项编号：1（最先）到 3（最后）。</i>"
    assert widget.check() is None  # nothing numbered yet
    assert "请给每一项填上不同的序号。" in widget.feedback.value
