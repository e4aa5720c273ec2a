"""What a quiz generator may draw on: one article (never another), its sentences, stable ids and shuffles.

A module's quiz depends only on its own article, so adding or editing another article never
changes this module's questions or printed answer key. Options are shuffled with a seed
derived from the article and the item, never from the rest of the course.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from relcourse.content.model import Article
from relcourse.content.text import CJK_RE, nest_quotes, shows_cut_mark, split_sentences
from relcourse.course.quiz.model import QuizItem
from relcourse.course.quiz.words import QuizWords, quiz_words

#: sections whose sentences ground no question (the page's opening and the reference list)
UNGROUNDED_SECTIONS = ("intro", "sources", "other")
#: the longest option, answer or quoted sentence in a question (longer ones are not cut: they are skipped)
OPTION_LIMIT = 240


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article with where it comes from."""

    text: str
    section: str  # the section's title as written
    kind: str  # the section's kind
    line: int


@dataclass(frozen=True)
class Context:
    """One article and how its course asks for quizzes; nothing of other articles."""

    article: Article
    schedule_items: bool = False  # course.yaml ``quiz: {schedule_items: true}``

    @property
    def slug(self) -> str:
        return self.article.slug

    @functools.cached_property
    def words(self) -> QuizWords:
        return quiz_words(self.article.lang)

    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the grounding sections, markdown markers stripped, in reading order."""
        found = []
        for section in self.article.sections:
            if section.kind in UNGROUNDED_SECTIONS:
                continue
            for block in section.blocks:
                for text in split_sentences(block.text.lstrip("#>-* ")):
                    found.append(Sentence(text.strip(), section.title, section.kind, block.line))
        return tuple(found)

    @functools.cached_property
    def text(self) -> str:
        """The whole grounding text, for checks that a phrase occurs in the article."""
        return "\n".join(b.text for s in self.article.sections for b in s.blocks)

    def section_title(self, kind: str) -> str:
        section = self.article.section(kind)  # type: ignore[arg-type]
        return section.title if section else kind.title()

    def rng(self, item_id: str) -> random.Random:
        return random.Random(int(hashlib.sha256(f"{self.slug}/{item_id}".encode()).hexdigest()[:16], 16))


Generator = Callable[[Context], "list[QuizItem]"]


def item_id(family: str, grounding: str) -> str:
    """``family-<hash>``: the same grounding sentence gives the same id, wherever it moves in the article."""
    return f"{family}-{hashlib.sha256(grounding.encode()).hexdigest()[:6]}"


def shuffled(values: Sequence[str], rng: random.Random, avoid_identity: bool = True) -> tuple[str, ...]:
    """``values`` in a seeded order (not the given one, when it can help it)."""
    result = list(values)
    for _ in range(10):
        rng.shuffle(result)
        if not avoid_identity or result != list(values) or len(result) < 2:
            break
    return tuple(result)


def choices(correct: str, wrong: Sequence[str], rng: random.Random, most: int = 3) -> tuple[str, ...]:
    """The correct option and up to ``most`` distinct wrong ones, shuffled."""
    pool = list(dict.fromkeys(w for w in wrong if w != correct))
    picked = rng.sample(pool, min(most, len(pool)))
    return shuffled([correct, *picked], rng, avoid_identity=False)


def fits(text: str, limit: int = OPTION_LIMIT) -> bool:
    """Short enough to show whole, and not itself cut by the wiki."""
    return 0 < len(text) <= limit and not shows_cut_mark(text)


def content_words(text: str) -> set[str]:
    """Word stems (first four letters: "shared"/"Sharing") of longer words, or the Chinese characters: to spot a giveaway."""
    latin = {w[:4] for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}
    return latin | set(CJK_RE.findall(text))


def overlap(text: str, name: str) -> int:
    """How many content words ``text`` shares with ``name`` (Chinese characters count half)."""
    shared = content_words(text) & content_words(name)
    return len({w for w in shared if len(w) > 1}) + len({w for w in shared if len(w) == 1}) // 2


def gives_away(text: str, name: str) -> bool:
    """``text`` shares a content word with ``name`` (for Chinese: two characters of it)."""
    return overlap(text, name) > 0


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def grounded_item(ident: str, kind: str, prompt: str, answer: Sequence[str], options: Sequence[str],
                  sentence: Sentence, explanation: str, quote: str = "", left: Sequence[str] = ()) -> QuizItem:
    """An item grounded in ``sentence``: its section and line, and the sentence quoted unless ``quote`` says more.
    The wording's own quotation marks around an article's words that quote someone nest (“…‘…’…”)."""
    return QuizItem(ident, kind, nest_quotes(prompt), answer=tuple(answer), options=tuple(options), left=tuple(left),
                    explanation=nest_quotes(explanation), quote=quote or sentence.text, section=sentence.section,
                    line=sentence.line)
