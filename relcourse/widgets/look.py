"""How relcourse widgets look and behave under the keyboard in JupyterLab.

ipywidgets cannot set arbitrary attributes or ship a stylesheet, so every displayed relcourse
widget is framed with :class:`KeyboardGuard`, a small anywidget (an ES module sent from
Python, no build step) that

- loads ``static/relcourse.css``: theme variables only, readable measure, no overflow;
- marks the frame ``data-lm-suppress-shortcuts`` so keys typed in a widget never run notebook
  shortcuts (``b``, ``d d``), while Ctrl/Cmd shortcuts on buttons, choices and sliders still work,
  and Ctrl/Cmd+S saves the notebook from text boxes too (ipywidgets keeps their keys in the box,
  so the guard sends that one press on from outside the widget);
- gives each radio group one tab stop with arrow-key movement (a shared ``name``), and toggle
  buttons their pressed state (``aria-pressed``).

It holds no state, so nothing the learner types passes through it.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

STATIC = files("relcourse.widgets") / "static"
FRAME_CLASS = "relcourse-frame"


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible; its module fixes keyboard and screen-reader behaviour of the frame it sits in."""

    _esm = traitlets.Unicode(STATIC.joinpath("guard.js").read_text(encoding="utf-8")).tag(sync=True)
    _css = traitlets.Unicode(STATIC.joinpath("relcourse.css").read_text(encoding="utf-8")).tag(sync=True)

    def __init__(self) -> None:
        super().__init__(layout=w.Layout(display="none"))

    def __repr__(self) -> str:
        return "<relcourse keyboard guard>"


class Frame(w.VBox):  # type: ignore[misc]
    """``box`` with a guard beside it; its text/plain form names the box only (see PrivateBox)."""

    def __init__(self, box: w.Widget) -> None:
        super().__init__([KeyboardGuard(), box], layout=w.Layout(width="100%"))
        self.add_class(FRAME_CLASS)

    def __repr__(self) -> str:
        return repr(self.children[1])


def framed(box: w.Widget) -> Frame:
    return Frame(box)


def widget_view(box: w.Widget, **kwargs: Any) -> Any:
    """The mime bundle that shows ``box`` framed (used by PrivateBox._repr_mimebundle_)."""
    return framed(box)._repr_mimebundle_(**kwargs)
