"""course.polarity on hostile shapes: one long sentence of many quotations is classified in full.

How its time grows is measured in bench/bench_hostile.py (speed belongs in benchmarks, not tests):
each recommended quotation once looked back over a copy of every verdict before it, so 40,000 pairs
in one 1 MB paragraph took 13 s to build and 80,000 took 51 s; it is one pass now.
"""

from __future__ import annotations

from relcourse.course.polarity import classify_text

#: one sentence (no end mark until the last character) holding 2n quotations
PAIR = 'Instead of "a", try "b"; '


def test_every_pair_in_one_long_sentence_is_paired() -> None:
    verdicts = classify_text(PAIR * 2_000 + ".", 1, "article")
    recommended = [v for v in verdicts if v.polarity == "recommended"]
    assert len(recommended) == 2_000 and all(v.text == "b" and v.replaces == "a" for v in recommended)
    assert [v.text for v in verdicts if v.polarity == "discouraged"] == ["a"] * 2_000
