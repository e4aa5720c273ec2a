"""Quiz items: the declarative model (as jupyterquiz/H5P do it) and merging curated items.

What an item's ``type`` means (validation, grading, answer text, printed view) lives in one
class per type in :mod:`relcourse.course.quiz.kinds`; generation from articles in
:mod:`relcourse.course.quiz.generate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class QuizItem:
    """One question. ``answer`` holds the correct option(s), the order, or the right-hand matches
    (empty once a participant handout has removed it). ``type`` names a registered item type."""

    id: str
    type: str
    prompt: str
    answer: tuple[str, ...]
    options: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    explanation: str = ""
    quote: str = ""
    section: str = ""
    line: int = 0
    source: Literal["generated", "curated"] = "generated"

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON-ready data (what a quiz cell's metadata carries)."""
        return {
            "id": self.id, "type": self.type, "prompt": self.prompt, "options": list(self.options),
            "left": list(self.left), "answer": list(self.answer), "explanation": self.explanation,
            "quote": self.quote, "section": self.section, "line": self.line, "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizItem:
        """The inverse of :meth:`to_dict`; ``answer`` may be missing (a participant's copy)."""
        return cls(
            id=data["id"], type=data["type"], prompt=data["prompt"], answer=tuple(data.get("answer", ())),
            options=tuple(data.get("options", ())), left=tuple(data.get("left", ())),
            explanation=data.get("explanation", ""), quote=data.get("quote", ""),
            section=data.get("section", ""), line=data.get("line", 0), source=data.get("source", "generated"),
        )


def merge_curated(generated: list[QuizItem], curated: list[QuizItem], removed: Sequence[str] = ()) -> list[QuizItem]:
    """Curated items replace generated ones with the same id; new ones are appended."""
    by_id = {item.id: item for item in curated}
    merged = [by_id.pop(item.id, item) for item in generated if item.id not in removed]
    return merged + [item for item in curated if item.id in by_id]


