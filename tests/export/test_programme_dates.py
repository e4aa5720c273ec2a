"""Dates on printed pages: a programme's sessions from its start date and spacing, a module handout's
course date, each written in the page's language; nothing about dates when none is set."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from relcourse.api import build
from relcourse.cli import main
from relcourse.content.synthetic import synthetic_article
from relcourse.course.settings import ProgrammeSpec, load_course
from relcourse.errors import ContentError
from relcourse.export.incremental import programme_outputs
from relcourse.export.programme import session_dates
from relcourse.i18n import format_long_date

from ..conftest import ROOT

NOTEBOOKS = str(ROOT / "notebooks")
ENGLISH = "security-and-needs-133"
CHINESE = "安全感与需求-091"


def _text(page: Path) -> str:
    markup = re.sub(r"<style>.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _programme(out: Path, name: str, module: str, *options: str) -> dict[str, str]:
    assert main(["export", "--notebooks", NOTEBOOKS, "--out", str(out), "--programme", name, "--to", "html",
                 *options, module]) == 0
    return {page.stem.rsplit("-", 1)[-1]: _text(page) for page in out.glob("programme-*.html")}


def test_long_dates_follow_the_language() -> None:
    day = date(2026, 12, 1)
    assert format_long_date(day, "en-GB") == "1 December 2026"
    assert format_long_date(day, "en") == "December 1, 2026"
    assert format_long_date(day, "zh") == format_long_date(day, "zh-Hans") == "2026年12月1日"


def test_sessions_are_dated_every_n_days(tmp_path: Path) -> None:
    assert session_dates(date(2026, 12, 29), 7, 2) == [date(2026, 12, 29), date(2027, 1, 5)]
    pages = _programme(tmp_path, "Evenings", ENGLISH, "--sessions", "3", "--start", "2026-12-01", "--every-days", "14")
    guide, booklet = pages["facilitator"], pages["participant"]
    days = ["December 1, 2026", "December 15, 2026", "December 29, 2026"]
    for n, day in enumerate(days, 1):
        assert f"{n} · {day}" in guide  # the session plan
        assert f"Session {n} (90 minutes) · {day}" in guide  # its agenda
        assert f"session {n} {day}" in guide and f"session {n} {day}" in booklet  # the covers
    assert "Session 1: " in booklet and f" · {days[0]} " in booklet.split("Contents", 1)[1]  # the table of contents
    assert "December 22, 2026" not in guide
    footer = re.search(r"<footer class=\"running-footer\".*?</footer>",
                       (tmp_path / "programme-evenings-participant.html").read_text("utf-8"), flags=re.S)
    assert footer is not None and days[0] in footer.group(0) and days[1] not in footer.group(0)


def test_chinese_programme_dates(tmp_path: Path) -> None:
    guide = _programme(tmp_path, "重逢", CHINESE, "--sessions", "2", "--start", "2026-12-01")["facilitator"]
    assert "2026年12月1日" in guide and "2026年12月8日" in guide
    assert "December" not in guide


def test_no_start_no_dates(tmp_path: Path) -> None:
    pages = _programme(tmp_path, "Evenings", ENGLISH, "--sessions", "2")
    assert all("Dates:" not in text for text in pages.values())
    guide = (tmp_path / "programme-evenings-facilitator.html").read_text("utf-8")
    own = guide.split('<div class="pack-module">', 1)[0]  # the programme's own pages, before the modules' handouts
    assert "<time>" not in own and "____" not in own and "Session 1 (90 minutes)</h3>" in own
    assert '<td class="time">1</td>' in own and '<td class="time">2</td>' in own


@pytest.mark.parametrize(("flag", "value", "words"), [
    ("--start", "2026-13-01", "YYYY-MM-DD"), ("--start", "1/12/2026", "YYYY-MM-DD"),
    ("--every-days", "0", "days between sessions"), ("--every-days", "weekly", "days between sessions")])
def test_bad_dates_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, value: str,
                                       words: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--notebooks", NOTEBOOKS, "--out", str(tmp_path), "--programme", "X", flag, value, ENGLISH])
    assert stopped.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert flag in error and words in error and "Traceback" not in error
    assert not list(tmp_path.iterdir())


def _settings(tmp_path: Path, yaml_text: str) -> Path:
    (tmp_path / "course.yaml").write_text(yaml_text, "utf-8")
    return tmp_path


def test_course_yaml_dates(tmp_path: Path) -> None:
    settings = load_course(_settings(tmp_path, "date: 2026-11-20\nprogrammes:\n"
                                     "  - {name: A, modules: [m], start: 2026-12-01, every_days: 14}\n"
                                     "  - {name: B, modules: [m], start: 2027-01-05 18:30:00}\n  - {name: C, modules: [m]}\n"))
    assert settings.date == date(2026, 11, 20)
    assert [(p.start, p.every_days) for p in settings.programmes] == [
        (date(2026, 12, 1), 14), (date(2027, 1, 5), 7), (None, 7)]


@pytest.mark.parametrize(("yaml_text", "words"), [
    ("date: 20 November\n", "'date': '20 November' is not a date; write it as YYYY-MM-DD"),
    ("programmes:\n  - {name: A, modules: [m], start: 2026-02-30}\n", "programmes entry 1: 'start'"),
    ("programmes:\n  - {name: A, modules: [m], start: 2026-12-01, every_days: 0}\n", "programmes entry 1: 'every_days'"),
    ("programmes:\n  - {name: A, modules: [m], every_days: true}\n", "programmes entry 1: 'every_days'"),
])
def test_bad_dates_in_course_yaml(tmp_path: Path, yaml_text: str, words: str) -> None:
    with pytest.raises(ContentError) as error:
        load_course(_settings(tmp_path, yaml_text))
    message = str(error.value)
    assert "course.yaml" in message and words in message and "\n" not in message


def test_a_changed_date_changes_the_programme_fingerprint(tmp_path: Path) -> None:
    def made_from(**dates: object) -> str:
        spec = ProgrammeSpec("A", (ENGLISH,), **dates)  # type: ignore[arg-type]
        return programme_outputs([spec], Path(NOTEBOOKS), tmp_path)[0].made_from

    assert made_from() != made_from(start=date(2026, 12, 1))
    assert made_from(start=date(2026, 12, 1)) != made_from(start=date(2026, 12, 2))
    assert made_from(start=date(2026, 12, 1)) != made_from(start=date(2026, 12, 1), every_days=14)


def test_module_handouts_show_the_course_date(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a1.txt").write_text(synthetic_article(1, 2_000), "utf-8")
    (content / "course.yaml").write_text("locale: en-GB\norganisation: Riverside Counselling\ndate: 2026-12-01\n", "utf-8")
    result = build(content, tmp_path / "nb", tmp_path / "out", notebooks_only=True)
    slug = result.course.modules[0].slug
    assert main(["export", "--notebooks", str(tmp_path / "nb"), "--out", str(tmp_path / "out"), "--to", "html",
                 "--edition", "participant", slug]) == 0
    page = (tmp_path / "out" / f"{slug}-participant.html").read_text("utf-8")
    cover = re.search(r"<header class=\"cover\">.*?</header>", page, flags=re.S)
    footer = re.search(r"<footer class=\"running-footer\".*?</footer>", page, flags=re.S)
    assert cover is not None and "Riverside Counselling · <time>1 December 2026</time>" in cover.group(0)
    assert footer is not None and "1 December 2026" in footer.group(0)
