"""Facilitator review and lock (content/reviewed/<slug>.yaml): approve, edit, reject, stale reviews."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from relcourse.cli import main
from relcourse.course.loader import load_course_content
from relcourse.course.review import grounding_hash, load_review
from relcourse.errors import ContentError

from ..conftest import CONTENT

SLUG = "security-and-needs-133"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content"


def _review(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["review", SLUG, "--content", str(course_dir), "--out", str(course_dir.parent / "exports")]) == 0
    capsys.readouterr()
    data: dict[str, Any] = yaml.safe_load((course_dir / "reviewed" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    return data


def _save(course_dir: Path, data: dict[str, Any]) -> None:
    (course_dir / "reviewed" / f"{SLUG}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first(data: dict[str, Any], kind: str, n: int = 0) -> dict[str, Any]:
    entry: dict[str, Any] = [e for e in data["entries"] if e["kind"] == kind][n]
    return entry


def test_review_lists_everything_generated_with_its_sentence_and_rule(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _review(course_dir, capsys)
    module = load_course_content(course_dir).module(SLUG)
    kinds = [e["kind"] for e in data["entries"]]
    assert kinds.count("quiz") == len(module.quiz) and kinds.count("prompt") == len(module.prompts)
    assert kinds.count("phrase") == len(module.phrases) and kinds.count("log") == len(module.templates)
    assert {e["status"] for e in data["entries"]} == {"pending"}
    article_text = module.article.path.read_text(encoding="utf-8")
    for entry in data["entries"]:
        assert entry["rule"] and entry["hash"] == grounding_hash(entry["grounding"])
        if entry["kind"] in ("quiz", "phrase"):
            assert entry["grounding"] and " ".join(entry["grounding"].split()) in " ".join(article_text.split())
    quiz_rules = {e["rule"] for e in data["entries"] if e["kind"] == "quiz"}
    assert quiz_rules <= {"distinction_items", "style_items", "instead_items", "case_concept_items", "case_step_items",
                          "term_items", "concept_match", "expert_match", "plan_order", "plan_timing", "step_for_action"}
    sheet = (course_dir.parent / "exports" / "review" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert _first(data, "quiz")["id"] in sheet and f"{len(data['entries'])} generated, 0 reviewed, 0 changed" in sheet


def test_approve_edit_reject_are_used_as_written(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _review(course_dir, capsys)
    before = load_course_content(course_dir).module(SLUG)
    approved, edited, rejected = _first(data, "quiz", 0), _first(data, "quiz", 1), _first(data, "quiz", 2)
    approved["status"] = "approved"
    edited["status"] = "edited"
    edited["content"]["prompt"] = "Which of these does the article say, in your words?"
    rejected["status"] = "rejected"
    prompt = _first(data, "prompt")
    prompt["status"] = "rejected"
    phrase = _first(data, "phrase")
    phrase["status"] = "rejected"
    _save(course_dir, data)
    after = load_course_content(course_dir).module(SLUG)
    ids = [item.id for item in after.quiz]
    assert rejected["id"] not in ids and len(after.quiz) == len(before.quiz) - 1
    assert after.quiz_item(edited["id"]).prompt == "Which of these does the article say, in your words?"
    assert after.quiz_item(approved["id"]) == before.quiz_item(approved["id"])
    assert prompt["id"] not in [p.id for p in after.prompts]
    assert phrase["content"]["text"] not in [p.text for p in after.phrases]
    again = _review(course_dir, capsys)  # running review again keeps every decision
    assert [(e["id"], e["status"]) for e in again["entries"]] == [(e["id"], e["status"]) for e in data["entries"]]
    assert _first(again, "quiz", 1)["content"]["prompt"] == "Which of these does the article say, in your words?"
    assert main(["check", str(course_dir)]) == 0
    assert f"{SLUG}: {len(data['entries'])} generated, 5 reviewed, 0 changed in the article since review" in capsys.readouterr().out


def test_an_edited_article_flags_the_review_and_keeps_the_printed_key(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _review(course_dir, capsys)
    entry = _first(data, "quiz")
    entry["status"] = "approved"
    _save(course_dir, data)
    article = next((course_dir / "articles").glob("*133*.txt"))
    lines = article.read_text(encoding="utf-8").split("\n")
    lines[entry["line"] - 1] = lines[entry["line"] - 1].replace("not conflict-free", "never free of conflict")
    article.write_text("\n".join(lines), encoding="utf-8")
    module = load_course_content(course_dir).module(SLUG)
    assert module.quiz_item(entry["id"]).answer == tuple(entry["content"]["answer"])  # used as reviewed
    assert main(["check", str(course_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 reviewed, 1 changed in the article since review" in out
    assert f"quiz {entry['id']}: its sentence (line {entry['line']}) changed; review it again" in out


@pytest.mark.parametrize(("change", "message"), [
    (lambda e: e.update(status="maybe"), "'status' must be one of pending, approved, edited, rejected"),
    (lambda e: e.update(colour="red"), "unknown key(s) colour"),
    (lambda e: e["content"].update(type="essay"), "its content is not a valid quiz (unknown item type 'essay'"),
    (lambda e: e["content"].update(answer=["not an option"]), "every answer must be one of the options"),
])
def test_a_bad_entry_is_one_line_naming_file_and_line(course_dir: Path, capsys: pytest.CaptureFixture[str],
                                                       change: Any, message: str) -> None:
    data = _review(course_dir, capsys)
    change(data["entries"][1])
    _save(course_dir, data)
    path = course_dir / "reviewed" / f"{SLUG}.yaml"
    text = path.read_text(encoding="utf-8").split("\n")
    line = [n for n, t in enumerate(text, 1) if t.startswith("- ")][1]
    with pytest.raises(ContentError) as caught:
        load_review(path)
    assert str(caught.value).startswith(f"{path}:{line}: entry ") and message in str(caught.value)
    assert main(["check", str(course_dir)]) == 1  # the other module is still checked and built
    out = capsys.readouterr().out
    others = len(list((course_dir / "articles").glob("*.txt"))) - 1
    assert f"{path}:{line}: error:" in out and f"{others} article(s) ready, 1 file(s) failed" in out
    assert main(["review", SLUG, "--content", str(course_dir), "--out", str(course_dir.parent / "x")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{path}:{line}:" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8").split("\n") == text  # the facilitator's file is not rewritten


def test_the_review_sheet_escapes_content(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _review(course_dir, capsys)
    entry = _first(data, "quiz")
    entry["status"] = "edited"
    entry["content"]["prompt"] = "<script>alert(1)</script> & more"
    _save(course_dir, data)
    _review(course_dir, capsys)
    sheet = (course_dir.parent / "exports" / "review" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "<script>" not in sheet and "&lt;script&gt;" in sheet
