"""The steps that turn a module notebook into handout data (what nbconvert's preprocessors do, without nbconvert).

Each edition's ordered list of these steps is a row in ``relcourse.export.editions`` (the
comment there says why the order matters): remove answers (participant), put the cells in print
order, compute worksheet views, add facilitator pages, record the edition. A step works on the
:class:`~relcourse.export.handout.Handout` the renderer read once, with each cell's data already
checked and typed, so a step names a field through its dataclass, never as a string key.
``relcourse export`` and the nbconvert exporters (``relcourse.export.exporter``) both run these
steps through :func:`relcourse.export.render.render_handout`, so both give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any, ClassVar, NotRequired, TypedDict

from relcourse.course.logs import long_choice
from relcourse.course.quiz.kinds import kind_of
from relcourse.course.selfcheck.instrument import Band
from relcourse.export import facilitator
from relcourse.export.handout import Handout, HandoutCell
from relcourse.i18n import N_, _, format_long_date
from relcourse.notebook.cells import (
    CellData,
    InstrumentCell,
    JournalCell,
    JournalField,
    PhrasesCell,
    PlanCell,
    PlanStep,
    QuizCell,
    ReflectionCell,
)

#: how a subscale is scored, as the printed scoring sheet says it (shown translated)
SCORING_RULE_TEXT = {
    "mean": N_("Average of the {count} items; not scored if more than {missing} missing."),
    "sum": N_("Sum of the {count} items (with missing answers: average × {count}); not scored if more than {missing} missing."),
}


class Step:
    """One step of an edition's pipeline; ``OPTIONS`` are the edition options it takes (with defaults)."""

    OPTIONS: ClassVar[dict[str, Any]] = {}

    def __init__(self, **options: Any) -> None:
        unknown = set(options) - set(self.OPTIONS)
        if unknown:
            raise TypeError(f"{type(self).__name__} takes no option {', '.join(sorted(unknown))}")
        for name, value in {**self.OPTIONS, **options}.items():
            setattr(self, name, value)

    def apply(self, handout: Handout, resources: dict[str, Any]) -> None:
        """Change the handout and the resources in place (by default: each cell in turn)."""
        for cell in handout.cells:
            self.apply_cell(cell, resources)

    def apply_cell(self, cell: HandoutCell, resources: dict[str, Any]) -> None:
        """Change one cell in place; a cell's data is frozen, so a step replaces it."""


class RemoveAnswers(Step):
    """Participant edition: delete answers, explanations and quotes from quiz items, and the scoring
    key (subscales, reverse keying) from a self-check: they are the facilitator's."""

    def apply_cell(self, cell: HandoutCell, resources: dict[str, Any]) -> None:
        data = cell.data
        if isinstance(data, QuizCell):  # the item's type knows what gives its answer away
            cell.data = replace(data, item=kind_of(data.item).without_answer(data.item))
        elif isinstance(data, InstrumentCell):
            cell.data = replace(data, instrument=data.instrument.without_key())


#: the printed handout's parts, in order: what a group reads together first, then the pages
#: people write on, then one photocopiable page per journal log. Kinds not listed are reading.
PRINT_PARTS: dict[str, tuple[str, str]] = {  # part → (heading on the page, "" for none; anchor id)
    "reading": ("", "part-reading"),
    "worksheets": (N_("Worksheets"), "part-worksheets"),
    "logs": (N_("Practice logs: copy for each week"), "part-logs"),
}
#: cell kind → (part, place within the part): worksheets run quiz, reflections, plan, phrase cards
PRINT_PLACE: dict[str, tuple[str, int]] = {
    "quiz": ("worksheets", 0), "score": ("worksheets", 0), "reflection": ("worksheets", 1),
    "plan": ("worksheets", 2), "phrases": ("worksheets", 3), "journal": ("logs", 0),
}


class OrderForPrint(Step):
    """Put a module's cells in print order (reading → worksheets → logs) and mark where each part starts.

    The notebook interleaves activities with the reading, which suits a screen; on paper a group
    reads first and writes after, and the logs to copy come last so they can be pulled out.
    A self-check (one instrument cell) is left as it is.
    """

    def apply(self, handout: Handout, resources: dict[str, Any]) -> None:
        parts = list(PRINT_PARTS)

        def place(cell: HandoutCell) -> tuple[int, int]:
            part, rank = PRINT_PLACE.get(cell.data.kind if cell.data else "", ("reading", 0))
            return parts.index(part), rank

        handout.cells.sort(key=place)  # stable: the notebook's order within each place
        current = 0
        for cell in handout.cells:
            part = place(cell)[0]
            if part != current:
                cell.print_part = parts[part]
                current = part
        resources.setdefault("relcourse", {})["parts"] = {part: (_(heading) if heading else "", anchor)
                                                       for part, (heading, anchor) in PRINT_PARTS.items()}


