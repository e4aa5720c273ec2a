"""Summaries of journal entries for the notebooks: DataFrames first, small charts second."""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from relcourse.escape import chart_text
from relcourse.i18n import _, format_short_day

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType


#: Debian's Noto CJK (README set-up): matplotlib does not pick up .ttc collections by itself
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FAMILY = "Noto Sans CJK SC"


#: characters on one line of a bar's label, so long step names do not squeeze the bars
LABEL_WIDTH = 26


@functools.cache
def chart_fonts() -> dict[RcKeyType, Any]:
    """rcParams for the text of every chart: Latin from DejaVu Sans, Chinese (a Chinese module's
    titles, a learner's Chinese choices, Chinese module names) from Noto CJK, registered once."""
    from matplotlib import font_manager

    if CJK_FONT.is_file() and CJK_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(CJK_FONT))
    known = {f.name for f in font_manager.fontManager.ttflist}
    return {"font.family": ["DejaVu Sans", *([CJK_FAMILY] if CJK_FAMILY in known else [])]}


def local_moment(moment: datetime) -> datetime:
    """A stored time (UTC; one without an offset is UTC too) as this computer's wall clock, without a zone.

    Babel formats a time in the zone it carries and does not convert, and a learner in Beijing who
    saves at 21:30 must read 21:30, on that day: every table, chart and summary converts here. The
    zone is the kernel's (``TZ`` or the system's), with the rules of the moment itself (summer time).
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().replace(tzinfo=None)


def local_times(times: pd.Series) -> pd.Series:
    """:func:`local_moment` of each stored time (a ``created`` column), as naive datetimes."""
    return pd.to_datetime(times.map(lambda t: local_moment(t.to_pydatetime()))) if len(times) else (
        pd.Series(dtype="datetime64[ns]", index=times.index))


def entries_per_week(entries: pd.DataFrame) -> pd.DataFrame:
    """Number of entries per calendar week (weeks start on Monday, days in local time)."""
    if entries.empty:
        return pd.DataFrame({"week": pd.Series(dtype="datetime64[ns]"), "entries": pd.Series(dtype=int)})
    weeks = local_times(entries["created"]).dt.to_period("W-SUN").dt.start_time
    counts = weeks.value_counts().sort_index()
    return pd.DataFrame({"week": counts.index, "entries": counts.to_numpy()})


def counts_by(entries: pd.DataFrame, field: str | Sequence[str]) -> pd.DataFrame:
    """How often each value was recorded (e.g. response type).

    ``field`` may name several columns that take the same values (the secure/insecure choice of
    each of three moments): their answers are counted together, in a column named after the first.
    """
    fields = [field] if isinstance(field, str) else list(field)
    name = fields[0]
    present = [f for f in fields if f in entries]
    if entries.empty or not present:
        return pd.DataFrame({name: pd.Series(dtype=str), "count": pd.Series(dtype=int)})
    values = pd.concat([entries[f] for f in present], ignore_index=True).dropna().astype(str)  # 3 and "3" sort together
    counts = values[values.str.strip() != ""].value_counts().sort_index()
    return pd.DataFrame({name: counts.index, "count": counts.to_numpy()})


def over_time(entries: pd.DataFrame, field: str) -> pd.DataFrame:
    """A numeric field (e.g. intensity) by entry time."""
    if entries.empty or field not in entries:
        return pd.DataFrame({"created": pd.Series(dtype="datetime64[ns, UTC]"), field: pd.Series(dtype=float)})
    values = pd.to_numeric(entries[field], errors="coerce")
    frame = pd.DataFrame({"created": entries["created"], field: values}).dropna()
    return frame.reset_index(drop=True)


def _slots(bars: int, at_least: int = 4) -> tuple[float, float]:
    """Axis limits with room for ``at_least`` bars, so one entry is a bar, not a wall of colour."""
    pad = max(0.0, (at_least - bars) / 2)
    return -0.5 - pad, bars - 0.5 + pad


#: the fewest days the time axis spans, so one entry is a point in a week, not five years
MIN_DAYS_SHOWN = 7
#: at most this many dates or weeks are labelled on an axis
MAX_LABELS = 8


def time_axis(axis: Any, times: pd.Series) -> None:
    """Local dates on whole days (a short span) or Mondays (a long one), at least a week wide."""
    from matplotlib.dates import MO, DayLocator, WeekdayLocator, date2num, num2date
    from matplotlib.ticker import FuncFormatter

    days = local_times(times).dt.normalize() if len(times) else pd.Series([pd.Timestamp.now().normalize()])
    first, last = days.min(), days.max() + pd.Timedelta(days=1)
    span = (last - first).days
    if span < MIN_DAYS_SHOWN:
        first -= pd.Timedelta(days=(MIN_DAYS_SHOWN - span) // 2)
        last = first + pd.Timedelta(days=MIN_DAYS_SHOWN)
        span = MIN_DAYS_SHOWN
    axis.set_xlim(date2num(first), date2num(last))
    if span <= 2 * MIN_DAYS_SHOWN:
        axis.xaxis.set_major_locator(DayLocator(interval=max(1, -(-span // MAX_LABELS))))
    else:
        axis.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=max(1, -(-span // 7 // MAX_LABELS))))
    axis.xaxis.set_major_formatter(FuncFormatter(lambda value, _position: format_short_day(num2date(value).date())))


def summary_chart(
    entries: pd.DataFrame,
    category_field: str | Sequence[str] | None = None,
    numeric_field: str | None = None,
    category_label: str | None = None,
    numeric_range: tuple[int, int] | None = None,
    numeric_label: str | None = None,
) -> Figure:  # panel titles come from the log (JournalTemplate.category_title, value_title); field ids only as a fallback
    """Entries per week, plus responses by type and/or a numeric field over time when given.

    ``numeric_range`` is the numeric field's scale (0–10 for intensity): the axis shows all of it,
    so one entry of 7 reads as 7 out of 10, not as the middle of a 6.7–7.3 band.
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    panels = 1 + (category_field is not None) + (numeric_field is not None)
    figure = Figure(figsize=(3.2 * panels, 2.4), layout="constrained")
    axes = figure.subplots(1, panels, squeeze=False)[0]
    weekly = entries_per_week(entries)
    axes[0].bar(range(len(weekly)), weekly["entries"], color="#4a7c8c", width=0.5)  # by position: labels may repeat
    axes[0].set_title(_("Entries per week"), fontsize=9)
    axes[0].set_xlim(*_slots(len(weekly)))
    step = -(-len(weekly) // MAX_LABELS) if len(weekly) else 1  # a year of weeks: every n-th week named
    axes[0].set_xticks(range(0, len(weekly), step), [format_short_day(w.date()) for w in weekly["week"]][::step])
    index = 1
    if category_field is not None:
        counts = counts_by(entries, category_field)
        first = counts.columns[0]
        # the learner's recorded choices: text, never maths; a long one (a step's name) on lines of its own
        labels = [chart_text(textwrap.fill(v, LABEL_WIDTH)) for v in counts[first].astype(str)]
        axes[index].barh(labels, counts["count"], color="#a8743f", height=0.5)  # data colours: 3:1 on light and dark
        axes[index].tick_params(axis="y", labelsize=7)
        axes[index].set_title(chart_text(category_label or first.replace("_", " ")), fontsize=9)
        axes[index].set_ylim(*_slots(len(counts)))
        axes[index].xaxis.set_major_locator(MaxNLocator(integer=True))
        if counts.empty:  # no choice made yet: say so rather than draw axes of nothing
            axes[index].set_xticks([])
            axes[index].set_yticks([])
            axes[index].text(0.5, 0.5, _("none recorded yet"), ha="center", va="center", fontsize=8, transform=axes[index].transAxes)
        index += 1
    if numeric_field is not None:
        series = over_time(entries, numeric_field)
        axes[index].plot(local_times(series["created"]), series[numeric_field], marker="o", color="#7a5a8c")
        axes[index].set_title(chart_text(_("{field} over time").format(field=numeric_label or numeric_field.replace("_", " ").capitalize())), fontsize=9)
        time_axis(axes[index], series["created"])
        if numeric_range is not None:
            low, high = numeric_range
            axes[index].set_ylim(low - 0.5, high + 0.5)
            axes[index].set_yticks(range(low, high + 1, max(1, (high - low) // 5)))
        axes[index].tick_params(axis="x", labelrotation=30, labelsize=7)
    for axis in axes:
        axis.tick_params(labelsize=7)
    axes[0].yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of entries
    return figure


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    """PNG bytes of a figure (no pyplot, no inline backend needed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def summary_sentence(
    entries: pd.DataFrame,
    category_field: str | Sequence[str] | None = None,
    numeric_field: str | None = None,
    numeric_range: tuple[int, int] | None = None,
    numeric_label: str | None = None,
    category_label: str | None = None,
) -> str:
    """What :func:`summary_chart` shows, in words: the chart's text alternative for screen readers,
    named as the chart names its panels, with the language's own punctuation.

    Only counts, the recorded choice labels and numbers: never what the learner wrote in a text field.
    """
    from relcourse.i18n import format_list, ngettext

    weekly = entries_per_week(entries)
    total = int(weekly["entries"].sum()) if len(weekly) else 0
    parts = [_("{entries} in {weeks}").format(entries=ngettext("{count} entry", "{count} entries", total).format(count=total),
                                              weeks=ngettext("{weeks} week", "{weeks} weeks", len(weekly)).format(weeks=len(weekly)))]
    if len(weekly) > 1 and weekly["entries"].nunique() > 1:  # a busiest week, not the first of equals
        busiest = weekly.loc[weekly["entries"].idxmax()]
        parts.append(_("most in the week of {week}: {count}").format(week=format_short_day(busiest["week"].date()), count=int(busiest["entries"])))
    if category_field is not None:
        counts = counts_by(entries, category_field)
        if len(counts):
            name = counts.columns[0]
            listed = format_list([f"{value} {int(n)}" for value, n in zip(counts[name], counts["count"])])
            parts.append(_("{label}: {counts}").format(label=category_label or _("by type"), counts=listed))
    if numeric_field is not None:
        series = over_time(entries, numeric_field)[numeric_field]
        field = numeric_label or numeric_field.replace("_", " ")
        scale = _(" (scale {low}–{high})").format(low=numeric_range[0], high=numeric_range[1]) if numeric_range else ""
        if len(series) == 1:
            parts.append(_("{field}: {value:g}{scale}").format(field=field, value=series.iloc[0], scale=scale))
        elif len(series):
            parts.append(_("{field} from {low:g} to {high:g}, latest {latest:g}{scale}").format(
                field=field, low=series.min(), high=series.max(), latest=series.iloc[-1], scale=scale))
    return _("; ").join(parts) + _(".")
