"""What a facilitator needs besides the participant pages, computed from notebook metadata:
learning objectives, a timed agenda, discussion questions, materials, screening, fidelity."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from relcourse.content.text import tidy_title_case
from relcourse.i18n import N_, _
from relcourse.notebook.cells import CellData, PhrasesCell, PlanCell, SectionCell, TitleCell

#: minutes of the opening and the closing round, whatever the module holds
OPENING, CLOSING = 10, 5


@dataclass(frozen=True)
class Part:
    """One activity of a session about a part of the module; ``per_element`` minutes for each
    element it has (concept, case, step, quiz item…), counting at most ``most`` of them (a module
    with twelve concepts does not crowd out the rest)."""

    activity: str
    needs: str
    per_element: int
    most: int


#: the session order; a part the module does not have gets no slot (programmes read this table too)
AGENDA_PARTS: list[Part] = [
    Part(N_("The problem scenario: read and recognise"), "scenario", 10, 1),
    Part(N_("Core concepts: short input and questions"), "concepts", 5, 6),
    Part(N_("Case study discussion in small groups"), "cases", 12, 3),
    Part(N_("Practice plan walk-through; phrases practised in pairs"), "practice", 4, 8),
    Part(N_("Worksheet quiz and answers together"), "quiz", 2, 10),
    Part(N_("Journal set-up and homework"), "journal", 4, 3),
]


@dataclass(frozen=True)
class AgendaItem:
    start: int
    minutes: int
    activity: str


def parts_of(cells: Sequence[CellData], title: TitleCell | None) -> dict[str, int]:
    """How many elements of each part a module notebook has (concepts, cases, steps, quiz items, logs, phrases)."""
    kinds = Counter(d.kind for d in cells)
    sections = {d.section_kind for d in cells if isinstance(d, SectionCell)}
    steps = sum(len(d.steps) for d in cells if isinstance(d, PlanCell))
    concepts, cases = (len(title.concepts or ()), len(title.cases or ())) if title else (0, 0)
    found = {"scenario": int("scenario" in sections), "concepts": concepts or int("concepts" in sections),
             "cases": cases or int("cases" in sections), "practice": steps or int("practice" in sections),
             "quiz": kinds["quiz"], "journal": kinds["journal"],
             "phrases": sum(len(d.phrases) for d in cells if isinstance(d, PhrasesCell))}
    return {part: n for part, n in found.items() if n}


def agenda(parts: Mapping[str, int] | Collection[str], total: int) -> list[AgendaItem]:
    """Split ``total`` minutes in 5-minute blocks: a short opening and closing, and for the parts
    the module has, time in proportion to how much each holds."""
    counts = parts if isinstance(parts, Mapping) else dict.fromkeys(parts, 1)
    present = [(p.activity, p.per_element * min(counts[p.needs], p.most)) for p in AGENDA_PARTS if counts.get(p.needs)]
    weight = sum(w for _part, w in present) or 1
    room = total - OPENING - CLOSING
    minutes = [max(5, round(room * w / weight / 5) * 5) for _, w in present]
    if minutes:
        largest = max(range(len(minutes)), key=lambda i: (present[i][1], -i))
        minutes[largest] += room - sum(minutes)  # rounding remainder goes to the main activity
    rows = [(_("Welcome, ground rules and safety note"), OPENING + (0 if minutes else room)),
            *((_(activity), m) for (activity, _w), m in zip(present, minutes)), (_("Closing round"), CLOSING)]
    items, clock = [], 0
    for activity, length in rows:
        items.append(AgendaItem(clock, length, activity))
        clock += length
    return items


#: objectives for the concepts, in turn, so a list of six does not read as one sentence six times;
#: each reads well with any name (a mechanism, a research finding, a practice)
OBJECTIVE_FORMS = (
    N_("Explain in your own words what the article says about “{name}”."),
    N_("Connect what the article says about “{name}” to a moment from a couple's everyday life."),
    N_("Describe how “{name}” shows up between partners, as the article presents it."),
)
SUBSECTION_FORM = N_("Summarise what the article says under “{title}”.")
DISTINCTION_FORM = N_("Tell apart the ideas the article distinguishes under “{title}”.")
#: objectives for parts of the module, each only when the module has that part
PART_OBJECTIVES = {
    "cases": N_("Recognise in the article's case what changed between the partners, and why."),
    "practice": N_("Choose a first step of the practice plan and plan when to try it."),
    "journal": N_("Set up the journal pages and know what to record between sessions."),
}


def tidy_name(name: str) -> str:
    """A concept's name as an objective shows it (see :func:`relcourse.content.text.tidy_title_case`)."""
    return tidy_title_case(name)


