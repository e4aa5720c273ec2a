"""Phrase cards: the sentence a card replaces is shown in a muted line, escaped; Copy copies only the card."""

from __future__ import annotations

from relcourse.content.model import Phrase
from relcourse.widgets.phrases import PhraseCards

M133 = "security-and-needs-133"


def test_a_phrase_card_shows_what_it_replaces_escaped() -> None:
    cards = PhraseCards(M133, [Phrase("Let's talk at eight.", 3, "script", "You <b>never</b> listen"), Phrase("I'm here.", 4, "script")])
    first, second = (c.value for c in cards.children)
    assert '<div class="rc-card-replaces">Instead of: “You &lt;b&gt;never&lt;/b&gt; listen”</div>' in first
    button = first.split('<button', 1)[1]
    assert 'data-text="Let&#x27;s talk at eight."' in button and "never" not in button
    assert "rc-card-replaces" not in second
