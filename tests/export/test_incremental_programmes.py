"""Programmes listed in course.yaml carry a fingerprint in the build record: ``relcourse build``
makes one again only when a notebook it includes, its settings or the kit changed, or a file went."""

from __future__ import annotations

import json
from pathlib import Path

from relcourse.api import build
from relcourse.content.synthetic import synthetic_article
from relcourse.course.loader import load_course_content
from relcourse.fingerprint import MANIFEST_NAME


def _course(root: Path, minutes: int) -> tuple[Path, list[str]]:
    content = root / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    for n in (1, 2):
        (content / "articles" / f"a{n}.txt").write_text(synthetic_article(n, 2_000), "utf-8")
    slugs = [m.slug for m in load_course_content(content).modules]
    (content / "course.yaml").write_text(f"programmes:\n  - {{name: Evenings, modules: [{slugs[0]}], minutes: {minutes}}}\n",
                                         "utf-8")
    return content, slugs


def test_programmes_are_made_again_only_when_what_they_include_changed(tmp_path: Path) -> None:
    content, slugs = _course(tmp_path, 90)
    folders = (tmp_path / "nb", tmp_path / "out")
    first = build(content, *folders)
    assert first.programmes_rebuilt == ["Evenings"] and first.programmes_current == []
    guide = tmp_path / "out" / "programme-evenings-facilitator.html"
    record = json.loads((tmp_path / "out" / MANIFEST_NAME).read_text("utf-8"))["outputs"]
    assert {"programme-evenings-facilitator.pdf", "programme-evenings-participant.html"} <= set(record)

    again = build(content, *folders)
    assert again.programmes_rebuilt == [] and again.programmes_current == ["Evenings"] and again.handouts == []

    other = content / "articles" / "a2.txt"  # a module the programme does not include
    other.write_text(other.read_text("utf-8").replace("Step by Step", "One Step at a Time", 1), "utf-8")
    changed = build(content, *folders)
    assert changed.modules_rebuilt == [slugs[1]] and changed.programmes_current == ["Evenings"]

    _course(tmp_path, 120)  # the programme's own settings
    assert build(content, *folders).programmes_rebuilt == ["Evenings"]
    assert "(120 minutes)" in guide.read_text("utf-8")

    included = content / "articles" / "a1.txt"
    included.write_text(included.read_text("utf-8").replace("Step by Step", "One Step at a Time", 1), "utf-8")
    assert build(content, *folders).programmes_rebuilt == ["Evenings"]

    guide.write_text("edited by hand", "utf-8")
    assert build(content, *folders).programmes_rebuilt == ["Evenings"]
    assert build(content, *folders).programmes_rebuilt == []
