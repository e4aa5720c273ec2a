""""What could you say instead?": from the article's own instead-of pairs ("Instead of X, try Y").

Pairs and polarity come from :mod:`relcourse.course.polarity`. The right answer is the sentence the
article recommends in place of X; the wrong options are other sentences the article warns against.
What a character says in a case is never a wrong option: a case may show a hurt partner's honest
words, or the better sentence itself, and a clinician would not mark those wrong.
"""

from __future__ import annotations

from relcourse.course import polarity
from relcourse.course.quiz.grounding import Context, Sentence, choices, fits, grounded_item, item_id
from relcourse.course.quiz.model import QuizItem
from relcourse.course.quiz.styles import examples

#: at most this many instead-of items per module
MOST = 2


def _section_of(ctx: Context, line: int) -> str:
    titles = [(s.line, s.title) for s in ctx.article.sections if s.line <= line]
    return titles[-1][1] if titles else ""


def instead_items(ctx: Context) -> list[QuizItem]:
    verdicts = polarity.classify(ctx.article)
    pairs = [v for v in verdicts if v.polarity == "recommended" and v.replaces and v.speakable and v.source != "action"]
    unsupported = [v.text for v in verdicts if v.polarity == "discouraged" and v.speakable
                   and v.source != "action" and not polarity.is_recommended(verdicts, v.text)]
    # an example of a style the article recommends ("A complaint: …") is never a wrong option
    endorsed = {e.text.casefold() for e in examples(ctx) if e.style.use}
    unsupported = [t for t in unsupported if t.casefold() not in endorsed]
    items: list[QuizItem] = []
    for pair in pairs:
        wrong = [t for t in unsupported if fits(t) and t != pair.replaces]
        if not wrong or not fits(pair.text) or not fits(pair.replaces) or len(items) == MOST:
            continue
        ident = item_id("instead", pair.replaces + pair.text)
        options = choices(pair.text, wrong, ctx.rng(ident))
        # the article's sentence that holds the pair grounds the item
        sentence = next((s for s in ctx.sentences if pair.text in s.text and pair.replaces in s.text),
                        Sentence(pair.text, _section_of(ctx, pair.line), "", pair.line))
        items.append(grounded_item(
            ident, "single", ctx.words.prompts["instead"].format(replaced=pair.replaces), (pair.text,), options, sentence,
            ctx.words.explanations["instead"].format(replaced=pair.replaces)))
    return items
