"""Wiki article text → :class:`Article`, tolerant of the wiki's variants.

The parser is a single pass over the lines: each non-blank line is either page
chrome (kept in ``Article.chrome``), a section heading, or a block of the current
section / "Try this sentence" line / FAQ. Section kinds come from a table of heading synonyms, and the
structured views come from the readers in :mod:`relcourse.content.readers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from relcourse.content import readers
from relcourse.content.claims import claimed_once
from relcourse.content.decode import decode_article, read_article_lines
from relcourse.content.lexicon import any_language, normalise_heading
from relcourse.content.line_rules import LINE_RULES
from relcourse.content.model import Article, Block, Diagnostic, Faq, Section, SectionKind, Text
from relcourse.content.text import CJK_CHARS, detect_lang, has_cjk, slugify
from relcourse.errors import ArticleError
from relcourse.i18n import _, format_list

CJK = CJK_CHARS
TITLE_RE = re.compile(
    rf"^(?:#\s+)?(?P<cat>[A-Za-z{CJK}][A-Za-z_&' {CJK}]*?)\s*[-–—－]\s*(?P<num>\d{{1,5}})\s*[-–—－:：]\s*(?P<title>\S.*?)\s*$"
)
#: "1. Name", "IV. Name", "一、名称", "1. 名称", "## Name"; the name is looked up in the lexicons
HEADING_RE = re.compile(
    rf"^(?P<hashes>#{{1,2}}\s+)?(?:(?P<num>\d{{1,2}}|[IVXLC]{{1,6}}|[一二三四五六七八九十]{{1,3}})(?:[.)]\s+|[、．]\s*|\.(?=[{CJK}])))?"
    rf"(?P<name>[A-Za-z{CJK}][^#*]*?)\s*[:：]?\s*$"
)
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
HEADING_LIKE_RE = re.compile(r"^(?:#{1,6}\s|\*\*[^*]+\*\*\s*[:：]?$|\d{1,2}[.)、]\s*\S{1,40}$)")
INTRO_SHARE = 0.5  # more of the text than this in "Introduction": its headings were not recognised

#: section kind → (Article attribute, reader); order does not matter.
STRUCTURED: dict[str, tuple[str, Callable[[Section, readers.Warn], Any]]] = {
    "concepts": ("concepts", readers.parse_concepts),
    "practice": ("plan", readers.parse_plan),
    "cases": ("cases", readers.parse_cases),
    "experts": ("experts", readers.parse_experts),
}


def _norm(text: str) -> str:
    return re.sub(rf"[^0-9a-z{CJK}]+", "", text.lower())


def _number(text: str) -> int:
    """1, IV or 四 → its value."""
    if text.isdigit():
        return int(text)
    if text[0] in CHINESE_DIGITS or text[0] == "十":
        tens, _, ones = text.rpartition("十")
        return (CHINESE_DIGITS.get(tens, 1) * 10 if "十" in text else 0) + CHINESE_DIGITS.get(ones, 0)
    total = 0
    for char, nxt in zip(text, text[1:] + " "):
        value = ROMAN[char]
        total += -value if ROMAN.get(nxt, 0) > value else value
    return total


@dataclass
class _Draft:
    kind: SectionKind
    title: str
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


class ArticleParser:
    """Parses one article's lines; use :func:`parse_article` or :func:`load_article`."""

    def __init__(self, lines: list[str], path: Path) -> None:
        self.lines = lines
        self.path = path
        self.chrome: list[Block] = []
        self.drafts: list[_Draft] = []
        self.try_this: list[Text] = []
        self.faq: list[Faq] = []
        self.warnings: list[Diagnostic] = []
        self.left_out: list[Diagnostic] = []
        self.teaser = ""
        self.zone = "body"
        self.last_number = 0
        self.title_key = ""
        self.title_length = 0
        self.words = any_language()

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(Diagnostic(str(self.path), line, message))

    def section_kind(self, text: str) -> tuple[SectionKind, str] | None:
        if len(text) > 80:  # headings are short; skipping long lines keeps parsing linear and fast
            return None
        match = HEADING_RE.match(text)
        if not match:
            return None
        name = re.sub(r"\s+", " ", match["name"]).strip()
        kind = self.words.headings.get(normalise_heading(name))
        if kind is not None:
            return cast(SectionKind, kind), name
        num = match["num"]
        if num is None and not match["hashes"]:
            return None
        words = name.split()
        short = len(name) <= 20 if has_cjk(name[:1]) else len(words) <= 8 and words[0][0].isupper()
        in_sequence = match["hashes"] is not None or _number(num) == self.last_number + 1
        if in_sequence and short and name[-1] not in ".!?…。！？":
            return "other", name
        return None

    def parse(self) -> Article:
        numbered = [(i + 1, line.strip()) for i, line in enumerate(self.lines)]
        content = [(n, t) for n, t in numbered if t]
        start = 0
        while start < len(content) and self.words.is_chrome(content[start][1]):
            self.chrome.append(Block(*content[start]))
            start += 1
        if start == len(content):
            raise ArticleError(self.path, content[-1][0] if content else 1, _("no article text, only page chrome"))
        title_line, title_text = content[start]
        match = TITLE_RE.match(title_text)
        if not match:
            raise ArticleError(
                self.path, title_line,
                _("no title line: the first line must look like 'Security and Needs-044-Title', "
                  "'Attachment and Communication - 116: Title' or '安全感与需求-088-标题'"),
            )
        self.title_key = _norm(match["cat"] + match["num"] + match["title"])
        self.title_length = len(title_text)
        for number, text in content[start + 1 :]:
            self.feed(Block(number, text))
        return self.finish(match, Block(title_line, title_text))

    def is_title_repeat(self, text: str) -> bool:
        if len(text) > self.title_length + 40:
            return False
        match = TITLE_RE.match(self.words.strip_title_repeat(text))
        return match is not None and _norm(match["cat"] + match["num"] + match["title"]) == self.title_key

    def feed(self, block: Block) -> None:
        """Offer the line to each rule of :data:`LINE_RULES` in turn; the first that takes it wins."""
        for _name, rule in LINE_RULES:
            if rule(self, block):
                return

    def add_to_section(self, block: Block) -> None:
        if not self.drafts:
            self.drafts.append(_Draft("intro", "Introduction", None))
        self.drafts[-1].blocks.append(block)

    def start_section(self, kind: SectionKind, title: str, heading: Block) -> None:
        match = HEADING_RE.match(heading.text)
        if match and match["num"]:
            self.last_number = _number(match["num"])
        self.drafts.append(_Draft(kind, title, heading))

    def feed_faq(self, block: Block) -> None:
        if block.text.rstrip().endswith(("?", "？")):
            self.faq.append(Faq(block))
        elif self.faq:
            last = self.faq[-1]
            self.faq[-1] = Faq(last.question, last.answer + (block,))
        else:
            self.warn(block.line, _("FAQ text without a question line before it; kept as an extra section"))
            self.drafts.append(_Draft("other", "Additional text", None, [block]))

    def faq_with_answers(self) -> list[Faq]:
        """FAQ whose answer is more than the cut teaser; the others are named, never shown."""
        for item in self.faq:
            if item.truncated:
                self.left_out.append(Diagnostic(str(self.path), item.line, _(
                    "FAQ left out: its answer is only the page's shortened teaser (ending in '…'); "
                    "write the answer under the question to keep it")))
                self.chrome.extend((item.question, *item.answer))  # page furniture, like the teaser itself
        return [item for item in self.faq if not item.truncated]

    def finish(self, match: re.Match[str], title_block: Block) -> Article:
        category = re.sub(r"[\s_]+", " ", match["cat"]).strip()
        number = int(match["num"])
        sections = [Section(d.kind, d.title, d.heading, tuple(d.blocks)) for d in self.drafts]
        article = Article(
            slug=f"{slugify(category)}-{number:03d}",
            category=category,
            number=number,
            title=match["title"],
            path=self.path,
            title_block=title_block,
            teaser=self.teaser,
            lang=detect_lang(" ".join([match["title"], *(b.text for d in self.drafts for b in d.blocks)])),
            sections=sections,
            faq=self.faq_with_answers(),
            chrome=self.chrome,
            warnings=self.warnings,
            left_out=self.left_out,
        )
        for section in sections:
            if section.kind in STRUCTURED:
                attribute, reader = STRUCTURED[section.kind]
                getattr(article, attribute).extend(reader(section, self.warn))
            elif section.kind == "summary":
                article.summary = readers.parse_summary(section, self.warn)
        article.try_this = self.try_this
        if not any(s.kind != "intro" for s in sections):
            self.warn(title_block.line, _("no section headings found (e.g. '1. Problem Scenario'); the text is kept as one section"))
        self.warn_unrecognised_headings(sections, title_block.line)
        if not article.plan:
            self.warn(title_block.line, _("no practice plan (### Step N / ### Phase N) found"))
        return article


    def warn_unrecognised_headings(self, sections: list[Section], line: int) -> None:
        """Most of the text under "Introduction" means the headings were not recognised: name a few."""
        size = {s.kind: 0 for s in sections}
        for section in sections:
            size[section.kind] += sum(len(b.text) for b in section.blocks)
        total = sum(size.values())
        if not total or size.get("intro", 0) <= INTRO_SHARE * total:
            return
        intro = next(s for s in sections if s.kind == "intro")
        candidates = [b for b in intro.blocks if HEADING_LIKE_RE.match(b.text)][:3]
        named = format_list([_("{text} (line {line})").format(text=repr(b.text), line=b.line) for b in candidates]) \
            or _("none that look like headings")
        self.warn(line, _("most of the text lands in 'Introduction' because its headings were not recognised: {named}; "
                          "use headings such as '1. Problem Scenario' or '一、问题情境' (see relcourse/content/lexicon/)").format(named=named))


