"""A module notebook's JSON → one handout's HTML: the edition's steps, then the Jinja templates.

This is what ``relcourse export`` and ``relcourse build`` run, and what the nbconvert exporters
(``jupyter nbconvert --to relcourse_handout``) call, so both give the same bytes. It imports no
nbconvert (about a second of every export, most of it for features a handout never uses), compiles
each template once per process, and renders Markdown with one parser built once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, Template, select_autoescape
from jupyter_core.paths import jupyter_path

from relcourse.errors import RelcourseError
from relcourse.export.editions import EDITIONS
from relcourse.export.handout import Handout, notebook_name, read_handout
from relcourse.export.markdown import markdown2html
from relcourse.i18n import _, ngettext, use_language

TEMPLATES = Path(__file__).parent / "templates"
HANDOUT_TEMPLATE = "index.html.j2"


def _nbconvert_base() -> list[str]:
    """nbconvert's ``base`` templates (``null.j2``, which ours extends), where Jupyter installs them."""
    return [str(Path(d) / "base") for d in jupyter_path("nbconvert", "templates") if (Path(d) / "base" / "null.j2").is_file()]


@functools.cache
def environment() -> Environment:
    """The handout templates' environment, made once per process.

    Every ``.html`` template autoescapes: content reaches the page as text unless a template says
    ``|safe`` (only for HTML rendered here); the kit's words go through the i18n catalogs in the
    page's language (``{{ _("…") }}``); ``markdown2html`` is :mod:`relcourse.export.markdown`.
    """
    loader = ChoiceLoader([FileSystemLoader([str(TEMPLATES / "relcourse_handout"), *_nbconvert_base()])])
    env = Environment(loader=loader, extensions=["jinja2.ext.loopcontrols", "jinja2.ext.i18n"],
                      autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False))
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["markdown2html"] = markdown2html
    return env


@functools.cache
def handout_template() -> Template:
    return environment().get_template(HANDOUT_TEMPLATE)


def notebook_from_json(text: str | bytes) -> dict[str, Any]:
    """A notebook file's JSON as nbformat reads it (``source`` lines joined), without nbformat's validation:
    the relcourse metadata is checked when it is read for rendering (:func:`read_handout`)."""
    nb = json.loads(text)
    if not isinstance(nb, dict) or nb.get("nbformat") != 4 or not isinstance(nb.get("cells"), list):
        raise ValueError("not a version 4 notebook")
    for cell in nb["cells"]:
        if isinstance(cell, dict) and isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return nb


def render_handout(nb: Mapping[str, Any] | Handout, edition: str, resources: Mapping[str, Any] | None = None, *,
                   paper: str = "", log_weeks: int = 0) -> tuple[str, dict[str, Any]]:
    """One edition of a module notebook as HTML, and the resources the steps computed.

    ``nb`` is the notebook's JSON, or the :class:`Handout` already read from it (one read for all
    editions); each cell's metadata is checked and typed once, before the first step. ``resources``
    carries ``metadata`` (``name``, ``path``: for messages and the page's anchor),
    ``relcourse_fragment`` (no ``<html>``/``<head>``, for a programme) and ``relcourse_programme``.
    Neither the notebook nor a given handout is changed: the steps work on a copy.
    """
    if edition not in EDITIONS:
        raise RelcourseError(f"no edition {edition!r}; choose one of {', '.join(EDITIONS)}")
    found = {"language_code": "en", **(resources or {})}
    handout = (nb if isinstance(nb, Handout) else read_handout(nb, notebook_name(found))).copy()
    with use_language(handout.info.lang or "en"):  # steps' and templates' words
        for step in EDITIONS[edition].pipeline(paper=paper, log_weeks=log_weeks):
            step.apply(handout, found)
        html = handout_template().render(nb=handout, resources=found)
    return html.lstrip("\r\n"), found
