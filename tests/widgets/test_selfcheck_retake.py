"""Self-check retake: answers stay to review, history reads as the result does, cards download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from relcourse.store.journal import Journal
from relcourse.widgets.downloads import decode_href
from relcourse.widgets.selfcheck import (
    LikertForm,
    SelfCheckHistory,
    SelfCheckResult,
    self_check,
    self_check_history,
    self_check_result,
)
from tests.conftest import CONTENT

FIRST: dict[str, int | None] = {"a1": 7, "a2": 6, "a3": 6, "a4": 1, "a5": 6, "r1": 2, "r2": 2, "r3": 2, "r4": 6}
SECOND: dict[str, int | None] = {"a1": 5, "a2": 6, "a3": 6, "a4": 2, "a5": 5}


@pytest.fixture
def views(private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[LikertForm, SelfCheckResult, SelfCheckHistory]:
    monkeypatch.setenv("RELCOURSE_CONTENT", str(CONTENT))
    monkeypatch.chdir(tmp_path)
    journal = Journal()
    form, result, history = (f("relationship-test", journal=journal) for f in (self_check, self_check_result, self_check_history))
    assert isinstance(form, LikertForm) and isinstance(result, SelfCheckResult) and isinstance(history, SelfCheckHistory)
    return form, result, history


def test_answers_stay_visible_after_see_my_result(views: tuple[LikertForm, SelfCheckResult, SelfCheckHistory]) -> None:
    form, _, _ = views
    form.fill(FIRST)
    assert form.save() is not None
    assert {key: value for key, value in form.answers().items() if value is not None} == FIRST


def test_retake_history_rounded_and_card_links_renewed(views: tuple[LikertForm, SelfCheckResult, SelfCheckHistory],
                                                        tmp_path: Path) -> None:
    form, result, history = views
    form.fill(FIRST)
    form.save()
    paths = result.save_card()
    value = result.links.children[0].value
    hrefs = dict(re.findall(r'download="([^"]+)" href="([^"]+)"', value))
    assert set(hrefs) == {p.name for p in paths}
    assert decode_href(hrefs["relationship-test-result.pdf"]).startswith(b"%PDF")
    assert decode_href(hrefs["relationship-test-result.png"]) == paths[0].read_bytes()
    form.fill({key: None for key in FIRST})
    form.fill(SECOND)
    form.save()  # a retake
    assert result.links.children == ()  # the first take's cards are not this result
    shown = history.shown_table(history.table())
    scores = [str(v) for v in shown.iloc[:, 1:].to_numpy().ravel()]
    assert "5.6" in scores and not any(re.search(r"\.\d{3,}", s) for s in scores)
    assert "not scored" in scores  # the second take skipped the r items
    assert list(tmp_path.iterdir()) == []
