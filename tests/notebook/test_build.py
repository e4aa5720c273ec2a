"""Incremental builds: a notebook is made again only when what it is made from changed."""

from __future__ import annotations

import json
from pathlib import Path

from relcourse.content.synthetic import synthetic_article
from relcourse.course.loader import load_course_content
from relcourse.fingerprint import MANIFEST_NAME
from relcourse.notebook.build import build_notebooks
from relcourse.notebook.cells import NAMESPACE

from ..conftest import CONTENT


def _course(root: Path, count: int = 4) -> Path:
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for n in range(1, count + 1):
        (content / "articles" / f"a{n}.txt").write_text(synthetic_article(n, 4_000), "utf-8")
    (content / "course.yaml").write_bytes((CONTENT / "course.yaml").read_bytes())
    return content


def _build(content: Path, notebooks: Path, check: bool = False) -> tuple[list[str], list[str]]:
    report = build_notebooks(load_course_content(content), notebooks, check=check)
    return sorted(p.name for p in report.written), sorted(p.name for p in report.stale)


def _fingerprint(path: Path) -> str:
    return str(json.loads(path.read_text("utf-8"))["metadata"][NAMESPACE]["fingerprint"])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}


def test_second_build_makes_nothing_and_one_changed_article_remakes_only_its_module_and_the_index(tmp_path: Path) -> None:
    content, notebooks = _course(tmp_path), tmp_path / "notebooks"
    first, _ = _build(content, notebooks)
    assert len(first) == 5  # four modules and the index
    assert _build(content, notebooks) == ([], [])
    before = _snapshot(notebooks)
    changed = content / "articles" / "a2.txt"
    slug = next(f"{m.slug}.ipynb" for m in load_course_content(content).modules if m.article.path == changed)
    changed.write_text(changed.read_text("utf-8").replace("Step by Step", "One Step at a Time", 1), "utf-8")
    written, _ = _build(content, notebooks)
    assert written == sorted([slug, "index.ipynb"])
    after = _snapshot(notebooks)
    assert {n for n in after if after[n] != before[n]} == {slug, "index.ipynb"}


def test_the_fingerprint_follows_the_modules_own_files_only(tmp_path: Path) -> None:
    content, notebooks = _course(tmp_path), tmp_path / "notebooks"
    _build(content, notebooks)
    prints = {p.name: _fingerprint(p) for p in notebooks.glob("*.ipynb")}
    other = tmp_path / "elsewhere"
    _build(content, other)  # the same course in another folder: the same notebooks, byte for byte
    assert _snapshot(other) == _snapshot(notebooks)
    module = sorted(n for n in prints if n != "index.ipynb")[0]
    quiz = content / "quizzes" / module.replace(".ipynb", ".yaml")
    quiz.parent.mkdir()
    quiz.write_text("items: []\n", "utf-8")
    _build(content, notebooks)
    now = {p.name: _fingerprint(p) for p in notebooks.glob("*.ipynb")}
    assert {n for n in now if now[n] != prints[n]} == {module, "index.ipynb"}


def test_a_notebook_edited_or_deleted_by_hand_is_made_again(tmp_path: Path) -> None:
    content, notebooks = _course(tmp_path, 2), tmp_path / "notebooks"
    first, _ = _build(content, notebooks)
    edited, deleted = (notebooks / name for name in first[:2])
    good = edited.read_bytes()
    edited.write_text(edited.read_text("utf-8").replace('"cells"', '"cells" ', 1), "utf-8")
    deleted.unlink()
    assert _build(content, notebooks, check=True)[1] == sorted([edited.name, deleted.name])
    assert _build(content, notebooks)[0] == sorted([edited.name, deleted.name])
    assert edited.read_bytes() == good


def test_a_damaged_build_record_only_means_everything_is_compared_again(tmp_path: Path) -> None:
    content, notebooks = _course(tmp_path, 2), tmp_path / "notebooks"
    _build(content, notebooks)
    before = _snapshot(notebooks)
    (notebooks / MANIFEST_NAME).write_text('{"format": 1, "outputs": [1, 2', "utf-8")
    assert _build(content, notebooks) == ([], [])  # nothing differs, so nothing is written
    assert _snapshot(notebooks) == before
    assert json.loads((notebooks / MANIFEST_NAME).read_text("utf-8"))["format"] == 1
