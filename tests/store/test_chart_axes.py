"""Chart axes fit the data's scale: 0–10 for intensity, whole days or weeks, one entry or a hundred."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.dates import num2date

from relcourse.store.journal import Journal
from relcourse.store.views import MAX_LABELS, figure_png, summary_chart


def entries(tmp_path: Path, days: list[int]) -> pd.DataFrame:
    start = datetime(2026, 3, 2, 21, 30, tzinfo=timezone.utc)
    with Journal(tmp_path / "j.sqlite") as journal:
        for n, day in enumerate(days):
            journal.add_entry("m", "t", {"response": "pursue", "intensity": 3 + n % 5},
                              created=(start + timedelta(days=day)).isoformat())
        return journal.entries("m", "t")


def test_one_entry_a_week_on_x_and_the_whole_scale_on_y(tmp_path: Path) -> None:
    figure = summary_chart(entries(tmp_path, [0]), "response", "intensity", numeric_range=(0, 10))
    weekly, _, numeric = figure.axes
    assert numeric.get_ylim() == (-0.5, 10.5)
    assert list(numeric.get_yticks()) == [0, 2, 4, 6, 8, 10]
    low, high = numeric.get_xlim()
    assert high - low == 7  # a week around the entry, not years
    ticks = numeric.get_xticks()
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)  # midnight: whole days
    assert num2date(low) <= datetime(2026, 3, 2, 21, 30, tzinfo=timezone.utc) <= num2date(high)
    assert len(weekly.get_xticks()) == 1
    figure_png(figure)


def test_a_hundred_entries_labelled_by_monday(tmp_path: Path) -> None:
    figure = summary_chart(entries(tmp_path, list(range(0, 300, 3))), "response", "intensity", numeric_range=(0, 10))
    weekly, _, numeric = figure.axes
    ticks = numeric.get_xticks()
    assert 2 <= len(ticks) <= MAX_LABELS + 1
    assert {num2date(t).weekday() for t in ticks} == {0} and all(float(t).is_integer() for t in ticks)
    assert len(weekly.get_xticks()) <= MAX_LABELS
    assert numeric.get_ylim() == (-0.5, 10.5)
    figure_png(figure)


def test_recorded_choices_with_dollar_signs_are_drawn_as_text(tmp_path: Path) -> None:
    """A choice imported from another computer may hold '$\\undefined$': matplotlib must not parse it as maths."""
    with Journal(tmp_path / "j.sqlite") as journal:
        journal.add_entry("m", "t", {"response": r"$\undefinedcmd$ and $5", "intensity": 4})
        frame = journal.entries("m", "t")
    figure = summary_chart(frame, "response", "intensity", category_label=r"By $\frac$", numeric_range=(0, 10))
    assert figure_png(figure).startswith(b"\x89PNG")
    labels = [t.get_text() for t in figure.axes[1].get_yticklabels()]
    assert labels == [r"\$\undefinedcmd\$ and \$5"]


def test_a_chinese_chart_speaks_chinese_and_has_every_glyph(tmp_path: Path) -> None:
    """In a Chinese module the titles and dates are Chinese and a learner's Chinese choices are drawn
    (a missing glyph is a warning, an error under this suite's filterwarnings)."""
    import matplotlib

    from relcourse.i18n import use_language
    from relcourse.store.views import CJK_FONT, chart_fonts, summary_sentence

    start = datetime(2026, 3, 2, 21, 30, tzinfo=timezone.utc)
    with Journal(tmp_path / "zh.sqlite") as journal:
        for day, choice in zip([0, 1, 9], ["靠近", "回避", "靠近"], strict=True):  # two in the first week, one in the next
            journal.add_entry("m", "t", {"response": choice, "intensity": 4}, created=(start + timedelta(days=day)).isoformat())
        logged = journal.entries("m", "t")
    with use_language("zh-Hans"):
        with matplotlib.rc_context(chart_fonts()):
            figure = summary_chart(logged, "response", "intensity", None, (0, 10), "强度")
            if CJK_FONT.is_file():  # Debian's fonts-noto-cjk, installed by the README's set-up
                figure_png(figure)
            elif os.environ.get("CI"):
                pytest.fail(f"{CJK_FONT} is missing: the README's set-up installs fonts-noto-cjk")
        sentence = summary_sentence(logged, "response")
    weekly, by_type, numeric = figure.axes
    assert weekly.get_title() == "每周记录数" and by_type.get_title() == "response" and numeric.get_title() == "强度的变化"
    assert [t.get_text() for t in weekly.get_xticklabels()][0] == "3月2日"
    assert "3月" in sentence and "Mar" not in sentence
    with use_language("zh-Hans"):
        said = summary_sentence(logged, "response", "intensity", (0, 10), "强度", "按反应")
    assert said.startswith("2 周内共 3 条记录；最多的一周（3月2日那周）：2；") and "按反应：" in said and said.endswith("。") and ";" not in said
    if not CJK_FONT.is_file():
        pytest.skip(f"{CJK_FONT} is not installed: the glyphs were not checked (titles and dates were)")


def test_a_long_step_name_wraps_instead_of_squeezing_the_bars() -> None:
    frame = pd.DataFrame({"created": pd.to_datetime(["2026-03-02T10:00Z", "2026-03-03T10:00Z"]),
                          "step": ["Step 1: Awareness — Mapping Your Activation Patterns (Weeks 1-2)", "Step 2: Talk"]})
    _, by_step = summary_chart(frame, "step").axes
    labels = [t.get_text() for t in by_step.get_yticklabels()]
    assert labels[1] == "Step 2: Talk" and labels[0].count("\n") >= 2
    assert labels[0].replace("\n", " ") == "Step 1: Awareness — Mapping Your Activation Patterns (Weeks 1-2)"


def test_no_busiest_week_among_equals() -> None:
    from relcourse.store.views import summary_sentence

    frame = pd.DataFrame({"created": pd.to_datetime(["2026-03-02T10:00Z", "2026-03-10T10:00Z"])})
    assert summary_sentence(frame) == "2 entries in 2 weeks."
    busier = pd.DataFrame({"created": pd.to_datetime(["2026-03-02T10:00Z", "2026-03-03T10:00Z", "2026-03-10T10:00Z"])})
    assert "most in the week of 02 Mar: 2" in summary_sentence(busier)