def objectives(title: TitleCell | None, parts: Collection[str] = ()) -> list[str]:
    """Learning objectives from what the module has: its concepts (else its subsections), its
    distinctions, and one for each part (case, plan, journal) it holds."""
    concepts = [tidy_title_case(c["name"]) for c in (title.concepts if title else None) or ()]
    subsections = [tidy_title_case(s) for s in (title.subsections if title else None) or ()]
    distinctions = [s for s in subsections if "distinction" in s.lower()]
    found = [_(OBJECTIVE_FORMS[n % len(OBJECTIVE_FORMS)]).format(name=name) for n, name in enumerate(concepts[:6])]
    if not concepts:
        found += [_(SUBSECTION_FORM).format(title=s) for s in subsections if s not in distinctions][:3]
    found += [_(DISTINCTION_FORM).format(title=s) for s in distinctions[:1]]
    found += [_(text) for part, text in PART_OBJECTIVES.items() if part in parts]
    return found


def discussion_questions(title: TitleCell | None, case_prompts: list[str], parts: Collection[str] = ()) -> list[str]:
    """The cases' own prompts and a question per case; a closing question about everyday life."""
    questions = list(case_prompts)
    for case in (title.cases if title else None) or ():
        questions.append(_("“{case}”: which moment in this case would have been easiest to miss, and why does it matter?").format(case=case))
    if "practice" in parts:
        questions.append(_("Which step of the practice plan will be hardest for you, and what would help?"))
    questions.append(_("Where do you see this pattern in everyday life? What makes it hard to change?"))
    return questions


MATERIALS = [
    N_("One printed participant handout per person (double-sided is fine)"),
    N_("Pens; spare paper for the quiz and reflection pages"),
    N_("Scissors for the phrase cards (or cut them in advance)"),
    N_("A clock or timer visible to the facilitator"),
    N_("A list of local support services and referral contacts (see the screening page)"),
]

SCREENING = [
    N_("Meet each partner separately before a couples workshop, in private, and ask about safety at home."),
    N_("Couples exercises are not for relationships with violence, coercion, or fear of a partner. "
       "If any of these is present, do not invite the couple to practise together; offer individual support instead."),
    N_("Signs to ask about gently: fear of the partner's reaction, being controlled (money, phone, friends), threats, "
       "injuries, or a partner who insists on being present at every conversation."),
    N_("How to refer: give information privately, never in front of the partner; use the help resources in the footer "
       "and your organisation's referral pathway; document your concern as your service requires."),
]

#: the fidelity checklist, in session order: (the part a line checks, the line); a line about a part the
#: module does not have is left out, so the checklist asks only for what the guide planned (None: always)
FIDELITY: list[tuple[str | None, str]] = [
    (None, N_("Learning objectives covered")),
    (None, N_("Safety note read aloud at the start")),
    ("scenario", N_("Problem scenario read and recognised")),
    ("concepts", N_("Core concepts introduced, questions taken")),
    ("cases", N_("Case study discussed")),
    ("practice", N_("Practice plan and first step explained")),
    ("phrases", N_("Phrase practice done in pairs")),
    ("quiz", N_("Worksheet quiz done and answers discussed")),
    ("journal", N_("Homework set: journal pages")),
    ("practice", N_("Homework set: the first practice step")),
    (None, N_("Participants told where to find help")),
]


def fidelity(parts: Collection[str]) -> list[str]:
    """The checklist lines for the parts a module (or a programme's modules) has, in the current language."""
    return [_(line) for part, line in FIDELITY if part is None or part in parts]


def materials() -> list[str]:
    """What to bring, in the current language (the guide's language)."""
    return [_(line) for line in MATERIALS]


def screening() -> list[str]:
    """The screening page's lines, in the current language."""
    return [_(line) for line in SCREENING]
