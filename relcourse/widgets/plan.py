"""Practice-plan tracker: steps on the calendar from a chosen start date, check-offs, an .ics download."""

from __future__ import annotations

from datetime import date

import ipywidgets as w

from relcourse.course.loader import Module
from relcourse.course.schedule import schedule, to_ics
from relcourse.i18n import _, format_day
from relcourse.store.journal import Journal
from relcourse.store.rows import EARLIEST, LATEST, PLAN_START, RowError, plan_start
from relcourse.widgets.base import PrivateBox, friendly, get_journal, get_module, html_text, status
from relcourse.widgets.downloads import Download, download_link

START_KEY = PLAN_START  # what a usable saved start is: store.rows.plan_start


class PlanTracker(PrivateBox):
    kind = "plan"

    def __init__(self, module: Module, journal: Journal, today: date | None = None) -> None:
        super().__init__(module.slug, "plan")
        self.module = module
        self.journal = journal
        start, self.notice = today or date.today(), w.HTML()
        saved = journal.setting(module.slug, START_KEY)
        if saved:
            try:
                start = plan_start(saved)
            except RowError:  # imported or written by another program: today's date, and say so
                self.notice.value = status(_("The saved start date could not be read; choose the start date again."), "bad")
        self.start = w.DatePicker(description=_("Start date"), value=start)
        done = journal.checked_steps(module.slug)
        steps = module.article.plan
        self.boxes = {f"{s.kind.lower()}-{s.number}": w.Checkbox(value=f"{s.kind.lower()}-{s.number}" in done, indent=False, tooltip=_("Done: {step}").format(step=s.title),
                                                                layout=w.Layout(width="2em")) for s in steps}
        self.dates = {key: w.HTML() for key in self.boxes}
        self.progress = w.IntProgress(min=0, max=max(1, len(steps)))
        self.progress_label = w.HTML()
        self.download = w.HTML()  # a link carrying the calendar, renewed with the start date
        rows = [w.HBox([self.boxes[key], w.HTML(f"<b>{html_text(step.title)}</b>", layout=w.Layout(width="55%")), self.dates[key]])
                for key, step in zip(self.boxes, steps)]
        self.children = [self.start, self.notice, *rows, w.HBox([self.progress, self.progress_label]), self.download]
        self.start.observe(lambda _: self.start_changed(), names="value")
        for key, box in self.boxes.items():
            box.observe(lambda change, key=key: self.toggle(key, change["new"]), names="value")
        self.refresh()

    def refresh(self) -> None:
        if self.start.value is None:
            return
        for row in schedule(self.module.article.plan, self.start.value):
            end = format_day(row.end) if row.end else _("ongoing")
            self.dates[row.id].value = f"{format_day(row.start)} → {end}"
        self.download.value = download_link(self.calendar(), _("Download calendar (.ics)"))
        done = sum(box.value for box in self.boxes.values())
        self.progress.value = done
        self.progress_label.value = "&nbsp;" + _("{done} of {total} done").format(done=done, total=len(self.boxes))

    def start_changed(self) -> None:
        if self.start.value is None:
            return
        try:
            plan_start(self.start.value.isoformat())  # a date picker also offers the year 9999
        except RowError:
            self.notice.value = status(html_text(_("Choose a start date between {earliest} and {latest}.").format(
                earliest=format_day(EARLIEST), latest=format_day(LATEST))), "bad")
            return
        self.notice.value = ""
        self.journal.set_setting(self.module.slug, START_KEY, self.start.value.isoformat())
        self.refresh()

    def toggle(self, key: str, done: bool) -> None:
        self.journal.check_step(self.module.slug, key, done)
        self.refresh()

    def calendar(self) -> Download:
        """``<slug>-plan.ics`` from the chosen start date, for the browser to save."""
        rows = schedule(self.module.article.plan, self.start.value or date.today())
        return Download(f"{self.module.slug}-plan.ics", "text/calendar",
                        to_ics(self.module.slug, self.module.title, rows))


@friendly
def practice_plan(module: str, journal: Journal | None = None) -> PlanTracker:
    """A module's practice plan with dates, check-offs and a calendar download."""
    return PlanTracker(get_module(module), journal or get_journal())
