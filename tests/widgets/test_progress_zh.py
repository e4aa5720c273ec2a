"""The course index's progress table speaks the course's language: a course with locale zh shows
Chinese headings and counts, an English one the English words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relcourse.course.loader import load_course_content
from relcourse.i18n import use_language
from relcourse.store.journal import Journal
from relcourse.widgets.progress import progress_table

from ..conftest import CONTENT

ZH = "安全感与需求-091"


@pytest.mark.parametrize(("lang", "headings", "count"), [
    ("zh", ["单元", "测验答对", "已完成的计划步骤", "反思", "日志记录"], "1 / {total}"),
    ("en", ["Module", "Quiz correct", "Plan steps done", "Reflections", "Journal entries"], "1 of {total}"),
])
def test_progress_table_in_the_course_language(tmp_path: Path, lang: str, headings: list[str], count: str) -> None:
    course = load_course_content(CONTENT)
    module = course.module(ZH)
    journal = Journal(tmp_path / "j.sqlite")
    journal.record_attempt(ZH, module.quiz[0].id, "right", True)
    with use_language(lang):
        html = progress_table(course, journal.progress()).to_html()
    for heading in headings:
        assert f">{heading}</th>" in html
    assert count.format(total=len(module.quiz)) in html
    if lang == "zh":
        assert re.search(r"\d+ of \d+", html) is None
