"""course.polarity on hostile shapes: one long sentence of many quotations costs linear time."""

from __future__ import annotations

import time

from relcourse.course.polarity import classify_text

#: one sentence (no end mark until the last character) holding 2n quotations
PAIR = 'Instead of "a", try "b"; '


def _seconds(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        classify_text(text, 1, "article")
        best = min(best, time.perf_counter() - start)
    return best


def test_many_quotations_in_one_sentence_cost_linear_time() -> None:
    """Each recommended quotation looked back over a copy of every verdict before it (``_paired``):
    40,000 pairs in one 1 MB paragraph took 13 s to build, 80,000 took 51 s (articles may be 10 MB)."""
    n = 6_000
    small, large = _seconds(PAIR * n + ".", runs=3), _seconds(PAIR * 4 * n + ".", runs=1)
    assert large / small < 8, f"n={n}: {small:.2f} s, 4n: {large:.2f} s (4 is linear, 16 quadratic)"
