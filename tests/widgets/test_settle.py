"""Save buttons act on what the learner sees: a press waits for the changes sent before it (widgets.settle).

In a kernel, the last keystrokes can reach the kernel after the press; here they are played in
that order: press, then the held-back change, then the front end's echo.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import pytest

from relcourse.store.journal import Journal
from relcourse.widgets.journal_form import JournalForm, journal_form
from relcourse.widgets.quiz import QuizWidget
from relcourse.widgets.reflection import ReflectionWidget, reflection
from relcourse.widgets.selfcheck import RESULT_TEMPLATE, LikertForm, self_check
from relcourse.widgets.settle import AFTER_SYNC, AfterSync, Echo, on_press

M133 = "security-and-needs-133"
LOG = "practice-log"
PROMPT = "case-transformation-anxious-attachment-secure"


@pytest.fixture
def echoes(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the kernel sends to the front end's echo (the front end itself is played by ``answer``)."""
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(Echo, "send", lambda self, content, buffers=None: sent.append(content))
    return sent


def answer(after: AfterSync, content: dict[str, Any]) -> None:
    """The front end's echo arrives."""
    assert after.echo is not None
    after.echo._handle_custom_msg(content, [])


def in_kernel_loop(play: Callable[[], None]) -> None:
    """Run ``play`` as widget callbacks run in a kernel: inside a running event loop."""

    async def main() -> None:
        play()

    asyncio.run(main())


def test_a_press_outside_a_kernel_acts_at_once() -> None:
    button, done = w.Button(), []
    on_press(button, lambda: done.append(1), AfterSync())
    button.click()
    assert done == [1]


def test_a_press_acts_after_the_echo_not_before(echoes: list[dict[str, Any]]) -> None:
    after, button, box, saved = AfterSync(), w.Button(), w.Text(value="安"), []
    on_press(button, lambda: saved.append(box.value), after)

    def play() -> None:
        button.click()
        assert saved == [] and echoes == [{"echo": 1}]
        box.value = "安静地坐着"  # the keystrokes held back in the browser arrive after the press
        answer(after, {"echo": 1})
        assert saved == ["安静地坐着"]
        answer(after, {"echo": 1})  # an echo from a second browser tab: the press has acted already
        answer(after, {"echo": "1"})
        assert saved == ["安静地坐着"] and after.waiting == {}

    in_kernel_loop(play)


def test_presses_while_one_waits_save_once(echoes: list[dict[str, Any]]) -> None:
    after, button, saved = AfterSync(), w.Button(), []
    on_press(button, lambda: saved.append(len(saved)), after)

    def play() -> None:
        button.click()
        button.click()  # a double click
        assert echoes == [{"echo": 1}]
        answer(after, {"echo": 1})
        button.click()  # a new press after it acted is a new save
        answer(after, {"echo": 2})

    in_kernel_loop(play)
    assert saved == [0, 1]


async def acted(saved: list[int], ticks: int = 100) -> None:
    """Wait until an action has run, at most ``ticks`` × 20 ms."""
    for _tick in range(ticks):
        if saved:
            return
        await asyncio.sleep(0.02)


def test_without_an_echo_a_press_acts_after_the_timeout(echoes: list[dict[str, Any]]) -> None:
    after, button, saved = AfterSync(timeout=0.05), w.Button(), []
    on_press(button, lambda: saved.append(1), after)

    async def main() -> None:
        button.click()
        first = after.echo
        assert saved == [] and first is not None
        await acted(saved)
        assert first.comm is None  # it never answered: given up,
        button.click()  # and the next press opens a fresh one
        assert after.echo is not None and after.echo is not first

    asyncio.run(main())
    assert saved == [1] and after.timeouts == 1 and after.echoed == 0


def test_the_echo_opens_when_a_save_button_is_made_in_a_kernel(echoes: list[dict[str, Any]]) -> None:
    """Its front end loads while the learner reads and types, before the first press."""
    after = AfterSync()
    on_press(w.Button(), lambda: None, after)
    assert after.echo is None  # not outside a kernel: tests and scripts open no comm

    def play() -> None:
        on_press(w.Button(), lambda: None, after)
        first = after.echo
        assert first is not None and echoes == []
        on_press(w.Button(), lambda: None, after)
        assert after.echo is first  # one echo for every button

    in_kernel_loop(play)


def test_a_press_before_the_front_end_loaded_is_sent_again_when_it_is_ready(echoes: list[dict[str, Any]]) -> None:
    after, button, box, saved = AfterSync(), w.Button(), w.Text(value="安"), []
    on_press(button, lambda: saved.append(box.value), after)

    def play() -> None:
        button.click()
        assert echoes == [{"echo": 1}]  # arrives before echo.js listens, and may be dropped
        box.value = "安静地坐着"
        answer(after, {"ready": True})
        assert echoes == [{"echo": 1}, {"echo": 1}] and saved == []
        answer(after, {"echo": 1})
        assert saved == ["安静地坐着"]
        answer(after, {"echo": 1})  # the first one, where the front end kept it: acts once
        assert saved == ["安静地坐着"] and after.waiting == {} and after.echoed == 1

    in_kernel_loop(play)


