"""Result cards are private files in the learner's data folder; unmarked kernels show no stored words."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from relcourse.errors import RelcourseError
from relcourse.store.journal import Journal
from relcourse.widgets.privacy import JournalWithoutWords
from relcourse.widgets.result_card import CARD_FOLDER, card_folder
from relcourse.widgets.selfcheck import SelfCheckResult, self_check, self_check_result
from tests.conftest import CONTENT

ANSWERS: dict[str, int | None] = {"a1": 7, "a2": 6, "a3": 6, "a4": 1, "a5": 6, "r1": 2, "r2": 2, "r3": 2, "r4": 6}


@pytest.fixture
def result(private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SelfCheckResult:
    monkeypatch.setenv("RELCOURSE_CONTENT", str(CONTENT))
    monkeypatch.chdir(tmp_path)  # the course folder a learner works in
    journal = Journal()
    form = self_check("relationship-test", journal=journal)
    form.fill(ANSWERS)
    form.save()
    view = self_check_result("relationship-test", journal=journal)
    assert isinstance(view, SelfCheckResult)
    return view


def test_cards_are_private_and_next_to_the_store(result: SelfCheckResult, private_home: Path, tmp_path: Path) -> None:
    paths = result.save_card()
    assert [p.parent for p in paths] == [private_home / CARD_FOLDER] * 2
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)
    assert stat.S_IMODE((private_home / CARD_FOLDER).stat().st_mode) == 0o700
    assert list(tmp_path.iterdir()) == []  # nothing in the course folder
    assert "Saved:" in result.links.children[0].value
    result.refresh()  # a retake: the earlier take's card links go
    assert result.links.children == ()


def test_cards_never_written_through_a_link(result: SelfCheckResult, private_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.png"
    target.write_bytes(b"keep")
    folder = card_folder()
    (folder / "relationship-test-result.png").symlink_to(target)
    assert result.save_card() == []
    assert "link" in result.links.children[0].value and target.read_bytes() == b"keep"


def test_a_linked_card_folder_is_refused(private_home: Path, tmp_path: Path) -> None:
    (private_home / CARD_FOLDER).symlink_to(tmp_path)
    with pytest.raises(RelcourseError, match="result-card|link"):
        card_folder()


def test_journal_without_words_hides_and_keeps(private_home: Path) -> None:
    with Journal() as journal:
        journal.save_reflection("m", "p", "earlier words")
        journal.add_entry("m", "t", {"trigger": "entry words"})
    hidden = JournalWithoutWords()
    assert hidden.reflection("m", "p") is None and hidden.has_hidden_reflection("m", "p")
    assert hidden.entries("m", "t").empty
    hidden.save_reflection("m", "p", "new words")  # added to what could not be shown, never replacing it
    hidden.save_reflection("m", "p", "   ")
    with Journal() as journal:
        assert journal.reflection("m", "p") == "earlier words\n\nnew words"
        assert len(journal.entries("m", "t")) == 1
    hidden.close()
