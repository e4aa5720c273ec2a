"""Styles of speech: which quoted example the article calls a complaint (not a criticism), a request ….

Only styles the article recommends are asked for (a criticism is never a right answer); the wrong
options are the article's own examples of its other styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from relcourse.course import polarity
from relcourse.course.quiz.grounding import Context, Sentence, choices, fits, grounded_item, item_id
from relcourse.course.quiz.model import QuizItem
from relcourse.course.quiz.words import Style, quoted

#: at most this many style items per module
MOST = 2


@dataclass(frozen=True)
class Example:
    sentence: Sentence
    style: Style
    word: str  # the style's word as the article's lexicon spells it
    text: str  # the quoted example, without its marks


def examples(ctx: Context) -> list[Example]:
    """Every labelled example, in reading order; a quotation labelled with two styles is left out."""
    found: list[Example] = []
    patterns = [(style, word, pattern) for style in ctx.words.styles for word, pattern in ctx.words.style_res(style)]
    for sentence in ctx.sentences:
        for style, word, pattern in patterns:
            for match in pattern.finditer(sentence.text):
                found.append(Example(sentence, style, word, quoted(match, "example").strip()))
    styles_of: dict[str, set[str]] = {}
    for example in found:
        styles_of.setdefault(example.text, set()).add(example.style.name)
    unique = {(e.text, e.style.name): e for e in found if len(styles_of[e.text]) == 1}
    return list(unique.values())


def style_items(ctx: Context) -> list[QuizItem]:
    found = examples(ctx)
    # in doubt, ask nothing: an example the article's cue words put among what to avoid is never a right answer
    warned = {v.text.casefold() for v in polarity.classify(ctx.article) if v.polarity == "discouraged"}
    items: list[QuizItem] = []
    asked: set[str] = set()
    for example in found:
        if not example.style.use or example.text.casefold() in warned or example.style.name in asked or not fits(example.text) or len(items) == MOST:
            continue
        wrong = [e.text for e in found if e.style.name != example.style.name and fits(e.text)]
        if not wrong:
            continue
        asked.add(example.style.name)
        ident = item_id("style", example.sentence.text + example.text)
        options = choices(example.text, wrong, ctx.rng(ident))
        items.append(grounded_item(
            ident, "single", ctx.words.prompts["style_choice"].format(word=example.word), (example.text,), options,
            example.sentence, ctx.words.explanations["style"].format(answer=example.text, word=example.word)))
    return items
