"""Every bad content file is reported by name; the rest of the course still builds and nothing built is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from relcourse.course.loader import load_course_content
from relcourse.course.selfcheck.instrument import MAX_SCALE_POINTS, load_instrument
from relcourse.errors import ContentError
from relcourse.notebook.build import build_notebooks

from ..conftest import CONTENT, SEED_ARTICLES, content_folder

GOOD = CONTENT / "articles" / "security-and-needs-044.txt"
INSTRUMENT = CONTENT / "instruments" / "relationship-test.yaml"


def _imposter(content: Path) -> Path:
    """A new file whose title line maps to the same module as the good article (and sorts first)."""
    text = GOOD.read_text("utf-8").replace("Mapping Your Internal Terrain", "IMPOSTER TEXT")
    path = content / "articles" / "aaa.txt"
    path.write_text(text, "utf-8")
    return path


def test_slug_collision_reports_both_files_and_keeps_the_built_notebook(tmp_path: Path) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    notebooks = tmp_path / "notebooks"
    build_notebooks(load_course_content(content), notebooks)
    built = (notebooks / "security-and-needs-044.ipynb").read_text("utf-8")
    _imposter(content)

    course = load_course_content(content)
    report = build_notebooks(course, notebooks)

    assert "security-and-needs-044" not in [m.slug for m in course.modules]
    assert "security-and-needs-133" in [m.slug for m in course.modules]
    errors = {Path(d.path).name: d.message for d in course.diagnostics if d.severity == "error"}
    assert set(errors) == {"aaa.txt", "security-and-needs-044.txt"}
    assert "security-and-needs-044.txt" in errors["aaa.txt"] and "aaa.txt" in errors["security-and-needs-044.txt"]
    assert (notebooks / "security-and-needs-044.ipynb").read_text("utf-8") == built
    assert "IMPOSTER" not in built
    assert notebooks / "security-and-needs-044.ipynb" not in report.written


def test_curated_quiz_for_an_unknown_module_is_named(tmp_path: Path) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / "quizzes").mkdir()
    (content / "quizzes" / "no-such-module-001.yaml").write_text("items: []\n", "utf-8")
    warnings = [d for d in load_course_content(content).diagnostics if "no-such-module-001" in d.path]
    assert len(warnings) == 1 and "not used: no module 'no-such-module-001' was built" in warnings[0].message


@pytest.mark.parametrize("folder", ["quizzes", "instruments"])
def test_yml_files_are_named_not_silently_skipped(tmp_path: Path, folder: str) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / folder).mkdir()
    (content / folder / "mine.yml").write_bytes(INSTRUMENT.read_bytes())
    [warning] = [d for d in load_course_content(content).diagnostics if d.path.endswith("mine.yml")]
    assert "rename it to mine.yaml" in warning.message


def test_course_yml_is_named_not_silently_skipped(tmp_path: Path) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / "course.yml").write_bytes((CONTENT / "course.yaml").read_bytes())
    [warning] = [d for d in load_course_content(content).diagnostics if d.path.endswith("course.yml")]
    assert warning.path == str(content / "course.yml") and warning.message == "not read: only *.yaml files are; rename it to course.yaml"


def _instrument(tmp_path: Path, old: str, new: str, name: str = "broken.yaml") -> Path:
    text = INSTRUMENT.read_text("utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(("old", "new"), [
    ("max: 7", "max: 1000000000"),
    ("max: 7", "max: " + "9" * 4300),
])
def test_huge_scales_are_refused(tmp_path: Path, old: str, new: str) -> None:
    with pytest.raises(ContentError, match=r"broken.yaml(:\d+)?: .*(at most|longer than)"):
        load_instrument(_instrument(tmp_path, old, new))
    assert MAX_SCALE_POINTS >= 7


@pytest.mark.parametrize(("old", "new"), [
    ("items: [a1, a2, a3, a4, a5]", "items: [[a1], a2]"),
    ("recommend_when: high", "recommend_when: high\n    bands: {source: x, ranges: [{min: low, max: 2, label: l}]}"),
    ("recommend_when: high", "recommend_when: high\n    bands: {source: x, ranges: [{min: [1], max: 2, label: l}]}"),
    ("max_missing: 1", "max_missing: {a: 1}"),
])
def test_wrong_types_fail_one_file_and_the_rest_builds(tmp_path: Path, old: str, new: str) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / "instruments").mkdir()
    (content / "instruments" / "relationship-test.yaml").write_bytes(INSTRUMENT.read_bytes())
    _instrument(content / "instruments", "id: relationship-test", "id: other-test", "other.yaml")
    broken = _instrument(content / "instruments", old, new, "other.yaml")
    broken.write_text(broken.read_text("utf-8").replace("id: relationship-test", "id: other-test"), "utf-8")
    course = load_course_content(content)
    assert [i.id for i in course.instruments] == ["relationship-test"]
    [error] = [d for d in course.diagnostics if d.severity == "error"]
    assert error.path.endswith("other.yaml") and "\n" not in error.message
    assert len(course.modules) == len(SEED_ARTICLES)


@pytest.mark.parametrize("name", ["articles/x.txt", "instruments/x.yaml", "quizzes/security-and-needs-044.yaml"])
def test_a_folder_named_like_a_content_file_is_named_and_the_rest_builds(tmp_path: Path, name: str) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    before = {m.slug for m in load_course_content(content).modules}
    (content / name).mkdir(parents=True)
    course = load_course_content(content)
    [error] = [d for d in course.diagnostics if d.severity == "error"]
    assert error.path == str(content / name) and "a folder, not a file" in error.message and "\n" not in error.message
    assert {m.slug for m in course.modules} == before - {Path(name).stem}


def test_course_yaml_as_a_folder_is_one_line_naming_it(tmp_path: Path) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / "course.yaml").mkdir()
    with pytest.raises(ContentError, match=r"course.yaml: a folder, not a file; rename or move the folder$"):
        load_course_content(content)


def test_two_instruments_with_one_id_are_both_named_and_neither_is_used(tmp_path: Path) -> None:
    content = content_folder(tmp_path, SEED_ARTICLES)
    (content / "instruments").mkdir()
    (content / "instruments" / "relationship-test.yaml").write_bytes(INSTRUMENT.read_bytes())
    (content / "instruments" / "other-test.yaml").write_text(
        INSTRUMENT.read_text("utf-8").replace("id: relationship-test", "id: other-test"), "utf-8")
    notebooks = tmp_path / "notebooks"
    build_notebooks(load_course_content(content), notebooks)
    built = (notebooks / "relationship-test.ipynb").read_text("utf-8")
    imposter = INSTRUMENT.read_text("utf-8").replace('title: "', 'title: "IMPOSTER ', 1)
    (content / "instruments" / "aaa.yaml").write_text(imposter, "utf-8")

    course = load_course_content(content)
    report = build_notebooks(course, notebooks)

    assert [i.id for i in course.instruments] == ["other-test"]
    errors = {Path(d.path).name: d.message for d in course.diagnostics if d.severity == "error"}
    assert set(errors) == {"aaa.yaml", "relationship-test.yaml"}
    for message in errors.values():
        assert "'relationship-test' is claimed by aaa.yaml and relationship-test.yaml; change 'id'" in message
    assert (notebooks / "relationship-test.ipynb").read_text("utf-8") == built and "IMPOSTER" not in built
    assert notebooks / "relationship-test.ipynb" not in report.written + report.orphaned
