"""Reflection prompt: a text area with Save; the saved answer, or the draft typed after it,
comes back when reopened (see :mod:`relcourse.widgets.drafts`)."""

from __future__ import annotations

from datetime import datetime

import ipywidgets as w

from relcourse.course.prompts import Prompt
from relcourse.i18n import _
from relcourse.store.journal import Journal
from relcourse.widgets.base import PrivateBox, friendly, get_journal, get_module, html_text, status
from relcourse.widgets.drafts import DRAFT_NOTICE, DraftKeeper
from relcourse.widgets.privacy import HIDDEN_NOTICE, JournalWithoutWords
from relcourse.widgets.settle import on_press


class ReflectionWidget(PrivateBox):
    kind = "reflection"

    def __init__(self, module: str, prompt: Prompt, journal: Journal) -> None:
        super().__init__(module, prompt.id)
        self.prompt = prompt
        self.journal = journal
        saved = journal.reflection(module, prompt.id)
        self.text = w.Textarea(value=saved or "", placeholder=_("Write your answer here…"), tooltip=_("Your answer"),
                               layout=w.Layout(width="100%", height="7em"))
        self.save_button = w.Button(description=_("Save"), button_style="primary", icon="save")
        self.state = w.HTML(status(_("Saved earlier ✓"), "ok") if saved else status(_("Not saved yet")))
        if isinstance(journal, JournalWithoutWords) and journal.has_hidden_reflection(module, prompt.id):
            self.state.value = status(_("Saved earlier ✓") + " " + _(HIDDEN_NOTICE) + " " + _("What you save here is added to it."), "ok")
        self.drafts = DraftKeeper(journal, module, f"reflection/{prompt.id}/")
        draft = self.drafts.restore("text")
        if draft is not None and draft != (saved or ""):
            self.text.value = draft
            self.state.value = status(_(DRAFT_NOTICE))
        on_press(self.save_button, self.save)  # after the last keystrokes: widgets.settle
        self.drafts.watch("text", self.text)  # first: _changed reports a failed draft write
        self.text.observe(self._changed, names="value")
        self.children = [w.HTML(_("<b>Reflect:</b> {prompt}").format(prompt=html_text(prompt.text))), self.text,
                         w.HBox([self.save_button, self.state])]

    def _changed(self, change: dict[str, object]) -> None:
        self.state.value = status(html_text(self.drafts.failure), "bad") if self.drafts.failure else status(_(DRAFT_NOTICE))

    def save(self) -> None:
        self.journal.save_reflection(self.module_slug, self.prompt.id, self.text.value)
        self.drafts.discard()
        self.state.value = status(_("Saved ✓ {time}").format(time=f"{datetime.now():%H:%M}"), "ok")


@friendly
def reflection(module: str, prompt_id: str, journal: Journal | None = None) -> ReflectionWidget:
    """A reflection prompt of a module, saved in the learner's private store."""
    return ReflectionWidget(module, get_module(module).prompt(prompt_id), journal or get_journal())
