"""Deterministic quiz generation from an article.

A generated item only tests what the article says: each generator finds a sentence (or
heading) in the article that grounds the answer, quotes it in the explanation, and returns
nothing when it cannot. Generators are a registry (``GENERATORS``), run in order; options
are shuffled with a seed derived from the article and item, so the same article gives the
same quiz.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from relcourse.content.model import Article, Text
from relcourse.content.text import split_sentences as sentences
from relcourse.course.quiz.model import QuizItem

# --- helpers ------------------------------------------------------------------------


def shorten(text: str, limit: int = 150) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:—-") + " …"


def _rng(slug: str, item_id: str) -> random.Random:
    return random.Random(int(hashlib.sha256(f"{slug}/{item_id}".encode()).hexdigest()[:16], 16))


def _shuffled(values: Sequence[str], rng: random.Random, avoid_identity: bool = True) -> tuple[str, ...]:
    result = list(values)
    for _ in range(10):
        rng.shuffle(result)
        if not avoid_identity or result != list(values) or len(result) < 2:
            break
    return tuple(result)


def _section_title(article: Article, kind: str) -> str:
    section = article.section(kind)  # type: ignore[arg-type]
    return section.title if section else kind.title()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


@dataclass
class Context:
    """What generators may draw on: the article and the rest of the course (for distractors)."""

    article: Article
    course: Sequence[Article] = field(default_factory=tuple)

    @property
    def others(self) -> list[Article]:
        return [a for a in self.course if a.slug != self.article.slug]


Generator = Callable[[Context], "QuizItem | None"]


# --- generators ---------------------------------------------------------------------


def plan_order(ctx: Context) -> QuizItem | None:
    plan = ctx.article.plan
    if len(plan) < 3:
        return None
    kind = plan[0].kind.lower()
    names = tuple(s.name for s in plan)
    if len(set(names)) != len(names):
        return None
    item_id = "plan-order"
    return QuizItem(
        item_id, "ordering", f"Put the {kind}s of the practice plan in order, first to last.",
        answer=names, options=_shuffled(names, _rng(ctx.article.slug, item_id)),
        explanation=f"The practice guide lists the {kind}s in this order.",
        quote=" · ".join(f"{s.kind} {s.number}: {s.name}" for s in plan),
        section=_section_title(ctx.article, "practice"), line=plan[0].line,
    )


def plan_timing(ctx: Context) -> QuizItem | None:
    timed = [s for s in ctx.article.plan if s.duration and s.duration.text]
    texts = [s.duration.text for s in timed if s.duration]
    if len(timed) < 3 or len(set(texts)) != len(texts):
        return None
    item_id = "plan-timing"
    rng = _rng(ctx.article.slug, item_id)
    step = timed[rng.randrange(len(timed))]
    assert step.duration is not None
    wrong = [t for t in texts if t != step.duration.text]
    rng.shuffle(wrong)
    options = _shuffled([step.duration.text, *wrong[:3]], rng, avoid_identity=False)
    return QuizItem(
        item_id, "single", f"When does the practice plan schedule “{step.name}”?", answer=(step.duration.text,),
        options=options, explanation=f"{step.kind} {step.number} is scheduled for {step.duration.text}.",
        quote=f"{step.kind} {step.number}: {step.name} ({step.duration.text})",
        section=_section_title(ctx.article, "practice"), line=step.line,
    )


def step_for_action(ctx: Context) -> QuizItem | None:
    plan = ctx.article.plan
    owners: dict[Text, list[int]] = {}
    for index, step in enumerate(plan):
        for text in step.actions:
            owners.setdefault(text, []).append(index)
    unique = [(a, idx[0]) for a, idx in owners.items() if len(idx) == 1]
    if len(plan) < 3 or not unique:
        return None
    item_id = "step-for-action"
    rng = _rng(ctx.article.slug, item_id)
    action, index = unique[rng.randrange(len(unique))]
    step = plan[index]
    sentence = sentences(action)[0]
    names = tuple(f"{s.kind} {s.number}: {s.name}" for s in plan)
    return QuizItem(
        item_id, "single", f"Which part of the plan asks you to do this? “{shorten(sentence, 180)}”",
        answer=(names[index],), options=names,
        explanation=f"This comes from {names[index]}.", quote=sentence,
        section=_section_title(ctx.article, "practice"), line=action.line,
    )


def _prefer_short(texts: list[str], limit: int = 160, enough: int = 2) -> list[str]:
    short = [t for t in texts if len(t) <= limit]
    return short if len(short) >= enough else texts


def action_select(ctx: Context) -> QuizItem | None:
    own = _prefer_short(list(dict.fromkeys(sentences(a)[0] for s in ctx.article.plan for a in s.actions)))
    article_text = " ".join(b.text for s in ctx.article.sections for b in s.blocks)
    foreign = [
        sentences(a)[0] for other in ctx.others for s in other.plan for a in s.actions
        if sentences(a)[0][:60] not in article_text
    ]
    foreign = _prefer_short(list(dict.fromkeys(foreign)))
    if len(own) < 2 or len(foreign) < 2:
        return None
    item_id = "action-select"
    rng = _rng(ctx.article.slug, item_id)
    correct = rng.sample(own, 2)
    wrong = rng.sample(foreign, 2)
    options = _shuffled([shorten(t) for t in correct + wrong], rng, avoid_identity=False)
    return QuizItem(
        item_id, "multiple", "Which of these does this article's practice guide ask you to do? Tick all that apply.",
        answer=tuple(shorten(t) for t in correct), options=options,
        explanation="The practice guide asks for the ticked ones; the others come from other modules of the course.",
        quote=" / ".join(correct), section=_section_title(ctx.article, "practice"), line=ctx.article.plan[0].line,
    )


def _distinct_sentence(text: str, name: str, banned: set[str], others: list[str]) -> str | None:
    """The first sentence that does not give the answer away and is not shared with the other texts.

    Giving away = naming a person in ``banned`` or sharing more than one word with the ``name``.
    """
    for sentence in sentences(text):
        words = _words(sentence)
        if words & banned or len(words & _words(name)) > 1 or any(sentence in other for other in others):
            continue
        if 30 <= len(sentence) <= 450:
            return sentence
    return None


def _match_item(
    ctx: Context, item_id: str, kind: str, names: list[str], texts: list[str], line: int, what: str,
    banned: list[set[str]],
) -> QuizItem | None:
    if len(names) < 3:
        return None
    picked, quotes = [], []
    for index, (name, text) in enumerate(zip(names, texts)):
        others = texts[:index] + texts[index + 1 :]
        sentence = _distinct_sentence(text, name, banned[index], others)
        if sentence is None:
            return None
        quotes.append(sentence)
        picked.append(shorten(sentence, 220))
    rng = _rng(ctx.article.slug, item_id)
    return QuizItem(
        item_id, "matching", f"Match each {what} with what the article says about it.",
        left=tuple(names), answer=tuple(picked), options=_shuffled(picked, rng),
        explanation="Each description is quoted from the article's text about that " + what + ".",
        quote=" / ".join(quotes), section=_section_title(ctx.article, kind), line=line,
    )


def concept_match(ctx: Context) -> QuizItem | None:
    concepts = [c for sub in ctx.article.concepts for c in sub.concepts]
    if not concepts:
        return None
    return _match_item(ctx, "concept-match", "concepts", [c.name for c in concepts], [c.text for c in concepts],
                       concepts[0].line, "concept", [set() for _ in concepts])


def expert_match(ctx: Context) -> QuizItem | None:
    experts = ctx.article.experts
    if not experts:
        return None
    people = set().union(*(_words(e.person or "") for e in experts))
    people |= {w[:-1] for w in people if w.endswith("s")} | {p + "s" for p in people}
    # an expert without a named person ("Gottman Institute Contributions") must not be named either
    banned = [people if e.person else people | _words(e.name) for e in experts]
    return _match_item(ctx, "expert-match", "experts", [e.name for e in experts], [e.text for e in experts],
                       experts[0].line, "expert insight", banned)


NEGATION_RE = re.compile(r"^(?P<subj>[A-Z][\w' -]{1,40}?) (?P<verb>is|are) not (?P<rest>[^,;—]+?)(?: but [^.]*)?[.]$")


def false_statement(ctx: Context) -> QuizItem | None:
    """True/false: the article says "X is not Y"; the item asks whether "X is Y"."""
    for section in ctx.article.sections:
        if section.kind in ("intro", "sources", "other"):
            continue
        for block in section.blocks:
            for sentence in sentences(block.text.lstrip("#-* ")):
                match = NEGATION_RE.match(sentence.strip("\"“” "))
                if match and len(match["rest"].split()) <= 14:
                    statement = f"{match['subj']} {match['verb']} {match['rest'].strip()}."
                    return QuizItem(
                        "false-statement", "truefalse", f"True or false? “{statement}”", answer=("false",),
                        options=("true", "false"), explanation="False: the article says the opposite.",
                        quote=sentence, section=section.title, line=block.line,
                    )
    return None


def insight_true(ctx: Context) -> QuizItem | None:
    insights = ctx.article.insights
    if not insights:
        return None
    rng = _rng(ctx.article.slug, "insight-true")
    insight = insights[rng.randrange(len(insights))]
    sentence = sentences(insight)[0]
    return QuizItem(
        "insight-true", "truefalse", f"True or false? “{sentence}”", answer=("true",), options=("true", "false"),
        explanation="True: this is one of the summary's core insights.", quote=insight,
        section=_section_title(ctx.article, "summary"), line=insight.line,
    )


def insight_choice(ctx: Context) -> QuizItem | None:
    own = [(sentences(i)[0], i.line) for i in ctx.article.insights]
    foreign = [sentences(i)[0] for other in ctx.others for i in other.insights]
    if not own or len(foreign) < 2:
        return None
    rng = _rng(ctx.article.slug, "insight-choice")
    correct, line = own[rng.randrange(len(own))]
    options = _shuffled([correct, *rng.sample(foreign, min(3, len(foreign)))], rng, avoid_identity=False)
    return QuizItem(
        "insight-choice", "single", "Which of these is one of this article's core insights?", answer=(correct,),
        options=options, explanation="It is listed among the summary's core insights; the others come from other modules.",
        quote=correct, section=_section_title(ctx.article, "summary"), line=line,
    )


#: run in this order; each returns an item or None when the article cannot ground one.
GENERATORS: list[Generator] = [
    plan_order, plan_timing, step_for_action, action_select, concept_match, expert_match,
    false_statement, insight_true, insight_choice,
]


def generate_items(article: Article, course: Sequence[Article] = ()) -> list[QuizItem]:
    """The generated quiz for an article: same article and course → same items."""
    ctx = Context(article, course)
    return [item for generator in GENERATORS if (item := generator(ctx)) is not None]
