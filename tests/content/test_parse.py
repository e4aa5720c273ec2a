from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from relcourse.content.decode import decode_article
from relcourse.content.parser import load_article, load_articles, parse_article
from relcourse.content.readers import parse_duration
from relcourse.content.serialize import article_to_json
from relcourse.content.synthetic import synthetic_article
from relcourse.errors import ArticleError

from ..conftest import CONTENT, FIXTURE_ARTICLES, FIXTURES, SEED_ARTICLES

ALL_ARTICLES = SEED_ARTICLES + FIXTURE_ARTICLES


def test_seed_133_structure() -> None:
    article = load_article(CONTENT / "articles" / "security-and-needs-133.txt")
    assert article.slug == "security-and-needs-133"
    assert article.category == "Security and Needs"
    assert article.number == 133
    assert article.title.startswith("Security and Aging: Deepening")
    assert [(s.number, s.duration.start, s.duration.end, s.duration.unit) for s in article.plan if s.duration] == [
        (1, 1, 3, "day"), (2, 4, 10, "day"), (3, 11, 17, "day"), (4, 18, 25, "day"), (5, 26, 35, "day"), (6, 36, 50, "day"),
    ]
    assert [s.name for s in article.plan][0] == "Security Status Assessment"
    assert all(len(s.actions) == 6 and len(s.intro) == 1 for s in article.plan)
    assert [c.title for c in article.cases] == [
        "The Transformation from Anxious Attachment to Secure Connection",
        "How Co-Regulation Healed Physiological Insecurity",
    ]
    assert [e.person for e in article.experts] == ["John Bowlby", None, "Stephen Porges"]
    assert len(article.insights) == 5
    assert article.summary is not None and article.summary.closing is not None
    assert article.summary.closing.startswith("Remember: relationship security is a garden")
    assert [c.name for sub in article.concepts for c in sub.concepts] == [
        "Transmission and Reception of Safety Signals", "Updating Internal Working Models", "Co-Regulation",
    ]
    assert [sub.title for sub in article.concepts if sub.is_distinction] == ["Critical Distinctions"]
    # the page's "Try this sentence" is kept as written (here the cut teaser: polarity leaves it out)
    assert [t.line for t in article.try_this] == [112] and article.try_this[0].endswith("und…")
    assert article.faq == []  # its one answer is the page's cut teaser: left out, with a warning
    assert [n.line for n in article.left_out] == [114]
    assert article.plan[0].line == 26 and article.cases[0].line == 81 and article.experts[0].line == 91
    assert article.warnings == []


def test_seed_044_structure() -> None:
    article = load_article(CONTENT / "articles" / "security-and-needs-044.txt")
    assert article.slug == "security-and-needs-044"
    assert [(s.kind, s.duration.unit, s.duration.start, s.duration.end) for s in article.plan if s.duration] == [
        ("Phase", "week", 1, 2), ("Phase", "week", 3, 3), ("Phase", "week", 4, 5), ("Phase", "week", 6, 9),
        ("Phase", "ongoing", None, None),
    ]
    assert len(article.cases) == 1
    assert article.cases[0].title == "Detailed Case Study: Liang and Su's Transformation"
    assert len(article.experts) == 4
    assert [e.person for e in article.experts] == ["John Gottman", "Sue Johnson", "Dan Siegel", None]
    assert len([c for sub in article.concepts for c in sub.concepts]) == 6
    assert article.teaser.startswith("Liang and Su's relationship crisis")
    assert article.warnings == []


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.name)
def test_every_line_is_kept_exactly_once(path: Path) -> None:
    """Every non-blank line is chrome or belongs to exactly one element, verbatim."""
    article = load_article(path)
    lines = decode_article(path.read_bytes(), path)
    expected = {number: text.strip() for number, text in enumerate(lines, 1) if text.strip()}
    owned = article.owned_blocks() + article.chrome
    numbers = [block.line for block in owned]
    assert len(numbers) == len(set(numbers)), "a line was given to two elements"
    assert {block.line: block.text for block in owned} == expected


