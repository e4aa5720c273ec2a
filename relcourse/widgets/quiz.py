"""Quiz widgets: one class for all item types, with immediate feedback and retry.

What differs by type comes from the registries: the inputs from
:mod:`relcourse.widgets.quiz_inputs`, grading and the answer in words from the item's type.
"""

from __future__ import annotations

import weakref
from typing import Any

import ipywidgets as w

from relcourse.content.text import nest_quotes
from relcourse.course.quiz.model import QuizItem
from relcourse.i18n import _
from relcourse.store.journal import Journal
from relcourse.widgets.base import PrivateBox, friendly, get_journal, get_module, html_text, status
from relcourse.widgets.feedback import marked_answer, wrong_answer
from relcourse.widgets.quiz_inputs import input_for
from relcourse.widgets.settle import on_press

_scores: weakref.WeakSet[QuizScore] = weakref.WeakSet()


class QuizWidget(PrivateBox):
    kind = "quiz"

    def __init__(self, module: str, item: QuizItem, journal: Journal, number: int = 0) -> None:
        super().__init__(module, item.id)
        self.item = item
        self.journal = journal
        self.answer_input = input_for(item)
        self.item_kind = self.answer_input.kind
        self.inputs: list[Any] = self.answer_input.inputs
        self.feedback = w.HTML()
        self.last_response: Any = None
        self.check_button = w.Button(description=_("Check"), button_style="primary")
        self.retry_button = w.Button(description=_("Try again"), layout=w.Layout(display="none"))
        self.show_button = w.Button(description=_("Show answer"), layout=w.Layout(display="none"))
        on_press(self.check_button, self.check)  # the answer as last chosen or typed: widgets.settle
        self.retry_button.on_click(lambda _: self.reset())
        self.show_button.on_click(lambda _: self.show_answer())
        title = _("Question {number}").format(number=number) if number else _("Question")
        header = w.HTML(f'<span class="rc-question"><b>{title}.</b> {html_text(item.prompt)}</span>')
        self.children = [header, self.answer_input.view, w.HBox([self.check_button, self.retry_button, self.show_button]),
                         self.feedback]
        self.feedback.value = self._last_time()

    def _last_time(self) -> str:
        """On reopening: how the learner's latest answer to this question went."""
        attempts = self.journal.attempts(self.module_slug)
        mine = attempts[attempts["item_id"] == self.item.id] if not attempts.empty else attempts
        if mine.empty:
            return ""
        return status(_("Last time you got this right.") if bool(mine["correct"].iloc[-1]) else _("Last time this was not right yet."))

    def response(self) -> Any:
        """The learner's answer in the form the item type's ``grade`` expects, or None if incomplete."""
        return self.answer_input.response()

    def set_response(self, response: Any) -> None:
        """Fill in an answer as a learner would (used by tests and demos)."""
        self.answer_input.set_response(response)

    def check(self) -> bool | None:
        response = self.response()
        if response is None:
            self.feedback.value = status(_(self.answer_input.hint))
            return None
        correct = self.item_kind.grade(self.item, response)
        self.last_response = response  # what Show answer marks
        self.journal.record_attempt(self.module_slug, self.item.id, response, correct)
        for widget in self.inputs:
            widget.disabled = True
        self.check_button.layout.display = "none"
        self.retry_button.layout.display = None
        if correct:
            self.feedback.value = status(_("✓ Correct."), "ok") + self._explanation()
            self.show_button.layout.display = "none"
        else:
            self.feedback.value = status(wrong_answer(self.item.section, self.item_kind.hint(self.item)), "bad")
            self.show_button.layout.display = None
        for score in list(_scores):
            if score.module_slug == self.module_slug:
                score.refresh()
        return correct

    def _explanation(self) -> str:
        item = self.item
        parts = [f" {html_text(item.explanation)}"] if item.explanation else []
        if item.quote:
            source = _("From “{section}”").format(section=html_text(item.section)) if item.section else _("From the article")
            parts.append(f'<blockquote class="rc-quote">{source}: {nest_quotes(f"“{html_text(item.quote)}”")}</blockquote>')
        return "".join(parts)

    def show_answer(self) -> None:
        mine = self.item_kind.review(self.item, self.last_response) if self.last_response is not None else []
        self.feedback.value = (marked_answer(mine) + status(_("Answer: {answer}.").format(answer=html_text(self.item_kind.answer_text(self.item))), "info")
                               + self._explanation())
        self.show_button.layout.display = "none"

    def reset(self) -> None:
        for widget in self.inputs:
            widget.disabled = False
            if isinstance(widget, w.Checkbox):
                widget.value = False
            elif isinstance(widget, w.Dropdown):
                widget.index = 0  # "–": not chosen yet
            else:
                widget.value = None
        self.feedback.value = ""
        self.check_button.layout.display = None
        self.retry_button.layout.display = "none"
        self.show_button.layout.display = "none"


class QuizScore(PrivateBox):
    kind = "score"

    def __init__(self, module: str, item_ids: list[str], journal: Journal) -> None:
        super().__init__(module, "score")
        self.item_ids = item_ids
        self.journal = journal
        self.label = w.HTML()
        self.bar = w.IntProgress(min=0, max=max(1, len(item_ids)), value=0)
        self.children = [w.HBox([self.bar, self.label])]
        _scores.add(self)
        self.refresh()

    def score(self) -> tuple[int, int]:
        """Questions whose latest attempt was right, out of all questions."""
        attempts = self.journal.attempts(self.module_slug)
        latest = attempts.groupby("item_id")["correct"].last() if not attempts.empty else {}
        right = sum(1 for item_id in self.item_ids if item_id in latest and bool(latest[item_id]))
        return right, len(self.item_ids)

    def refresh(self) -> None:
        right, total = self.score()
        self.bar.value = right
        self.label.value = "&nbsp;" + _("<b>Score: {right} / {total}</b> (your latest answer to each question)").format(right=right, total=total)


@friendly
def quiz(module: str, item_id: str, journal: Journal | None = None) -> QuizWidget:
    """The quiz question ``item_id`` of a module, with feedback and retry."""
    mod = get_module(module)
    item = mod.quiz_item(item_id)
    return QuizWidget(module, item, journal or get_journal(), mod.quiz.index(item) + 1)


@friendly
def quiz_score(module: str, journal: Journal | None = None) -> QuizScore:
    """The learner's score on a module's quiz; updates as questions are answered."""
    return QuizScore(module, [i.id for i in get_module(module).quiz], journal or get_journal())
