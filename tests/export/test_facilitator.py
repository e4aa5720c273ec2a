"""Facilitator pages built only from what the module has (issue 12 point 4)."""

from __future__ import annotations

import pytest

from relcourse.export.facilitator import FIDELITY, agenda, discussion_questions, fidelity, objectives
from relcourse.notebook.cells import Concept

from .titles import title_cell

SMALL = {"concepts": 1}
FULL = {"scenario": 1, "concepts": 6, "cases": 2, "practice": 6, "quiz": 7, "journal": 2}


@pytest.mark.parametrize("total", [90, 120])
@pytest.mark.parametrize("parts", [SMALL, FULL, {"scenario": 1, "quiz": 3}])
def test_agenda_adds_up_with_a_short_opening(parts: dict[str, int], total: int) -> None:
    items = agenda(parts, total)
    assert sum(i.minutes for i in items) == total
    assert all(i.minutes % 5 == 0 and i.minutes >= 5 for i in items)
    assert items[0].activity.startswith("Welcome") and items[0].minutes <= 10  # never a 50-minute welcome
    assert items[-1].activity == "Closing round" and items[-1].minutes <= 10
    assert len(items) == len(parts) + 2


def test_agenda_time_follows_how_much_each_part_holds() -> None:
    many_cases = {i.activity: i.minutes for i in agenda({"concepts": 1, "cases": 3}, 90)}
    one_case = {i.activity: i.minutes for i in agenda({"concepts": 6, "cases": 1}, 90)}
    cases, concepts = "Case study discussion in small groups", "Core concepts: short input and questions"
    assert many_cases[cases] > many_cases[concepts] and one_case[concepts] > one_case[cases]
    assert "Practice plan walk-through; phrases practised in pairs" not in many_cases


def test_objectives_only_from_what_the_module_has() -> None:
    title = title_cell(concepts=(), subsections=("Predictability as Safety", "Critical Distinctions"))
    found = objectives(title, {"concepts"})
    assert found == ["Summarise what the article says under “Predictability as Safety”.",
                     "Tell apart the ideas the article distinguishes under “Critical Distinctions”."]
    assert not any("security" in o.lower() for o in objectives(title_cell(subsections=("What Repair Is Not: Distinctions",))))
    concept = Concept(name="Gottman'S Bids And Turning Toward Research", subsection="")
    with_plan = objectives(title_cell(concepts=(concept,)), {"practice", "cases", "journal"})
    assert with_plan[0] == "Explain in your own words what the article says about “Gottman's Bids and Turning Toward Research”."
    assert any(o.startswith("Choose a first step") for o in with_plan) and len(with_plan) == 4


def test_discussion_questions_follow_the_parts() -> None:
    assert not any("practice plan" in q for q in discussion_questions(title_cell(cases=()), [], set()))
    with_plan = discussion_questions(title_cell(cases=("Liang and Su",)), ["A case prompt?"], {"practice"})
    assert with_plan[0] == "A case prompt?" and "“Liang and Su”" in with_plan[1] and any("practice plan" in q for q in with_plan)


def test_fidelity_checklist_asks_only_for_parts_the_module_has() -> None:
    small = fidelity(SMALL)
    assert small == ["Learning objectives covered", "Safety note read aloud at the start",
                     "Core concepts introduced, questions taken", "Participants told where to find help"]
    full = fidelity({**FULL, "phrases": 4})
    assert full == [line for _part, line in FIDELITY]
    assert "Phrase practice done in pairs" not in fidelity(FULL)  # no phrase cards, no pair practice to check
    assert "Case study discussed" not in fidelity({"concepts": 2, "quiz": 3})
