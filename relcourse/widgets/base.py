"""What every relcourse widget shares: a repr that never shows what the learner typed,
the learner's store, the module data, and a registry of live widgets (for tests)."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as w
import pandas as pd

from relcourse.course.loader import Module, current_course
from relcourse.course.settings import module_language
from relcourse.errors import RelcourseError
from relcourse.escape import NO_MATHS
from relcourse.escape import html_text as html_text  # widgets import it from here
from relcourse.i18n import set_default_language
from relcourse.store.journal import Journal
from relcourse.widgets.look import widget_view
from relcourse.widgets.privacy import journal_for_widgets

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

_journals: dict[Path, Journal] = {}
_live: weakref.WeakValueDictionary[tuple[str, str, str], PrivateBox] = weakref.WeakValueDictionary()


class PrivateBox(w.VBox):  # type: ignore[misc]
    """A VBox whose text/plain form names the widget only.

    ipywidgets writes ``repr(widget)`` into every output as a text/plain fallback, and
    the default repr includes field values: a learner's words would land in the .ipynb.
    """

    kind = "widget"

    def __init__(self, module: str, ident: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.module_slug = module
        self.ident = ident
        self.add_class("relcourse-widget")
        _live[(self.kind, module, ident)] = self

    def __repr__(self) -> str:
        return f"<relcourse {self.kind} {self.ident}>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Shown in a frame that brings the stylesheet and keeps notebook shortcuts out (widgets.look)."""
        return widget_view(self, **kwargs)


def live_widget(kind: str, module: str, ident: str) -> PrivateBox:
    """The most recently displayed widget of that kind (for tests and scripted demos)."""
    return _live[(kind, module, ident)]


def get_journal() -> Journal:
    """The learner's store (``$RELCOURSE_HOME`` or the user data folder), opened once (see widgets.privacy)."""
    home = os.environ.get("RELCOURSE_HOME", "")
    key = Path(home)
    if key not in _journals:
        _journals[key] = journal_for_widgets()  # stored words only where saves are scrubbed
    return _journals[key]


def get_module(slug: str) -> Module:
    return current_course().module(slug)


def table_view(frame: pd.DataFrame, right: tuple[str, ...] = ()) -> Styler:
    """A table as learners read it: no index, text left-aligned and top-aligned (numbers in ``right``).

    Cells and headings are HTML-escaped: they hold the learner's entries and the article's labels;
    the table is marked so JupyterLab does not typeset ``$5 and $10`` in them as maths.
    """
    styler = (frame.style.hide(axis="index").format(escape="html").format_index(escape="html", axis=1)
              .set_table_attributes(f'class="{NO_MATHS}"')
              .set_properties(**{"text-align": "left", "vertical-align": "top", "white-space": "pre-wrap"})  # an entry's own lines
              .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))
    return styler.set_properties(subset=list(right), **{"text-align": "right"}) if right else styler


class ErrorNotice(PrivateBox):
    kind = "error"


def error_box(message: str) -> ErrorNotice:
    box = ErrorNotice("", "error")
    box.children = [w.HTML(f'<div class="rc-bad" role="alert"><b>relcourse:</b> {html_text(message)}</div>')]
    return box


T = TypeVar("T", bound=PrivateBox)


def speak_language_of(slug: str = "") -> None:
    """The kit's words in the language of the module (its article's) or of the course (index, self-checks)."""
    course = current_course()
    modules = {m.slug: m for m in course.modules}
    set_default_language(module_language(course.settings, modules[slug].article if slug in modules else None))


def friendly(factory: Callable[..., T]) -> Callable[..., T | ErrorNotice]:
    """Show content or store problems as a one-line notice in the notebook, not a traceback;
    the widget speaks its module's language."""

    def wrapper(*args: Any, **kwargs: Any) -> T | ErrorNotice:
        try:
            speak_language_of(str(args[0]) if args else "")
            return factory(*args, **kwargs)
        except RelcourseError as exc:
            return error_box(str(exc))

    wrapper.__name__ = factory.__name__
    wrapper.__doc__ = factory.__doc__
    return wrapper


#: status tones → CSS classes (colours from the JupyterLab theme, see static/relcourse.css)
TONES = {"ok": "rc-status rc-ok", "bad": "rc-status rc-bad", "info": "rc-status"}


def status(text: str, tone: str = "info") -> str:
    """A status line; a screen reader announces it when it changes (role=status)."""
    return f'<span class="{TONES[tone]}" role="status">{text}</span>'
