"""Charts read in light and dark themes, and each has its text alternative beside it."""

from __future__ import annotations

import base64
import io
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from relcourse.store.journal import Journal
from relcourse.store.views import summary_chart, summary_sentence
from relcourse.widgets import journal_form
from relcourse.widgets.charts import chart_html
from relcourse.widgets.journal_form import JournalForm
from relcourse.widgets.selfcheck import (
    LikertForm,
    SelfCheckHistory,
    SelfCheckResult,
    self_check,
    self_check_history,
    self_check_result,
)

IMG = re.compile(r'<img class="rc-chart-(light|dark)" src="data:image/png;base64,([^"]+)" alt="([^"]+)">')


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What the widgets display (outside a kernel an Output widget captures nothing)."""
    displayed: list[object] = []
    for name in ("journal_form", "selfcheck"):  # the modules (the package exports functions of the same name)
        monkeypatch.setattr(sys.modules[f"relcourse.widgets.{name}"], "display", lambda *objs, **_: displayed.extend(objs))
    return displayed


def shown_html(displayed: list[object]) -> str:
    return "".join(getattr(d, "data", "") for d in displayed if type(d).__name__ == "HTML")


def charts_in(html: str) -> list[tuple[list[tuple[str, str, str]], str]]:
    """Each chart: its images (theme, png, alt) and its summary sentence."""
    figures = re.findall(r'<figure class="rc-chart".*?</figure>', html, re.S)
    return [(IMG.findall(f), re.search(r'<figcaption class="rc-chart-summary[^"]*">(.+?)</figcaption>', f, re.S).group(1))  # type: ignore[union-attr]
            for f in figures]


def rgba(png: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGBA"), dtype=float).reshape(-1, 4)


def test_a_chart_comes_in_both_themes_on_a_transparent_background() -> None:
    html = chart_html(lambda: summary_chart(_entries()), "2 entries in 1 week.", "Chart")
    [(images, summary)] = charts_in(html)
    assert [theme for theme, _, _ in images] == ["light", "dark"] and summary == "2 entries in 1 week."
    assert all(alt == "Chart" for _, _, alt in images)
    light, dark = (rgba(png) for _, png, _ in images)
    assert (light[:, 3] == 0).mean() > 0.5 and (dark[:, 3] == 0).mean() > 0.5  # the theme's background shows through
    ink = (light[:, 3] > 200) & (dark[:, 3] > 200) & (np.abs(light[:, :3] - dark[:, :3]).max(axis=1) > 30)
    assert ink.sum() > 100  # text and axes drawn in each theme's own ink
    assert dark[ink, :3].mean() - light[ink, :3].mean() > 150  # near-black on light, near-white on dark


def _entries() -> pd.DataFrame:
    return pd.DataFrame({"created": pd.to_datetime(["2026-03-02T10:00Z", "2026-03-03T10:00Z"]), "intensity": [3, 7]})


def test_summary_says_what_the_journal_chart_shows() -> None:
    entries = _entries()
    sentence = summary_sentence(entries, None, "intensity", (0, 10))
    assert sentence == "2 entries in 1 week; intensity from 3 to 7, latest 7 (scale 0–10)."


def test_journal_chart_has_its_summary(tmp_path: Path, shown: list[object]) -> None:
    journal = Journal(tmp_path / "j.sqlite")
    form = journal_form("security-and-needs-044", "activation-journal", journal=journal)
    assert isinstance(form, JournalForm)
    form.fill({"trigger": "one-word reply", "behavioral_response": "pursue", "intensity": 7})
    assert form.save() == 1
    [(images, summary)] = charts_in(shown_html(shown))
    assert len(images) == 2 and all(alt.startswith("Chart of your entries") for _, _, alt in images)
    assert summary.startswith("1 entry in 1 week") and "pursue 1" in summary and "Intensity: 7 (scale 0–10)" in summary  # one entry: its value, not "from 7 to 7"
    assert "one-word reply" not in summary  # counts and choices, never what was written


def test_self_check_charts_have_their_summaries(private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                shown: list[object]) -> None:
    monkeypatch.chdir(tmp_path)
    journal = Journal()
    form, result, history = (f("relationship-test", journal=journal) for f in (self_check, self_check_result, self_check_history))
    assert isinstance(result, SelfCheckResult) and isinstance(history, SelfCheckHistory)
    takes: tuple[dict[str, int | None], ...] = ({"a1": 7, "a2": 6, "a3": 6, "a4": 1, "a5": 6, "r1": 2, "r2": 2, "r3": 2, "r4": 6},
                    {"a1": 5, "a2": 6, "a3": 6, "a4": 2, "a5": 5, "r1": 3, "r2": 3, "r3": 3, "r4": 5})
    assert isinstance(form, LikertForm)
    for answers in takes:
        form.fill(answers)
        form.save()
    shown.clear()
    result.refresh()
    [(images, summary)] = charts_in(shown_html(shown))
    assert len(images) == 2 and re.fullmatch(r"Where you are now, on a 1–7 scale \(the lines mark the middle, 4\): "
                                              r"[^.]+ \d\.\d(, [^.]+ \d\.\d)?\. Earlier takes are shown fainter: 1\.", summary), summary
    shown.clear()
    history.refresh()
    [(images, summary)] = charts_in(shown_html(shown))
    assert len(images) == 2 and "table" in summary
