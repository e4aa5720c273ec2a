"""Phrase cards: the sentences to try, each with a Copy button."""

from __future__ import annotations

import ipywidgets as w

from relcourse.content.model import Phrase
from relcourse.widgets.base import PrivateBox, friendly, get_module, html_text

CARD = (
    '<div style="border:1px solid #c9d6dc;border-radius:8px;padding:.6em .9em;margin:.3em 0;background:#f5f9fa">'
    '<div style="font-size:1.05em">“{text}”</div>'
    '<button class="rc-copy" data-text="{text}" style="margin-top:.4em" '
    "onclick=\"navigator.clipboard.writeText(this.dataset.text).then(() => this.textContent = 'Copied ✓', "
    "() => this.textContent = 'Select the text to copy')\">Copy</button></div>"
)


class PhraseCards(PrivateBox):
    kind = "phrases"

    def __init__(self, module: str, phrases: list[Phrase]) -> None:
        super().__init__(module, "phrases")
        self.phrases = phrases
        self.children = [w.HTML(CARD.format(text=html_text(p.text))) for p in phrases]


@friendly
def phrase_cards(module: str) -> PhraseCards:
    """Cards for the sentences a module suggests trying."""
    return PhraseCards(module, get_module(module).phrases)
