"""Deterministic quiz generation from one article.

A generated item only tests what its article says: each generator finds the sentence (or
heading) that grounds the answer, quotes it, and returns nothing when it cannot. Nothing is read
from other articles, so adding or changing another module never changes this module's quiz or
answer key. Generators are a registry (``GENERATORS``), run in order, one per item family.
"""

from __future__ import annotations

from relcourse.content.model import Article
from relcourse.course.quiz.cases import case_concept_items, case_step_items
from relcourse.course.quiz.distinctions import distinction_items
from relcourse.course.quiz.grounding import Context, Generator
from relcourse.course.quiz.instead import instead_items
from relcourse.course.quiz.matching import concept_match, expert_match
from relcourse.course.quiz.model import QuizItem
from relcourse.course.quiz.plan import plan_order, plan_timing, step_for_action
from relcourse.course.quiz.styles import style_items
from relcourse.course.quiz.terms import term_items

#: run in this order; each returns the items its article can ground (often none)
GENERATORS: list[Generator] = [
    distinction_items,  # "X is not Y (but Z)"
    style_items,  # which quoted example is a complaint, not a criticism
    instead_items,  # what could you say instead of X
    case_concept_items,  # which mechanism a case shows, where the case names it
    case_step_items,  # which step a case sentence belongs to, where the case names it
    term_items,  # key terms from definitional sentences
    concept_match,
    expert_match,
    plan_order,  # only when the steps differ
    plan_timing,  # opt-in: course.yaml quiz: {schedule_items: true}
    step_for_action,  # opt-in, likewise
]


def generate_items(article: Article, *, schedule_items: bool = False) -> list[QuizItem]:
    """The generated quiz of ``article``: the same article (and setting) gives the same items."""
    ctx = Context(article, schedule_items)
    items = [item for generator in GENERATORS for item in generator(ctx)]
    unique = {item.id: item for item in reversed(items)}  # the first of two items with the same id wins
    return [item for item in items if unique[item.id] is item]
