"""Hostile shapes cost linear time: each is timed at n and 4n; a ratio near 4 is linear, near 16
quadratic (a wiki page of thousands of ``[`` or of unclosed quotes once took minutes).

Run: python bench/bench_hostile.py   (target: every ratio under ~6)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from relcourse.content.text import split_sentences
from relcourse.course.polarity import classify_text
from relcourse.escape import markdown_block

ROOT = Path(__file__).resolve().parent.parent
SHAPES: dict[str, Callable[[int], object]] = {
    "markdown_block: '[' × n": lambda n: markdown_block("[" * n),
    "markdown_block: '[a](' × n": lambda n: markdown_block("[a](" * n),
    "split_sentences: unclosed '“' × n": lambda n: split_sentences("“Word. Next " * n),
    "split_sentences: quoted sentences × n": lambda n: split_sentences('Instead of "a. B", try "b". ' * n),
    "polarity: one sentence of n 'Instead of \"a\", try \"b\";'": lambda n: classify_text('Instead of "a", try "b"; ' * (n // 4) + ".", 1, "article"),
}


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _build(repeats: int) -> float:
    """A whole ``relcourse build --notebooks-only`` of the shipped course with one article padded."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "content", Path(tmp) / "content")
        article = next((Path(tmp) / "content" / "articles").glob("*044*.txt"))
        text = article.read_text(encoding="utf-8")
        cut = text.index("Core Concepts")
        article.write_text(text[:cut] + 'Instead of "a", try "b". ' * repeats + "\n\n" + text[cut:], encoding="utf-8")
        return _timed(lambda: subprocess.run([str(Path(sys.executable).with_name("relcourse")), "build", "--notebooks-only"],
                                             cwd=tmp, check=True, capture_output=True))


def main(n: int = 20_000) -> None:
    for name, shape in SHAPES.items():
        small, large = _timed(lambda: shape(n)), _timed(lambda: shape(4 * n))
        print(f"{name}: n={n:,} {small:.3f} s, 4n {large:.3f} s, ratio {large / max(small, 1e-6):.1f}")
    base, padded, more = _build(0), _build(800), _build(3200)
    print(f"relcourse build, one article padded with 'Instead of \"a\", try \"b\".' × 800 / × 3200: "
          f"{base:.2f} s unpadded, {padded:.2f} s, {more:.2f} s; ratio of the padding's cost "
          f"{(more - base) / max(padded - base, 1e-3):.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
