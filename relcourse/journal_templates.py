"""Journal templates: the structured logs an article asks the reader to keep.

Readers (a registry, tried in order on every practice action) recognise the kinds of
log the wiki describes: "record three 'security moments' — …", "Record four specific
elements: (1) … (2) …". Every module also gets a practice log.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .model import Article, Step

FieldKind = Literal["text", "longtext", "choice", "scale"]
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
COUNTED_RE = re.compile(
    r"record (?P<n>two|three|four|five|\d) [\"“](?P<what>[^\"”]+)[\"”]\s*[—–:-]\s*(?P<desc>[^.]+)", re.IGNORECASE
)
ELEMENTS_RE = re.compile(r"record (?P<n>two|three|four|five|six|\d) (?:specific )?(?:elements|things)", re.IGNORECASE)
ENUMERATED_RE = re.compile(r"\((?P<k>\d)\)\s*(?P<label>[^—–:(]+?)\s*[—–:]\s*(?P<desc>.*?)(?=\(\d\)\s|$)")
CHOICES_RE = re.compile(r"do you (?P<list>(?:\w+ \([^)]*\),? )+(?:or )?\w+)")
EITHER_RE = re.compile(r"feel (?P<a>\w+) or (?P<b>\w+)")


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: FieldKind = "text"
    options: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class JournalTemplate:
    id: str
    title: str
    instructions: str
    fields: tuple[Field, ...]
    daily: bool = True
    line: int = 0
    steps: tuple[int, ...] = ()  # indexes of the plan steps that ask for this log
    chart_category: str | None = None
    chart_value: str | None = None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def counted_log(action: str, step: Step) -> JournalTemplate | None:
    """'Daily, record three "security moments" — what … made you feel secure or insecure.'"""
    match = COUNTED_RE.search(action)
    if not match:
        return None
    count = NUMBERS.get(match["n"].lower()) or int(match["n"])
    what = match["what"].strip()
    singular = what[:-1] if what.endswith("s") else what
    either = EITHER_RE.search(match["desc"])
    fields: list[Field] = []
    for n in range(1, count + 1):
        fields.append(Field(f"{_slug(singular).replace('-', '_')}_{n}", f"{singular.capitalize()} {n}", "text", help=match["desc"].strip()))
        if either:
            fields.append(Field(f"felt_{n}", f"Felt {either['a']} or {either['b']}?", "choice", (either["a"], either["b"])))
    return JournalTemplate(
        _slug(what), f"Daily log: {count} {what}", action, tuple(fields), daily="daily" in action.lower(), line=step.line,
    )


def _field_from_element(label: str, desc: str) -> Field:
    clean = re.sub(r"^(the precise|the|your|any)\s+", "", label.strip(), flags=re.IGNORECASE)
    choices = CHOICES_RE.search(desc)
    if choices:
        options = tuple(re.findall(r"(\w+) \(", choices["list"])) + tuple(re.findall(r"or (\w+)$", choices["list"]))
        return Field(_slug(clean).replace("-", "_"), clean.capitalize(), "choice", options, desc.split("?")[0] + "?")
    first = re.split(r"(?<=[?.])\s", desc.strip())[0]
    return Field(_slug(clean).replace("-", "_"), clean.capitalize(), "longtext", help=first)


def element_log(action: str, step: Step) -> JournalTemplate | None:
    """'Record four specific elements: (1) The precise trigger—… (2) Your somatic experience—…'"""
    match = ELEMENTS_RE.search(action)
    if not match:
        return None
    elements = list(ENUMERATED_RE.finditer(action[match.end():]))
    if len(elements) < 2:
        return None
    fields = [_field_from_element(e["label"], e["desc"]) for e in elements]
    choice = next((f.id for f in fields if f.kind == "choice"), None)
    fields.append(Field("intensity", "Intensity (0 = barely noticeable, 10 = overwhelming)", "scale"))
    activated = "activat" in action.lower()
    title = "Activation journal" if activated else f"{step.kind} {step.number} journal"
    return JournalTemplate(
        "activation-journal" if activated else _slug(title), title, action[: match.end() + 1].strip(), tuple(fields),
        daily=False, line=step.line, chart_category=choice, chart_value="intensity",
    )


#: tried in order on each practice action
READERS: list[Callable[[str, Step], JournalTemplate | None]] = [counted_log, element_log]


def practice_log(article: Article) -> JournalTemplate:
    steps = tuple(s.title for s in article.plan)
    return JournalTemplate(
        "practice-log", "Practice log",
        "After each practice attempt, note what you tried and what you noticed, not to judge whether you did well, "
        "but to understand each other better.",
        (Field("step", "Step", "choice", steps) if steps else Field("step", "What I practised", "text"),
         Field("tried", "What I tried", "text"),
         Field("noticed", "What I noticed, in me and between us", "longtext"),
         Field("feeling", "How I felt afterwards (0 = very bad, 10 = very good)", "scale")),
        daily=True, line=article.plan[0].line if article.plan else 0,
        chart_category="step" if steps else None, chart_value="feeling",
    )


def generate_templates(article: Article) -> list[JournalTemplate]:
    found: dict[str, JournalTemplate] = {}
    steps_for: dict[str, list[int]] = {}
    for index, step in enumerate(article.plan):
        for action in step.actions:
            for reader in READERS:
                template = reader(action, step)
                if template is not None:
                    found.setdefault(template.id, template)
                    steps_for.setdefault(template.id, []).append(index)
    templates = [JournalTemplate(**{**t.__dict__, "steps": tuple(sorted(set(steps_for[t.id])))}) for t in found.values()]
    return templates + [practice_log(article)]


def template_days(article: Article, template: JournalTemplate) -> int:
    """How many days of log pages a handout needs: the span of the steps that ask for it, else the whole plan."""
    steps = [article.plan[i] for i in template.steps] or article.plan
    ends = [s.duration for s in steps if s.duration and s.duration.end]
    starts = [s.duration for s in steps if s.duration and s.duration.start]
    if not ends or not starts:
        return 7
    first = min((d.start - 1) * (7 if d.unit == "week" else 1) for d in starts if d.start)
    last = max(d.end * (7 if d.unit == "week" else 1) for d in ends if d.end)
    return max(7, last - first)
