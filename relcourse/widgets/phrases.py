"""Phrase cards: the sentences to try, each with a Copy button, and in a muted line the sentence
it replaces when the article pairs them ("Instead of X, try Y"): seeing both is the lesson."""

from __future__ import annotations

import ipywidgets as w

from relcourse.content.model import Phrase
from relcourse.i18n import _
from relcourse.widgets.base import PrivateBox, friendly, get_module, html_text

#: colours from the theme (static/relcourse.css); "Copied ✓" goes back to "Copy" after two seconds
CARD = (
    '<div class="rc-card"><div class="rc-card-text">“{text}”</div>{replaces}'
    '<button type="button" class="rc-copy" data-text="{text}" aria-label="Copy: {text}" '
    "onclick=\"const b = this; navigator.clipboard.writeText(b.dataset.text).then(() => b.textContent = 'Copied ✓', "
    "() => b.textContent = 'Select the text to copy'); setTimeout(() => b.textContent = 'Copy', 2000)\">Copy</button></div>"
)


class PhraseCards(PrivateBox):
    kind = "phrases"

    def __init__(self, module: str, phrases: list[Phrase]) -> None:
        super().__init__(module, "phrases")
        self.phrases = phrases
        self.children = [w.HTML(CARD.format(text=html_text(p.text), replaces=replaces_line(p))) for p in phrases]


def replaces_line(phrase: Phrase) -> str:
    """'Instead of: “…”' under the card, escaped; nothing when the card replaces no sentence."""
    if not phrase.replaces:
        return ""
    return f'<div class="rc-card-replaces">{html_text(_("Instead of: “%(text)s”") % {"text": phrase.replaces})}</div>'


@friendly
def phrase_cards(module: str) -> PhraseCards:
    """Cards for the sentences a module suggests trying."""
    return PhraseCards(module, get_module(module).phrases)
