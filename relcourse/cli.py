"""The ``relcourse`` command line: a thin layer over the package's API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from relcourse.content.model import Diagnostic
from relcourse.content.parser import load_article, load_articles
from relcourse.content.serialize import article_to_json
from relcourse.course import polarity, review
from relcourse.course.loader import load_course_content
from relcourse.course.logs import generate_templates
from relcourse.course.prompts import generate_prompts
from relcourse.course.settings import parse_day, parse_every_days
from relcourse.errors import RelcourseError
from relcourse.escape import terminal_json, terminal_text
from relcourse.export.editions import EDITIONS
from relcourse.hub.commands import add_hub_commands
from relcourse.i18n import N_, _, set_default_language, use_language

DEFAULT_CONTENT = Path("content")
Handler = Callable[[argparse.Namespace], int]
#: ``relcourse check``'s table, one column each (headings shown translated)
CHECK_COLUMNS = (N_("article"), N_("sections"), N_("steps"), N_("cases"), N_("experts"), N_("phrases"), N_("FAQ"), N_("quiz"),
                 N_("prompts"), N_("logs"), N_("warnings"))


def cmd_check(args: argparse.Namespace) -> int:
    """Articles, and for a content folder also its curated quizzes, instruments and course settings."""
    if (args.dir / "articles").is_dir():
        course = load_course_content(args.dir)
        articles = [m.article for m in course.modules]
        found = {m.slug: (str(len(m.quiz)), m.prompts, m.templates) for m in course.modules}
        diagnostics = course.diagnostics
    else:  # a bare folder of articles: no curated quizzes, so no quiz count
        result = load_articles(args.dir)
        articles, diagnostics = result.articles, result.diagnostics
        found = {a.slug: ("-", generate_prompts(a), generate_templates(a)) for a in articles}
    errors = [d for d in diagnostics if d.severity == "error"]
    table = Table(title=_("Articles in {folder}").format(folder=terminal_text(str(args.dir), markup=True)))
    found_logs: dict[str, list[str]] = {}
    headings = [_(column) for column in CHECK_COLUMNS]
    widest = max([len(a.slug) for a in articles] + [len(Path(e.path).name) for e in errors] + [cell_len(headings[0])])
    table.add_column(headings[0], no_wrap=True, min_width=widest)
    console = Console(highlight=False, width=max(widest + 100, Console().width))
    for heading in headings[1:]:
        table.add_column(heading, justify="right", min_width=cell_len(heading))
    for article in articles:
        quiz, prompts, templates = found[article.slug]
        logs = [t.title for t in templates if t.id != "practice-log"]  # every module has a practice log
        table.add_row(
            article.slug, str(len(article.sections)), str(len(article.plan)), str(len(article.cases)),
            str(len(article.experts)), str(len(polarity.offered_phrases(polarity.classify(article)))), str(len(article.faq)),
            quiz, str(len(prompts)), str(len(logs)), str(len(article.warnings)),
        )
        found_logs[article.slug] = logs
    for error in errors:
        table.add_row(terminal_text(Path(error.path).name, markup=True), *["-"] * (len(CHECK_COLUMNS) - 2),
                      "[red]{failed}[/red]".format(failed=_("failed")))
    console.print(table)
    if args.logs:
        for slug, logs in found_logs.items():
            print(terminal_text(_("{slug}: journal logs: {logs}").format(
                slug=slug, logs=_("; ").join(logs) or _("none besides the practice log"))))
    if (args.dir / "articles").is_dir():
        for module in course.modules:
            made = review.reviewables(module.article, schedule_items=course.settings.quiz_schedule_items,
                                      curated=[i for i in module.quiz if i.source == "curated"])
            status = review.review_status(module.article, module.review or review.Review(args.dir), made)
            print(terminal_text(f"{status}" + "".join("\n" + _("  {kind} {id}: its sentence (line {line}) changed; review it again")
                                                      .format(kind=e.kind, id=e.id, line=e.line) for e in status.changed)))
    if args.polarity:
        for article in articles:
            for line in polarity.listing(article.slug, polarity.classify(article)):
                print(terminal_text(line))
    for diagnostic in [*diagnostics, *(note for article in articles for note in article.left_out)]:
        print(terminal_text(str(diagnostic)))
    print(_("{ready} article(s) ready, {failed} file(s) failed").format(ready=len(articles), failed=len(errors)))
    return 1 if errors else 0


def cmd_review(args: argparse.Namespace) -> int:
    """Write the module's review file (keeping decisions already taken) and its HTML review sheet."""
    from relcourse.export.review_sheet import render_review_sheet
    from relcourse.files import write_atomic

    path = review.review_path(args.content, args.module)
    decided = review.load_review(path)  # a broken file stops here, with its file:line, before anything is rewritten
    course = load_course_content(args.content)
    module = course.module(args.module)
    made = review.reviewables(module.article, schedule_items=course.settings.quiz_schedule_items,
                              curated=[i for i in module.quiz if i.source == "curated"])
    entries = review.merged_entries(decided, made)
    status = review.review_status(module.article, review.Review(path, entries), made)
    sheet = args.out / "review" / f"{module.slug}.html"
    with use_language(module.article.lang):  # the sheet and the file's header speak the module's language, as its handouts do
        written = review.dump_review(module.slug, entries, decided.text)  # the facilitator's comments kept
        page = render_review_sheet(module.title, status, entries, str(path))
    write_atomic(path, written)
    write_atomic(sheet, page)
    print(terminal_text(f"{status}\n" + _("review sheet: {path}").format(path=sheet) + "\n"
                        + _("decide each entry in: {path}").format(path=path)))
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    article = load_article(args.article)
    data = article_to_json(article)
    if args.json:
        print(terminal_json(json.dumps(data, ensure_ascii=False, indent=2)))
        return 0
    print(terminal_text(f"{article.slug}: {article.title} ({article.category} #{article.number})"))
    for step in data["steps"]:
        print(terminal_text(f"  {step['title']}  [{step['unit']} {step['start']}-{step['end']}]"))
    phrases = polarity.offered_phrases(polarity.classify(article))
    print(f"  {len(article.cases)} case(s), {len(article.experts)} expert(s), {len(phrases)} phrase(s), {len(article.faq)} FAQ")
    return 0


