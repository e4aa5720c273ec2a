"""The handout editions, as data: what each keeps and removes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    name: str
    title: str
    answers: bool  # answer keys stay in the document only when True
    facilitator_pages: bool


EDITIONS = {
    "participant": Edition("participant", "Participant handout", answers=False, facilitator_pages=False),
    "facilitator": Edition("facilitator", "Facilitator guide", answers=True, facilitator_pages=True),
}
