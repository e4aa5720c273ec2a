"""A workshop programme: several modules over several sessions, as one facilitator programme and
one participant booklet (``relcourse export --programme``; rebuilt by ``relcourse build`` for the
programmes listed in ``content/course.yaml``).

The plan (which module in which session, homework, when the self-check runs, timed agendas) is
computed here; the template only lays it out. Each module's pages are its handout rendered by the
edition's own exporter, so a programme never differs from the single-module handouts.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from relcourse.course.settings import MAX_EVERY_DAYS, ProgrammeSpec
from relcourse.errors import RelcourseError
from relcourse.export import facilitator
from relcourse.export.facilitator import AgendaItem
from relcourse.export.handout import notebook_name, read_handout
from relcourse.export.incremental import programme_files, programme_stem
from relcourse.export.pdf import html_to_pdf
from relcourse.export.render import environment as handout_environment
from relcourse.export.render import render_handout
from relcourse.export.run import ExportIncomplete, read_module_notebook
from relcourse.files import write_atomic
from relcourse.i18n import N_, _, format_long_date, use_language

SESSION_LENGTHS = (90, 120)

#: fixed parts of a programme session: (activity, minutes); the module work fills the rest
OPENING_FIRST = (N_("Welcome, ground rules and consent; safety note; self-check (before)"), 15)
OPENING = (N_("Check-in and homework review: logs and the practice step"), 10)
CLOSING = (N_("Homework set; closing round"), 10)
CLOSING_LAST = (N_("Self-check (after); where to find help from now on; closing round"), 15)

GROUND_RULES = [
    N_("What is said in the group stays in the group; share only what you are comfortable sharing."),
    N_("Speak for yourself (“I”), not for your partner; no one is asked to disclose more than they wish."),
    N_("Journals, reflections and self-check answers are private: no one is asked to show them."),
    N_("Anyone may pass on an exercise or leave the room at any time, without giving a reason."),
    N_("This is education, not therapy or crisis support: for help, use the resources in the footer."),
]
CONSENT = N_("I have read the ground rules. I understand that this workshop is educational material, not therapy, "
             "that taking part is voluntary and that I may stop at any time.")
ATTENDANCE_ROWS = 14


@dataclass(frozen=True)
class Session:
    number: int
    modules: list[str]  # slugs; a session without a new module continues the previous one
    continues: str  # slug of the module it continues, "" if none
    agenda: list[AgendaItem]
    homework: str
    day: str = ""  # the session's date in the programme's language; "" when the programme has no start date


@dataclass
class Programme:
    name: str
    sessions: list[Session]
    minutes: int
    selfcheck: str = ""  # the instrument notebook given before the first and after the last session
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def first_day(self) -> str:
        """The first session's date for the cover and footers ("" without a start date)."""
        return self.sessions[0].day if self.sessions else ""


def session_dates(start: date, every_days: int, sessions: int) -> list[date]:
    """The first session on ``start``, each next one ``every_days`` later."""
    return [start + timedelta(days=every_days * n) for n in range(sessions)]


def dated(plan: Sequence[Session], start: date | None, every_days: int, language: str) -> list[Session]:
    """The sessions with their dates written for the page's language (unchanged without a start)."""
    if start is None:
        return list(plan)
    days = session_dates(start, every_days, len(plan))
    return [replace(session, day=format_long_date(day, language)) for session, day in zip(plan, days)]


def _module_work(counts: dict[str, int], minutes: int, start: int) -> list[AgendaItem]:
    """A module's own activities in ``minutes`` (its single-session agenda without opening and closing),
    timed from ``start``, so a programme times each module as its own guide does."""
    inner = facilitator.agenda(counts, minutes + facilitator.OPENING + facilitator.CLOSING)[1:-1]
    items, clock = [], start
    for item in inner:
        items.append(AgendaItem(clock, item.minutes, item.activity))
        clock += item.minutes
    return items


