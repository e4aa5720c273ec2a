"""A learner's self-check result as a chart, a shareable PNG card and a one-page PDF.

Nothing is written unless the learner asks for it. The cards are as private as the journal:
they go into ``result-cards/`` next to the store (never the course folder, which is shared
and often under version control), readable by the learner only.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relcourse.course.selfcheck.instrument import MIDDLE_BAND, Instrument, Result, per_item
from relcourse.course.selfcheck.recommend import Recommendation
from relcourse.escape import chart_text
from relcourse.i18n import _, current_language
from relcourse.store.views import chart_fonts, figure_png

if TYPE_CHECKING:
    from matplotlib.figure import Figure



def _draw_positions(axis: object, instrument: Instrument, result: Result, history: Sequence[Result] = ()) -> None:
    """The two chart dimensions as a map with the learner's position (earlier takes fainter)."""
    if instrument.chart is None:
        raise ValueError(f"instrument {instrument.id} has no chart dimensions")
    low, high = instrument.scale_min, instrument.scale_max
    middle = (low + high) / 2
    x_id, y_id = instrument.chart
    ax: Any = axis
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.axvline(middle, color="#bbb", lw=0.8)
    ax.axhline(middle, color="#bbb", lw=0.8)
    for earlier in history:
        if earlier.value(x_id) is not None and earlier.value(y_id) is not None:
            ax.plot(earlier.value(x_id), earlier.value(y_id), "o", color="#9ab", ms=6)
    if result.value(x_id) is not None and result.value(y_id) is not None:
        ax.plot(result.value(x_id), result.value(y_id), "o", color="#2f7f93", ms=11)  # 3:1 on light and dark
    ax.set_xlabel(f"{chart_text(instrument.subscale(x_id).name)} →", fontsize=8)
    ax.set_ylabel(f"{chart_text(instrument.subscale(y_id).name)} →", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.set_title(_("Where you are now") + (" " + _("(grey: earlier)") if history else ""), fontsize=9)


def position_summary(instrument: Instrument, result: Result, history: Sequence[Result] = ()) -> str:
    """What the position chart shows, in words (its text alternative)."""
    if instrument.chart is None:
        return ""
    (x_id, y_id), low, high = instrument.chart, instrument.scale_min, instrument.scale_max
    where = [_("{name} {value:.1f}").format(name=instrument.subscale(i).name, value=result.value(i))
             for i in (x_id, y_id) if result.value(i) is not None]
    text = _("Where you are now, on a {low}–{high} scale (the lines mark the middle, {middle:g}): {where}.").format(
        low=low, high=high, middle=(low + high) / 2, where=", ".join(where) or _("not scored"))
    return text + (" " + _("Earlier takes are shown fainter: {count}.").format(count=len(history)) if history else "")


def position_chart(instrument: Instrument, result: Result, history: Sequence[Result] = ()) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4.2, 4.0), layout="constrained")
    _draw_positions(figure.subplots(), instrument, result, history)
    return figure


def card_figure(instrument: Instrument, result: Result) -> Figure:
    """The shareable card: the position map plus one bar per subscale."""
    import matplotlib

    with matplotlib.rc_context(chart_fonts()):  # a text keeps the fonts of when it was made, also when saved later
        return _card_figure(instrument, result)


def _card_figure(instrument: Instrument, result: Result) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 3.9), layout="constrained")
    left, right = figure.subplots(1, 2, width_ratios=[1, 1.3])
    if instrument.chart is not None:
        _draw_positions(left, instrument, result)
    else:
        left.axis("off")
    names = [chart_text(s.name) for s in instrument.subscales]
    values = [result.value(s.id) or 0 for s in instrument.subscales]
    right.barh(names[::-1], values[::-1], color="#4a7c8c")
    right.set_xlim(instrument.scale_min, instrument.scale_max)
    right.tick_params(labelsize=7)
    right.set_xlabel(_("{low} = low … {high} = high").format(low=instrument.scale_min, high=instrument.scale_max), fontsize=7)
    for index, sub in enumerate(instrument.subscales[::-1]):
        if result.value(sub.id) is None:
            right.text(instrument.scale_min + 0.1, index, _("not scored (too many skipped)"), va="center", fontsize=7)
    figure.suptitle(f"{chart_text(instrument.title)}\n{chart_text(instrument.standing())}", fontsize=9)
    return figure