def _plain(text: str) -> str:
    text = re.sub(r"^(\*\*[^*]+\*\*\s*[.:。：]?|#+|[-*•]|\d+[.)])\s*", "", text)  # "**机制1：名称**。text" too
    return text.strip()


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.name)
def test_structured_views_use_every_line(path: Path) -> None:
    """The structured views (steps, cases, concepts…) carry the text of every line in their section."""
    article = load_article(path)
    views = {
        "concepts": article.concepts, "practice": article.plan, "cases": article.cases,
        "experts": article.experts, "summary": article.summary,
    }
    data = article_to_json(article)
    dumped = {kind: json.dumps(data[key], ensure_ascii=False) for kind, key in
              [("concepts", "concepts"), ("practice", "steps"), ("cases", "cases"), ("experts", "experts")]}
    dumped["summary"] = json.dumps([data["insights"], data["closing"], article.summary and article.summary.paragraphs], ensure_ascii=False)
    for section in article.sections:
        if section.kind not in views:
            continue
        for block in section.blocks:
            if block.text.startswith("#"):
                continue  # headings become titles/names, asserted per article above
            plain = _plain(block.text)
            if plain and not re.fullmatch(r"\**(specific actions|core insights)\**:?", plain, re.IGNORECASE):
                assert json.dumps(plain, ensure_ascii=False)[1:-1] in dumped[section.kind], f"line {block.line} lost"


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.name)
def test_every_element_knows_its_source_line(path: Path) -> None:
    """Steps, actions, paragraphs, insights, cases, experts, phrases, FAQ: each starts on the line it names."""
    article = load_article(path)
    lines = decode_article(path.read_bytes(), path)

    def on_line(text: str, line: int) -> None:
        source = _plain(lines[line - 1])
        assert line > 0 and _plain(text)[:40] in source, f"{path.name}:{line}: {text[:40]!r} not on that line"

    texts = [*article.scenario, *article.insights]
    texts += [t for step in article.plan for t in (*step.intro, *step.actions)]
    texts += [t for sub in article.concepts for t in sub.paragraphs]
    texts += [t for case in article.cases for t in case.paragraphs]
    if article.summary:
        texts += [*article.summary.paragraphs, *([article.summary.closing] if article.summary.closing else [])]
    for text in texts:
        on_line(text, text.line)
    for step in article.plan:
        on_line(step.name, step.line)
    for concept in (c for sub in article.concepts for c in sub.concepts):
        on_line(concept.text, concept.line)
    for expert in article.experts:
        assert expert.name[:30] in lines[expert.line - 1]
    for line in article.try_this:
        on_line(line, line.line)
    for item in article.faq:
        on_line(item.question.text, item.line)
    data = article_to_json(article)
    if article.plan and article.plan[0].actions:
        assert data["steps"][0]["actions"][0] == {"text": article.plan[0].actions[0], "line": article.plan[0].actions[0].line}


def test_colon_title_roman_headings_crlf_bom() -> None:
    article = load_article(FIXTURES / "articles" / "attachment-and-communication-116.txt")
    assert (article.slug, article.category, article.number) == ("attachment-and-communication-116", "Attachment and Communication", 116)
    assert article.title == "Turning Toward Bids: Small Answers That Build Trust"
    assert [s.kind for s in article.sections] == ["scenario", "concepts", "practice", "cases", "experts", "summary", "other"]
    assert [(s.duration.unit, s.duration.start, s.duration.end) for s in article.plan if s.duration] == [
        ("day", 1, 5), ("day", 6, 12), ("week", 3, 3), ("ongoing", None, None)]
    assert article.plan[1].actions[1].startswith("Say it out loud")
    assert [c.name for c in article.concepts[0].concepts] == ["Turning Toward", "Turning Away", "Turning Against"]
    assert [e.person for e in article.experts] == ["John Gottman", None]
    assert article.insights == ["Bids are often small and easy to miss.", "Turning toward can take only a few seconds.",
                                "Missed bids can be repaired by naming them."]
    assert [f.question.text for f in article.faq] == ["What is a bid?", "What if I keep missing them?"]
    assert article.try_this == ["I noticed you wanted to show me something. Show me again?"]
    # the title repeated with '-' where the first had ':' is chrome, not an intro section
    assert not any(s.kind == "intro" for s in article.sections)


