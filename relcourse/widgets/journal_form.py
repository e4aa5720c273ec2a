"""Journal template form: structured entry → private store; past entries and a chart below."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from IPython.core.display import Image
from IPython.core.display_functions import display

from ..journal import Journal
from ..journal_templates import Field, JournalTemplate
from ..journal_views import figure_png, summary_chart
from .base import PrivateBox, friendly, get_journal, get_module, html_text, status


def field_widget(field: Field) -> Any:
    wide = w.Layout(width="100%")
    if field.kind == "choice":
        return w.ToggleButtons(options=list(field.options), value=None, style={"button_width": "auto"})
    if field.kind == "scale":
        return w.IntSlider(value=5, min=0, max=10, continuous_update=False)
    if field.kind == "longtext":
        return w.Textarea(value="", placeholder=field.help[:120], layout=w.Layout(width="100%", height="4em"))
    return w.Text(value="", placeholder=field.help[:120], layout=wide)


class JournalForm(PrivateBox):
    kind = "journal"

    def __init__(self, module: str, template: JournalTemplate, journal: Journal) -> None:
        super().__init__(module, template.id)
        self.template = template
        self.journal = journal
        self.inputs = {f.id: field_widget(f) for f in template.fields}
        rows = [w.VBox([w.HTML(f"<b>{html_text(f.label)}</b>"), self.inputs[f.id]]) for f in template.fields]
        self.save_button = w.Button(description="Save entry", button_style="primary", icon="save")
        self.state = w.HTML()
        self.history = w.VBox()
        self.show_history = w.Checkbox(value=True, description="Show my past entries", indent=False)
        self.save_button.on_click(lambda _: self.save())
        self.show_history.observe(lambda _: self.refresh(), names="value")
        when = "Once a day" if template.daily else "Each time it happens"
        intro = f"<h4 style='margin:.2em 0'>{html_text(template.title)}</h4><i>{when}.</i> {html_text(template.instructions)}"
        self.children = [w.HTML(intro), *rows, w.HBox([self.save_button, self.state]), self.show_history, self.history]
        self.refresh()

    def values(self) -> dict[str, Any]:
        return {key: widget.value for key, widget in self.inputs.items()}

    def fill(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            self.inputs[key].value = value

    def save(self) -> int | None:
        values = self.values()
        texts = [v for f in self.template.fields if f.kind in ("text", "longtext") for v in [values[f.id]]]
        if not any(str(v).strip() for v in texts):
            self.state.value = status("Write something first.")
            return None
        entry_id = self.journal.add_entry(self.module_slug, self.template.id, values)
        for field in self.template.fields:  # an empty form for the next entry
            widget = self.inputs[field.id]
            widget.value = 5 if field.kind == "scale" else (None if field.kind == "choice" else "")
        self.state.value = status("Entry saved ✓", "ok")
        self.refresh()
        return entry_id

    def refresh(self) -> None:
        """Show past entries in a fresh Output (clearing one in place trips nbclient's widget tracking)."""
        if not self.show_history.value:
            self.history.children = []
            return
        entries = self.journal.entries(self.module_slug, self.template.id)
        if entries.empty:
            self.history.children = [w.HTML(status("No entries yet."))]
            return
        output = w.Output()
        columns = ["created"] + [f.id for f in self.template.fields if f.id in entries]
        table = entries[columns].rename(columns={f.id: f.label for f in self.template.fields})
        table["created"] = table["created"].dt.tz_convert(None).dt.strftime("%d %b %Y %H:%M")
        table = table.tail(10).rename(columns={"created": "When"}).astype(object)
        table = table.where(table.notna(), "")
        with output:
            display(table.style.hide(axis="index"))
            display(Image(data=figure_png(summary_chart(entries, self.template.chart_category, self.template.chart_value))))
        self.history.children = [output]


@friendly
def journal_form(module: str, template_id: str, journal: Journal | None = None) -> JournalForm:
    """A journal template of a module: a form, your past entries and a chart."""
    return JournalForm(module, get_module(module).template(template_id), journal or get_journal())
