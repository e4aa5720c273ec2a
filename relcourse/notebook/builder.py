"""Module → nbformat notebook: the article's sections as markdown, thin code cells that call
:mod:`relcourse.widgets`, and each interactive cell's data in its ``relcourse`` metadata.

Output is deterministic (cell ids derived from the module and element, no timestamps,
nbformat's sorted keys), so ``relcourse build --check`` can compare bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from relcourse.content.model import Phrase as ContentPhrase
from relcourse.content.model import Section
from relcourse.course.loader import Course, Module
from relcourse.course.logs import template_days
from relcourse.course.quiz.model import QuizItem
from relcourse.course.schedule import plan_rows
from relcourse.course.selfcheck.instrument import Instrument
from relcourse.course.settings import CourseSettings, module_language
from relcourse.escape import markdown_block, markdown_text
from relcourse.fingerprint import course_fingerprint, instrument_sources, sources_fingerprint
from relcourse.i18n import N_, _, ngettext, use_language
from relcourse.notebook.cells import (
    NAMESPACE,
    CellData,
    Concept,
    FaqCell,
    FaqItem,
    HelpLine,
    HistoryCell,
    IndexCell,
    InstrumentCell,
    JournalCell,
    JournalField,
    NotebookInfo,
    NoteCell,
    Phrase,
    PhrasesCell,
    PlanCell,
    PlanStep,
    ProgressCell,
    QuizCell,
    ReflectionCell,
    ResultCell,
    SafetyCell,
    ScoreCell,
    SectionCell,
    ShareCell,
    TitleCell,
    validate_notebook,
)

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
#: a markdown cell of an article section holds about this many characters at most (more reads as a wall)
CELL_CHARS = 1500
#: blocks that belong with the next one: a list item or table row with the next item or row, a heading
#: (or a lone bold line, or a line ending in a colon) with what it introduces
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
_TABLE_ROW = re.compile(r"\s*\|")
_LEAD_IN = re.compile(r"\s*#|\s*\*\*[^*]+\*\*\s*$|.*[:：]\s*$")
HOW_TO = N_(
    "**How to use this module:** choose *Run ▸ Run All Cells*, then read at your own pace. "
    "Your quiz answers, reflections and journal entries are saved privately on this computer, "
    "never in this notebook, so you can share or print it safely."
)


def help_lines(settings: CourseSettings) -> tuple[HelpLine, ...]:
    return tuple(HelpLine(name=h.name, contact=h.contact) for h in settings.help)


def with_data(cell: NotebookNode, data: CellData) -> NotebookNode:
    cell.metadata[NAMESPACE] = data.to_metadata()
    return cell


def safety_markdown(settings: CourseSettings) -> str:
    lines = [
        "> " + _("**Please read first: this is educational material, not therapy.**"),
        "> " + _("It cannot replace help from a qualified professional. The couples exercises are **not suitable** where there "
                 "is violence, coercion, or fear of a partner: if that is part of your relationship, please put your safety "
                 "first and talk to a specialist service instead of practising these exercises together."),
        ">",
        "> " + _("**Where to find help:**"),
    ]
    lines += [f"> - **{markdown_text(h.name)}:** {markdown_block(h.contact)}" for h in settings.help]
    return "\n".join(lines)


def _joined(before: str, after: str) -> bool:
    """May a cell not end between these two blocks?"""
    return bool(_LEAD_IN.match(before) or (_LIST_ITEM.match(before) and _LIST_ITEM.match(after))
                or (_TABLE_ROW.match(before) and _TABLE_ROW.match(after)))


def paragraph_groups(parts: list[str], limit: int = CELL_CHARS, lengths: Sequence[int] | None = None) -> list[list[str]]:
    """``parts`` (a section's Markdown blocks, in order) as groups of about ``limit`` characters.

    A group ends only between paragraphs: never inside a list or table, never after a heading, and
    rather before a heading than after half a cell. A list or a paragraph longer than ``limit`` is a
    group of its own (nothing is ever cut). ``lengths`` are the blocks' lengths as the article writes
    them (the escaped Markdown is longer by its character references, which must not move a cell
    boundary: cell ids follow the boundaries).
    """
    sizes = list(lengths) if lengths is not None else [len(p) for p in parts]
    units: list[list[int]] = []  # runs of blocks (their indexes) that stay together
    for index, part in enumerate(parts):
        if units and _joined(parts[units[-1][-1]], part):
            units[-1].append(index)
        else:
            units.append([index])
    groups: list[list[str]] = []
    size = 0
    for indexes in units:
        unit = [parts[i] for i in indexes]
        length = sum(sizes[i] + 2 for i in indexes)
        heading = unit[0].lstrip().startswith("#")
        if groups and size + length <= limit and not (heading and size >= limit // 2):
            groups[-1] += unit
            size += length
        else:
            groups.append(list(unit))
            size = length
    return groups


def start_here(module: Module) -> str:
    """What the module holds, how to run it and where the learner's words go (a note, not printed)."""
    m, parts = module, sum(1 for s in module.article.sections if s.kind != "sources")
    counts = [(parts, ngettext("the article in {count} section", "the article in {count} sections", parts)),
              (len(m.article.plan), ngettext("a practice plan of {count} step", "a practice plan of {count} steps", len(m.article.plan))),
              (len(m.templates), ngettext("{count} journal log", "{count} journal logs", len(m.templates))),
              (len(m.phrases), ngettext("{count} phrase to try", "{count} phrases to try", len(m.phrases))),
              (len(m.prompts), ngettext("{count} reflection", "{count} reflections", len(m.prompts))),
              (len(m.quiz), ngettext("{count} quiz question", "{count} quiz questions", len(m.quiz)))]
    holds = [text.format(count=n) for n, text in counts if n]
    return "\n\n".join([
        "### " + _("Start here"),
        _("**In this module:** {parts}.").format(parts=_(", ").join(holds)),
        _("**How to run it:** choose *Run ▸ Run All Cells*, then read from the top at your own pace; when every cell "
          "has run, the view returns to the top. *Back to top* at the end does the same."),
        _("**Where your words go:** quiz answers, reflections, drafts and journal entries are saved only in your "
          "private store on this computer (`relcourse journal info` says where), never in this notebook, so you can "
          "share or print it safely."),
    ])


def _phrase(phrase: ContentPhrase) -> Phrase:
    """A card's metadata; ``replaces`` only when the article pairs it, so other cards stay as they were."""
    data = Phrase(text=phrase.text, source=phrase.source, line=phrase.line)
    if phrase.replaces:
        data["replaces"] = phrase.replaces
    return data


class NotebookBuilder:
    """Builds one module notebook; each ``add_*`` appends cells with stable ids."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self.cells: list[NotebookNode] = []
        self.ids: set[str] = set()

    def _id(self, name: str) -> str:
        ident = re.sub(r"[^A-Za-z0-9_-]+", "-", name)[:64].strip("-")
        base, n = ident, 2
        while ident in self.ids:
            ident = f"{base[:60]}-{n}"
            n += 1
        self.ids.add(ident)
        return ident

    def note(self, name: str, text: str) -> None:
        """Guidance for notebook users only ("pick a start date…"); handouts leave it out."""
        self.markdown(name, text, NoteCell(self.module.slug))

    def markdown(self, name: str, text: str, data: CellData) -> None:
        self.cells.append(with_data(new_markdown_cell(text, id=self._id(name)), data))

    def code(self, name: str, function: str, args: str, data: CellData) -> None:
        source = f"from relcourse.widgets import {function}\n{function}({args})"
        self.cells.append(with_data(new_code_cell(source, id=self._id(name)), data))

    def section(self, section: Section) -> None:
        written = [f"## {section.title}"] if section.heading is not None or section.kind != "intro" else []
        parts = [f"## {markdown_text(section.title)}"] if written else []
        written += [block.text for block in section.blocks]
        parts += [markdown_block(block.text) for block in section.blocks]
        if section.kind == "sources" and section.heading is not None:
            written = ["---"] + [block.text for block in section.blocks]
            parts = ["---"] + [markdown_block(block.text) for block in section.blocks]
        data = SectionCell(self.module.slug, section_kind=section.kind, title=section.title, line=section.line)
        groups = paragraph_groups(parts, lengths=[len(text) for text in written])
        for n, group in enumerate(groups, 1):  # a long section reads as several cells
            self.markdown(f"section-{section.kind}-{section.line}" + (f"-part{n}" if n > 1 else ""), "\n\n".join(group), data)

    def prompts(self, source: str) -> None:
        for prompt in self.module.prompts:
            if prompt.source == source:
                self.code(f"reflection-{prompt.id}", "reflection", f'"{self.module.slug}", "{prompt.id}"',
                          ReflectionCell(self.module.slug, prompt_id=prompt.id, text=prompt.text, source=prompt.source,
                                         context=prompt.context))

    def practice_extras(self) -> None:
        module, slug = self.module, self.module.slug
        if module.article.plan:
            self.note("plan-heading", _("### Your practice plan\n\nPick a start date to see each step on the calendar, "
                                    "tick steps off as you go, and download the plan for your calendar app."))
            self.code("plan", "practice_plan", f'"{slug}"', PlanCell(slug, steps=tuple(
                cast(PlanStep, row) for row in plan_rows(module.article.plan))))
        self.note("journal-heading", _("### Journal\n\nThe article asks you to keep a record. Entries are saved privately "
                                     "on this computer; below each form you see your past entries and a small chart."))
        for template in module.templates:
            self.code(f"journal-{template.id}", "journal_form", f'"{slug}", "{template.id}"', JournalCell(
                slug, template_id=template.id, title=template.title, instructions=template.instructions,
                daily=template.daily, days=template_days(module.article, template),
                fields=tuple(JournalField(id=f.id, label=f.label, kind=f.kind, options=list(f.options), help=f.help)
                             for f in template.fields)))
        if module.phrases:
            self.note("phrases-heading", _("### Phrases to try\n\nSentences from the article to try in your own words. "
                                         "Use *Copy* to keep one at hand."))
            self.code("phrases", "phrase_cards", f'"{slug}"', PhrasesCell(
                slug, phrases=tuple(_phrase(p) for p in module.phrases)))
        self.prompts("action")

    def quiz(self, items: list[QuizItem]) -> None:
        if not items:
            return
        self.note("quiz-heading", _("## Check your understanding\n\nEach answer gets feedback with the passage it comes "
                                    "from. You can try again as often as you like."))
        for item in items:
            self.code(f"quiz-{item.id}", "quiz", f'"{self.module.slug}", "{item.id}"',
                      QuizCell(self.module.slug, item=item))
        self.code("quiz-score", "quiz_score", f'"{self.module.slug}"',
                  ScoreCell(self.module.slug, items=tuple(i.id for i in items)))

    def faq(self) -> None:
        faq = self.module.article.faq
        if not faq:
            return
        title = self.module.article
        parts = ["## " + _("Frequently asked questions")]
        for item in faq:
            question = item.question.text.replace(title.title_block.text, title.title)
            parts += [f"**{markdown_text(question)}**", markdown_block(item.answer_text)]
        self.markdown("faq", "\n\n".join(parts), FaqCell(self.module.slug, items=tuple(
            FaqItem(question=f.question.text, answer=f.answer_text, line=f.line) for f in faq)))
        self.prompts("faq")

    def build(self) -> NotebookNode:
        article = self.module.article
        byline = _("{category} · article {number}").format(category=markdown_text(article.category), number=f"{article.number:03d}")
        header = [f"# {markdown_text(article.title)}", f"*{byline}*"]
        course = self.module.course
        self.markdown("title", "\n\n".join(header), TitleCell(
            self.module.slug, title=article.title, category=article.category, number=article.number, course=course.title,
            concepts=tuple(Concept(name=c.name, subsection=s.title) for s in article.concepts for c in s.concepts),
            subsections=tuple(s.title for s in article.concepts if s.title),
            cases=tuple(c.title for c in article.cases), experts=tuple(e.name for e in article.experts),
            help=help_lines(course), paper=course.paper, organisation=course.organisation, facilitator=course.facilitator,
            date=course.date.isoformat() if course.date else None))
        self.markdown("safety", safety_markdown(course), SafetyCell(self.module.slug))
        self.note("start-here", start_here(self.module))
        after = {"practice": self.practice_extras, "cases": lambda: self.prompts("case"), "summary": lambda: self.prompts("summary")}
        sources = [s for s in article.sections if s.kind == "sources"]
        for section in article.sections:
            if section.kind == "sources":
                continue
            self.section(section)
            if section.kind in after:
                after.pop(section.kind)()
        for remaining in after.values():  # modules without such a section still get their tools
            remaining()
        self.quiz(self.module.quiz)
        self.faq()
        for section in sources:
            self.section(section)
        self.code("back-to-top", "back_to_top", f'"{self.module.slug}"', NoteCell(self.module.slug))
        return assemble_notebook(self.cells, NotebookInfo(self.module.slug, article.title,
                                                          lang=module_language(self.module.course, article),
                                                          fingerprint=sources_fingerprint(self.module.sources)))


def assemble_notebook(cells: list[NotebookNode], info: NotebookInfo) -> NotebookNode:
    """Cells → a notebook with the kernel and the relcourse notebook metadata, validated by nbformat
    and by the relcourse schema (a builder bug is caught here, before anything is written)."""
    notebook: NotebookNode = new_notebook(cells=cells)
    notebook.metadata.update({
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        NAMESPACE: info.to_metadata(),
    })
    nbformat.validate(notebook)
    validate_notebook(notebook, f"{info.module}.ipynb")
    return notebook


def module_notebook(module: Module) -> NotebookNode:
    """The module's notebook, the kit's own words in its language (the article's, see module_language)."""
    with use_language(module_language(module.course, module.article)):
        return NotebookBuilder(module).build()


def instrument_notebook(instrument: Instrument, settings: CourseSettings, settings_sources: tuple[Path, ...] = ()) -> NotebookNode:
    """A self-check module: statements, result with action plan, and history, all in thin cells."""
    with use_language(module_language(settings)):
        return _instrument_notebook(instrument, settings, settings_sources)


def _instrument_notebook(instrument: Instrument, settings: CourseSettings, settings_sources: tuple[Path, ...]) -> NotebookNode:
    ident = instrument.id

    def markdown(source: str, cell_id: str, data: CellData) -> NotebookNode:
        return with_data(new_markdown_cell(source, id=cell_id), data)

    def code(function: str, cell_id: str, data: CellData) -> NotebookNode:
        source = f'from relcourse.widgets import {function}\n{function}("{ident}")'
        return with_data(new_code_cell(source, id=cell_id), data)

    status = (_("It has been validated; see the citation below.") if instrument.validated else
              _("**It has not been validated**: it has no norms or cut-offs, so your result shows positions to reflect on "
                "and talk about, never a diagnosis or a fixed type."))
    about_title = _("About this self-check")
    about = "\n\n".join([
        f"## {about_title}",
        _("This is a reflection tool. {status} Your answers are saved only in your private store on this computer; "
          "nothing is shared unless you choose to save a result card and pass it on.").format(status=status),
        _("*Source:* {citation}  \n*Licence:* {licence}").format(citation=markdown_block(instrument.citation),
                                                                 licence=markdown_block(instrument.licence)),
    ])
    cells = [
        markdown(f"# {markdown_text(instrument.title)}\n\n*{_('Self-check')}*\n\n{_(HOW_TO)}", "title", TitleCell(
            ident, title=instrument.title, category=_("Self-check"), course=settings.title, type="instrument",
            help=help_lines(settings), paper=settings.paper, organisation=settings.organisation,
            facilitator=settings.facilitator, date=settings.date.isoformat() if settings.date else None)),
        markdown(safety_markdown(settings), "safety", SafetyCell(ident)),
        markdown(about, "about", SectionCell(ident, section_kind="about", title=about_title)),
        markdown("## " + _("The statements"), "statements-heading", NoteCell(ident)),
        code("self_check", "statements", InstrumentCell(ident, instrument=instrument)),
        markdown("## " + _("Your result and action plan"), "result-heading", NoteCell(ident)),
        code("self_check_result", "result", ResultCell(ident)),
        markdown(_("## Compare over time\n\nTake the test again, for example before and after a workshop, "
                   "to see how your positions move."), "history-heading", NoteCell(ident)),
        code("self_check_history", "history", HistoryCell(ident)),
    ]
    return assemble_notebook(cells, NotebookInfo(ident, instrument.title, lang=module_language(settings), type="instrument",
                                                 fingerprint=sources_fingerprint(instrument_sources(instrument, settings_sources))))


def index_notebook(course: Course) -> NotebookNode:
    """The course overview: modules by category with links, and the learner's progress (in the course ``locale``)."""
    with use_language(module_language(course.settings)):
        return _index_notebook(course)


def _index_notebook(course: Course) -> NotebookNode:
    cells = [new_markdown_cell(
        f"# {markdown_text(course.settings.title)}\n\n" +
        _("Self-paced modules on relationship communication. Open a module, choose *Run ▸ Run All Cells*, and work "
          "through it at your own pace. Everything you write stays private on this computer."),
        id="index-title")]
    categories: dict[str, list[Module]] = {}
    for module in sorted(course.modules, key=lambda m: (m.article.category, m.article.number)):
        categories.setdefault(module.article.category, []).append(module)
    for n, (category, modules) in enumerate(categories.items(), 1):
        lines = [f"## {markdown_text(category)}", ""]
        for module in modules:
            plan = module.article.plan
            with use_language(module_language(course.settings, module.article)):  # "3 步", never "3 步s"
                summary = _("{count} {kind}s · ").format(count=len(plan), kind=plan[0].kind.lower()) if plan else ""
                questions = ngettext("{count} quiz question", "{count} quiz questions", len(module.quiz)).format(count=len(module.quiz))
            lines.append(f"- [{markdown_text(module.title)}]({module.slug}.ipynb): {summary}{questions}")
        cell = new_markdown_cell("\n".join(lines), id=f"index-category-{n}")
        cells.append(with_data(cell, IndexCell("", category=category, modules=tuple(m.slug for m in modules))))
    if course.instruments:
        about = _("a reflection tool with an action plan that points to the modules for you")
        lines = ["## " + _("Self-check"), ""] + [f"- [{markdown_text(i.title)}]({i.id}.ipynb): {about}" for i in course.instruments]
        selfcheck = new_markdown_cell("\n".join(lines), id="index-selfcheck")
        cells.append(with_data(selfcheck, IndexCell("", category=_("Self-check"),
                                                    modules=tuple(i.id for i in course.instruments))))
    cells.append(new_markdown_cell("## " + _("Your progress"), id="index-progress-heading"))
    progress = new_code_cell("from relcourse.widgets import course_progress\ncourse_progress()", id="index-progress")
    cells.append(with_data(progress, ProgressCell("", modules=tuple(m.slug for m in course.modules))))
    sharing = new_code_cell("from relcourse.widgets import quiz_sharing\nquiz_sharing()", id="index-share")
    cells.append(with_data(sharing, ShareCell("")))
    return assemble_notebook(cells, NotebookInfo("index", course.settings.title, lang=module_language(course.settings),
                                                 fingerprint=course_fingerprint(course)))


def notebook_text(notebook: NotebookNode) -> str:
    return str(nbformat.writes(notebook)) + "\n"
