"""Quiz items: the declarative model (as jupyterquiz/H5P do it), grading, and merging curated items.

Generation from articles lives in :mod:`relcourse.course.quiz.generate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

ItemType = Literal["single", "multiple", "truefalse", "ordering", "matching"]
ITEM_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "ordering", "matching")


@dataclass(frozen=True)
class QuizItem:
    """One question. ``answer`` holds the correct option(s), the order, or the right-hand matches."""

    id: str
    type: ItemType
    prompt: str
    answer: tuple[str, ...]
    options: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    explanation: str = ""
    quote: str = ""
    section: str = ""
    line: int = 0
    source: Literal["generated", "curated"] = "generated"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "prompt": self.prompt, "options": list(self.options),
            "left": list(self.left), "answer": list(self.answer), "explanation": self.explanation,
            "quote": self.quote, "section": self.section, "line": self.line, "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuizItem:
        return cls(
            id=data["id"], type=data["type"], prompt=data["prompt"], answer=tuple(data["answer"]),
            options=tuple(data.get("options", ())), left=tuple(data.get("left", ())),
            explanation=data.get("explanation", ""), quote=data.get("quote", ""),
            section=data.get("section", ""), line=data.get("line", 0), source=data.get("source", "generated"),
        )


def grade(item: QuizItem, response: Any) -> bool:
    """Is ``response`` right? single: str; multiple: iterable; truefalse: bool; ordering: list; matching: {left: right}."""
    if item.type == "single":
        return bool(response == item.answer[0])
    if item.type == "multiple":
        return set(response or ()) == set(item.answer)
    if item.type == "truefalse":
        return bool(response) == (item.answer[0] == "true") if response is not None else False
    if item.type == "ordering":
        return list(response or ()) == list(item.answer)
    return dict(response or {}) == dict(zip(item.left, item.answer))


def answer_text(item: QuizItem) -> str:
    """The correct answer in words, for answer keys and feedback."""
    if item.type == "truefalse":
        return "True" if item.answer[0] == "true" else "False"
    if item.type == "ordering":
        return " → ".join(item.answer)
    if item.type == "matching":
        return "; ".join(f"{left} → {right}" for left, right in zip(item.left, item.answer))
    return "; ".join(item.answer)


def merge_curated(generated: list[QuizItem], curated: list[QuizItem], removed: Sequence[str] = ()) -> list[QuizItem]:
    """Curated items replace generated ones with the same id; new ones are appended."""
    by_id = {item.id: item for item in curated}
    merged = [by_id.pop(item.id, item) for item in generated if item.id not in removed]
    return merged + [item for item in curated if item.id in by_id]


