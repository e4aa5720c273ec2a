"""Typed but not saved: kept as a draft while typing, shown again on reopening, dropped on Save."""

from __future__ import annotations

import asyncio
from pathlib import Path

from relcourse.store.journal import Journal
from relcourse.widgets import journal_form, reflection
from relcourse.widgets.drafts import DraftKeeper
from relcourse.widgets.journal_form import JournalForm
from relcourse.widgets.privacy import JournalWithoutWords
from relcourse.widgets.reflection import ReflectionWidget

M133 = "security-and-needs-133"
M044 = "security-and-needs-044"
PROMPT = "case-transformation-anxious-attachment-secure"


def test_reflection_draft_survives_closing_unsaved(journal: Journal) -> None:
    first = reflection(M133, PROMPT, journal=journal)
    assert isinstance(first, ReflectionWidget)
    first.text.value = "He named her"
    assert first.text.continuous_update  # every keystroke reaches the kernel
    assert "Draft — not saved" in first.state.value
    del first  # the tab is closed without pressing Save
    again = reflection(M133, PROMPT, journal=journal)
    assert isinstance(again, ReflectionWidget)
    assert again.text.value == "He named her" and "Draft — not saved" in again.state.value
    assert journal.reflection(M133, PROMPT) is None  # a draft, not an answer
    again.text.value = "He named her fear."
    again.save()
    assert journal.reflection(M133, PROMPT) == "He named her fear."
    assert journal.draft(M133, f"reflection/{PROMPT}/text") is None
    third = reflection(M133, PROMPT, journal=journal)
    assert isinstance(third, ReflectionWidget) and "Saved earlier" in third.state.value


def test_draft_after_a_saved_answer_wins_on_reopening(journal: Journal) -> None:
    journal.save_reflection(M133, PROMPT, "first answer")
    widget = reflection(M133, PROMPT, journal=journal)
    assert isinstance(widget, ReflectionWidget)
    widget.text.value = "first answer, and more"
    reopened = reflection(M133, PROMPT, journal=journal)
    assert isinstance(reopened, ReflectionWidget)
    assert reopened.text.value == "first answer, and more" and "Draft" in reopened.state.value


def test_journal_form_text_fields_kept_as_drafts(journal: Journal) -> None:
    form = journal_form(M044, "activation-journal", journal=journal)
    assert isinstance(form, JournalForm)
    form.inputs["trigger"].value = "one-word reply"
    form.inputs["somatic_experience"].value = "chest tight"
    reopened = journal_form(M044, "activation-journal", journal=journal)
    assert isinstance(reopened, JournalForm)
    assert reopened.inputs["trigger"].value == "one-word reply" and reopened.inputs["somatic_experience"].value == "chest tight"
    assert "Draft — not saved" in reopened.state.value
    assert reopened.save() is not None
    assert journal.draft(M044, "journal/activation-journal/trigger") is None
    fresh = journal_form(M044, "activation-journal", journal=journal)
    assert isinstance(fresh, JournalForm) and fresh.inputs["trigger"].value == ""


def test_drafts_not_shown_where_saves_are_not_scrubbed(tmp_path: Path) -> None:
    """Without the privacy extension the box would carry the draft into the .ipynb: kept, not shown."""
    hidden = JournalWithoutWords(tmp_path / "j.sqlite")
    widget = reflection(M133, PROMPT, journal=hidden)
    assert isinstance(widget, ReflectionWidget)
    widget.text.value = "PRIVATE-DRAFT"
    again = reflection(M133, PROMPT, journal=hidden)
    assert isinstance(again, ReflectionWidget) and again.text.value == ""
    assert Journal(tmp_path / "j.sqlite").draft(M133, f"reflection/{PROMPT}/text") == "PRIVATE-DRAFT"


def test_typing_is_written_once_per_pause(journal: Journal) -> None:
    writes: list[str] = []
    original = journal.save_draft

    def counting(module: str, field: str, text: str) -> None:
        writes.append(text)
        original(module, field, text)

    journal.save_draft = counting  # type: ignore[method-assign]

    async def typing() -> None:
        keeper = DraftKeeper(journal, M133, "reflection/p/", delay=0.05)
        for n in range(1, 8):
            keeper.changed("text", "abcdefg"[:n])
        assert writes == []  # still typing
        await asyncio.sleep(0.2)

    asyncio.run(typing())
    assert writes == ["abcdefg"] and journal.draft(M133, "reflection/p/text") == "abcdefg"
