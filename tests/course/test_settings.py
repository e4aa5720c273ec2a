"""content/course.yaml: every key optional, every key used, unknown keys reported."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from relcourse.cli import main
from relcourse.content.parser import parse_article
from relcourse.course.loader import load_course_content
from relcourse.course.settings import DEFAULT_HELP, CourseSettings, load_course, module_language
from relcourse.errors import ContentError
from relcourse.export.run import render_handouts
from relcourse.notebook.builder import module_notebook, notebook_text

from ..conftest import CONTENT, content_folder


def _content(tmp_path: Path, course_yaml: str | None) -> Path:
    content = content_folder(tmp_path, [CONTENT / "articles" / "security-and-needs-133.txt"])
    if course_yaml is not None:
        (content / "course.yaml").write_text(course_yaml)
    return content


def test_defaults_without_course_file(tmp_path: Path) -> None:
    settings = load_course(_content(tmp_path, None))
    assert settings.paper == "a4" and settings.help == DEFAULT_HELP


def test_help_resources_reach_notebooks_and_every_handout_page(tmp_path: Path) -> None:
    content = _content(tmp_path, "title: Couples Evenings\npaper: letter\nhelp:\n"
                                 "  - {name: Local line, contact: 0800 000 000 (Testland)}\n")
    assert main(["build", "--content", str(content), "--notebooks", str(tmp_path / "nb"), "--notebooks-only"]) == 0
    notebook = (tmp_path / "nb" / "security-and-needs-133.ipynb").read_text()
    assert "0800 000 000 (Testland)" in notebook
    html = next(iter(render_handouts(tmp_path / "nb", ["security-and-needs-133"], ["participant"]))).html
    assert "size: LETTER" in html and "Couples Evenings" in html
    assert 'class="running-footer"' in html and "<b>Local line</b>: 0800 000 000 (Testland)" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [("paper: a5\n", "paper must be one of a4, letter"),
     ("help: [{name: x}]\n", "'help' must be a list of entries with 'name' and 'contact'"),
     ("title: [unclosed\n", "not valid YAML"),
     ("colour: blue\n", "unknown setting(s) colour"),
     ("locale: <en>\n", "locale must be a language tag"),
     ("locale: english please\n", "locale must be a language tag"),
     ("programmes: week one\n", "'programmes' must be a list"),
     ("programmes: [{name: A}]\n", "programmes entry 1: write a 'name' and a list of 'modules'"),
     ("programmes: [{name: A, modules: [x], minutes: 60}]\n", "programmes entry 1: 'minutes' must be 90 or 120"),
     ("programmes: [{name: A, modules: [x], sessions: -1}]\n", "'sessions' must be a whole number from 1 to 20"),
     ("programmes: [{name: A, modules: [x], room: 4}]\n", "programmes entry 1: unknown key(s) room"),
     ("programmes: [{name: A, modules: [x]}, {name: a, modules: [y]}]\n", "two programmes have the same name")],
)
def test_bad_course_file_is_one_line_error(tmp_path: Path, text: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    content = _content(tmp_path, text)
    with pytest.raises(ContentError):
        load_course(content)
    assert main(["build", "--content", str(content), "--notebooks", str(tmp_path / "nb"), "--notebooks-only"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"relcourse: error: {content / 'course.yaml'}") and message in err and "\n" not in err
    assert not (tmp_path / "nb").exists()


def test_organisation_facilitator_and_locale_reach_every_handout(tmp_path: Path) -> None:
    content = _content(tmp_path, 'organisation: "Riverside <Family> Centre"\nfacilitator: Dr. Mei Lin\nlocale: en-GB\n')
    notebooks = tmp_path / "nb"
    assert main(["build", "--content", str(content), "--notebooks", str(notebooks), "--notebooks-only"]) == 0
    for rendered in render_handouts(notebooks, ["security-and-needs-133"], ["participant", "facilitator"]):
        html = rendered.html
        assert '<html lang="en-GB">' in html
        who = "Riverside &lt;Family&gt; Centre · Facilitator: Dr. Mei Lin"
        assert f'<div class="provider">{who}</div>' in html  # cover
        assert f'<footer class="running-footer" aria-label="Where to find help"><span class="provider">{who}</span>' in html  # every page
    assert main(["export", "--pack", "Evening one", "security-and-needs-133", "--to", "html", "--edition", "participant",
                 "--notebooks", str(notebooks), "--out", str(tmp_path / "out")]) == 0
    pack = (tmp_path / "out" / "programme-evening-one-participant.html").read_text("utf-8")
    assert '<html lang="en-GB">' in pack and pack.count("Riverside &lt;Family&gt; Centre") >= 3  # pack cover, module, footer


def test_handouts_without_organisation_name_no_one(tmp_path: Path) -> None:
    content = _content(tmp_path, 'organisation: ""\nfacilitator:\n')
    assert load_course(content).facilitator == ""  # a blank key is not the text "None"
    assert main(["build", "--content", str(content), "--notebooks", str(tmp_path / "nb"), "--notebooks-only"]) == 0
    html = next(iter(render_handouts(tmp_path / "nb", ["security-and-needs-133"], ["facilitator"]))).html
    assert 'class="provider"' not in html and "Facilitator:" not in html and '<html lang="en">' in html


@pytest.mark.parametrize(
    ("locale", "article_lang", "expected"),
    [("en-GB", None, "en-GB"),   # index and self-check pages: the course locale
     ("en-GB", "en", "en-GB"),   # the locale refines the article's language
     ("zh-Hans", "zh", "zh-Hans"),
     ("en", "zh", "zh"),         # a Chinese article in an English course is Chinese
     ("zh-Hant", "en", "en")],
)
def test_module_language(locale: str, article_lang: str | None, expected: str) -> None:
    article = None
    if article_lang is not None:
        article = parse_article((CONTENT / "articles" / "security-and-needs-133.txt").read_text("utf-8"))
        article = dataclasses.replace(article, lang=article_lang)
    assert module_language(CourseSettings(locale=locale), article) == expected


def test_the_modules_language_reaches_notebook_and_handout(tmp_path: Path) -> None:
    module = load_course_content(_content(tmp_path, "locale: en-GB\n")).modules[0]
    chinese = dataclasses.replace(module, article=dataclasses.replace(module.article, lang="zh"))
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    for built in (module, chinese):
        nb = module_notebook(built)
        (notebooks / f"{built.slug}.ipynb").write_text(notebook_text(nb), "utf-8")
        html = next(iter(render_handouts(notebooks, [built.slug], ["participant"]))).html
        lang = "zh" if built is chinese else "en-GB"
        assert nb.metadata["relcourse"]["lang"] == lang and f'<html lang="{lang}">' in html


def test_build_keeps_listed_programmes_current(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = _content(tmp_path, "programmes:\n  - {name: Evenings, modules: [security-and-needs-133], sessions: 2}\n"
                                 "  - {name: Broken, modules: [no-such-module]}\n")
    assert load_course(content).programmes[0].sessions == 2
    args = ["build", "--content", str(content), "--notebooks", str(tmp_path / "nb"), "--exports", str(tmp_path / "out")]
    assert main(args) != 0  # the broken programme is named; the good one is still made
    assert "'no-such-module', which is not a module of this course" in capsys.readouterr().err
    booklet = tmp_path / "out" / "programme-evenings-participant.pdf"
    assert booklet.exists() and (tmp_path / "out" / "programme-evenings-facilitator.html").exists()
    guide = (tmp_path / "out" / "programme-evenings-facilitator.html").read_text()
    assert "Session 2 (90 minutes)" in guide and "(continued)" in guide