def _weeks(days: int) -> list[list[int]]:
    return [list(range(start, min(start + 7, days + 1))) for start in range(1, days + 1, 7)]


#: when a step is done, by unit: (one day or week, a span)
WHEN = {"day": (N_("Day {start}"), N_("Days {start}–{end}")), "week": (N_("Week {start}"), N_("Weeks {start}–{end}"))}


def _when(step: PlanStep) -> str:
    """'Days 1–3' / '第1–3天', in the handout's language."""
    if step["unit"] not in WHEN or step["start"] is None:
        return _("ongoing")
    one, span = WHEN[step["unit"]]
    form = one if step["end"] in (None, step["start"]) else span
    return _(form).format(start=step["start"], end=step["end"])


class ReflectionView(TypedDict):
    number: int
    prompt: str
    lines: int  # ruled lines to write on


class JournalView(TypedDict):
    title: str
    instructions: str
    daily: bool
    fields: list[JournalField]
    weeks: list[list[int]]  # the days of each printed week (0: for the learner to number); none: see the participant's
    total_weeks: int
    numbered: bool


class StepLine(TypedDict):
    title: str
    when: str


class PlanView(TypedDict):
    steps: list[StepLine]


class PhraseCard(TypedDict):
    text: str
    replaces: str


class PhrasesView(TypedDict):
    phrases: list[PhraseCard]


class SubscaleView(TypedDict):
    name: str
    method: str
    max_missing: int
    items: list[tuple[int, bool]]  # (item number, reverse-keyed)
    rule: str
    low: str
    high: str
    bands: tuple[Band, ...]
    bands_source: str


class InstrumentView(TypedDict):
    title: str
    instructions: str
    points: list[int]
    anchors: list[tuple[int, str]]
    items: list[tuple[int, str]]  # (number, statement)
    validated: bool
    citation: str
    licence: str
    reverse_rule: NotRequired[str]  # the scoring sheet: only with the scoring key
    subscales: NotRequired[list[SubscaleView]]


