"""Phrase cards: the sentences to try, each with a Copy button, and in a muted line the sentence
it replaces when the article pairs them ("Instead of X, try Y"): seeing both is the lesson."""

from __future__ import annotations

import json

import ipywidgets as w

from relcourse.content.model import Phrase
from relcourse.i18n import N_, _
from relcourse.widgets.base import PrivateBox, friendly, get_module, html_text

#: colours from the theme (static/relcourse.css); "Copied ✓" goes back to "Copy" after two seconds; the
#: button's words (the kit's, in the module's language) reach the script as JSON strings, escaped for the attribute
CARD = (
    '<div class="rc-card"><div class="rc-card-text">“{text}”</div>{replaces}'
    '<button type="button" class="rc-copy" data-text="{text}" aria-label="{label}" '
    'onclick="const b = this; navigator.clipboard.writeText(b.dataset.text).then(() => b.textContent = {copied}, '
    '() => b.textContent = {select}); setTimeout(() => b.textContent = {copy}, 2000)">{copy_text}</button></div>'
)


def card(phrase: Phrase) -> str:
    """One card: the sentence, what it replaces, and a Copy button in the module's language."""
    text = html_text(phrase.text)
    script = {key: html_text(json.dumps(_(words), ensure_ascii=False))
              for key, words in (("copied", N_("Copied ✓")), ("select", N_("Select the text to copy")), ("copy", N_("Copy")))}
    return CARD.format(text=text, replaces=replaces_line(phrase), label=html_text(_("Copy: {text}").format(text=phrase.text)),
                       copy_text=html_text(_("Copy")), **script)


class PhraseCards(PrivateBox):
    kind = "phrases"

    def __init__(self, module: str, phrases: list[Phrase]) -> None:
        super().__init__(module, "phrases")
        self.phrases = phrases
        self.children = [w.HTML(card(p)) for p in phrases]


def replaces_line(phrase: Phrase) -> str:
    """'Instead of: “…”' under the card, escaped; nothing when the card replaces no sentence."""
    if not phrase.replaces:
        return ""
    return f'<div class="rc-card-replaces">{html_text(_("Instead of: “%(text)s”") % {"text": phrase.replaces})}</div>'


@friendly
def phrase_cards(module: str) -> PhraseCards:
    """Cards for the sentences a module suggests trying."""
    return PhraseCards(module, get_module(module).phrases)
