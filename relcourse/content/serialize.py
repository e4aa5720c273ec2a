"""The article as plain JSON data: the schema ``relcourse inspect --json`` prints."""

from __future__ import annotations

from typing import Any

from relcourse.content.model import Article, Section, Step, Text

#: 2: ``try_this`` (the page's lines, raw) replaces ``phrases``/``phrase_sources`` (polarity decides those)
SCHEMA_VERSION = 2


def texts_to_json(texts: list[Text] | tuple[Text, ...]) -> list[dict[str, Any]]:
    """Paragraphs, actions, insights: their text and the line each starts on."""
    return [{"text": str(text), "line": text.line} for text in texts]


def step_to_json(step: Step) -> dict[str, Any]:
    duration = step.duration
    return {
        "title": step.title,
        "kind": step.kind.lower(),
        "number": step.number,
        "name": step.name,
        "start": duration.start if duration else None,
        "end": duration.end if duration else None,
        "unit": duration.unit if duration else None,
        "duration": duration.text if duration else None,
        "intro": texts_to_json(step.intro),
        "actions": texts_to_json(step.actions),
        "line": step.line,
    }


def section_to_json(section: Section) -> dict[str, Any]:
    return {
        "kind": section.kind,
        "title": section.title,
        "line": section.line,
        "text": "\n\n".join(b.text for b in section.blocks),
    }


def article_to_json(article: Article) -> dict[str, Any]:
    summary = article.summary
    return {
        "schema": SCHEMA_VERSION,
        "slug": article.slug,
        "lang": article.lang,
        "category": article.category,
        "number": article.number,
        "title": article.title,
        "teaser": article.teaser,
        "scenario": texts_to_json(article.scenario),
        "concepts": [
            {
                "title": sub.title,
                "line": sub.line,
                "distinction": sub.is_distinction,
                "paragraphs": texts_to_json(sub.paragraphs),
                "items": [{"label": c.label, "name": c.name, "text": c.text, "line": c.line} for c in sub.concepts],
            }
            for sub in article.concepts
        ],
        "steps": [step_to_json(step) for step in article.plan],
        "cases": [{"title": c.title, "label": c.label, "line": c.line, "paragraphs": texts_to_json(c.paragraphs)} for c in article.cases],
        "experts": [{"name": e.name, "person": e.person, "text": e.text, "line": e.line} for e in article.experts],
        "insights": texts_to_json(article.insights),
        "closing": texts_to_json([summary.closing])[0] if summary and summary.closing else None,
        "try_this": texts_to_json(article.try_this),
        "faq": [{"question": f.question.text, "answer": f.answer_text, "line": f.line} for f in article.faq],
        "sections": [section_to_json(s) for s in article.sections],
        "warnings": [str(w) for w in article.warnings],
    }
