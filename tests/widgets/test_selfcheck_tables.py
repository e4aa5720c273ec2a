"""The self-check history table speaks the self-check's language, down to a subscale not scored."""

from __future__ import annotations

from relcourse.i18n import use_language
from relcourse.widgets.selfcheck import score_text


def test_not_scored_in_chinese() -> None:
    with use_language("zh-Hans"):
        assert score_text(None) == "未计分" and score_text(5.6000001) == "5.6"
    assert score_text(None) == "not scored"