# Handlers import nbformat, nbconvert and pandas when they need them: `relcourse check`,
# `inspect` and `--help` stay quick (those imports take seconds on a busy machine).


def cmd_journal_export(args: argparse.Namespace) -> int:
    from relcourse.store.journal import Journal
    from relcourse.store.transfer import export_journal

    with Journal() as journal:
        count = export_journal(journal, args.path, args.format)
    print(_("wrote {count} row(s) from {store} to {path} (readable by you only)").format(count=count, store=journal.path, path=args.path))
    return 0


def cmd_journal_import(args: argparse.Namespace) -> int:
    from relcourse.store.journal import Journal
    from relcourse.store.transfer import import_journal

    with Journal() as journal:
        added = import_journal(journal, args.path)
    print(_("imported {count} new row(s) into {store}").format(count=added, store=journal.path))
    return 0


def cmd_journal_info(args: argparse.Namespace) -> int:
    """Where the store is and which journal mode it uses, and why; never its contents."""
    from relcourse.store.journal import Journal

    with Journal() as journal:
        print(_("store: {path}").format(path=journal.path))
        print(_("journal mode: {mode} ({reason})").format(mode=journal.mode.mode, reason=journal.mode.reason))
        print(_("access: {access}, readable by you only").format(access=_("read-only") if journal.read_only else _("read and write")))
    return 0


def cmd_journal_delete(args: argparse.Namespace) -> int:
    if not args.all:
        print(error_line(_("say --all to delete every journal entry, reflection and quiz attempt")), file=sys.stderr)
        return 2
    from relcourse.store.journal import Journal

    with Journal() as journal:
        if not args.yes:
            prompt = _("Delete ALL journal entries, reflections, quiz attempts and check-offs in {store}? "
                       "Type 'delete' to confirm: ").format(store=journal.path)
            if not _confirmed(prompt):
                return 1
        journal.delete_all()
    print(_("deleted everything in {store}").format(store=journal.path))
    return 0


