"""How a learner answers each quiz item type in the notebook: one input class per type,
keyed by the type's ``input_name`` (see :mod:`relcourse.course.quiz.kinds`).

An input builds its widgets, reads the learner's answer in the form the type's ``grade``
expects (None while incomplete) and can fill one in, as tests and demos do. A new item type
that is answered like an existing one names that input and needs nothing here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w

from relcourse.course.quiz.kinds import ItemError, ItemKind, kind_of
from relcourse.course.quiz.kinds.matching import letters
from relcourse.course.quiz.kinds.truefalse import CHOICES
from relcourse.course.quiz.model import QuizItem
from relcourse.errors import RelcourseError
from relcourse.i18n import N_, _
from relcourse.widgets.base import html_text

#: the narrow dropdown for a number or letter
SMALL = "4.5em"


class QuizInput(ABC):
    """The input widgets of one question."""

    #: shown when Check is pressed before the answer is complete
    hint: ClassVar[str] = N_("Choose an answer first.")  # shown translated

    def __init__(self, kind: ItemKind, item: QuizItem) -> None:
        self.kind = kind
        self.item = item
        self.inputs: list[Any] = []
        self.view = self.build()

    @abstractmethod
    def build(self) -> w.Widget:
        """Create ``self.inputs`` and return the widget that lays them out."""

    @abstractmethod
    def response(self) -> Any:
        """The learner's answer, or None while it is incomplete."""

    @abstractmethod
    def set_response(self, response: Any) -> None:
        """Fill in ``response`` as a learner would."""


INPUTS: dict[str, type[QuizInput]] = {}


def register_input(name: str) -> Callable[[type[QuizInput]], type[QuizInput]]:
    """Class decorator: the input for item types whose ``input_name`` is ``name``."""
    def add(cls: type[QuizInput]) -> type[QuizInput]:
        INPUTS[name] = cls
        return cls
    return add


def input_for(item: QuizItem) -> QuizInput:
    """The input for ``item``, or an error to show in its place naming the item and its type."""
    try:
        kind = kind_of(item)
    except ItemError as exc:
        raise RelcourseError(f"quiz item {item.id!r}: {exc}") from None
    if kind.input_name not in INPUTS:
        raise RelcourseError(f"quiz item {item.id!r}: type {item.type!r} has no notebook input {kind.input_name!r}")
    return INPUTS[kind.input_name](kind, item)


@register_input("single")
class SingleInput(QuizInput):
    def labels(self) -> list[Any]:
        return list(self.item.options)

    def build(self) -> w.Widget:
        radio = w.RadioButtons(options=self.labels(), value=None, layout=w.Layout(width="100%"))
        self.inputs = [radio]
        return radio

    def response(self) -> Any:
        return self.inputs[0].value

    def set_response(self, response: Any) -> None:
        self.inputs[0].value = response


@register_input("truefalse")
class TrueFalseInput(SingleInput):
    def labels(self) -> list[Any]:
        return [(label, value) for value, label in CHOICES]

    def response(self) -> Any:
        value = self.inputs[0].value
        return None if value is None else value == "true"

    def set_response(self, response: Any) -> None:
        self.inputs[0].value = "true" if response else "false"


@register_input("multiple")
class MultipleInput(QuizInput):
    def build(self) -> w.Widget:
        self.inputs = [w.Checkbox(value=False, description=o, indent=False, layout=w.Layout(width="100%"))
                       for o in self.item.options]
        return w.VBox(self.inputs)

    def response(self) -> Any:
        return [o for o, box in zip(self.item.options, self.inputs) if box.value] or None

    def set_response(self, response: Any) -> None:
        for option, box in zip(self.item.options, self.inputs):
            box.value = option in response


@register_input("ordering")
class OrderingInput(QuizInput):
    hint = N_("Give each item a different number.")

    def build(self) -> w.Widget:
        options = self.item.options
        positions = [("–", 0)] + [(str(n), n) for n in range(1, len(options) + 1)]
        self.inputs = [w.Dropdown(options=positions, value=0, tooltip=_("Number for: {text}").format(text=text), layout=w.Layout(width=SMALL))
                       for text in options]
        rows = [w.HBox([dd, w.HTML(html_text(text))]) for dd, text in zip(self.inputs, options)]
        return w.VBox([w.HTML(f"<i>{_('Number the items 1 (first) to %(last)s (last).') % {'last': len(options)}}</i>"), *rows])

    def response(self) -> Any:
        numbers = [dd.value for dd in self.inputs]
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            return None
        return [text for _, text in sorted(zip(numbers, self.item.options))]

    def set_response(self, response: Any) -> None:
        for dd, text in zip(self.inputs, self.item.options):
            dd.value = list(response).index(text) + 1


@register_input("matching")
class MatchingInput(QuizInput):
    """The statements are long, so they are listed with letters (as on the printed worksheet)
    and each item gets a letter, instead of sentences cut off inside a dropdown."""

    def build(self) -> w.Widget:
        listing = "".join(f"<li>{html_text(option)}</li>" for option in self.item.options)
        choices = [("–", "")] + [(letter, letter) for letter in letters(self.item)]  # not None: ipywidgets shows a None value as a blank box
        self.inputs = [w.Dropdown(options=choices, index=0, tooltip=_("Letter for: {text}").format(text=left), layout=w.Layout(width=SMALL))
                       for left in self.item.left]
        rows = [w.HBox([dd, w.HTML(f"<b>{html_text(left)}</b>")]) for left, dd in zip(self.item.left, self.inputs)]
        intro = w.HTML(f"<ol type='A' style='margin:.3em 0'>{listing}</ol>"
                       "<i>Choose the letter of the statement that goes with each:</i>")
        return w.VBox([intro, *rows])

    def response(self) -> Any:
        values = [dd.value for dd in self.inputs]
        statement = letters(self.item)
        return None if "" in values else {left: statement[letter] for left, letter in zip(self.item.left, values)}

    def set_response(self, response: Any) -> None:
        letter_of = {option: letter for letter, option in letters(self.item).items()}
        for left, dd in zip(self.item.left, self.inputs):
            dd.value = letter_of[response[left]]
