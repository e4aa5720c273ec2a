"""Key terms: a definitional sentence ("“internal working models” are the mental maps …") asks for its term.

Wrong options are the article's other defined terms and its named mechanisms that share no word
with the right one: the article defines them as something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relcourse.course.quiz.grounding import Context, Sentence, choices, content_words, fits, gives_away, grounded_item, item_id
from relcourse.course.quiz.model import QuizItem
from relcourse.course.quiz.words import quoted

#: at most this many term items per module
MOST = 2


@dataclass(frozen=True)
class Definition:
    sentence: Sentence
    term: str
    definition: str


def _is_term(text: str) -> bool:
    """A name, not a quoted sentence: a few words, no sentence punctuation, no one speaking."""
    return 0 < len(text.split()) <= 4 and not re.search(r"[,.!?，。！？]|\b(?:I|I'm|you|you're|we)\b|[我你]", text)


def definitions(ctx: Context) -> list[Definition]:
    """Every term the article defines, once (its first definition), in reading order."""
    found: dict[str, Definition] = {}
    for sentence in ctx.sentences:
        for pattern in ctx.words.definitions:
            match = pattern.search(sentence.text)
            if not match:
                continue
            term = (quoted(match, "term") or match.groupdict().get("term") or "").strip()
            definition = match["definition"].strip().rstrip(",，")
            if _is_term(term) and not gives_away(definition, term) and term.lower() not in found:
                found[term.lower()] = Definition(sentence, term, definition)
            break
    return list(found.values())


def term_items(ctx: Context) -> list[QuizItem]:
    found = definitions(ctx)
    names = [d.term for d in found] + [c.name for sub in ctx.article.concepts for c in sub.concepts]
    items: list[QuizItem] = []
    for definition in found:
        wrong: list[str] = []
        for name in names:  # one option per idea: "internal working models" and "Updating Internal Working Models" are one
            if not any(content_words(name) & content_words(taken) for taken in (definition.term, *wrong)) \
                    and not re.search(re.escape(name), definition.sentence.text, re.IGNORECASE):
                wrong.append(name)
        if not wrong or not fits(definition.definition) or len(items) == MOST:
            continue
        ident = item_id("term", definition.sentence.text)
        options = choices(definition.term, wrong, ctx.rng(ident))
        prompt = ctx.words.prompts["term"].format(definition=definition.definition)
        items.append(grounded_item(ident, "single", prompt, (definition.term,), options, definition.sentence,
                                   ctx.words.explanations["term"]))
    return items
