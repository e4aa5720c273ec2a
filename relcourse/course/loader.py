"""What a module contains: an article plus its quiz, prompts, journal templates and phrases.

Every renderer (notebook, live widgets, handouts) reads the same :class:`Module`; none of
them re-parses text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

from relcourse.content.model import Article, Diagnostic, Phrase
from relcourse.content.parser import load_articles
from relcourse.course.logs import JournalTemplate, generate_templates
from relcourse.course.polarity import Verdict, classify, offered_phrases
from relcourse.course.prompts import Prompt, generate_prompts
from relcourse.course.quiz.curated import load_curated
from relcourse.course.quiz.generate import generate_items
from relcourse.course.quiz.model import QuizItem, merge_curated
from relcourse.course.review import LOG, PHRASE, PROMPT, QUIZ, Review, load_review, review_path
from relcourse.course.selfcheck.instrument import Instrument, load_instruments
from relcourse.course.settings import CourseSettings, load_course
from relcourse.errors import ContentError, RelcourseError
from relcourse.i18n import _


@dataclass
class Module:
    article: Article
    quiz: list[QuizItem]
    prompts: list[Prompt]
    templates: list[JournalTemplate]
    course: CourseSettings = field(default_factory=CourseSettings)
    review: Review | None = None  # the facilitator's decisions (content/reviewed/<slug>.yaml), already applied above
    #: the content files the module is made from (course.yaml, the article, its curated and reviewed
    #: YAML): their bytes are the module's fingerprint (relcourse.fingerprint)
    sources: tuple[Path, ...] = ()

    @property
    def slug(self) -> str:
        return self.article.slug

    @property
    def title(self) -> str:
        return self.article.title

    @cached_property
    def polarity(self) -> list[Verdict]:
        """What the article recommends saying and what it warns against (relcourse.course.polarity)."""
        return classify(self.article)

    @property
    def phrases(self) -> list[Phrase]:
        """Sentences worth a card: only those the article recommends, each once, in full (the wiki's
        cut teaser copies and sentences it warns against never)."""
        phrases = offered_phrases(self.polarity)
        return self.review.apply(PHRASE, phrases) if self.review else phrases

    def quiz_item(self, item_id: str) -> QuizItem:
        return _find(self.quiz, item_id, _("quiz item"))

    def prompt(self, prompt_id: str) -> Prompt:
        return _find(self.prompts, prompt_id, _("reflection prompt"))

    def template(self, template_id: str) -> JournalTemplate:
        return _find(self.templates, template_id, _("journal template"))


T = TypeVar("T", QuizItem, Prompt, JournalTemplate)


def _find(items: list[T], ident: str, what: str) -> T:
    for item in items:
        if item.id == ident:
            return item
    raise RelcourseError(_("no {what} {id} in this module: the notebook is older than the content; run 'relcourse build'").format(
        what=what, id=repr(ident)))


@dataclass
class Course:
    settings: CourseSettings
    modules: list[Module]
    diagnostics: list[Diagnostic]
    instruments: list[Instrument] = field(default_factory=list)
    settings_sources: tuple[Path, ...] = ()  # course.yaml, when there is one

    def instrument(self, instrument_id: str) -> Instrument:
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        raise RelcourseError(_("no instrument {id} in content/instruments; check the file or run 'relcourse build'").format(
            id=repr(instrument_id)))

    def module(self, slug: str) -> Module:
        for module in self.modules:
            if module.slug == slug:
                return module
        raise RelcourseError(_("no module {slug} in the course content; check content/articles or run 'relcourse build'").format(
            slug=repr(slug)))


def load_course_content(content_dir: Path) -> Course:
    """Parse every article and curated quiz in ``content_dir``; bad files become diagnostics."""
    settings = load_course(content_dir)
    settings_sources = tuple(p for p in [content_dir / "course.yaml"] if p.is_file())
    loaded = load_articles(content_dir / "articles")
    diagnostics = list(loaded.diagnostics)
    modules = []
    for article in loaded.articles:
        quiz = generate_items(article, schedule_items=settings.quiz_schedule_items)  # this article only
        curated_path = content_dir / "quizzes" / f"{article.slug}.yaml"
        if curated_path.exists():
            try:
                items, removed = load_curated(curated_path)
            except ContentError as exc:
                diagnostics.append(Diagnostic(exc.path, exc.line or 0, str(exc).split(": ", 1)[1], "error"))
                continue
            quiz = merge_curated(quiz, items, removed)
        try:  # reviewed entries are used as stored, rejected ones dropped (relcourse.course.review)
            review = load_review(review_path(content_dir, article.slug))
        except ContentError as exc:
            diagnostics.append(Diagnostic(exc.path, exc.line or 0, str(exc).split(": ", 1)[1], "error"))
            continue
        modules.append(Module(article, review.apply(QUIZ, quiz), review.apply(PROMPT, generate_prompts(article)),
                              review.apply(LOG, generate_templates(article)), settings, review,
                              sources=(*settings_sources, article.path, *sorted(content_dir.glob(f"*/{article.slug}.yaml")))))
    diagnostics += _unused_yaml_files(content_dir, {m.slug for m in modules}, {str(d.path) for d in diagnostics})
    instruments, errors = load_instruments(content_dir / "instruments")
    diagnostics += [Diagnostic(e.path, e.line or 0, str(e).split(": ", 1)[1], "error") for e in errors]
    taken = {m.slug for m in modules}
    for instrument in list(instruments):
        if instrument.id in taken or instrument.id == "index":
            diagnostics.append(Diagnostic(instrument.path, 0, _("instrument id {id} is already a module name; rename it").format(
                id=repr(instrument.id)), "error"))
            instruments.remove(instrument)
        taken.add(instrument.id)
    return Course(settings, modules, diagnostics, instruments, settings_sources)


#: YAML folders read by file name: files there that would be skipped are named, never silently ignored
YAML_FOLDERS = ("quizzes", "instruments", "reviewed")


def _unused_yaml_files(content_dir: Path, slugs: set[str], failed: set[str]) -> list[Diagnostic]:
    """Warnings for ``*.yml`` files (only ``*.yaml`` are read: a ``course.yml`` too) and curated quizzes that match no article."""
    found: list[Diagnostic] = []
    for folder in [content_dir, *(content_dir / name for name in YAML_FOLDERS)]:
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            found.append(Diagnostic(str(path), 0, _("not read: only *.yaml files are; rename it to {name}").format(name=f"{path.stem}.yaml")))
    by_module = [content_dir / "quizzes", content_dir / "reviewed"]
    for path in sorted(p for folder in by_module if folder.is_dir() for p in folder.glob("*.yaml")):
        if path.stem not in slugs and str(path) not in failed:
            found.append(Diagnostic(str(path), 0, _("not used: no module {slug} was built (no article has that name, or it failed); "
                                                    "name the file after a module ('relcourse check' lists them) or delete it").format(
                                                        slug=repr(path.stem))))
    return found


def find_content_dir(start: Path | None = None) -> Path:
    """``$RELCOURSE_CONTENT``, else the nearest ``content/`` (with ``articles/``) at or above ``start``."""
    env = os.environ.get("RELCOURSE_CONTENT")
    if env:
        return Path(env)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content" / "articles").is_dir():
            return folder / "content"
    raise RelcourseError(_("no content/articles folder found above {folder}; open the notebook from the course folder "
                           "or set RELCOURSE_CONTENT").format(folder=here))


def _signature(content_dir: Path) -> tuple[tuple[str, float], ...]:
    files = sorted(p for p in content_dir.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime) for p in files)


@lru_cache(maxsize=4)
def _cached_course(content_dir: Path, signature: tuple[tuple[str, float], ...]) -> Course:
    return load_course_content(content_dir)


def current_course(content_dir: Path | None = None) -> Course:
    """The course as the notebooks see it; re-read when a content file changes."""
    folder = content_dir or find_content_dir()
    return _cached_course(folder, _signature(folder))
