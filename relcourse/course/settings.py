"""Course settings from ``content/course.yaml``, with sensible defaults when it is absent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relcourse.content.yaml_files import read_yaml
from relcourse.errors import ContentError
from relcourse.i18n import _

if TYPE_CHECKING:
    from relcourse.content.model import Article

PAPER_SIZES = ("a4", "letter")
# a BCP 47 language tag as HTML's lang attribute takes it: "en", "zh", "zh-Hans", "en-GB"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class HelpResource:
    name: str
    contact: str
    region: str = ""


DEFAULT_HELP = (
    HelpResource("Emergency services", "If you or someone else is in danger now, call your local emergency number "
                 "(112 in the EU, 911 in the US and Canada, 999 in the UK, 000 in Australia)."),
    HelpResource("Domestic abuse helplines", "National Domestic Violence Hotline 1-800-799-7233 (US); National Domestic "
                 "Abuse Helpline 0808 2000 247 (UK).", "US / UK"),
    HelpResource("Elsewhere", "Your doctor, a licensed therapist, or findahelpline.com for free, confidential helplines by country."),
)


@dataclass(frozen=True)
class ProgrammeSpec:
    """A workshop programme ``relcourse build`` keeps current (``programmes:`` in course.yaml)."""

    name: str
    modules: tuple[str, ...]
    sessions: int = 0  # 0: one session per module
    minutes: int = 90
    selfcheck: str = ""
    start: date | None = None  # the first session's date; None: no dates are printed
    every_days: int = 7  # days from one session to the next


PROGRAMME_KEYS = {"name", "modules", "sessions", "minutes", "selfcheck", "start", "every_days"}
MAX_EVERY_DAYS = 365


def parse_day(value: Any) -> date:
    """A date as course.yaml (YAML reads 2026-12-01 as a date) or the command line gives it;
    ValueError says what to write instead."""
    if isinstance(value, datetime):  # "2026-12-01 18:00": the day is what the pages print
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(_("{value} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01").format(value=repr(value))) from None


def parse_every_days(value: Any) -> int:
    """Days between sessions: a whole number from 1 to a year."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit() \
            or not 1 <= int(value) <= MAX_EVERY_DAYS:
        raise ValueError(_("{value} is not a number of days between sessions (1 to {most})").format(
            value=repr(value), most=MAX_EVERY_DAYS))
    return int(value)


def _programme(path: Path, n: int, raw: Any) -> ProgrammeSpec:
    """One ``programmes:`` entry, or an error that says which entry and what to write."""
    where = _("programmes entry {number}").format(number=n)
    if not isinstance(raw, dict) or not raw.get("name") or not isinstance(raw.get("modules"), list) or not raw["modules"]:
        raise ContentError(path, _("{where}: write a 'name' and a list of 'modules' (module slugs, in session order)").format(where=where))
    if set(raw) - PROGRAMME_KEYS:
        raise ContentError(path, _("{where}: unknown key(s) {keys}; allowed: {allowed}").format(
            where=where, keys=", ".join(sorted(set(raw) - PROGRAMME_KEYS)), allowed=", ".join(sorted(PROGRAMME_KEYS))))
    sessions, minutes = raw.get("sessions", 0), raw.get("minutes", 90)
    if not isinstance(sessions, int) or isinstance(sessions, bool) or not 0 <= sessions <= 20:
        raise ContentError(path, _("{where}: 'sessions' must be a whole number from 1 to 20, not {value}").format(
            where=where, value=repr(sessions)))
    if minutes not in (90, 120) or isinstance(minutes, bool):
        raise ContentError(path, _("{where}: 'minutes' must be 90 or 120, not {value}").format(where=where, value=repr(minutes)))
    checked: dict[str, Any] = {}
    for key, parse in (("start", parse_day), ("every_days", parse_every_days)):
        try:
            checked[key] = parse(raw[key]) if raw.get(key) is not None else None
        except ValueError as exc:
            raise ContentError(path, f"{where}: '{key}': {exc}") from None
    start, every_days = checked["start"], checked["every_days"] or 7
    return ProgrammeSpec(str(raw["name"]), tuple(str(m) for m in raw["modules"]), sessions, int(minutes),
                         str(raw.get("selfcheck") or ""), start, every_days)


