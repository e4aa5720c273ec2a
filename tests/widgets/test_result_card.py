"""The saved result card says what the result view says, in the self-check's language."""

from __future__ import annotations

import dataclasses

from relcourse.course.selfcheck.instrument import load_instrument, score
from relcourse.i18n import use_language
from relcourse.widgets.result_card import card_figure, card_html

from ..conftest import CONTENT

KIT = load_instrument(CONTENT / "instruments" / "relationship-test.yaml")
RESULT = score(KIT, {item.id: 5 for item in KIT.items})


def test_a_validated_instrument_is_never_called_not_validated_on_its_card() -> None:
    """The card once printed "Not validated" for every instrument, while the notebook said it was."""
    validated = dataclasses.replace(KIT, validated=True)
    assert "Not validated" in card_html(KIT, RESULT, [], png=b"x")
    page = card_html(validated, RESULT, [], png=b"x")
    assert "Not validated" not in page and validated.standing() in page
    assert validated.standing() != KIT.standing()
    suptitle = card_figure(validated, RESULT).get_suptitle()
    assert validated.standing() in suptitle and "Not validated" not in suptitle


def test_the_card_in_chinese() -> None:
    with use_language("zh-Hans"):
        page = card_html(KIT, RESULT, [], png=b"x")
        figure = card_figure(KIT, RESULT)
    assert '<html lang="zh-Hans">' in page and "我的下一步" in page and "My next steps" not in page
    assert "未经效度检验" in figure.get_suptitle()
    assert "低" in figure.axes[1].get_xlabel()
