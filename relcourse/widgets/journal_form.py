"""Journal template form: structured entry → private store; past entries and a chart below."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd
from IPython.core.display import HTML
from IPython.core.display_functions import display

from relcourse.course.logs import Field, JournalTemplate
from relcourse.errors import RelcourseError
from relcourse.i18n import _, format_moment, ngettext
from relcourse.store.journal import Journal, UnusableRow
from relcourse.store.views import local_times, summary_chart, summary_sentence
from relcourse.widgets.base import PrivateBox, friendly, get_journal, get_module, html_text, status, table_view
from relcourse.widgets.charts import chart_html
from relcourse.widgets.drafts import DRAFT_NOTICE, DraftKeeper, text_boxes
from relcourse.widgets.settle import on_press

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler


#: a scale field's range (intensity 0–10): the slider and the chart's axis
SCALE_RANGE = (0, 10)
#: the value of a dropdown's "– choose –" (not None: ipywidgets shows a blank box for a None value)
NOT_CHOSEN = ""
#: at most this many unusable rows are named in a notice (the rest are counted)
NAMED_ROWS = 5


def unusable_notice(unusable: tuple[UnusableRow, ...]) -> str:
    """One notice for the rows a view leaves out: how many, which (id and what is wrong, never
    their text) and how to remove only them; empty when there are none."""
    if not unusable:
        return ""
    named = "".join(f"<li>{html_text(row.problem)}</li>" for row in unusable[:NAMED_ROWS])
    more = len(unusable) - NAMED_ROWS
    rest = "<li>" + html_text(_("… and {count} more").format(count=more)) + "</li>" if more > 0 else ""
    text = ngettext("{count} saved entry cannot be shown and is left out; everything else works as usual.",
                    "{count} saved entries cannot be shown and are left out; everything else works as usual.",
                    len(unusable)).format(count=len(unusable))
    remedy = _("To remove only these, run 'relcourse journal repair' in a terminal (it asks before deleting).")
    return f'<div class="rc-bad" role="alert">{html_text(text)} {html_text(remedy)}<ul>{named}{rest}</ul></div>'



def field_widget(field: Field) -> Any:
    wide = w.Layout(width="100%")
    if field.kind == "choice":
        if field.long_choice:  # e.g. the plan's step names
            return w.Dropdown(options=[(_("– choose –"), NOT_CHOSEN), *[(o, o) for o in field.options]], index=0, tooltip=field.label,
                              layout=w.Layout(width="auto", max_width="100%"))
        return w.ToggleButtons(options=list(field.options), value=None, style={"button_width": "auto"})
    if field.kind == "scale":
        return w.IntSlider(value=5, min=SCALE_RANGE[0], max=SCALE_RANGE[1], continuous_update=False, tooltip=field.label)
    if field.kind == "longtext":
        return w.Textarea(value="", placeholder=field.help[:120], tooltip=field.label, layout=w.Layout(width="100%", height="4em"))
    return w.Text(value="", placeholder=field.help[:120], tooltip=field.label, layout=wide)


def field_rows(fields: tuple[Field, ...], inputs: dict[str, Any]) -> list[Any]:
    """A label above each input; a choice that qualifies the text before it ("Felt secure or
    insecure?" after "Security moment 1") sits on the same row, so the pair reads as one."""
    rows: list[Any] = []
    index = 0
    while index < len(fields):
        field = fields[index]
        label = w.HTML(f"<b>{html_text(field.label)}</b>")
        following = fields[index + 1] if index + 1 < len(fields) else None
        if field.kind == "text" and following is not None and following.kind == "choice":
            inputs[field.id].layout = w.Layout(flex="1 1 auto", width="auto")
            choice = w.VBox([w.HTML(html_text(following.label)), inputs[following.id]],
                            layout=w.Layout(flex="0 0 auto", margin="0 0 0 1em"))
            rows.append(w.HBox([w.VBox([label, inputs[field.id]], layout=w.Layout(flex="1 1 auto")), choice],
                               layout=w.Layout(align_items="flex-end")))
            index += 2
            continue
        rows.append(w.VBox([label, inputs[field.id]]))
        index += 1
    return rows


def history_table(entries: pd.DataFrame, template: JournalTemplate, rows: int = 10) -> Styler:
    """The last entries as a table: a 'When' column, then one column per field, by its label.

    Labels repeated in a template ("Felt secure or insecure?" after each moment) are numbered,
    since a table needs distinct column names.
    """
    totals = Counter(field.label for field in template.fields)
    numbers: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for field in template.fields:
        numbers[field.label] += 1
        labels[field.id] = f"{field.label} ({numbers[field.label]})" if totals[field.label] > 1 else field.label
    columns = ["created"] + [f.id for f in template.fields if f.id in entries]
    table = entries[columns].tail(rows).rename(columns=labels)  # only the rows shown are converted
    table["created"] = local_times(table["created"]).map(format_moment)  # the learner's clock, not UTC
    table = table.rename(columns={"created": _("When")}).astype(object)
    table = table.where(table.notna(), "")
    return table_view(table)


class JournalForm(PrivateBox):
    kind = "journal"

    def __init__(self, module: str, template: JournalTemplate, journal: Journal) -> None:
        super().__init__(module, template.id)
        self.template = template
        self.journal = journal
        self.inputs = {f.id: field_widget(f) for f in template.fields}
        rows = field_rows(template.fields, self.inputs)
        self.save_button = w.Button(description=_("Save entry"), button_style="primary", icon="save")
        self.state = w.HTML()
        self.history = w.VBox()
        self.show_history = w.Checkbox(value=True, description=_("Show my past entries"), indent=False)
        on_press(self.save_button, self.save)  # after the last keystrokes: widgets.settle
        self.show_history.observe(lambda _: self.refresh(), names="value")
        when = _("Once a day.") if template.daily else _("Each time it happens.")  # the language's own full stop
        intro = f"<h4 style='margin:.2em 0'>{html_text(template.title)}</h4><i>{when}</i> {html_text(template.instructions)}"
        self.children = [w.HTML(intro), *rows, w.HBox([self.save_button, self.state]), self.show_history, self.history]
        self.drafts = DraftKeeper(journal, module, f"journal/{template.id}/")
        self.keep_drafts()
        self.refresh()

    def keep_drafts(self) -> None:
        """Bring back text typed before the notebook was closed, then keep new typing as drafts."""
        restored = False
        for key, box in text_boxes(self.inputs).items():
            draft = self.drafts.restore(key)
            if draft is not None:
                box.value = draft
                restored = True
            self.drafts.watch(key, box)
            box.observe(lambda _: self._typed(), names="value")
        if restored:
            self.state.value = status(_(DRAFT_NOTICE))

    def _typed(self) -> None:
        self.state.value = status(html_text(self.drafts.failure), "bad") if self.drafts.failure else status(_(DRAFT_NOTICE))

    def values(self) -> dict[str, Any]:
        return {key: None if isinstance(widget, w.Dropdown) and widget.value == NOT_CHOSEN else widget.value
                for key, widget in self.inputs.items()}

    def fill(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            widget = self.inputs[key]
            widget.value = NOT_CHOSEN if value is None and isinstance(widget, w.Dropdown) else value

    def save(self) -> int | None:
        values = self.values()
        texts = [v for f in self.template.fields if f.kind in ("text", "longtext") for v in [values[f.id]]]
        if not any(str(v).strip() for v in texts):
            self.state.value = status(_("Write something first."))
            return None
        try:
            entry_id = self.journal.add_entry(self.module_slug, self.template.id, values)
        except RelcourseError as exc:  # a full disk, a read-only store: what was typed stays in the form
            self.state.value = status(html_text(str(exc)), "bad")
            return None
        for field in self.template.fields:  # an empty form for the next entry
            widget = self.inputs[field.id]
            if isinstance(widget, w.Dropdown):
                widget.index = 0  # "– choose –"
            else:
                widget.value = 5 if field.kind == "scale" else (None if field.kind == "choice" else "")
        self.drafts.discard()
        self.state.value = status(_("Entry saved ✓"), "ok")
        self.refresh()
        return entry_id

    def refresh(self) -> None:
        """Show past entries in a fresh Output (clearing one in place trips nbclient's widget tracking);
        rows that cannot be shown are left out and named in one notice above them."""
        readable = self.journal.readable_entries(self.module_slug, self.template.id)
        notice = [w.HTML(unusable_notice(readable.unusable))] if readable.unusable else []
        entries = readable.frame
        if not self.show_history.value:
            self.history.children = notice
            return
        if entries.empty:
            self.history.children = [*notice, w.HTML(status(_("No entries yet.")))]
            return
        output = w.Output()
        with output:
            display(history_table(entries, self.template))
            scale = {f.id for f in self.template.fields if f.kind == "scale"}
            numeric_range = SCALE_RANGE if self.template.chart_value in scale else None
            t = self.template
            display(HTML(chart_html(
                lambda: summary_chart(entries, t.chart_category, t.chart_value, t.category_title or None, numeric_range,
                                      t.value_title or None),
                summary_sentence(entries, t.chart_category, t.chart_value, numeric_range, t.value_title or None,
                                 t.category_title or None),
                _("Chart of your entries: {title}").format(title=t.title))))
        self.history.children = [*notice, output]


@friendly
def journal_form(module: str, template_id: str, journal: Journal | None = None) -> JournalForm:
    """A journal template of a module: a form, your past entries and a chart."""
    return JournalForm(module, get_module(module).template(template_id), journal or get_journal())
