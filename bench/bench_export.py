"""Handout export speed: relcourse in-process HTML vs one `jupyter nbconvert --to html` call over
the same N notebooks; and PDF printing on one worker vs all cores.

Run: python bench/bench_export.py [N]   (target at N=50: HTML at least 3× faster than nbconvert;
PDFs spread over the cores)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from relcourse.content.synthetic import synthetic_article
from relcourse.course.loader import load_course_content
from relcourse.export.run import export_handouts
from relcourse.notebook.build import build_notebooks


def main(count: int = 50, pdf_count: int = 6) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content" / "articles").mkdir(parents=True)
        for n in range(1, count + 1):
            (root / "content" / "articles" / f"a{n:03d}.txt").write_text(synthetic_article(n, 20_000))
        build_notebooks(load_course_content(root / "content"), root / "nb")
        slugs = sorted(p.stem for p in (root / "nb").glob("*.ipynb") if p.stem != "index")

        start = time.perf_counter()
        export_handouts(root / "nb", root / "out", slugs, ["participant"], ["html"], show_progress=False)
        ours = time.perf_counter() - start

        jupyter = shutil.which("jupyter") or str(Path(sys.executable).with_name("jupyter"))
        start = time.perf_counter()
        subprocess.run([jupyter, "nbconvert", "--to", "html", "--output-dir", str(root / "stock"),
                        *[str(root / "nb" / f"{s}.ipynb") for s in slugs]], check=True, capture_output=True)
        stock = time.perf_counter() - start
        print(f"HTML, {len(slugs)} modules: relcourse {ours:.2f} s, jupyter nbconvert --to html {stock:.2f} s; "
              f"relcourse is {stock / ours:.1f}× faster (target ≥ 3×)")

        sample = slugs[:pdf_count]
        start = time.perf_counter()
        export_handouts(root / "nb", root / "pdf1", sample, ["participant"], ["pdf"], workers=1, show_progress=False)
        one = time.perf_counter() - start
        cores = os.cpu_count() or 1
        start = time.perf_counter()
        export_handouts(root / "nb", root / "pdfn", sample, ["participant"], ["pdf"], workers=cores, show_progress=False)
        many = time.perf_counter() - start
        print(f"PDF, {len(sample)} handouts: 1 worker {one:.2f} s, {cores} workers {many:.2f} s; speed-up {one / many:.2f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
