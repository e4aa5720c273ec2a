"""The one sentence splitter and the one slugify, in English and Chinese."""

from __future__ import annotations

import pytest

from relcourse.content.text import first_sentence, nest_quotes, slugify, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? four.", ["One.", "Two!", "Three? four."]),
        ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
        ('Su said: "I am here. Even now." Done.', ['Su said: "I am here. Even now."', "Done."]),
        ("Write it, e.g. a card. Then stop.", ["Write it, e.g. a card.", "Then stop."]),
        ("Don't go. It's Su’s day.", ["Don't go.", "It's Su’s day."]),
        ("He said 'stay here. Please.' Ok.", ["He said 'stay here. Please.'", "Ok."]),
        ('An open "quote. Never closed.', ['An open "quote.', "Never closed."]),
        ("她说：“我很害怕。你别走。”然后他留下了。", ["她说：“我很害怕。你别走。”", "然后他留下了。"]),
        ("这很好！真的吗？「好。」", ["这很好！", "真的吗？", "「好。」"]),
        ("It helps. 这也有用。", ["It helps.", "这也有用。"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_first_sentence_of_text_without_an_end() -> None:
    assert first_sentence("  no end here ") == "no end here"
    assert first_sentence("第一句。第二句。") == "第一句。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Security_and_Needs", "security-and-needs"),
        ("Daily log: 3 bids!", "daily-log-3-bids"),
        ("安全感与需求", "安全感与需求"),
        ("第１步 ", "第1步"),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slugify_separator() -> None:
    assert slugify("What I noticed", "_") == "what_i_noticed"


@pytest.mark.parametrize(("text", "expected"), [
    ("“回家时让对方知道“我看见你了”的一个小动作”", "“回家时让对方知道‘我看见你了’的一个小动作”"),
    ("「说「好」吧」", "「说『好』吧」"),
    ("“一“二“三”二”一”", "“一‘二“三”二’一”"),
    ("“a” and “b”", "“a” and “b”"),
    ("“Su’s ‘word’”", "“Su’s ‘word’”"),  # single marks may be apostrophes: left alone
    ("stray ” mark", "stray ” mark"),
])
def test_nest_quotes(text: str, expected: str) -> None:
    assert nest_quotes(text) == expected


def test_a_mark_inside_a_later_quotation_does_not_end_the_sentence() -> None:
    """Only the quotation opened last before a mark can hold it; earlier ones, closed or never
    closed, do not (the splitter looks one up by position instead of scanning them all)."""
    text = '“Never closed. She said "Stop. Now" and left. ‘Mine. Yours’ too. Then “again. Done.'
    assert split_sentences(text) == ["“Never closed.", 'She said "Stop. Now" and left.', "‘Mine. Yours’ too.",
                                     "Then “again.", "Done."]


def test_unclosed_quotes_quote_nothing_however_many() -> None:
    assert split_sentences("“Word. Next " * 500)[:2] == ["“Word.", "Next “Word."]
