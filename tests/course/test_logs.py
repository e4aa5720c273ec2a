from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.content.parser import load_article, parse_article
from relcourse.course.logs import JournalTemplate, generate_templates, template_days

from ..conftest import CONTENT, FIXTURES

HEAD = "Conflict_and_Repair-090-Logs\n\n1. Problem Scenario\n\nA and B argue.\n\n3. Practice Guide: Step-by-Step Path\n\n"


def templates_for(*actions: str) -> dict[str, JournalTemplate]:
    body = "### Step 1: Notice (Suggested Days 1-3)\n\n**Specific Actions**:\n" + "".join(f"- {a}\n" for a in actions)
    article = parse_article(HEAD + body + "\n### Step 2: Talk (Suggested Days 4-10)\n\n- Talk.\n")
    return {t.id: t for t in generate_templates(article)}


def labels(template: JournalTemplate) -> list[str]:
    return [f.label for f in template.fields]


def test_three_security_moments_log_from_seed() -> None:
    templates = {t.id: t for t in generate_templates(load_article(CONTENT / "articles" / "security-and-needs-133.txt"))}
    log = templates["security-moments"]
    assert log.daily
    assert labels(log)[:2] == ["Security moment 1", "Felt secure or insecure?"]
    assert [f.options for f in log.fields if f.kind == "choice"][0] == ("secure", "insecure")
    assert log.chart_category == ("felt_1", "felt_2", "felt_3") and log.chart_label == "Secure or insecure?"
    assert set(templates) == {"security-moments", "practice-log"}  # "record … after each attempt" is the practice log


def test_four_element_activation_journal_from_seed() -> None:
    templates = {t.id: t for t in generate_templates(load_article(CONTENT / "articles" / "security-and-needs-044.txt"))}
    journal = templates["activation-journal"]
    assert labels(journal)[:4] == ["Trigger", "Somatic experience", "Behavioral response", "Resonance with early experience"]
    response = journal.fields[2]
    assert response.kind == "choice" and response.options == ("pursue", "withdraw", "attack", "freeze")
    assert journal.fields[-1].kind == "scale"
    assert journal.chart_category == "behavioral_response" and journal.chart_value == "intensity"
    # "Track progress, not perfection." follows an "each time" sentence but asks for no log
    assert set(templates) == {"activation-journal", "practice-log"}


def test_counted_evening_log_from_fixture() -> None:
    templates = {t.id: t for t in generate_templates(load_article(FIXTURES / "articles" / "attachment-and-communication-116.txt"))}
    log = templates["evening-bids-log"]
    assert log.title == "Evening bids log" and log.daily
    assert labels(log) == [
        "Bid I made 1", "Bid I made 2", "Bid I made 3",
        "Bid I received 1", "Bid I received 2", "Bid I received 3",
        "How each was answered",
    ]
    assert log.steps == (0,)


def test_note_in_your_journal_from_fixture() -> None:
    templates = {t.id: t for t in generate_templates(load_article(FIXTURES / "articles" / "scripts-and-tools-201.txt"))}
    log = templates["step-2-journal"]
    assert labels(log) == ["What happened afterwards"] and not log.daily
    # "Write three repair phrases on a card" is an exercise, not a log
    assert set(templates) == {"step-2-journal", "practice-log"}


def test_each_time_log_keeps_quoted_words_whole() -> None:
    templates = templates_for('Write down each time you say "I need this from you." and what followed.')
    log = templates["moments-log"]
    assert labels(log) == ["When and where", "What happened"]
    assert 'I need this from you.' in log.fields[0].help


