"""Critical distinctions: the article says "X is not Y (but Z)".

With Z the item asks which claim the article makes: "X is Z" is right, "X is Y" and the other
claims the article denies about the same X are wrong. Without Z it asks true or false about
"X is Y". A claim is never offered as wrong when the article affirms it anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from relcourse.course.quiz.grounding import Context, Sentence, capitalised, choices, fits, grounded_item, item_id
from relcourse.course.quiz.model import QuizItem

#: at most this many distinction items per module (the first ones in reading order)
MOST = 3
#: parts longer than this many words (English) or characters (Chinese) make a poor option
PART_WORDS, PART_CHARS = 16, 24


@dataclass(frozen=True)
class Distinction:
    sentence: Sentence
    subject: str
    verb: str  # of the claim: "is", "means", "是"
    denied: str
    affirmed: str

    @property
    def head(self) -> str:
        """What the claims are about, for grouping: the subject's last word (its whole text in Chinese)."""
        return self.subject.lower().split()[-1] if " " in self.subject.strip() or self.subject.isascii() else self.subject


def _short(part: str, ctx: Context) -> bool:
    return 0 < (len(part.split()) if ctx.words.spaced else len(part)) <= (PART_WORDS if ctx.words.spaced else PART_CHARS)


def distinctions(ctx: Context) -> list[Distinction]:
    """Every distinction sentence of the article, in reading order."""
    found = []
    words = ctx.words
    for sentence in ctx.sentences:
        match = words.distinction_re.match(sentence.text)
        if not match:
            continue
        subject = match["subj"].strip()
        if subject.lower() in words.vague_subjects or subject.lower().split()[0] in words.vague_subjects:
            continue
        if any(subject.endswith(v) for v in words.vague_subjects if not words.spaced):
            continue
        denied, affirmed = match["denied"].strip(), (match["affirmed"] or "").strip()
        if any(_negated(part, ctx) for part in (match["lead"] or "", denied, affirmed)):
            continue  # "… not evidence that the work isn't working": a negation inside a negation
        if not _short(denied, ctx) or (affirmed and not _short(affirmed, ctx)):
            continue
        verb = next(v for n, v in words.negations.items() if n.lower() == match["neg"].lower())
        found.append(Distinction(sentence, subject, verb, denied, affirmed))
    return found


def _negated(text: str, ctx: Context) -> bool:
    low = f" {text.lower()} "
    return any((f" {n.lower()} " if ctx.words.spaced else n) in low for n in ctx.words.negations)


def _claim(ctx: Context, subject: str, verb: str, rest: str) -> str:
    return ctx.words.statement.format(subj=capitalised(subject), verb=verb, rest=rest)


def _affirmed_claims(ctx: Context, found: list[Distinction]) -> set[str]:
    return {_claim(ctx, d.subject, d.verb, d.affirmed).lower() for d in found if d.affirmed}


def distinction_items(ctx: Context) -> list[QuizItem]:
    found = distinctions(ctx)
    affirmed = _affirmed_claims(ctx, found)
    items = []
    # choices first (they test the distinction itself), then true/false, each in reading order
    for distinction in sorted(found, key=lambda d: not d.affirmed)[:MOST]:
        sentence = distinction.sentence
        ident = item_id("distinction", sentence.text)
        explanation = ctx.words.explanations["distinction"].format(quote=sentence.text)
        false_claim = _claim(ctx, distinction.subject, distinction.verb, distinction.denied)
        if not distinction.affirmed:
            if fits(false_claim):
                prompt = ctx.words.prompts["distinction_false"].format(statement=false_claim)
                items.append(grounded_item(ident, "truefalse", prompt, ("false",), ("true", "false"), sentence, explanation))
            continue
        correct = _claim(ctx, distinction.subject, distinction.verb, distinction.affirmed)
        # what the article denies about the same thing, said of this subject
        wrong = [_claim(ctx, distinction.subject, d.verb, d.denied) for d in found if d.head == distinction.head]
        wrong = [w for w in wrong if w.lower() not in affirmed and fits(w)]
        if not fits(correct) or not wrong:
            continue
        options = choices(correct, wrong, ctx.rng(ident))
        items.append(grounded_item(ident, "single", ctx.words.prompts["distinction_choice"], (correct,), options,
                                   sentence, explanation))
    return items
