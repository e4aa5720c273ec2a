"""What a facilitator needs besides the participant pages, computed from notebook metadata:
learning objectives, a timed agenda, discussion questions, materials, screening, fidelity."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: words a heading in title case writes small, except at its start
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"}

#: (activity, relative weight, part of the module it needs); order is the session order.
AGENDA_PARTS: list[tuple[str, int, str | None]] = [
    ("Welcome, ground rules and safety note", 2, None),
    ("The problem scenario: read and recognise", 2, "scenario"),
    ("Core concepts: short input and questions", 3, "concepts"),
    ("Case study discussion in small groups", 3, "cases"),
    ("Practice plan walk-through; phrases practised in pairs", 4, "practice"),
    ("Worksheet quiz and answers together", 2, "quiz"),
    ("Journal set-up and homework", 1, "journal"),
    ("Closing round", 1, None),
]


@dataclass(frozen=True)
class AgendaItem:
    start: int
    minutes: int
    activity: str


def agenda(parts_present: set[str], total: int) -> list[AgendaItem]:
    """Split ``total`` minutes over the activities the module has, in 5-minute blocks."""
    parts = [(a, w) for a, w, need in AGENDA_PARTS if need is None or need in parts_present]
    weight = sum(w for _, w in parts)
    minutes = [max(5, round(total * w / weight / 5) * 5) for _, w in parts]
    largest = max(range(len(minutes)), key=lambda i: (parts[i][1], -i))
    minutes[largest] += total - sum(minutes)  # rounding remainder goes to the main activity
    items, clock = [], 0
    for (activity, _), length in zip(parts, minutes):
        items.append(AgendaItem(clock, length, activity))
        clock += length
    return items


#: objectives for the concepts, in turn, so a list of six does not read as one sentence six times
OBJECTIVE_FORMS = (
    "Explain in your own words what the article means by “{name}”.",
    "Give an everyday example of “{name}” from a couple's life.",
    "Describe how “{name}” shows up between partners, as the article presents it.",
)


def tidy_name(name: str) -> str:
    """'Gottman'S Bids And Turning Toward Research' → 'Gottman's Bids and Turning Toward Research'.

    Some wiki exports capitalise every word, even after an apostrophe; an objective reads better
    without that. (Article text itself is always shown as written.)
    """
    name = re.sub(r"(?<=\w)['’]S\b", lambda m: m[0].lower(), name)
    words = name.split(" ")
    return " ".join([words[0], *(w.lower() if w.lower() in SMALL_WORDS else w for w in words[1:])])


def objectives(title: dict[str, Any]) -> list[str]:
    """Learning objectives drawn from the core concepts."""
    concepts = [tidy_name(c["name"]) for c in title.get("concepts", [])]
    found = [OBJECTIVE_FORMS[n % len(OBJECTIVE_FORMS)].format(name=name) for n, name in enumerate(concepts[:6])]
    found += [f"Describe {s[0].lower() + s[1:]} as the article presents it." for s in title.get("subsections", [])
              if "distinction" not in s.lower() and not concepts][:3]
    if any("distinction" in s.lower() for s in title.get("subsections", [])):
        found.append("Tell apart what this kind of security is and what it is not (the article's critical distinctions).")
    found.append("Choose a first step of the practice plan and plan when to try it.")
    return found


def discussion_questions(title: dict[str, Any], case_prompts: list[str]) -> list[str]:
    questions = list(case_prompts)
    for case in title.get("cases", []):
        questions.append(f"“{case}”: which moment in this case would have been easiest to miss, and why does it matter?")
    questions.append("Where do you see this pattern in everyday life? What makes it hard to change?")
    return questions


MATERIALS = [
    "One printed participant handout per person (double-sided is fine)",
    "Pens; spare paper for the quiz and reflection pages",
    "Scissors for the phrase cards (or cut them in advance)",
    "A clock or timer visible to the facilitator",
    "A list of local support services and referral contacts (see the screening page)",
]

SCREENING = [
    "Meet each partner separately before a couples workshop, in private, and ask about safety at home.",
    "Couples exercises are not for relationships with violence, coercion, or fear of a partner. "
    "If any of these is present, do not invite the couple to practise together; offer individual support instead.",
    "Signs to ask about gently: fear of the partner's reaction, being controlled (money, phone, friends), threats, "
    "injuries, or a partner who insists on being present at every conversation.",
    "How to refer: give information privately, never in front of the partner; use the help resources in the footer "
    "and your organisation's referral pathway; document your concern as your service requires.",
]

FIDELITY = [
    "Learning objectives covered",
    "Safety note read aloud at the start",
    "Case study discussed",
    "Practice plan and first step explained",
    "Phrase practice done in pairs",
    "Worksheet quiz done and answers discussed",
    "Homework set: journal pages and first practice step",
    "Participants told where to find help",
]
