"""Invariants every generated module must keep, whatever the article: reusable by any generator's tests."""

from __future__ import annotations

from relcourse.content.text import sentence_key as _key
from relcourse.course.loader import Module
from relcourse.course.polarity import CUE_POLARITY, cues_in

#: a quiz item may name a discouraged sentence as its answer only when it asks what to avoid
AVOID_WORDS = ("warn", "avoid", "not to say", "警告", "避免", "不该说", "不要说")


def asks_what_to_avoid(prompt: str) -> bool:
    low = prompt.lower()
    return any(word in low for word in AVOID_WORDS) or any(CUE_POLARITY[c.kind] == "discouraged" for c in cues_in(prompt))


def assert_no_discouraged_offered(module: Module) -> None:
    """No sentence the article warns against is a phrase card, a 'try'/'ask' prompt, or the correct
    answer of an item that does not ask what to avoid."""
    warned = {_key(v.text): v for v in module.polarity if v.polarity == "discouraged" and v.source != "action"}
    assert warned.keys().isdisjoint(_key(p.text) for p in module.phrases), "a discouraged sentence is a phrase card"
    for prompt in module.prompts:
        if prompt.source == "action":
            offered = [key for key in warned if key and key in _key(prompt.text)]
            assert not offered, f"prompt {prompt.id} offers a sentence the article warns against: {offered}"
    for item in module.quiz:
        if asks_what_to_avoid(item.prompt):
            continue
        for answer in item.answer:
            assert _key(answer) not in warned, f"quiz item {item.id}: its answer {answer!r} is a sentence the article warns against"
