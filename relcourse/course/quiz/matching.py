"""Match each named concept (or expert insight) of the article with a sentence the article says about it.

Each sentence is chosen whole and short enough to print (never cut); it must not name the
answer nor be said of another item, so the match tests understanding, not word spotting.
"""

from __future__ import annotations

import re

from relcourse.content.text import split_sentences
from relcourse.course.quiz.grounding import Context, Sentence, fits, grounded_item, overlap, shuffled
from relcourse.course.quiz.model import QuizItem

#: the longest statement in a match (a longer one is passed over for a shorter sentence)
LONGEST = 220


def _distinct_sentence(text: str, name: str, banned: set[str], others: list[str]) -> str | None:
    """The whole sentence that shares fewest words with ``name`` (at most one), names no one in ``banned``
    and no other text has; the first of equals."""
    usable = [s for s in split_sentences(text) if 30 <= len(s) and fits(s, LONGEST) and overlap(s, name) <= 1
              and not set(re.findall(r"[a-z]+", s.lower())) & banned and not any(s in other for other in others)]
    return min(usable, key=lambda s: overlap(s, name), default=None)


def _match_item(ctx: Context, ident: str, kind: str, names: list[str], texts: list[str], line: int, what: str,
                banned: list[set[str]]) -> list[QuizItem]:
    picked: list[str] = []
    for index, (name, text) in enumerate(zip(names, texts)):
        sentence = _distinct_sentence(text, name, banned[index], texts[:index] + texts[index + 1 :])
        if sentence is None:
            return []
        picked.append(sentence)
    if len(names) < 3:
        return []
    title = ctx.section_title(kind)
    explanation = ctx.words.explanations["match"].format(what=ctx.words.match_what[what])
    return [grounded_item(ident, "matching", ctx.words.prompts[f"{what}_match"], picked, shuffled(picked, ctx.rng(ident)),
                          Sentence(picked[0], title, kind, line), explanation, quote=" / ".join(picked), left=names)]


def concept_match(ctx: Context) -> list[QuizItem]:
    concepts = [c for sub in ctx.article.concepts for c in sub.concepts]
    if not concepts:
        return []
    return _match_item(ctx, "concept-match", "concepts", [c.name for c in concepts], [c.text for c in concepts],
                       concepts[0].line, "concept", [set() for _ in concepts])


def expert_match(ctx: Context) -> list[QuizItem]:
    experts = ctx.article.experts
    if not experts:
        return []
    people = set().union(*(set(re.findall(r"[a-z]+", (e.person or "").lower())) for e in experts))
    people = {w for w in people if len(w) > 3}
    people |= {w[:-1] for w in people if w.endswith("s")} | {p + "s" for p in people}
    # an expert without a named person ("Gottman Institute Contributions") must not be named either
    banned = [people if e.person else people | set(re.findall(r"[a-z]{4,}", e.name.lower())) for e in experts]
    return _match_item(ctx, "expert-match", "experts", [e.name for e in experts], [e.text for e in experts],
                       experts[0].line, "expert", banned)