def _confirmed(prompt: str) -> bool:
    """The learner typed 'delete' (anything else, or no terminal, deletes nothing and says so)."""
    try:
        answer = input(prompt)
    except EOFError:
        answer = ""
    if answer.strip().lower() == "delete":
        return True
    print(_("nothing deleted"))
    return False


def cmd_journal_repair(args: argparse.Namespace) -> int:
    """Delete only the entries the notebooks cannot show (named by id and problem), after confirmation."""
    from relcourse.store.journal import Journal

    with Journal() as journal:
        unusable = journal.readable_entries().unusable
        if not unusable:
            print(_("every entry in {store} can be shown; nothing to repair").format(store=journal.path))
            return 0
        for row in unusable:
            print(terminal_text(row.problem))
        print(_("to keep a copy of them first (it can be edited by hand and imported again): {command}").format(
            command="relcourse journal export journal-backup.json"))
        if not args.yes:
            prompt = _("Delete these {count} entries from {store}? Everything else is kept. Type 'delete' to confirm: ").format(
                count=len(unusable), store=journal.path)
            if not _confirmed(prompt):
                return 1
        dropped = journal.drop_unusable_entries(row.id for row in unusable)
    print(_("deleted {count} entries that could not be shown from {store}").format(count=dropped, store=journal.path))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from relcourse.api import build

    result = build(args.content, args.notebooks, args.exports, check=args.check,
                   notebooks_only=args.notebooks_only, show_progress=sys.stderr.isatty())
    report = result.notebooks
    for diagnostic in [*result.course.diagnostics, *report.refused]:
        print(terminal_text(str(diagnostic)), file=sys.stderr)
    if args.check:
        problems = report.stale + report.orphaned
        for path in report.stale:
            print(_("stale: {path} (run 'relcourse build')").format(path=path))
        for path in report.orphaned:
            print(_("orphaned: {path} (its article is gone from {folder})").format(path=path, folder=args.content))
        print(_("{current} notebook(s) up to date, {stale} stale").format(current=len(report.unchanged), stale=len(problems)))
        return 1 if problems or result.errors else 0
    print(_("notebooks: {rebuilt} rebuilt, {current} up to date in {folder}").format(
        rebuilt=len(report.written), current=len(report.unchanged), folder=args.notebooks))
    for path in report.orphaned:
        print(_("note: {path} has no article any more; delete it if it is no longer needed").format(path=path))
    if result.modules_rebuilt or result.modules_current:
        print(_("handouts: {current} module(s) up to date, {rebuilt} rebuilt ({files} files written) in {folder}").format(
            current=len(result.modules_current), rebuilt=len(result.modules_rebuilt), files=len(result.handouts),
            folder=args.exports))
    if result.programmes_rebuilt or result.programmes_current:
        print(_("programmes: {current} up to date, {rebuilt} rebuilt").format(
            current=len(result.programmes_current), rebuilt=len(result.programmes_rebuilt)))
    if result.errors:
        print(_("{count} content file(s) failed; their notebooks were left as they were").format(count=result.errors), file=sys.stderr)
        return 1
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from relcourse.export.run import ExportIncomplete, export_handouts, module_slugs, with_page_count

    editions = list(EDITIONS) if args.edition == "all" else [args.edition]
    formats = ["html", "pdf"] if args.to == "all" else [args.to]
    if args.programme:
        from relcourse.export.programme import export_programme

        if not args.modules:
            print(error_line(_("name the modules of the programme: {command}").format(
                command="relcourse export --programme NAME MODULE…")), file=sys.stderr)
            return 2
        written = export_programme(args.notebooks, args.out, args.programme, args.modules, sessions=args.sessions,
                                   minutes=args.minutes, selfcheck=args.selfcheck or "", paper=args.paper or "",
                                   formats=formats, log_weeks=args.log_weeks, start=args.start, every_days=args.every_days)
    else:
        refused: list[Diagnostic] = []
        slugs = args.modules or module_slugs(args.notebooks, refused)
        for warning in refused:  # a pipe or device named like a notebook: named, never read, the rest exported
            print(terminal_text(str(warning)), file=sys.stderr)
        if not slugs:
            print(error_line(_("no module notebooks in {folder}; run 'relcourse build' first").format(folder=args.notebooks)),
                  file=sys.stderr)
            return 2
        try:
            written = export_handouts(args.notebooks, args.out, slugs, editions, formats, args.paper or "",
                                      show_progress=sys.stderr.isatty(), log_weeks=args.log_weeks)
        except ExportIncomplete as incomplete:  # the others were exported: list them, then name each failure
            for path in incomplete.written:
                print(terminal_text(str(path)))
            for failure in incomplete.failures:
                print(error_line(failure), file=sys.stderr)
            return 2  # as for any other error: the exit status scripts check
    for path in written:
        print(terminal_text(with_page_count(path)))
    return 0