def plan_sessions(slugs: Sequence[str], titles: dict[str, str], parts: dict[str, dict[str, int]],
                  sessions: int, minutes: int) -> list[Session]:
    """Modules in order over the sessions (several to a session, or one module over several sessions);
    every agenda fills its session exactly, in 5-minute blocks; the words in the current language."""
    plan: list[Session] = []
    previous = ""
    for number in range(1, sessions + 1):
        chosen = list(slugs[-(-(number - 1) * len(slugs) // sessions):-(-number * len(slugs) // sessions)])  # modules early
        first, last = number == 1, number == sessions
        opening = OPENING_FIRST if first else OPENING
        closing = CLOSING_LAST if last else CLOSING
        work = minutes - opening[1] - closing[1]
        items = [AgendaItem(0, opening[1], _(opening[0]))]
        continues = "" if chosen else previous  # more sessions than modules: practise the module before
        shares = [work // len(chosen) // 5 * 5] * len(chosen) if chosen else []
        if shares:
            shares[0] += work - sum(shares)
        for slug, share in zip(chosen, shares):
            module_items = _module_work(parts[slug], share, items[-1].start + items[-1].minutes)
            items += [AgendaItem(i.start, i.minutes, _("{title}: {activity}").format(title=titles[slug], activity=i.activity))
                      for i in module_items]
        if continues:
            half = work // 2 // 5 * 5
            items += [AgendaItem(opening[1], work - half,
                                 _("{title}: practice review in pairs, with the phrase cards").format(title=titles[continues])),
                      AgendaItem(opening[1] + work - half, half,
                                 _("{title}: a case discussed again; the next step of the plan").format(title=titles[continues]))]
        items.append(AgendaItem(minutes - closing[1], closing[1], _(closing[0])))
        homework = "" if last else _("Keep the practice logs (one copied page a week) and try the next step of the "
                                     "practice plan of {modules}.").format(
            modules=_(", ").join(titles[s] for s in chosen or [previous]))
        plan.append(Session(number, chosen, continues, items, homework))
        previous = chosen[-1] if chosen else previous
    return plan


def _render_modules(notebooks: Path, slugs: Sequence[str], edition: str, paper: str,
                    log_weeks: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rendered, resources = [], None
    for slug in slugs:
        res = {"metadata": {"name": slug, "path": str(notebooks)}, "relcourse_fragment": True, "relcourse_programme": True}
        handout = read_handout(read_module_notebook(notebooks, slug), notebook_name(res))
        html, resources = render_handout(handout, edition, res, paper=paper, log_weeks=log_weeks)
        cells = [c.data for c in handout.cells if c.data is not None]
        rendered.append({"slug": slug, "title": handout.info.title, "html": html,
                         "parts": facilitator.parts_of(cells, handout.title)})
    if resources is None:
        raise RelcourseError("a programme needs at least one module: name them after --programme NAME")
    return rendered, resources


def export_programme(notebooks: Path, out: Path, name: str, slugs: Sequence[str], *, sessions: int = 0,
                     minutes: int = 90, selfcheck: str = "", paper: str = "", formats: Sequence[str] = ("html", "pdf"),
                     log_weeks: int = 0, start: date | None = None, every_days: int = 7) -> list[Path]:
    """Write ``programme-<name>-facilitator`` and ``programme-<name>-participant`` (HTML and/or PDF);
    with a ``start`` date, session ``n`` is dated ``start + (n - 1) * every_days``."""
    if not 1 <= every_days <= MAX_EVERY_DAYS:
        raise RelcourseError(f"programme {name!r}: sessions are 1 to {MAX_EVERY_DAYS} days apart, not {every_days}")
    if minutes not in SESSION_LENGTHS:
        raise RelcourseError(f"programme {name!r}: sessions last 90 or 120 minutes, not {minutes}")
    sessions = sessions or len(slugs)
    if not slugs or sessions < 1 or sessions > 20:
        raise RelcourseError(f"programme {name!r}: name at least one module, and 1 to 20 sessions")
    guides, resources = _render_modules(notebooks, slugs, "facilitator", paper, log_weeks)
    booklet, participant_resources = _render_modules(notebooks, slugs, "participant", paper, log_weeks)
    titles = {g["slug"]: g["title"] for g in guides}
    parts = {g["slug"]: g["parts"] for g in guides}
    with use_language(resources["language_code"]):  # a programme speaks its modules' language
        plan = dated(plan_sessions(slugs, titles, parts, sessions, minutes), start, every_days, resources["language_code"])
        programme = Programme(name, plan, minutes, selfcheck, titles)
        forms = {edition: _render_modules(notebooks, [selfcheck], edition, paper, log_weeks)[0][0]["html"]
                 for edition in ("participant", "facilitator")} if selfcheck else {}
        environment = handout_environment()
        template = environment.get_template("programme.html.j2")
        footer = getattr(environment.get_template("worksheets.html.j2").module, "footer")  # a macro of the template
        written: list[Path] = []
        for edition, modules, res in (("facilitator", guides, resources), ("participant", booklet, participant_resources)):
            info = res["relcourse"]
            html = template.render(programme=programme, modules=modules, resources=res, edition=edition,
                                   footer=footer({**info, "date": programme.first_day}),
                                   selfcheck_html=forms.get(edition, ""), materials=facilitator.materials(),
                                   screening=facilitator.screening(), fidelity=facilitator.fidelity(set().union(*parts.values())),
                                   ground_rules=[_(rule) for rule in GROUND_RULES], consent=_(CONSENT),
                                   attendance_rows=ATTENDANCE_ROWS)
            stem = out / f"{programme_stem(name)}-{edition}"
            if "html" in formats:
                write_atomic(stem.with_suffix(".html"), html)
                written.append(stem.with_suffix(".html"))
            if "pdf" in formats:
                write_atomic(stem.with_suffix(".pdf"), html_to_pdf(html))
                written.append(stem.with_suffix(".pdf"))
    return written


def build_programmes(specs: Sequence[ProgrammeSpec], notebooks: Path, out: Path, known: Collection[str],
                     changed: Collection[str] | None = None) -> list[Path]:
    """The programmes listed in course.yaml, made again when one of their modules was rebuilt (or
    ``changed`` is None) or a file is missing, so they never go stale.

    A programme that names an unknown module is reported in :class:`ExportIncomplete` after the
    others are written.
    """
    written: list[Path] = []
    failures: list[str] = []
    for spec in specs:
        missing = [m for m in spec.modules if m not in known] + [s for s in [spec.selfcheck] if s and s not in known]
        if missing:
            failures.append(f"course.yaml: programme {spec.name!r} names {', '.join(map(repr, missing))}, which is not a "
                            "module of this course; use the module's slug (see 'relcourse check')")
            continue
        current = all(p.exists() for p in programme_files(out, spec.name))
        if current and changed is not None and not set(spec.modules) & set(changed):
            continue
        try:
            written += export_programme(notebooks, out, spec.name, spec.modules, sessions=spec.sessions,
                                        minutes=spec.minutes, selfcheck=spec.selfcheck, start=spec.start,
                                        every_days=spec.every_days)
        except RelcourseError as exc:
            failures.append(str(exc))
    if failures:
        raise ExportIncomplete(failures, written)
    return written