def test_unnumbered_and_unknown_sections_are_kept() -> None:
    article = load_article(FIXTURES / "articles" / "scripts-and-tools-201.txt")
    assert article.category == "Scripts and Tools"
    kinds = [(s.kind, s.title) for s in article.sections]
    assert ("other", "Further Reading") in kinds and ("sources", "Sources") in kinds
    assert [s.title for s in article.concepts] == ["What Repair Is", "Core Mechanisms", "Critical Distinctions"]
    assert article.plan[0].intro == ("This step prepares the words before they are needed.",)
    assert article.faq[0].answer_text.count("\n\n") == 1


def test_markup_is_kept_as_plain_text() -> None:
    article = load_article(FIXTURES / "articles" / "conflict-and-repair-012.txt")
    assert "<script>" in article.title and "{{ jinja }}" in article.title
    assert "<img src=x onerror=alert(1)>" in article.scenario[0]
    assert article.plan[0].name == "Notice {{ the_moment }}"


@pytest.mark.parametrize(
    ("text", "unit", "start", "end"),
    [("Suggested Days 1-3", "day", 1, 3), ("Weeks 1-2", "week", 1, 2), ("Week 3", "week", 3, 3),
     ("Ongoing", "ongoing", None, None), ("Days 6–12", "day", 6, 12), ("Day 5", "day", 5, 5)],
)
def test_durations(text: str, unit: str, start: int | None, end: int | None) -> None:
    duration = parse_duration(text)
    assert duration is not None and (duration.unit, duration.start, duration.end) == (unit, start, end)


def test_lf_crlf_and_blank_lines_parse_the_same() -> None:
    text = (CONTENT / "articles" / "security-and-needs-044.txt").read_text("utf-8")
    base = article_to_json(parse_article(text))
    squeezed = "\n".join(line for line in text.split("\n") if line.strip())

    def without_lines(items: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in item.items() if k != "line"} for item in items]

    # CRLF and a BOM keep every line where it was; dropping blank lines moves them up
    for variant, same_lines in ((text.replace("\n", "\r\n"), True), ("\ufeff" + text, True), (squeezed, False)):
        other = article_to_json(parse_article(variant))
        assert [s["title"] for s in other["steps"]] == [s["title"] for s in base["steps"]]
        assert base["experts"] and without_lines(other["experts"]) == without_lines(base["experts"])
        if same_lines:
            assert other["experts"] == base["experts"]
        assert without_lines(other["try_this"]) == without_lines(base["try_this"])


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [("empty.txt", 1, "empty"), ("blank-lines.txt", 1, "empty"), ("binary.txt", 3, "binary"),
     ("latin1.txt", 2, "not UTF-8"), ("no-title.txt", 2, "no title line")],
)
def test_bad_input_names_file_and_line(name: str, line: int, message: str) -> None:
    with pytest.raises(ArticleError) as info:
        load_article(FIXTURES / "bad" / name)
    assert info.value.line == line and message in info.value.message
    assert str(info.value).startswith(f"{FIXTURES / 'bad' / name}:{line}: ")


def test_one_bad_article_does_not_stop_the_others(tmp_path: Path) -> None:
    for source in SEED_ARTICLES:
        (tmp_path / source.name).write_bytes(source.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    result = load_articles(tmp_path)
    assert [a.slug for a in result.articles] == [load_article(source).slug for source in SEED_ARTICLES]  # every seed, in file order
    assert len(result.articles) == len(SEED_ARTICLES) >= 2
    assert [(d.path.endswith("broken.txt"), d.severity) for d in result.errors] == [(True, "error")]


def test_duplicate_slug_is_an_error_for_both_files(tmp_path: Path) -> None:
    source = SEED_ARTICLES[0]
    (tmp_path / "a.txt").write_bytes(source.read_bytes())
    (tmp_path / "b.txt").write_bytes(source.read_bytes())
    result = load_articles(tmp_path)
    assert result.articles == []  # neither wins: the first by name could be an imposter
    assert [(Path(e.path).name, "also the title of" in e.message) for e in result.errors] == [("a.txt", True), ("b.txt", True)]
    assert "b.txt" in result.errors[0].message and "a.txt" in result.errors[1].message


def test_five_megabyte_article() -> None:
    text = synthetic_article(7, target_bytes=5_000_000)
    assert len(text.encode()) > 4_900_000
    article = parse_article(text, "big.txt")
    assert len(article.plan) == 6 and len(article.scenario) > 10_000
    assert article.warnings == []
