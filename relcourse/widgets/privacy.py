"""Which of the learner's stored words the widgets may show in this kernel.

Whatever a widget shows is in its synced state, and nbclient, ``nbconvert --execute`` and some
front ends write that state into the .ipynb. So stored words (reflections, journal entries,
self-check results) are read back only in kernels started by a Jupyter server running the
``relcourse.jupyter.privacy`` extension, which scrubs every save. Anywhere else the widgets
still save what the learner writes, but show none of it back.
"""

from __future__ import annotations

from relcourse.i18n import N_
from relcourse.jupyter.privacy import take_mark
from relcourse.store.journal import Journal, ReadableEntries

#: read once when the widgets are imported (the mark is then removed from the environment)
MARK = take_mark()
WORDS_SHOWN = MARK == "shown"

#: why stored words are not shown, by what the kernel found (shown translated)
HIDDEN_NOTICES = {
    "absent": N_("Your saved words are kept private and not shown here: they appear in JupyterLab with "
                 "relcourse's privacy extension (run 'relcourse doctor')."),
    "foreign": N_("Your saved words are kept private and not shown here: this kernel was started through another "
                  "program (a wrapper kernel), so relcourse cannot be sure its saves leave your words out; choose the "
                  "plain Python 3 kernel in JupyterLab to see them."),
}
HIDDEN_NOTICE = HIDDEN_NOTICES["foreign" if MARK == "foreign" else "absent"]


class JournalWithoutWords(Journal):
    """The store as widgets see it where saves are not scrubbed: writes work, stored words read as absent."""

    def reflection(self, module: str, prompt_id: str) -> str | None:
        return None

    def draft(self, module: str, field: str) -> str | None:
        return None

    def has_hidden_reflection(self, module: str, prompt_id: str) -> bool:
        return super().reflection(module, prompt_id) is not None

    def save_reflection(self, module: str, prompt_id: str, text: str) -> None:
        """Add to an answer saved earlier (which this kernel cannot show) instead of replacing it."""
        earlier = super().reflection(module, prompt_id)
        if earlier and earlier.strip() != text.strip():
            text = f"{earlier}\n\n{text}" if text.strip() else earlier
        super().save_reflection(module, prompt_id, text)

    def readable_entries(self, module: str | None = None, template: str | None = None) -> ReadableEntries:
        """No entry shown; the unusable rows still named (an id and what is wrong: no words), to repair them."""
        readable = super().readable_entries(module, template)
        return ReadableEntries(readable.frame.iloc[0:0], readable.unusable)


def journal_for_widgets() -> Journal:
    """The learner's default store, showing stored words only when this kernel's saves are scrubbed."""
    return Journal() if WORDS_SHOWN else JournalWithoutWords()
