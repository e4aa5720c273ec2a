"""Quiz feedback that teaches: a link to the section an item comes from, a hint, marked ticks.

What the hint and the marks say comes from the item's type (``ItemKind.hint``, ``ItemKind.review``);
this module only turns them into HTML, every piece of content escaped as text.
"""

from __future__ import annotations

from relcourse.content.text import nest_quotes
from relcourse.course.quiz.kinds.base import Mark
from relcourse.escape import html_text
from relcourse.i18n import _

#: how each verdict of a marked answer reads (symbol, words for screen readers and print)
VERDICTS: dict[str, tuple[str, str]] = {
    "right": ("✓", "right"),
    "wrong": ("✗", "not right"),
    "missed": ("○", "also right, not ticked"),
}


def section_anchor(title: str) -> str:
    """The id JupyterLab gives the section's heading (its text, spaces as hyphens: ``createHeaderId``)."""
    return title.strip().replace(" ", "-")


def section_link(title: str) -> str:
    """A link to the section heading in this notebook, or "" for an item not tied to a section."""
    if not title.strip():
        return ""
    return f'<a href="#{html_text(section_anchor(title))}">{html_text(title)}</a>'


def wrong_answer(section: str, hint: str) -> str:
    """What a wrong answer says: where to look again and, when there is one, a hint.

    ``hint`` is the opening of the grounding sentence (``ItemKind.hint``): where to read, not what.
    """
    where = " " + _("Look again at “{section}”.").format(section=section_link(section)) if section.strip() else ""
    clue = " " + nest_quotes(_("Hint: read again the sentence beginning “{opening} …”.").format(opening=html_text(hint))) if hint else ""
    return _("✗ Not quite.") + where + clue + " " + _("Try again, or show the answer.")


def marked_answer(marks: list[Mark]) -> str:
    """The learner's answer, part by part, with what was right and what was not."""
    rows = "".join(f'<li class="rc-{m.verdict}">{VERDICTS[m.verdict][0]} {html_text(m.text)} '
                   f"<i>({VERDICTS[m.verdict][1]})</i></li>" for m in marks)
    return f'<div>Your answer:</div><ul class="rc-marks" style="margin:.2em 0">{rows}</ul>' if rows else ""
