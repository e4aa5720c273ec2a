"""The self-check module: Likert form, result with action plan and result card, history."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.core.display import HTML, Markdown
from IPython.core.display_functions import display

from relcourse.course.loader import current_course
from relcourse.course.selfcheck.instrument import Instrument, Result, SubscaleScore, score
from relcourse.course.selfcheck.recommend import recommend
from relcourse.errors import RelcourseError
from relcourse.escape import chart_text
from relcourse.escape import markdown_text as md
from relcourse.i18n import N_, _, format_moment
from relcourse.store.journal import Journal, UnusableRow
from relcourse.store.rows import RESULT_TEMPLATE as STORED_RESULT
from relcourse.store.views import local_moment
from relcourse.widgets.base import PrivateBox, friendly, get_journal, html_text, status, table_view
from relcourse.widgets.charts import chart_html
from relcourse.widgets.downloads import Download, download_link
from relcourse.widgets.journal_form import unusable_notice
from relcourse.widgets.result_card import explanation, position_chart, position_summary, save_card
from relcourse.widgets.settle import on_press

RESULT_TEMPLATE = STORED_RESULT  # the shape of a stored take: store.rows.result_scores
#: the result card's files, by suffix, as offered for download
CARD_TYPES = {".png": "image/png", ".pdf": "application/pdf"}
_views: weakref.WeakSet[PrivateBox] = weakref.WeakSet()


def score_text(value: float | None) -> str:
    """A score as the result explains it: at most two decimals, no trailing zeros (5.6, not 5.600000)."""
    if value is None or pd.isna(value):
        return _("not scored")  # the self-check's language, as the result says it
    return f"{round(float(value), 2):g}"


@dataclass(frozen=True)
class Take:
    """One completed take as the views show it: when (the learner's clock) and its scores."""

    when: datetime
    result: Result
    #: subscales whose stored score does not fit this version of the instrument (its scale or items
    #: were changed since): the take is shown, flagged, and never placed on this version's chart
    outside: frozenset[str] = frozenset()

    @property
    def earlier_version(self) -> bool:
        return bool(self.outside)


@dataclass(frozen=True)
class SavedTakes:
    """Every usable take, oldest first, and the stored rows that could not be read as one."""

    takes: list[Take]
    unusable: tuple[UnusableRow, ...]


def saved_results(journal: Journal, instrument: Instrument) -> SavedTakes:
    """Every completed take, oldest first (retaking keeps the history). A take scored on an earlier
    version of the instrument (a facilitator changed its scale or a subscale's items) is kept and
    flagged; a row that is not a take at all is left out and reported."""
    readable = journal.readable_entries(instrument.id, RESULT_TEMPLATE)  # scores checked by store.rows.result_scores
    takes = []
    for _taken, row in readable.frame.iterrows():
        result = Result(instrument.id)
        outside = set(row["scores"]) ^ {sub.id for sub in instrument.subscales}  # a subscale added or removed since
        for sub in instrument.subscales:
            value = row["scores"].get(sub.id)
            items = len(sub.items) if sub.method == "sum" else 1
            if value is not None and not instrument.scale_min * items <= value <= instrument.scale_max * items:
                outside.add(sub.id)
            result.scores[sub.id] = SubscaleScore(sub.id, value, 0, 0)
        takes.append(Take(local_moment(row["created"].to_pydatetime()), result, frozenset(outside)))
    return SavedTakes(takes, readable.unusable)


#: how a take scored on an earlier version of the instrument is marked in the history table
EARLIER_MARK = N_("(earlier version)")


class LikertForm(PrivateBox):
    kind = "selfcheck"

    def __init__(self, instrument: Instrument, journal: Journal) -> None:
        super().__init__(instrument.id, "form")
        self.instrument = instrument
        self.journal = journal
        anchors = " · ".join(f"{k} = {v}" for k, v in sorted(instrument.anchors.items()))
        options = [(str(n), n) for n in range(instrument.scale_min, instrument.scale_max + 1)]
        self.inputs = {item.id: w.ToggleButtons(options=options, value=None, style={"button_width": "2.6em"})
                       for item in instrument.items}
        rows = [w.VBox([w.HTML(f"<b>{n}.</b> {html_text(item.text)}"), self.inputs[item.id]])
                for n, item in enumerate(instrument.items, 1)]
        self.submit = w.Button(description=_("See my result"), button_style="primary")
        self.state = w.HTML()
        on_press(self.submit, self.save)  # after the last answers chosen: widgets.settle
        self.children = [w.HTML(f"<i>{html_text(instrument.instructions)}</i><br><small>{html_text(anchors)}</small>"),
                         *rows, w.HBox([self.submit, self.state])]

    def answers(self) -> dict[str, int | None]:
        return {key: widget.value for key, widget in self.inputs.items()}

    def fill(self, answers: dict[str, int | None]) -> None:
        for key, value in answers.items():
            self.inputs[key].value = value

    def save(self) -> Result | None:
        answers = self.answers()
        if all(v is None for v in answers.values()):
            self.state.value = status(_("Answer at least some statements first."))
            return None
        result = score(self.instrument, answers)
        self.journal.add_entry(self.instrument.id, RESULT_TEMPLATE, {
            "answers": {k: v for k, v in answers.items() if v is not None},
            "scores": {k: s.score for k, s in result.scores.items()},
        })
        # the answers stay on screen to look back at; a kernel whose saves are not scrubbed never shows
        # stored answers (widgets.privacy), and these leave with the page
        self.state.value = status(_("Saved privately ✓ Your result is below; change any answer and press "
                                    "the button again to retake the test."), "ok")
        for view in list(_views):
            if view.module_slug == self.instrument.id and view.journal is self.journal:  # the same store, still open
                view.refresh()
        return result


class SelfCheckResult(PrivateBox):
    kind = "result"

    def __init__(self, instrument: Instrument, journal: Journal) -> None:
        super().__init__(instrument.id, "result")
        self.instrument = instrument
        self.journal = journal
        self.card_button = w.Button(description=_("Save my result card (PNG + PDF)"), icon="download",
                                    layout=w.Layout(width="auto", align_self="flex-start"))
        self.card_button.on_click(lambda _: self.save_card())
        self.links = w.VBox()
        _views.add(self)
        self.refresh()

    def latest(self, saved: SavedTakes | None = None) -> tuple[Result | None, list[Result]]:
        """The latest take and the earlier ones that fit this version of the instrument; no latest
        result when the last take was scored on an earlier version (it is not on this scale)."""
        takes = (saved or saved_results(self.journal, self.instrument)).takes
        if not takes or takes[-1].earlier_version:
            return None, []
        return takes[-1].result, [t.result for t in takes[:-1] if not t.earlier_version]

    def refresh(self) -> None:
        saved = saved_results(self.journal, self.instrument)
        notice = [w.HTML(unusable_notice(saved.unusable))] if saved.unusable else []
        result, earlier = self.latest(saved)
        if result is None and saved.takes:
            self.children = [*notice, w.HTML(status(html_text(_(
                "Your last take ({when}) was scored on an earlier version of this self-check, so it is not placed "
                "on this version's scale; it stays in your history. Answer the statements again to see where you "
                "are now.").format(when=format_moment(saved.takes[-1].when)))))]
            return
        if result is None:
            self.children = [*notice, w.HTML(status(_("Your result appears here after you answer the statements above.")))]
            return
        self.recommendations = recommend(self.instrument, result, [m.article for m in current_course().modules])
        output = w.Output()
        lines = "\n".join(f"- **{md(name)}**: {md(text)}" for name, text in explanation(self.instrument, result))
        plan = "\n".join(  # titles, reasons and steps come from articles and YAML: shown as text
            _("{n}. [{title}]({slug}.ipynb), because of *{reasons}*. First step: **{step}**").format(
                n=n, title=md(r.title), slug=r.slug, reasons=md(', '.join(r.reasons)), step=md(r.first_step))
            + (f": {md(r.first_action)}" if r.first_action else "")
            for n, r in enumerate(self.recommendations, 1))
        with output:
            if self.instrument.chart:
                display(HTML(chart_html(lambda: position_chart(self.instrument, result, earlier),
                                        position_summary(self.instrument, result, earlier), _("Chart of where you are now"))))
            display(Markdown(f"{lines}\n\n*{md(self.instrument.standing())}*"))
            display(Markdown("### " + _("Your action plan") + "\n\n" + (plan or _("Every module of the course is a good start."))))
        self.links.children = []  # a retake's result: the cards of the earlier take are not it
        self.children = [*notice, output, self.card_button, self.links]

    def save_card(self, folder: Path | None = None) -> list[Path]:
        """Save the cards privately (see result_card.card_folder) and say where they are."""
        result = self.latest()[0]
        if result is None:
            return []
        try:
            paths = save_card(self.instrument, result, self.recommendations, folder)
        except RelcourseError as exc:
            self.links.children = [w.HTML(status(html_text(str(exc)), "bad"))]
            return []
        where = "<br>".join(_("Saved: <code>{path}</code>").format(path=html_text(str(path))) for path in paths)
        downloads = " · ".join(download_link(Download(path.name, CARD_TYPES[path.suffix], path.read_bytes()),
                                             _("Download {kind}").format(kind=path.suffix[1:].upper())) for path in paths)
        self.links.children = [w.HTML(f"{where}<br>{downloads}<br><i>" + _("Readable by you only. Only you decide whether "
                                      "to share these files, e.g. with your therapist.") + "</i>")]
        return paths


class SelfCheckHistory(PrivateBox):
    kind = "history"

    def __init__(self, instrument: Instrument, journal: Journal) -> None:
        super().__init__(instrument.id, "history")
        self.instrument = instrument
        self.journal = journal
        _views.add(self)
        self.refresh()

    def table(self, saved: SavedTakes | None = None) -> pd.DataFrame:
        """One row per take: date and each subscale's score (for a pre/post comparison); a take
        scored on an earlier version of the instrument is marked so beside its date."""
        taken = _("Taken")
        rows = [{taken: format_moment(t.when) + (" " + _(EARLIER_MARK) if t.earlier_version else ""),
                 **{s.name: t.result.value(s.id) for s in self.instrument.subscales}}
                for t in (saved or saved_results(self.journal, self.instrument)).takes]
        return pd.DataFrame(rows, columns=[taken, *[s.name for s in self.instrument.subscales]])

    def chart_table(self, saved: SavedTakes) -> pd.DataFrame:
        """The table as the chart draws it: a score that does not fit this version's scale is left out."""
        table = self.table(saved)
        for row, take in enumerate(saved.takes):
            for sub in self.instrument.subscales:
                if sub.id in take.outside:
                    table.loc[row, sub.name] = None
        return table

    @staticmethod
    def shown_table(table: pd.DataFrame) -> pd.DataFrame:
        """The table as the learner reads it: scores rounded as the result states them."""
        shown = table.astype(object)
        for column in shown.columns[1:]:
            shown[column] = table[column].map(score_text)
        return shown

    def chart(self, table: pd.DataFrame) -> Any:
        """One line per subscale over the takes (a matplotlib Figure)."""
        from matplotlib.figure import Figure

        figure = Figure(figsize=(6, 2.6), layout="constrained")
        axis = figure.subplots()
        for column in table.columns[1:]:
            axis.plot(range(1, len(table) + 1), table[column], marker="o", label=chart_text(column))  # YAML text: never maths
        axis.set_xticks(range(1, len(table) + 1))
        axis.set_xlabel(_("Take"), fontsize=8)
        axis.set_ylim(self.instrument.scale_min, self.instrument.scale_max)
        axis.legend(fontsize=7, facecolor="none", loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the lines, never over them
        return figure

    def refresh(self) -> None:
        saved = saved_results(self.journal, self.instrument)
        notice = [w.HTML(unusable_notice(saved.unusable))] if saved.unusable else []
        table = self.table(saved)
        if len(table) < 2:
            self.children = [*notice, w.HTML(status(_("Take the test again later (e.g. after a workshop) to compare.")))]
            return
        drawn = self.chart_table(saved)
        output = w.Output()
        with output:
            display(table_view(self.shown_table(table)))  # the table beside the chart is its text alternative
            if any(t.earlier_version for t in saved.takes):
                display(HTML(status(html_text(_("{mark}: scored on an earlier version of this self-check (its scale or "
                                                "statements have changed since); not drawn where it does not fit.").format(
                                                    mark=_(EARLIER_MARK))))))
            display(HTML(chart_html(lambda: self.chart(drawn), _("Your positions at each take, as in the table above."),
                                    _("Chart of your positions at each take"))))
        self.children = [*notice, output]


def _instrument(instrument_id: str) -> Instrument:
    return current_course().instrument(instrument_id)


@friendly
def self_check(instrument_id: str, journal: Journal | None = None) -> LikertForm:
    """The statements of a self-check instrument, answered on its scale."""
    return LikertForm(_instrument(instrument_id), journal or get_journal())


@friendly
def self_check_result(instrument_id: str, journal: Journal | None = None) -> SelfCheckResult:
    """Your latest result: position chart, plain-language explanation, action plan, result card."""
    return SelfCheckResult(_instrument(instrument_id), journal or get_journal())


@friendly
def self_check_history(instrument_id: str, journal: Journal | None = None) -> SelfCheckHistory:
    """Every time you took the test, as one table and one chart."""
    return SelfCheckHistory(_instrument(instrument_id), journal or get_journal())
