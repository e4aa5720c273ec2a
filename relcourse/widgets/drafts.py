"""Drafts: what a learner types into a text box is kept in the store as they type.

Ctrl+S never reaches widget text and a closed tab takes it along, so every text box writes a
draft (debounced: one write per pause in typing) and shows it again on reopening, marked as not
saved, until its Save button is pressed. The debounce timer runs on the kernel's own event loop,
the one widget callbacks run on, so a draft write never overlaps another write to the store.
Outside a running loop (scripts, tests) every change is written at once.
"""

from __future__ import annotations

import asyncio
from typing import Any

import ipywidgets as w

from relcourse.errors import RelcourseError
from relcourse.i18n import N_
from relcourse.store.journal import Journal

#: seconds of quiet typing after which the draft is written
DEBOUNCE_SECONDS = 1.5
DRAFT_NOTICE = N_("Draft — not saved. Press Save to keep it.")


class DraftKeeper:
    """Keeps the drafts of one widget's text boxes: ``<prefix><field>`` rows of the drafts table."""

    def __init__(self, journal: Journal, module: str, prefix: str, delay: float = DEBOUNCE_SECONDS) -> None:
        self.journal = journal
        self.module = module
        self.prefix = prefix
        self.delay = delay
        self.pending: dict[str, str] = {}
        self.timer: asyncio.TimerHandle | None = None
        #: the last store failure while writing a draft (shown by the widget; the text stays in the box)
        self.failure = ""

    def restore(self, field: str) -> str | None:
        """The draft kept for ``field``, if any (None where this kernel may not show stored words)."""
        return self.journal.draft(self.module, self.prefix + field)

    def watch(self, field: str, box: Any) -> None:
        """Keep ``box``'s text as a draft as the learner types (every keystroke reaches the kernel)."""
        box.continuous_update = True
        box.observe(lambda change: self.changed(field, str(change["new"] or "")), names="value")

    def changed(self, field: str, text: str) -> None:
        self.pending[field] = text
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        if self.timer is not None:
            self.timer.cancel()
        self.timer = loop.call_later(self.delay, self.flush)

    def flush(self) -> None:
        """Write every pending draft now."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        pending, self.pending = self.pending, {}
        try:
            for field, text in pending.items():
                self.journal.save_draft(self.module, self.prefix + field, text)
            self.failure = ""
        except RelcourseError as exc:  # a full disk: say so, keep the text where it is
            self.failure = str(exc)

    def discard(self) -> None:
        """Forget the drafts: what they held has just been saved for real."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.pending = {}
        self.journal.clear_drafts(self.module, self.prefix)


def text_boxes(widgets: dict[str, Any]) -> dict[str, Any]:
    """The text inputs among a form's widgets (drafts are kept for typed text only)."""
    return {key: widget for key, widget in widgets.items() if isinstance(widget, (w.Text, w.Textarea))}
