"""An action plan from a self-check result: which course modules to study, and their first step.

Matching is by what the articles say (each subscale's keywords against the article text), so
new articles in ``content/articles`` are picked up without code changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from relcourse.content.model import Article
from relcourse.content.text import first_sentence
from relcourse.course.selfcheck.instrument import MIDDLE_BAND, Instrument, Result, per_item


@dataclass(frozen=True)
class Recommendation:
    slug: str
    title: str
    reasons: tuple[str, ...]  # subscale names that led here
    matched: tuple[str, ...]  # keywords found in the article
    first_step: str
    first_action: str
    score: float


def article_text(article: Article) -> str:
    parts = [article.title] + [s.title for s in article.sections] + [b.text for s in article.sections for b in s.blocks]
    return "\n".join(parts).lower()


def subscale_weights(instrument: Instrument, result: Result) -> dict[str, float]:
    """How far each scored subscale leans towards needing support, 0 (not at all) to 1 (fully).

    A score "around the middle" (as the result explains it) counts as no lean; when no subscale
    leans at all, the one closest to leaning gets a small weight, so there is still a next step.
    """
    middle = (instrument.scale_min + instrument.scale_max) / 2
    half = (instrument.scale_max - instrument.scale_min) / 2
    leans = {}
    for sub in instrument.subscales:
        position = per_item(sub, result.value(sub.id))
        if position is None or not sub.keywords:
            continue
        leans[sub.id] = (position - middle) / half if sub.recommend_when == "high" else (middle - position) / half
    weights = {k: lean if lean * half >= MIDDLE_BAND else 0.0 for k, lean in leans.items()}
    if leans and not any(weights.values()):
        top = max(leans, key=lambda k: (leans[k], k))
        weights[top] = 0.1
    return weights


def recommend(instrument: Instrument, result: Result, articles: Sequence[Article], limit: int = 3) -> list[Recommendation]:
    """The modules whose articles best match the subscales this result leans on, best first."""
    weights = subscale_weights(instrument, result)
    ranked = []
    for article in articles:
        text = article_text(article)
        total, reasons, matched = 0.0, [], []
        for sub_id, weight in weights.items():
            if weight <= 0:
                continue
            sub = instrument.subscale(sub_id)
            hits = {k: text.count(k.lower()) for k in sub.keywords}
            found = [k for k, n in hits.items() if n]
            if found:
                total += weight * (len(found) + min(10, sum(hits.values())) / 10)
                reasons.append(sub.name)
                matched.extend(found)
        if total > 0:
            first = article.plan[0] if article.plan else None
            ranked.append(Recommendation(
                article.slug, article.title, tuple(reasons), tuple(dict.fromkeys(matched)),
                first.title if first else "", first_sentence(first.actions[0]) if first and first.actions else "",
                round(total, 3),
            ))
    ranked.sort(key=lambda r: (-r.score, r.slug))
    return ranked[:limit]
