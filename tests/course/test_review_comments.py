"""'relcourse review' rewrites content/reviewed/<slug>.yaml in place: a facilitator's comments stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.course.review import load_review

from ..conftest import CONTENT

SLUG = "security-and-needs-133"


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path / "content"


def _review(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["review", SLUG, "--content", str(course_dir), "--out", str(course_dir.parent / "exports")]) == 0
    capsys.readouterr()
    return (course_dir / "reviewed" / f"{SLUG}.yaml").read_text(encoding="utf-8")


def _entry_blocks(text: str) -> list[str]:
    """The file's entries as text, each from its '- kind:' line to the next."""
    return re.split(r"(?m)^(?=- kind: )", text)[1:]


def test_comments_a_facilitator_adds_survive_a_second_review(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _review(course_dir, capsys)
    assert first.startswith(f"# Review of module {SLUG}:")
    blocks = _entry_blocks(first)
    assert len(blocks) >= 3
    # approve the first entry with a note beside it, note something inside the second, and above the third
    blocks[0] = blocks[0].replace("status: pending", "status: approved  # read with the team, fine as it is", 1)
    blocks[1] = blocks[1].replace("\n  content:", "\n  # ask the supervisor before printing\n  content:", 1)
    blocks[2] = "# the next one is for the second session\n" + blocks[2]
    head = "# reviewed by the facilitator, March\n" + first[: first.index("- kind: ")]
    path = course_dir / "reviewed" / f"{SLUG}.yaml"
    path.write_text(head + "".join(blocks), encoding="utf-8")

    second = _review(course_dir, capsys)
    for note in ("# reviewed by the facilitator, March", "# read with the team, fine as it is",
                 "# ask the supervisor before printing", "# the next one is for the second session",
                 f"# Review of module {SLUG}:"):
        assert second.count(note) == 1, note
    after = _entry_blocks(second)
    assert "status: approved  # read with the team" in after[0]
    assert "# ask the supervisor before printing" in after[1]
    assert after[1].index("# ask the supervisor") < after[1].index("content:")
    assert after[1].endswith("# the next one is for the second session\n")  # still right above the third entry
    assert [e.status for e in load_review(path).entries][:2] == ["approved", "pending"]
    assert _review(course_dir, capsys) == second  # nothing new: the file is left as it is


def test_a_file_without_comments_reads_the_same_after_review(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _review(course_dir, capsys)
    path = course_dir / "reviewed" / f"{SLUG}.yaml"
    path.write_text(first.replace("status: pending", "status: rejected", 1), encoding="utf-8")
    second = _review(course_dir, capsys)
    assert second == first.replace("status: pending", "status: rejected", 1)


def test_no_line_ends_in_a_space(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not [line for line in _review(course_dir, capsys).splitlines() if line.endswith(" ")]
