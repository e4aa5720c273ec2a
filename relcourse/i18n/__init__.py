"""The kit's own words in the learner's language: gettext catalogs kept as ``.po`` files.

``relcourse/i18n/<locale>/LC_MESSAGES/relcourse.po`` (managed with Babel, see the README) is read
with Babel at first use and cached, so there is no compile step to forget. The language of the words
is a context: the notebook builder wraps a module in :func:`use_language` (the article's language),
widgets set the kernel's default with :func:`set_default_language` (one notebook, one language).
Source strings are English; a language without a catalog reads them as they are.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext
import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.lists import format_list as babel_format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
DOMAIN = "relcourse"
SOURCE_LANGUAGE = "en"

_default = [SOURCE_LANGUAGE]
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("relcourse_language", default=None)


def catalogs() -> dict[str, Path]:
    """Catalog folder name (``en``, ``zh_Hans``) → its ``.po`` file."""
    return {p.parent.parent.name: p for p in sorted(HERE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))}


def catalog_for(tag: str) -> str | None:
    """The catalog a BCP 47 tag reads: ``zh``, ``zh-Hans``, ``zh-CN`` → ``zh_Hans``; ``en-GB`` → ``en``."""
    wanted = tag.replace("-", "_").lower()
    names = sorted(catalogs())
    for name in names:
        if name.lower() == wanted:
            return name
    language = wanted.split("_")[0]
    return next((name for name in names if name.split("_")[0].lower() == language), None)


@cache
def translator(tag: str) -> gettext.NullTranslations:
    """The translations of ``tag`` (the source English for a language without a catalog)."""
    name = catalog_for(tag)
    if name is None:
        return gettext.NullTranslations()
    with catalogs()[name].open("rb") as po:
        catalog = read_po(po, locale=name.replace("_Hans", "").replace("_Hant", ""), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: a guessed translation is not shown
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def current_language() -> str:
    return _current.get() or _default[0]


def set_default_language(tag: str) -> None:
    """The language of words outside :func:`use_language` (a kernel shows one module's widgets)."""
    _default[0] = tag or SOURCE_LANGUAGE


@contextlib.contextmanager
def use_language(tag: str) -> Iterator[None]:
    token = _current.set(tag or SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` in the current language."""
    return translator(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a constant for extraction; translate it with :func:`_` where it is shown."""
    return message


#: a day as the plan shows it: a CLDR date pattern, itself translated ("Mon 05 Jan 2026", "2026年1月5日周一")
DAY_PATTERN = N_("EEE dd MMM y")  # a translator writes the pattern of the language


@cache
def _cldr_locale(tag: str) -> Locale:
    """The CLDR locale whose names and patterns a language's dates and lists use (its catalog's; once per
    language: date and list helpers run once per table row)."""
    return Locale.parse(catalog_for(tag) or SOURCE_LANGUAGE)


def format_day(day: date) -> str:
    """``day`` in the current language's words and order (weekday and month names from Babel's CLDR data)."""
    return format_date(day, format=_(DAY_PATTERN), locale=_cldr_locale(current_language()))


#: a day on a chart's axis or in its summary ("05 Jan", "1月5日")
SHORT_DAY_PATTERN = N_("dd MMM")


def format_short_day(day: date) -> str:
    """``day`` as a chart names it, in the current language (a translator writes the pattern)."""
    return format_date(day, format=_(SHORT_DAY_PATTERN), locale=_cldr_locale(current_language()))


#: a moment in a table of past entries or takes ("05 Mar 2026 21:30", "2026年3月5日 21:30")
MOMENT_PATTERN = N_("dd MMM y HH:mm")


def format_moment(moment: datetime) -> str:
    """A saved entry's or take's time as its table shows it, in the current language."""
    return format_datetime(moment, format=_(MOMENT_PATTERN), locale=_cldr_locale(current_language()))


def format_list(items: Sequence[str]) -> str:
    """Names in a sentence, as the current language lists them ("a, b and c", "a、b和c")."""
    return babel_format_list(list(items), locale=_cldr_locale(current_language())) if items else ""


def format_long_date(day: date, tag: str = "") -> str:
    """``day`` as a cover or a programme prints it, in the page's language and region from CLDR
    ("1 December 2026" for en-GB, "December 1, 2026" for en, "2026年12月1日" for zh): the one place
    that decides how a printed date reads."""
    wanted = tag or current_language()
    try:
        locale = Locale.parse(wanted, sep="-")
    except (ValueError, UnknownLocaleError):  # a tag CLDR does not know: its language, else the source language
        try:
            locale = Locale.parse(wanted.split("-")[0])
        except (ValueError, UnknownLocaleError):
            locale = Locale.parse(SOURCE_LANGUAGE)
    return format_date(day, format="long", locale=locale)
