"""Chinese articles get the logs they ask for, as English ones do (cue words from zh.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.content.parser import load_article, parse_article
from relcourse.course.logs import JournalTemplate, generate_templates

from ..conftest import CONTENT, FIXTURES

ZH = FIXTURES / "articles-zh"
PRACTICE = ("step", "tried", "noticed", "feeling")
HEAD = "安全感与需求-901-记录测试\n\n一、问题情境\n\n两个人常常吵架。\n\n三、实践指南\n\n"


def logs(source: Path | str) -> dict[str, JournalTemplate]:
    """The logs of an article file, or of article text."""
    article = load_article(source) if isinstance(source, Path) else parse_article(source)
    assert article.lang == "zh"
    return {t.id: t for t in generate_templates(article)}


def shape(template: JournalTemplate) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(f.id, f.label, f.kind, f.options) for f in template.fields]


def test_counted_evening_log() -> None:
    templates = logs(ZH / "attachment-and-communication-116.txt")
    log = templates["晚间邀请记录"]
    assert (log.title, log.daily, log.steps) == ("晚间邀请记录", True, (0,))
    assert shape(log) == [
        ("今天注意到的邀请_1", "今天注意到的邀请 1", "text", ()),
        ("今天注意到的邀请_2", "今天注意到的邀请 2", "text", ()),
        ("今天注意到的邀请_3", "今天注意到的邀请 3", "text", ()),
        ("我当时是怎样回应的", "我当时是怎样回应的", "longtext", ()),
    ]
    assert set(templates) == {"晚间邀请记录", "practice-log"}


def test_whether_we_kept_it_is_yes_or_no() -> None:
    templates = logs(ZH / "security-and-needs-088.txt")
    log = templates["晚间记录"]
    assert (log.title, log.daily) == ("晚间记录", True)
    assert shape(log) == [
        ("我们是否做到了", "我们是否做到了", "choice", ("是", "否")),
        ("做到时我的感受", "做到时我的感受", "longtext", ()),
    ]
    assert set(templates) == {"晚间记录", "practice-log"}


def test_each_time_log_in_a_phone_note() -> None:
    templates = logs(ZH / "security-and-needs-133.txt")
    log = templates["随时记录"]
    assert not log.daily
    assert shape(log) == [("抱怨的话", "抱怨的话", "longtext", ()), ("我真正的需要", "我真正的需要", "longtext", ())]
    assert set(templates) == {"随时记录", "practice-log"}


def test_in_the_journal_without_cadence_and_an_exercise_that_is_no_log() -> None:
    templates = logs(ZH / "conflict-and-repair-021.txt")
    log = templates["第2步日志"]
    assert (log.title, log.daily, log.steps) == ("第2步日志", False, (1,))
    assert shape(log) == [("说完以后发生了什么", "说完以后发生了什么", "longtext", ())]
    # "写下三句你说得出口的修复的话" is an exercise: no cadence, no journal
    assert set(templates) == {"第2步日志", "practice-log"}


def test_shipped_chinese_module_asks_only_for_the_practice_log() -> None:
    templates = logs(CONTENT / "articles" / "security-and-needs-091.txt")
    assert list(templates) == ["practice-log"]
    assert tuple(f.id for f in templates["practice-log"].fields) == PRACTICE
    assert templates["practice-log"].title == "练习日志"


@pytest.mark.parametrize(("action", "expected"), [
    ("每周写下两件伴侣为你做的小事。", ("每周小事记录", ["伴侣为我做的小事 1", "伴侣为我做的小事 2"])),
    ("每天早上记下你睡得怎样，以及你期待的一件事。", ("早间记录", ["我睡得怎样", "我期待的一件事"])),
    ("每次说出“我需要你”以后，记下发生了什么。", ("随时记录", ["发生了什么"])),
    ("每当想回避时，写下“我想躲开”这句话出现的场景。", ("随时记录", ["什么时候、在哪里", "发生了什么"])),
])
def test_written_logs(action: str, expected: tuple[str, list[str]]) -> None:
    body = f"### 第1步：觉察（第1-3天）\n\n**具体行动**：\n- {action}\n\n### 第2步：交谈（第4-7天）\n\n- 聊一聊。\n"
    templates = logs(HEAD + body)
    title, labels = expected
    assert [f.label for f in templates[title].fields] == labels


@pytest.mark.parametrize("action", [
    "回顾这一周的记录，和伴侣聊一聊。",  # the record as a noun
    "写下三句你说得出口的话。",  # an exercise: no cadence, no journal
    "每天说一句：“我写下了今天的感谢。”",  # the verb is inside someone's words
])
def test_no_log(action: str) -> None:
    body = f"### 第1步：觉察（第1-3天）\n\n**具体行动**：\n- {action}\n\n### 第2步：交谈（第4-7天）\n\n- 聊一聊。\n"
    assert list(logs(HEAD + body)) == ["practice-log"]


def test_chart_titles_come_from_the_logs_own_labels() -> None:
    """A chart is titled in the module's words ('按步骤', '之后我的感受'), not with field ids ('step', 'feeling')."""
    from relcourse.i18n import use_language

    with use_language("zh"):
        practice = logs(CONTENT / "articles" / "security-and-needs-091.txt")["practice-log"]
        assert (practice.category_title, practice.value_title) == ("按步骤", "之后我的感受")
    with use_language("en"):
        english = {t.id: t for t in generate_templates(load_article(CONTENT / "articles" / "security-and-needs-044.txt"))}
        assert english["practice-log"].category_title == "By step"
        assert english["practice-log"].value_title == "How I felt afterwards"