@pytest.mark.parametrize(("action", "expected"), [
    ("Every morning, jot down how rested you feel and one thing you look forward to.",
     ("morning-log", ["How rested I feel", "One thing I look forward to"])),
    ("Keep a weekly log of the repairs you tried.", ("weekly-log", ["The repairs I tried"])),
    ("Once a day, note two kind things your partner did.",
     ("daily-kind-things-log", ["Kind thing my partner did 1", "Kind thing my partner did 2"])),
])
def test_written_logs(action: str, expected: tuple[str, list[str]]) -> None:
    template_id, expected_labels = expected
    templates = templates_for(action)
    assert template_id in templates, templates.keys()
    assert labels(templates[template_id]) == expected_labels


@pytest.mark.parametrize("action", [
    "Write three repair phrases on a card.",
    "Talk together about the bids each of you makes most often.",
    "Track progress, not perfection.",
    "Record your feelings and reactions after each attempt.",
    "Each evening, leave a note for your partner.",
])
def test_actions_that_are_not_logs(action: str) -> None:
    assert set(templates_for(action)) == {"practice-log"}


def test_two_different_logs_with_the_same_name_are_both_kept() -> None:
    body = ("### Step 1: Notice (Days 1-3)\n\n- Daily, note one kind thing you did.\n\n"
            "### Step 2: Share (Days 4-6)\n\n- Daily, note one kind thing you did.\n\n"
            "### Step 3: Ask (Days 7-9)\n\n- Daily, note what your partner asked for and how you answered.\n")
    templates = {t.id: t for t in generate_templates(parse_article(HEAD + body))}
    assert templates["daily-log"].steps == (0, 1)  # the same log asked for twice is one log
    assert labels(templates["daily-log-step-3"]) == ["What my partner asked for", "How I answered"]


def test_field_ids_are_unique() -> None:
    template = templates_for("Each evening, write down what you felt, and what you felt.")["evening-log"]
    assert [f.id for f in template.fields] == ["what_i_felt", "what_i_felt_2"]


def test_days_of_log_pages_follow_the_steps_that_ask_for_the_log() -> None:
    article = load_article(CONTENT / "articles" / "security-and-needs-133.txt")
    templates = {t.id: t for t in generate_templates(article)}
    assert template_days(article, templates["security-moments"]) >= 28
    short = parse_article(HEAD + "### Step 1: Notice (Suggested Days 1-3)\n\n- Each evening, note one bid.\n")
    assert template_days(short, generate_templates(short)[0]) == 7  # at least one week of pages


@pytest.mark.parametrize("action", [
    "Record three elements: (1) The trigger—what happened. (2) The module—which part you practised. "
    "(3) Your response—pursue (reach), withdraw (retreat) or freeze (stop)?",
    "Record two elements: (1) The created—what you made. (2) Your fields—where it happened.",
])
def test_no_field_takes_a_name_the_store_keeps_for_the_entry(action: str, tmp_path: Path) -> None:
    """A field named ``module`` or ``created`` made the store refuse every save of the log."""
    from relcourse.store.journal import Journal
    from relcourse.store.rows import ENTRY_COLUMNS

    log = next(t for t in templates_for(action).values() if t.id != "practice-log")
    ids = [f.id for f in log.fields]
    assert not set(ids) & set(ENTRY_COLUMNS) and len(set(ids)) == len(ids)
    charted = [log.chart_category] if isinstance(log.chart_category, str) else list(log.chart_category or [])
    assert all(c in ids for c in [*charted, *([log.chart_value] if log.chart_value else [])])
    with Journal(tmp_path / "j.sqlite") as journal:
        journal.add_entry("m", log.id, {f.id: "x" for f in log.fields})
        assert len(journal.entries("m", log.id)) == 1


def test_a_log_never_takes_the_self_checks_stored_result_name() -> None:
    from relcourse.course.logs import Field, _storable
    from relcourse.store.rows import RESULT_TEMPLATE

    log = _storable(JournalTemplate(RESULT_TEMPLATE, "Result log", "Write down one result.", (Field("what", "What"),)))
    assert log.id == f"{RESULT_TEMPLATE}-log" and [f.id for f in log.fields] == ["what"]
