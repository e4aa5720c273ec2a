"""Rewrite the expected files the tests compare against: ``python -m tests.regen``.

Run it only after a change that is meant to alter the output, read ``git diff tests/``, and say
in the commit message which change altered which file. The tests never rewrite these files.

- ``tests/golden/``: one seed module's notebook and both handout editions, byte for byte;
- ``tests/golden/<zh-slug>.ipynb`` and ``-participant.html``: a course of one Chinese fixture article
  (the kit's own words in Chinese, from relcourse/i18n);
- ``tests/fixtures/articles/<name>.expected.json``: ``relcourse inspect --json <name>.txt``.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CONTENT = TESTS.parent / "content"
GOLDEN = TESTS / "golden"
FIXTURE_ARTICLES = TESTS / "fixtures" / "articles"
#: articles in other languages (not built into modules by the notebook tests)
FIXTURE_ARTICLES_ZH = TESTS / "fixtures" / "articles-zh"
GOLDEN_MODULE = "security-and-needs-133"
GOLDEN_EDITIONS = ("participant", "facilitator")
#: the Chinese golden module: one fixture article built as a course of its own
GOLDEN_ZH_ARTICLE = FIXTURE_ARTICLES_ZH / "security-and-needs-088.txt"


def expected_json_path(article: Path) -> Path:
    """``tests/fixtures/articles/x.txt`` → ``x.expected.json`` beside it."""
    return article.with_name(f"{article.stem}.expected.json")


def inspect_json(article: Path) -> str:
    """Exactly what ``relcourse inspect --json ARTICLE`` prints, run in the project folder with
    the article's relative path (warnings name it, and must read the same on every machine)."""
    from relcourse.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.chdir(TESTS.parent):
        code = main(["inspect", "--json", str(article.relative_to(TESTS.parent))])
    if code != 0:
        raise RuntimeError(f"relcourse inspect --json {article} exited with {code}")
    return out.getvalue()


def build_seed_notebooks(folder: Path) -> Path:
    """The shipped content built into ``folder``, as ``relcourse build --notebooks-only`` does."""
    from relcourse.course.loader import load_course_content
    from relcourse.notebook.build import build_notebooks

    build_notebooks(load_course_content(CONTENT), folder)
    return folder


def golden_notebook() -> str:
    from relcourse.course.loader import load_course_content
    from relcourse.notebook.builder import module_notebook, notebook_text

    return notebook_text(module_notebook(load_course_content(CONTENT).module(GOLDEN_MODULE)))


def golden_html(notebooks: Path, edition: str) -> str:
    from relcourse.export.run import render_handouts

    return next(iter(render_handouts(notebooks, [GOLDEN_MODULE], [edition]))).html


def build_chinese_course(folder: Path) -> tuple[str, Path]:
    """The Chinese golden article as a course of its own in ``folder``: (its slug, its notebooks folder)."""
    from relcourse.course.loader import load_course_content
    from relcourse.notebook.build import build_notebooks

    (folder / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "content" / "articles" / GOLDEN_ZH_ARTICLE.name).write_bytes(GOLDEN_ZH_ARTICLE.read_bytes())
    course = load_course_content(folder / "content")
    build_notebooks(course, folder / "notebooks")
    return course.modules[0].slug, folder / "notebooks"


def chinese_golden_files(folder: Path) -> dict[Path, str]:
    """The Chinese module's notebook and participant handout, as the golden files hold them."""
    from relcourse.course.loader import load_course_content
    from relcourse.export.run import render_handouts
    from relcourse.notebook.builder import module_notebook, notebook_text

    slug, notebooks = build_chinese_course(folder)
    notebook = notebook_text(module_notebook(load_course_content(folder / "content").module(slug)))
    html = next(iter(render_handouts(notebooks, [slug], ["participant"]))).html
    return {GOLDEN / f"{slug}.ipynb": notebook, GOLDEN / f"{slug}-participant.html": html}


def expected_files(notebooks: Path) -> dict[Path, str]:
    """Every expected file and the text it should hold now (``notebooks``: freshly built)."""
    files = {GOLDEN / f"{GOLDEN_MODULE}.ipynb": golden_notebook()}
    files.update({GOLDEN / f"{GOLDEN_MODULE}-{edition}.html": golden_html(notebooks, edition) for edition in GOLDEN_EDITIONS})
    articles = sorted(FIXTURE_ARTICLES.glob("*.txt")) + sorted(FIXTURE_ARTICLES_ZH.glob("*.txt"))
    files.update({expected_json_path(article): inspect_json(article) for article in articles})
    files.update(chinese_golden_files(notebooks.parent / "zh"))
    return files


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="relcourse-regen-") as tmp:
        files = expected_files(build_seed_notebooks(Path(tmp)))
    changed = [path for path, text in files.items() if not path.exists() or path.read_text("utf-8") != text]
    for path in changed:
        path.write_text(files[path], "utf-8")
        print(f"rewrote {path.relative_to(TESTS.parent)}")
    print(f"{len(changed)} of {len(files)} expected file(s) changed; review them with git diff before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