def error_line(message: str) -> str:
    """'relcourse: error: …' in the terminal's language; the message (it may quote content) made safe to print."""
    return _("relcourse: error: {message}").format(message=terminal_text(message))


def cmd_doctor(args: argparse.Namespace) -> int:
    from relcourse.doctor import run_checks

    findings = run_checks()
    for name, finding in findings.items():
        mark = _("ok ") if finding.ok else _("NO ")
        print(f"{mark} {_(name)}: {finding.found}")
        if finding.fix:
            print(_("    fix: {command}").format(command=finding.fix))
    return 0 if all(f.ok for f in findings.values()) else 1


def _day_arg(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _every_days_arg(text: str) -> int:
    try:
        return parse_every_days(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _weeks_arg(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("{text} is not a number of weeks (1 or more)").format(text=repr(text)))
    return int(text)


def add_journal_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    journal = sub.add_parser("journal", help=_("export, import or delete your private journal data"))
    actions = journal.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help=_("write all your data to a CSV or JSON file"))
    export.add_argument("--format", choices=["csv", "json"], default=None,
                        help=_("the file's format (default: CSV for a .csv name, else JSON)"))
    export.add_argument("path", type=Path)
    export.set_defaults(handler=cmd_journal_export)
    imp = actions.add_parser("import", help=_("merge a file written by 'journal export' into your store"))
    imp.add_argument("path", type=Path)
    imp.set_defaults(handler=cmd_journal_import)
    info = actions.add_parser("info", help=_("where your store is, its journal mode and why"))
    info.set_defaults(handler=cmd_journal_info)
    delete = actions.add_parser("delete", help=_("remove everything from your store"))
    delete.add_argument("--all", action="store_true", help=_("required: delete all data"))
    delete.add_argument("--yes", action="store_true", help=_("do not ask for confirmation (for scripts)"))
    delete.set_defaults(handler=cmd_journal_delete)
    repair = actions.add_parser("repair", help=_("remove only the entries the notebooks cannot show, after a confirmation"))
    repair.add_argument("--yes", action="store_true", help=_("do not ask for confirmation (for scripts)"))
    repair.set_defaults(handler=cmd_journal_repair)


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class CourseParser(argparse.ArgumentParser):
    """argparse with its own words (usage, section titles, -h, 'error') in the terminal's language as well:
    Python ships no Chinese catalog for them. Subcommands' parsers are of this class too."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=_("show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = CourseParser(prog="relcourse", description=_("Turn wiki articles into course notebooks and handouts."))
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help=_("parse every article and report what was found"))
    check.add_argument("dir", nargs="?", type=Path, default=DEFAULT_CONTENT, help=_("a content folder (with articles/) or a folder of articles"))
    check.add_argument("--logs", action="store_true", help=_("also name the journal logs recognised in each article"))
    check.add_argument("--polarity", action="store_true",
                       help=_("also list each quoted sentence as recommended, discouraged, example or neutral, with the rule that decided"))
    check.set_defaults(handler=cmd_check)

    rev = sub.add_parser("review", help=_("a facilitator's review sheet and file: approve, edit or reject what was generated"))
    rev.add_argument("module", help=_("a module slug, e.g. security-and-needs-044"))
    rev.add_argument("--content", type=Path, default=DEFAULT_CONTENT)
    rev.add_argument("--out", type=Path, default=Path("exports"), help=_("the sheet goes to OUT/review/<module>.html"))
    rev.set_defaults(handler=cmd_review)

    inspect = sub.add_parser("inspect", help=_("show one parsed article"))
    inspect.add_argument("article", type=Path)
    inspect.add_argument("--json", action="store_true", help=_("print the parsed article as JSON"))
    inspect.set_defaults(handler=cmd_inspect)

    build = sub.add_parser("build", help=_("content → notebooks → handouts (the whole job)"))
    build.add_argument("--content", type=Path, default=Path("content"))
    build.add_argument("--notebooks", type=Path, default=Path("notebooks"))
    build.add_argument("--exports", type=Path, default=Path("exports"))
    build.add_argument("--check", action="store_true", help=_("exit non-zero and name the files that do not match content/"))
    build.add_argument("--notebooks-only", action="store_true", help=_("build the notebooks but not the handouts"))
    build.set_defaults(handler=cmd_build)

    export = sub.add_parser("export", help=_("printable handouts (HTML and PDF) from the module notebooks"))
    export.add_argument("modules", nargs="*", help=_("module slugs, e.g. security-and-needs-044 (default: all)"))
    export.add_argument("--edition", choices=[*EDITIONS, "all"], default="all")
    export.add_argument("--to", choices=["html", "pdf", "all"], default="all")
    export.add_argument("--paper", choices=["a4", "letter"], help=_("default: paper in content/course.yaml"))
    export.add_argument("--programme", "--pack", dest="programme", metavar="NAME",
                        help=_("a workshop programme of the named modules: facilitator programme and participant booklet"))
    export.add_argument("--sessions", type=int, default=0, metavar="N", help=_("programme sessions (default: one per module)"))
    export.add_argument("--minutes", type=int, choices=[90, 120], default=90, help=_("length of each programme session"))
    export.add_argument("--selfcheck", metavar="ID", help=_("self-check given before the first and after the last session"))
    export.add_argument("--start", type=_day_arg, metavar="YYYY-MM-DD",
                        help=_("date of the programme's first session, printed on its pages (default: no dates)"))
    export.add_argument("--every-days", type=_every_days_arg, default=7, metavar="N",
                        help=_("days from one programme session to the next (default: 7)"))
    export.add_argument("--log-weeks", type=_weeks_arg, default=0, metavar="N",
                        help=_("blank journal pages: N numbered weeks per log (default: one page per log, to photocopy)"))
    export.add_argument("--notebooks", type=Path, default=Path("notebooks"))
    export.add_argument("--out", type=Path, default=Path("exports"))
    export.set_defaults(handler=cmd_export)

    add_journal_commands(sub)
    add_hub_commands(sub)

    doctor = sub.add_parser("doctor", help=_("check that learners' words stay private here, and say where they are kept"))
    doctor.set_defaults(handler=cmd_doctor)

    return parser


def terminal_language() -> str:
    """The terminal's language (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``) as a BCP 47 tag."""
    from babel import default_locale

    return (default_locale(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")) or "en").replace("_", "-")


def cli_language(args: argparse.Namespace) -> str:
    """The course's ``locale`` when a content folder is named (or found), else the terminal's (``LANG``)."""
    from relcourse.course.settings import load_course

    folder = getattr(args, "content", None) or getattr(args, "dir", None) or DEFAULT_CONTENT
    if (folder / "course.yaml").is_file():
        try:
            return load_course(folder).locale
        except RelcourseError:
            pass  # the command itself reports the bad file
    return terminal_language()


def main(argv: Sequence[str] | None = None) -> int:
    set_default_language(terminal_language())  # --help and usage errors: no course is known before parsing
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    set_default_language(cli_language(args))
    try:
        return handler(args)
    except RelcourseError as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("relcourse: interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