def test_ready_with_no_press_waiting_checks_that_the_echo_answers(echoes: list[dict[str, Any]]) -> None:
    after = AfterSync()

    def play() -> None:
        after.prepare()
        answer(after, {"ready": True})
        assert echoes == [{"echo": 1}] and not after.answering  # "ready" alone is no answer
        answer(after, {"echo": 1})
        assert after.answering and after.echoed == 0 and after.waiting == {}

    in_kernel_loop(play)


def test_once_the_echo_answers_a_late_echo_is_waited_for_long(echoes: list[dict[str, Any]]) -> None:
    """A busy kernel (Run All, a slow chart) delays the echo: the press must not act on old values."""
    after, button, box, saved = AfterSync(timeout=0.05, answered_timeout=0.6), w.Button(), w.Text(value="6"), []
    on_press(button, lambda: saved.append(int(box.value)), after)

    async def main() -> None:
        after.prepare()
        answer(after, {"ready": True})
        loop = asyncio.get_running_loop()
        assert after.waiting == {} and echoes == [{"echo": 1}]
        button.click()  # ready, not yet answered: the short wait
        assert after.waiting[2][1].when() - loop.time() <= 0.05
        answer(after, {"echo": 1})  # the first answer makes the waiting press wait long
        assert after.waiting[2][1].when() - loop.time() > 0.5
        await asyncio.sleep(0.2)  # four times the short wait: the press still waits
        assert saved == []
        box.value = "8"
        await acted(saved)

    asyncio.run(main())
    assert saved == [8] and after.timeouts == 1


def test_a_closed_echo_is_made_again(echoes: list[dict[str, Any]]) -> None:
    after, saved = AfterSync(), []

    def play() -> None:
        after.run(lambda: saved.append(0))
        answer(after, {"echo": 1})
        assert after.answering
        after.run(lambda: saved.append(1))
        first = after.echo
        assert first is not None
        first.close()  # Widget.close_all, e.g. between notebook runs
        after.run(lambda: saved.append(2))
        assert after.echo is not first and not after.answering  # a new front-end model, not loaded yet
        first._handle_custom_msg({"echo": 3}, [])  # the closed one is no longer listened to
        assert saved == [0]
        answer(after, {"echo": 3})
        assert saved == [0, 2]
        after.finish(2)  # the press that waited on the closed echo acts on its timeout

    in_kernel_loop(play)
    assert saved == [0, 2, 1]


def test_journal_entry_holds_the_keystrokes_that_came_after_the_press(
        journal: Journal, echoes: list[dict[str, Any]]) -> None:
    form = journal_form(M133, LOG, journal=journal)
    assert isinstance(form, JournalForm)

    def play() -> None:
        form.inputs["tried"].value = "安"
        form.inputs["feeling"].value = 6
        form.save_button.click()
        assert journal.entries(M133, LOG).empty  # not yet: changes may still be on their way
        form.inputs["tried"].value = "安静地坐着"
        form.inputs["noticed"].value = "肩膀放松了"
        form.inputs["feeling"].value = 8
        answer(AFTER_SYNC, echoes[-1])

    in_kernel_loop(play)
    entries = journal.entries(M133, LOG)
    assert [tuple(row) for row in entries[["tried", "noticed", "feeling"]].itertuples(index=False)] == [
        ("安静地坐着", "肩膀放松了", 8)]
    assert journal.draft(M133, f"journal/{LOG}/tried") is None  # no stale draft of the saved words
    assert form.inputs["tried"].value == "" and form.inputs["feeling"].value == 5


def test_reflection_holds_the_keystrokes_that_came_after_the_press(
        journal: Journal, echoes: list[dict[str, Any]]) -> None:
    widget = reflection(M133, PROMPT, journal=journal)
    assert isinstance(widget, ReflectionWidget)

    def play() -> None:
        widget.text.value = "He named"
        widget.save_button.click()
        widget.text.value = "He named her fear"
        answer(AFTER_SYNC, echoes[-1])

    in_kernel_loop(play)
    assert journal.reflection(M133, PROMPT) == "He named her fear"
    assert journal.draft(M133, f"reflection/{PROMPT}/text") is None


def test_self_check_scores_the_answer_chosen_just_before_the_press(
        journal: Journal, echoes: list[dict[str, Any]]) -> None:
    form = self_check("relationship-test", journal=journal)
    assert isinstance(form, LikertForm)
    first = next(iter(form.inputs))

    def play() -> None:
        form.inputs[first].value = 2
        form.submit.click()
        form.inputs[first].value = 6
        answer(AFTER_SYNC, echoes[-1])

    in_kernel_loop(play)
    assert list(journal.entries("relationship-test", RESULT_TEMPLATE)["answers"]) == [{first: 6}]


def test_quiz_check_grades_the_answer_chosen_just_before_the_press(
        journal: Journal, echoes: list[dict[str, Any]]) -> None:
    from relcourse.course.loader import current_course

    item = next(i for i in current_course().module(M133).quiz if i.type == "single")
    widget = QuizWidget(M133, item, journal)
    wrong = next(o for o in item.options if o != item.answer[0])

    def play() -> None:
        widget.set_response(wrong)
        widget.check_button.click()
        widget.set_response(item.answer[0])
        answer(AFTER_SYNC, echoes[-1])

    in_kernel_loop(play)
    assert list(journal.attempts(M133)["correct"]) == [True]