def explanation(instrument: Instrument, result: Result) -> list[tuple[str, str]]:
    """Plain-language lines per subscale: (name, what the position means)."""
    middle = (instrument.scale_min + instrument.scale_max) / 2
    lines = []
    for sub in instrument.subscales:
        value = result.value(sub.id)
        position = per_item(sub, value)
        if position is None:
            text = _("Not scored: too many statements were skipped to place you fairly.")
        elif abs(position - middle) < MIDDLE_BAND:
            text = _("Around the middle ({value}): sometimes one way, sometimes the other.").format(value=value)
        else:
            text = f"{value}: {sub.high if position > middle else sub.low}"
        lines.append((sub.name, text))
    return lines


def card_html(instrument: Instrument, result: Result, recommendations: Sequence[Recommendation], png: bytes | None = None) -> str:
    """One page: the card image, the explanation and the action plan (the image embedded, nothing fetched),
    in the current language (the self-check's)."""
    image = base64.b64encode(png or figure_png(card_figure(instrument, result), dpi=150)).decode()
    rows = "".join(f"<tr><th>{html.escape(n)}</th><td>{html.escape(t)}</td></tr>" for n, t in explanation(instrument, result))
    plan = "".join("<li>" + _("{title}: start with {step}").format(title=f"<b>{html.escape(r.title)}</b>", step=html.escape(r.first_step))
                   + "</li>" for r in recommendations)
    title = html.escape(_("{title}: my result").format(title=instrument.title))
    chart, steps = html.escape(_("Result chart")), html.escape(_("My next steps"))
    return f"""<!DOCTYPE html><html lang="{html.escape(current_language())}"><head><meta charset="utf-8"><title>{title}</title>
<style>@page {{ size: A4; margin: 15mm }} body {{ font-family: "DejaVu Sans", "Noto Sans CJK SC", sans-serif; font-size: 9.5pt; color: #222 }}
h1 {{ font-size: 14pt; color: #1f4e5a }} img {{ width: 100% }} th {{ text-align: left; vertical-align: top; padding-right: 1em;
white-space: nowrap }} td, th {{ padding: .25em 0 }} .note {{ color: #555; font-size: 8pt; border-top: 1px solid #ccc; padding-top: .4em }}</style>
</head><body><h1>{title}</h1><img src="data:image/png;base64,{image}" alt="{chart}">
<table>{rows}</table><h2 style="font-size:11pt">{steps}</h2><ol>{plan}</ol>
<p class="note">{html.escape(instrument.standing())} {html.escape(instrument.citation)}</p></body></html>"""


CARD_FOLDER = "result-cards"


def card_folder_problem(folder: Path) -> str | None:
    """Why result cards cannot be saved in ``folder``, or None: the one rule :func:`card_folder` and
    ``relcourse doctor`` share (the folder is made on the first save, but never its parents)."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return _("{folder}: is a link or a file, not a folder; move it away to save result cards").format(folder=folder)
    if folder.parent.exists() and not folder.parent.is_dir():
        return _("{folder}: {parent} is a file, not a folder; move it away or set RELCOURSE_HOME to a folder").format(
            folder=folder, parent=folder.parent)
    if not folder.parent.is_dir():
        return _("{folder}: its folder {parent} does not exist; create it or set RELCOURSE_HOME to a writable folder").format(
            folder=folder, parent=folder.parent)
    if not os.access(folder if folder.exists() else folder.parent, os.W_OK | os.X_OK):
        return _("{folder}: cannot write there; set RELCOURSE_HOME to a writable folder").format(folder=folder)
    return None


def card_folder() -> Path:
    """``result-cards/`` in the learner's data folder (where the store lives), created private."""
    from relcourse.errors import RelcourseError
    from relcourse.store.schema import default_store_path

    folder = default_store_path().parent / CARD_FOLDER
    problem = card_folder_problem(folder)
    if problem:
        raise RelcourseError(problem)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise RelcourseError(_("{folder}: cannot create the result-card folder ({reason}); set RELCOURSE_HOME to a writable folder")
                             .format(folder=folder, reason=exc.strerror)) from None
    return folder


def save_card(instrument: Instrument, result: Result, recommendations: Sequence[Recommendation],
              folder: Path | None = None) -> list[Path]:
    """Write ``<id>-result.png`` and ``.pdf`` (mode 0600, never through a link) into :func:`card_folder`."""
    from relcourse.export.pdf import html_to_pdf
    from relcourse.store.private import write_private

    folder = folder or card_folder()
    png = folder / f"{instrument.id}-result.png"
    pdf = folder / f"{instrument.id}-result.pdf"
    image = figure_png(card_figure(instrument, result), dpi=150)
    write_private(png, image)
    write_private(pdf, html_to_pdf(card_html(instrument, result, recommendations, image)))
    return [png, pdf]
