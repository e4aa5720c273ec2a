"""Parser throughput: N synthetic ~30 KB articles, and per-byte cost of a 5 MB article.

Run: python bench/bench_parse.py [N]   (targets: 1,000 × 30 KB under 3 s; 5 MB no slower per byte)
"""

from __future__ import annotations

import sys
import time

from relcourse.content.parser import parse_article
from relcourse.content.synthetic import synthetic_article


def main(count: int = 1000) -> None:
    texts = [synthetic_article(n, 30_000).encode() for n in range(1, count + 1)]
    total = sum(map(len, texts))
    start = time.perf_counter()
    for n, data in enumerate(texts):
        parse_article(data, f"synthetic-{n}.txt")
    small = time.perf_counter() - start
    big = synthetic_article(9999, 5_000_000).encode()
    start = time.perf_counter()
    parse_article(big, "big.txt")
    large = time.perf_counter() - start
    small_rate = small / total * 1e9
    large_rate = large / len(big) * 1e9
    print(f"{count} articles, {total / 1e6:.1f} MB: {small:.2f} s = {count / small:,.0f} articles/s (target: < 3 s)")
    print(f"5 MB article: {large:.2f} s")
    print(f"ns per byte: 30 KB articles {small_rate:.1f}, 5 MB article {large_rate:.1f}; ratio big/small {large_rate / small_rate:.2f} (target ≤ ~1)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