class BuildHandoutViews(Step):
    """Compute each interactive cell's printed form (:attr:`HandoutCell.view`) from its typed data."""

    OPTIONS: ClassVar[dict[str, Any]] = {
        "with_answers": False,
        "log_weeks": 0,  # 0: one page per log to photocopy; N: N numbered weeks
        "blank_logs": True,  # False: point to the participant's log pages instead
    }
    with_answers: bool
    log_weeks: int
    blank_logs: bool
    quiz_number = 0
    reflection_number = 0

    def apply(self, handout: Handout, resources: dict[str, Any]) -> None:
        self.quiz_number = 0
        self.reflection_number = 0
        resources.setdefault("relcourse", {})["title"] = handout.title
        super().apply(handout, resources)

    def apply_cell(self, cell: HandoutCell, resources: dict[str, Any]) -> None:
        if cell.data is not None:
            cell.view = self.view(cell.data)

    def view(self, data: CellData) -> Mapping[str, object] | None:
        """The printed form of a cell of a kind that has one (None: the template needs none)."""
        if isinstance(data, QuizCell):
            return self.view_quiz(data)
        if isinstance(data, ReflectionCell):
            return self.view_reflection(data)
        if isinstance(data, JournalCell):
            return self.view_journal(data)
        if isinstance(data, PlanCell):
            return self.view_plan(data)
        if isinstance(data, PhrasesCell):
            return self.view_phrases(data)
        if isinstance(data, InstrumentCell):
            return self.view_instrument(data)
        return None

    def view_quiz(self, data: QuizCell) -> dict[str, Any]:
        """Number, prompt and what the item's type prints (its partial is ``quiz/<type>.html.j2``)."""
        self.quiz_number += 1
        item = data.item
        kind = kind_of(item)
        view = {"number": self.quiz_number, "type": item.type, "prompt": item.prompt, "section": item.section,
                **kind.worksheet(item)}
        if self.with_answers and item.answer:
            view.update(answer=kind.key_text(item), explanation=item.explanation, quote=item.quote)
        return view

    def view_reflection(self, data: ReflectionCell) -> ReflectionView:
        self.reflection_number += 1
        return {"number": self.reflection_number, "prompt": data.text, "lines": 3}  # the back of the sheet for more

    def view_journal(self, data: JournalCell) -> JournalView:
        # a choice among many long options (e.g. the plan's steps) prints as a blank to write in
        fields = [JournalField(**{**f, "kind": "text"}) if f["kind"] == "choice" and long_choice(f["options"]) else f
                  for f in data.fields]
        weeks = _weeks(data.days)
        if self.log_weeks:  # numbered weeks, for those who want them printed
            shown, numbered = weeks[:self.log_weeks], True
        else:  # one page to photocopy: days are left for the learner to number
            shown, numbered = [[0] * 7], False
        return {"title": data.title, "instructions": data.instructions, "daily": data.daily,
                "fields": fields, "weeks": shown if self.blank_logs else [], "total_weeks": len(weeks),
                "numbered": numbered}

    def view_plan(self, data: PlanCell) -> PlanView:
        return {"steps": [{"title": s["title"], "when": _when(s)} for s in data.steps]}

    def view_phrases(self, data: PhrasesCell) -> PhrasesView:
        return {"phrases": [{"text": p["text"], "replaces": p.get("replaces", "")} for p in data.phrases]}

    def view_instrument(self, data: InstrumentCell) -> InstrumentView:
        """The printed form; with the scoring key (a facilitator's copy) also the scoring sheet."""
        spec = data.instrument
        numbers = {item.id: n for n, item in enumerate(spec.items, 1)}
        view: InstrumentView = {"title": spec.title, "instructions": spec.instructions,
                                "points": list(range(spec.scale_min, spec.scale_max + 1)),
                                "anchors": sorted(spec.anchors.items()),
                                "items": [(numbers[i.id], i.text) for i in spec.items],
                                "validated": spec.validated, "citation": spec.citation, "licence": spec.licence}
        if spec.subscales:  # a participant's copy has none (RemoveAnswers)
            reverse = {i.id for i in spec.items if i.reverse}
            total = spec.scale_min + spec.scale_max
            view["reverse_rule"] = _("For items marked R, score {total} − the circled number.").format(total=total)
            view["subscales"] = [{
                "name": s.name, "method": s.method, "max_missing": s.max_missing,
                "items": [(numbers[i], i in reverse) for i in s.items],
                "rule": _(SCORING_RULE_TEXT[s.method]).format(count=len(s.items), missing=s.max_missing),
                "low": s.low, "high": s.high, "bands": s.bands, "bands_source": s.bands_source,
            } for s in spec.subscales]
        return view


class AddFacilitatorPages(Step):
    """Facilitator edition: objectives, agendas, discussion questions, materials, screening, fidelity."""

    def apply(self, handout: Handout, resources: dict[str, Any]) -> None:
        if handout.info.type == "instrument":
            return  # a self-check's facilitator edition is its scoring sheet
        cells = [c.data for c in handout.cells if c.data is not None]
        title = handout.title
        prompts = [d.text for d in cells if isinstance(d, ReflectionCell) and d.source == "case"]
        parts = facilitator.parts_of(cells, title)  # only what this module has, with how much of each
        resources.setdefault("relcourse", {})["facilitator"] = {
            "objectives": facilitator.objectives(title, parts),
            "agendas": {90: facilitator.agenda(parts, 90), 120: facilitator.agenda(parts, 120)},
            "discussion": facilitator.discussion_questions(title, prompts, parts),
            "materials": facilitator.materials(),
            "screening": facilitator.screening(),
            "fidelity": facilitator.fidelity(parts),
        }


class EditionInfo(Step):
    """Put the edition, paper size, help line and page language where the template finds them.

    The language goes in nbconvert's own ``language_code`` resource (``<html lang>``), taken from
    the notebook so a course's modules can differ; the exporter's setting is only the fallback.
    """

    OPTIONS: ClassVar[dict[str, Any]] = {"edition": "participant", "edition_title": "Participant handout", "paper": ""}
    edition: str
    edition_title: str
    paper: str

    def apply(self, handout: Handout, resources: dict[str, Any]) -> None:
        info = resources.setdefault("relcourse", {})
        title = handout.title
        info["edition"] = {"name": self.edition, "title": self.edition_title}
        info["paper"] = (self.paper or (title.paper if title else "") or "a4").upper()
        info["help"] = title.help if title else ()
        resources["language_code"] = handout.info.lang or resources.get("language_code") or "en"
        # the course's date in the page's language; a programme prints its own session dates instead
        day = title.date if title and not resources.get("relcourse_programme") else None
        info["date"] = format_long_date(date.fromisoformat(day), resources["language_code"]) if day else ""