def parse_article(text: str | bytes, path: Path | str = "<string>") -> Article:
    """Parse article text (or raw bytes) into an :class:`Article`."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return ArticleParser(decode_article(data, path), Path(path)).parse()


def load_article(path: Path | str) -> Article:
    path = Path(path)
    return ArticleParser(read_article_lines(path), path).parse()


@dataclass
class LoadResult:
    """The articles that parsed, plus every diagnostic (errors for the ones that did not)."""

    articles: list[Article]
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def load_articles(folder: Path | str) -> LoadResult:
    """Load every ``*.txt`` article in a folder; one bad file never stops the others."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError(folder, 0, _("no such folder; run relcourse in the course folder (the one holding content/) "
                                        "or give the path of your content folder"))
    loaded: list[Article] = []
    diagnostics: list[Diagnostic] = []
    for path in sorted(folder.glob("*.txt")):
        try:
            article = load_article(path)
        except ArticleError as exc:
            diagnostics.append(Diagnostic(exc.path, exc.line, exc.message, "error"))
            continue
        loaded.append(article)
    articles = _without_slug_collisions(loaded, diagnostics)
    for article in articles:
        diagnostics.extend(article.warnings)
    return LoadResult(articles, diagnostics)


def _without_slug_collisions(loaded: list[Article], diagnostics: list[Diagnostic]) -> list[Article]:
    """Articles whose slug no other file claims; files sharing a slug are all reported, none built
    (:mod:`relcourse.content.claims`)."""
    unique, shared = claimed_once(loaded, lambda article: article.slug)
    for slug, claimants in shared.items():
        for article in claimants:
            others = format_list([Path(a.path).name for a in claimants if a is not article])
            diagnostics.append(Diagnostic(str(article.path), article.title_block.line,
                                          _("module {slug} is also the title of {others}; rename one of them "
                                            "(neither is built until then, the existing notebook is kept)").format(
                                              slug=repr(slug), others=others), "error"))
    return unique