@dataclass(frozen=True)
class CourseSettings:
    title: str = "Relationship Communication Course"
    organisation: str = ""
    facilitator: str = ""
    locale: str = "en"
    paper: str = "a4"
    help: tuple[HelpResource, ...] = field(default=DEFAULT_HELP)
    #: course.yaml ``quiz: {schedule_items: true}``: also ask when the plan schedules a step (memory, not understanding)
    quiz_schedule_items: bool = False
    programmes: tuple[ProgrammeSpec, ...] = ()
    #: course.yaml ``date:`` (e.g. the workshop day), shown on module handouts' covers and footers when set
    date: date | None = None

    @property
    def help_line(self) -> str:
        """One line for page footers."""
        return " · ".join(f"{h.name}: {h.contact}" for h in self.help[:2])


def module_language(settings: CourseSettings, article: Article | None = None) -> str:
    """The language of a module's pages (HTML ``lang``, notebook metadata); the one place that decides it.

    The article's own language wins (a Chinese article in an English course is Chinese); the course
    ``locale`` refines it when both are the same language ("en" + locale "en-GB" → "en-GB") and is
    used as it is for pages without an article (index, self-checks).
    """
    own = str(getattr(article, "lang", "") or "")  # Article.lang: detected from the text
    if not own or own.lower() == settings.locale.split("-")[0].lower():
        return settings.locale
    return own


def load_course(content_dir: Path) -> CourseSettings:
    """Read ``course.yaml`` in the content folder; every key is optional."""
    path = content_dir / "course.yaml"
    if not path.exists():
        return CourseSettings()
    data: Any = read_yaml(path, _("fix it or delete the file to use the defaults")) or {}
    if not isinstance(data, dict):
        raise ContentError(path, _("expected a mapping of settings (title, organisation, facilitator, locale, paper, help)"))
    known = {"title", "organisation", "facilitator", "locale", "paper", "help", "quiz", "programmes", "date"}
    if set(data) - known:
        raise ContentError(path, _("unknown setting(s) {keys}; allowed: {allowed}").format(
            keys=", ".join(sorted(set(data) - known)), allowed=", ".join(sorted(known))))
    paper = str(data.get("paper", "a4")).lower()
    if paper not in PAPER_SIZES:
        raise ContentError(path, _("paper must be one of {sizes}, not {value}").format(sizes=", ".join(PAPER_SIZES), value=repr(paper)))
    help_items: tuple[HelpResource, ...] = DEFAULT_HELP
    if "help" in data:
        raw = data["help"]
        if not isinstance(raw, list) or not all(isinstance(h, dict) and h.get("name") and h.get("contact") for h in raw):
            raise ContentError(path, _("'help' must be a list of entries with 'name' and 'contact' (and optional 'region')"))
        help_items = tuple(HelpResource(str(h["name"]), str(h["contact"]), str(h.get("region", ""))) for h in raw)
    locale = str(data.get("locale") or "en")
    if not LANGUAGE_TAG.fullmatch(locale):
        raise ContentError(path, _("locale must be a language tag such as en, en-GB, zh or zh-Hans, not {value}").format(value=repr(locale)))
    quiz = data.get("quiz") or {}
    if not isinstance(quiz, dict) or set(quiz) - {"schedule_items"} or not isinstance(quiz.get("schedule_items", False), bool):
        raise ContentError(path, _("quiz must be a mapping such as {example} (schedule_items: true or false)").format(
            example="{schedule_items: true}"))
    try:
        day = parse_day(data["date"]) if data.get("date") is not None else None
    except ValueError as exc:
        raise ContentError(path, f"'date': {exc}") from None
    defaults = CourseSettings()
    return CourseSettings(
        title=str(data.get("title", defaults.title)), organisation=str(data.get("organisation") or ""),
        facilitator=str(data.get("facilitator") or ""), locale=locale, paper=paper, help=help_items,
        quiz_schedule_items=bool(quiz.get("schedule_items", False)),
        programmes=_programmes(path, data.get("programmes")), date=day,
    )


def _programmes(path: Path, raw: Any) -> tuple[ProgrammeSpec, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ContentError(path, _("'programmes' must be a list of entries with 'name' and 'modules'"))
    found = tuple(_programme(path, n, entry) for n, entry in enumerate(raw, 1))
    names = [p.name.lower() for p in found]
    if len(set(names)) != len(names):
        raise ContentError(path, _("two programmes have the same name; give each its own"))
    return found
