"""Hostile content files: each is refused with one line naming it, quickly and without a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from relcourse.content.parser import load_article, load_articles
from relcourse.content.readers import MAX_PLAN_DAYS
from relcourse.content.yaml_files import read_yaml
from relcourse.errors import ArticleError, ContentError
from tests.conftest import SEED_ARTICLES

SEED = SEED_ARTICLES[0]


def _seed_with_step(tmp_path: Path, duration: str) -> Path:
    text = SEED.read_text("utf-8")
    lines = text.split("\n")
    step = next(i for i, line in enumerate(lines) if line.startswith("### Phase") and "(" in line)
    lines[step] = lines[step][: lines[step].index("(")] + f"({duration})"
    path = tmp_path / SEED.name
    path.write_text("\n".join(lines), "utf-8")
    return path


def test_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())
    result = load_articles(tmp_path)
    assert [a.slug for a in result.articles] == [SEED.stem]
    [error] = result.errors
    assert error.path.endswith("pipe.txt") and "not a regular file" in error.message


def test_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    with pytest.raises(ArticleError, match="zero.txt: not a regular file"):
        load_article(tmp_path / "zero.txt")
    with pytest.raises(ContentError, match="zero.yaml: not a regular file"):
        read_yaml(tmp_path / "zero.yaml")


def test_oversized_article_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * 11_000_000)
    with pytest.raises(ArticleError, match="huge.txt: larger than 10 MB"):
        load_article(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_article_is_asked_to_be_saved_as_utf8(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(SEED.read_text("utf-8").encode(encoding))
    with pytest.raises(ArticleError, match="wide.txt:1: UTF-16 text: save the article as UTF-8"):
        load_article(path)


def test_endless_plan_duration_is_named_and_kept_without_dates(tmp_path: Path) -> None:
    article = load_article(_seed_with_step(tmp_path, "Suggested Days 36-99999999"))
    warning = next(w for w in article.warnings if "99999999" in w.message)
    assert f"runs past day {MAX_PLAN_DAYS}" in warning.message
    assert all(s.duration is None or (s.duration.end or 0) <= MAX_PLAN_DAYS for s in article.plan)


def test_a_4400_digit_step_duration_is_no_traceback(tmp_path: Path) -> None:
    article = load_article(_seed_with_step(tmp_path, "Days 1-" + "9" * 4400))
    assert any("runs past day" in w.message for w in article.warnings)


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(8):
        prev, name = chr(97 + i), chr(98 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("text", "expected"), [
    (_billion_laughs(), "refused: more than 100000 values once its aliases"),
    ("a: " + "[" * 3000 + "]" * 3000, "refused: nested more than 32 levels"),
    ("".join("  " * i + f"k{i}:\n" for i in range(60)), "refused: nested more than 32 levels"),
    ("scale: {min: 1, max: " + "9" * 4300 + "}", "refused: a number longer than 30 digits"),
])
def test_yaml_bombs_are_refused_quickly(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ContentError) as caught:  # before: 34 s, 2.3 GB, then MemoryError
        read_yaml(path)
    assert expected in str(caught.value) and str(caught.value).startswith(str(path))


def test_shared_anchors_within_the_bound_still_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("base: &b {min: 1, max: 7}\nscale: *b\nbig: 123456789012\n", "utf-8")
    assert read_yaml(path) == {"base": {"min": 1, "max": 7}, "scale": {"min": 1, "max": 7}, "big": 123456789012}


def test_utf16_yaml_is_asked_to_be_saved_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes("title: x\n".encode("utf-16"))
    with pytest.raises(ContentError, match="wide.yaml: UTF-16 text; save it as UTF-8 YAML"):
        read_yaml(path)


def test_a_folder_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.yaml").mkdir()
    with pytest.raises(ArticleError, match="folder.txt: a folder, not a file"):
        load_article(tmp_path / "folder.txt")
    with pytest.raises(ContentError, match="folder.yaml: a folder, not a file"):
        read_yaml(tmp_path / "folder.yaml")
