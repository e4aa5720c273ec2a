"""``relcourse doctor`` tried with a store folder that cannot hold result cards: it must not say "ok"."""

from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.cli import main


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_doctor_does_not_call_result_cards_ok_where_they_cannot_be_saved(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """With RELCOURSE_HOME missing (or a file), saving a card fails (card_folder makes one folder, not its
    parents), yet doctor printed 'ok  result cards: …/result-cards (cards are saved readable by you only)'."""
    home = tmp_path / "home"
    if kind == "file":
        home.write_text("")
    monkeypatch.setenv("RELCOURSE_HOME", str(home))
    assert main(["doctor"]) == 1
    cards = [line for line in capsys.readouterr().out.splitlines() if "result-cards" in line or "result cards" in line]
    assert cards and not any(line.startswith("ok ") for line in cards), cards
