"""The last cell of a module: a *Back to top* link, and the view taken back to the title after Run All.

JupyterLab ends *Run All* with the last cell in view; a learner then starts reading at the end. The
link (``static/top.js``) scrolls the notebook to its title once when the cell has run, unless the
learner has already scrolled, clicked or typed, and again whenever it is followed.
"""

from __future__ import annotations

import anywidget
import traitlets

from relcourse.i18n import _
from relcourse.widgets.base import PrivateBox, friendly, get_module
from relcourse.widgets.feedback import section_anchor
from relcourse.widgets.look import STATIC


class TopLink(anywidget.AnyWidget):
    """A link to the notebook's title; its module does the scrolling."""

    _esm = traitlets.Unicode(STATIC.joinpath("top.js").read_text(encoding="utf-8")).tag(sync=True)
    anchor = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)


class BackToTop(PrivateBox):
    kind = "top"

    def __init__(self, module: str, title: str) -> None:
        super().__init__(module, "top")
        self.link = TopLink(anchor=section_anchor(title), label=_("↑ Back to top"))
        self.children = [self.link]


@friendly
def back_to_top(module: str) -> BackToTop:
    """The module's last cell: back to the title (after Run All, and when followed)."""
    return BackToTop(module, get_module(module).article.title)
