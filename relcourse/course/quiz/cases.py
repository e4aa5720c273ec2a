"""Which mechanism or step a case illustrates, asked only where the case text names it.

The question shows a sentence of the case that names nothing and shares no word with the answer;
the wrong options are the article's mechanisms (or steps) that the case never names.
"""

from __future__ import annotations

import re

from relcourse.content.model import Case
from relcourse.content.text import split_sentences
from relcourse.course.quiz.grounding import Context, Sentence, capitalised, choices, fits, gives_away, grounded_item, item_id
from relcourse.course.quiz.model import QuizItem

#: at most this many items of each kind (mechanism, step) per module
MOST = 1
#: a sentence shown in a question: long enough to describe something (characters: English, Chinese), short enough to read
SHORTEST = {True: 40, False: 12}
LONGEST = 320


def _case_sentences(ctx: Context, case: Case) -> list[Sentence]:
    section = ctx.section_title("cases")
    return [Sentence(text, section, "cases", p.line) for p in case.paragraphs for text in split_sentences(p)]


def _keys(name: str) -> set[str]:
    """How a case may name a mechanism: its name, or without a leading "-ing" word and a plural "s"."""
    low = name.lower().strip()
    keys = {low}
    words = low.split()
    if len(words) > 1 and words[0].endswith("ing"):
        keys.add(" ".join(words[1:]))
    keys |= {k[:-1] for k in list(keys) if k.endswith("s") and len(k) > 4}
    return keys


def _names(text: str, name: str) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(k)}", low) for k in _keys(name))


def case_concept_items(ctx: Context) -> list[QuizItem]:
    concepts = [c.name for sub in ctx.article.concepts for c in sub.concepts]
    items: list[QuizItem] = []
    if len(concepts) < 2:
        return items
    for case in ctx.article.cases:
        sentences = _case_sentences(ctx, case)
        whole = " ".join(s.text for s in sentences)
        named = [c for c in concepts if _names(whole, c)]
        if len(named) != 1 or len(items) == MOST:
            continue
        answer = named[0]
        naming = next(i for i, s in enumerate(sentences) if _names(s.text, answer))
        # the nearest sentence after the one that names it (else before): what the case shows, without the name
        nearby = [*sentences[naming + 1 :], *reversed(sentences[:naming])]
        shown = next((s for s in nearby if SHORTEST[ctx.words.spaced] <= len(s.text) and fits(s.text, LONGEST)
                      and not any(_names(s.text, c) for c in concepts) and not gives_away(s.text, answer)), None)
        if shown is None:
            continue
        ident = item_id("case-concept", shown.text)
        options = choices(answer, [c for c in concepts if c != answer], ctx.rng(ident))
        explanation = ctx.words.explanations["case"].format(quote=sentences[naming].text)
        items.append(grounded_item(ident, "single", ctx.words.prompts["case_concept"].format(sentence=shown.text),
                                   (answer,), options, sentences[naming], explanation))
    return items


def case_step_items(ctx: Context) -> list[QuizItem]:
    plan = ctx.article.plan
    items: list[QuizItem] = []
    if len(plan) < 3 or len({s.name for s in plan}) != len(plan):
        return items
    names = [s.name for s in plan]
    for case in ctx.article.cases:
        for sentence in _case_sentences(ctx, case):
            refs = [(step, ctx.words.step_reference_re(step.kind, step.number).search(sentence.text)) for step in plan]
            hits = [(step, m) for step, m in refs if m]
            if len(hits) != 1 or len(items) == MOST:
                continue
            step, match = hits[0]
            rest = sentence.text[: match.start()] + sentence.text[match.end() :]
            if match.start() != 0:  # the reference is inside the sentence: leave a gap where it was
                rest = sentence.text[: match.start()] + "____ " + sentence.text[match.end() :]
            shown = capitalised(rest.strip())
            if len(shown) < SHORTEST[ctx.words.spaced] or not fits(shown, LONGEST) or gives_away(shown, step.name):
                continue
            ident = item_id("case-step", sentence.text)
            options = choices(step.name, [n for n in names if n != step.name], ctx.rng(ident))
            kind = step.kind.lower() if ctx.words.spaced else step.kind
            items.append(grounded_item(ident, "single", ctx.words.prompts["case_step"].format(sentence=shown, kind=kind),
                                       (step.name,), options, sentence,
                                       ctx.words.explanations["case"].format(quote=sentence.text)))
    return items
