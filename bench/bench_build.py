"""Incremental builds and export speed, whole processes side by side in one run (not a timed test).

- a no-op ``relcourse build`` on the shipped content (target < 2 s);
- a 40-article synthetic course: after one article changes, only that module, the index and its
  handouts are made again;
- HTML export of 44 modules: ``relcourse export --to html`` vs one ``jupyter nbconvert --to html``
  call over the same notebooks (target ≥ 5× faster);
- PDF pages per second on one worker and on every core.

Run: python bench/bench_build.py [ARTICLES [PART…]]   (default 40 articles, every part: noop change html pdf)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from pypdf import PdfReader

from relcourse.content.synthetic import synthetic_article
from relcourse.course.loader import load_course_content
from relcourse.export.run import export_handouts
from relcourse.notebook.build import build_notebooks

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: the processes run the committed package, copied once: a working tree being edited changes the
#: kit's fingerprint, and a changed kit rightly makes everything again
ENV = dict(os.environ)


def run(*args: str, cwd: Path) -> tuple[float, str]:
    """Wall time of one whole process, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, check=True, env=ENV)
    return time.perf_counter() - start, done.stdout


def relcourse(*args: str, cwd: Path) -> tuple[float, str]:
    return run(str(BIN / "relcourse"), *args, cwd=cwd)


def synthetic_course(root: Path, count: int, size: int) -> Path:
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    for n in range(1, count + 1):
        (articles / f"a{n:03d}.txt").write_text(synthetic_article(n, size), "utf-8")
    return root


def noop_build(tmp: Path) -> None:
    shutil.copytree(ROOT / "content", tmp / "shipped" / "content")
    relcourse("build", cwd=tmp / "shipped")
    runs = [relcourse("build", cwd=tmp / "shipped") for _ in range(3)]
    times = [seconds for seconds, _ in runs]
    print(f"no-op build, shipped content: {min(times):.2f}–{max(times):.2f} s over 3 runs (target < 2 s)")
    print(f"    {runs[-1][1].strip().splitlines()[-1]}")


def one_article_change(tmp: Path, count: int) -> None:
    root = synthetic_course(tmp / "course", count, 3_000)
    first, _ = relcourse("build", cwd=root)
    noop, _ = relcourse("build", cwd=root)
    article = root / "content" / "articles" / "a007.txt"
    article.write_text(article.read_text("utf-8").replace("Step by Step", "One Step at a Time", 1), "utf-8")
    changed, said = relcourse("build", cwd=root)
    print(f"{count}-article course: first build {first:.1f} s, no-op {noop:.2f} s, after one article changed "
          f"{changed:.2f} s ({first / changed:.0f}× less than the first)")
    for line in said.splitlines():
        print(f"    {line}")
    match = re.search(r"notebooks: (\d+) rebuilt.*\n.*?(\d+) rebuilt", said)
    assert match and match.groups() == ("2", "1"), said  # its notebook + the index; its handouts


def html_export(tmp: Path, count: int = 44, rounds: int = 3) -> None:
    """``relcourse export`` renders every handout each time (no build record is consulted), so each
    round is the whole work: read, check, render, write; the two commands alternate, so both see the
    same load on a shared machine, and each round's ratio is of neighbouring runs."""
    root = synthetic_course(tmp / "html", count, 20_000)
    build_notebooks(load_course_content(root / "content"), root / "nb")
    notebooks = sorted(str(p) for p in (root / "nb").glob("*.ipynb") if p.stem != "index")
    ours, stock = [], []
    for _ in range(rounds):
        ours.append(relcourse("export", "--to", "html", "--edition", "participant", "--notebooks", "nb", "--out", "ours",
                              cwd=root)[0])
        stock.append(run(str(BIN / "jupyter"), "nbconvert", "--to", "html", "--output-dir", "stock", *notebooks, cwd=root)[0])
    ratios = [s / o for o, s in zip(ours, stock)]
    print(f"HTML export, {len(notebooks)} modules, whole processes, {rounds} rounds: relcourse {min(ours):.2f}–{max(ours):.2f} s, "
          f"jupyter nbconvert --to html {min(stock):.2f}–{max(stock):.2f} s; relcourse is {min(ratios):.1f}–{max(ratios):.1f}× "
          f"faster, median {statistics.median(ratios):.1f}× (target ≥ 5×)")


def pdf_speed(tmp: Path, sample: int = 6) -> None:
    root = synthetic_course(tmp / "pdf", sample, 20_000)
    build_notebooks(load_course_content(root / "content"), root / "nb")
    slugs = sorted(p.stem for p in (root / "nb").glob("*.ipynb") if p.stem != "index")
    results = []
    for workers in (1, os.cpu_count() or 1):
        start = time.perf_counter()
        written = export_handouts(root / "nb", root / f"pdf{workers}", slugs, ["participant"], ["pdf"], workers=workers,
                                  show_progress=False)
        seconds = time.perf_counter() - start
        pages = sum(len(PdfReader(p).pages) for p in written)
        results.append(pages / seconds)
        print(f"PDF, {len(written)} handouts, {pages} pages, {workers} worker(s): {seconds:.2f} s, {pages / seconds:.1f} pages/s")
    print(f"    parallel speed-up {results[-1] / results[0]:.2f}×")


def main(count: int = 40, parts: Sequence[str] = ()) -> None:
    """Every part, or those named (noop, change, html, pdf)."""
    steps: dict[str, Callable[[Path], None]] = {"noop": noop_build, "change": lambda tmp: one_article_change(tmp, count),
                                                "html": html_export, "pdf": pdf_speed}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "kit").mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "relcourse"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp / "kit")], input=archive, check=True)
        ENV["PYTHONPATH"] = str(tmp / "kit")
        for part in parts or steps:
            steps[part](tmp)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40, sys.argv[2:])
