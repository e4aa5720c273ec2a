"""A Save button acts on what the learner sees, however fast they typed before pressing it.

ipywidgets' front end keeps at most one state message per widget on its way to the kernel; later
changes wait in a buffer that leaves when the kernel reports *idle* for that message. A button
press is sent at once, so it can reach the kernel before the last keystrokes of a text box or the
last steps of a slider: a quick learner's entry was stored as "安" instead of "安静地坐着" (the
rest went into the next entry and a stale draft), a slider as 6 while it showed 8.

So a press does not act at once: the kernel sends a number to :class:`Echo`, a front-end model
that sends it straight back, and acts when it returns. The *idle* that releases the held-back
changes was published before the press was read and the echo after it, on the one ordered iopub
stream; the page handles them in that order, so the held-back changes leave before the echo,
and the kernel (one ordered shell stream) has applied them when it reads the echo. This is an
ordering guarantee, where waiting for the inputs to be quiet for a while would be a guess about
the network and the kernel's load. A front end that does not answer (no anywidget, nbclient)
costs :data:`ECHO_TIMEOUT`; outside a running event loop (tests, scripts) a press acts at once.
Widgets keep their synchronous ``save()`` for tests and the API.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from relcourse.widgets.look import STATIC

#: seconds a press waits for an echo that does not come before it acts anyway
ECHO_TIMEOUT = 2.0


class Echo(anywidget.AnyWidget):
    """Never displayed; its front-end model answers every ``{"echo": n}`` with the same message."""

    _esm = traitlets.Unicode(STATIC.joinpath("echo.js").read_text(encoding="utf-8")).tag(sync=True)

    def __repr__(self) -> str:
        return "<relcourse echo>"


class AfterSync:
    """Runs actions once the front end has sent every change it held back when they were asked for."""

    def __init__(self, timeout: float = ECHO_TIMEOUT) -> None:
        self.timeout = timeout
        self.echo: Echo | None = None
        self.waiting: dict[int, tuple[Callable[[], object], asyncio.TimerHandle]] = {}
        self.numbers = itertools.count(1)

    def run(self, action: Callable[[], object]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no kernel loop: nothing can be on its way
            action()
            return
        number = next(self.numbers)
        self.waiting[number] = (action, loop.call_later(self.timeout, self.finish, number))
        self._echo().send({"echo": number})

    def _echo(self) -> Echo:
        if self.echo is None or self.echo.comm is None:  # first use, or closed by Widget.close_all
            self.echo = Echo()
            self.echo.on_msg(self.answered)
        return self.echo

    def answered(self, _widget: Any, content: Any, _buffers: Any) -> None:
        number = content.get("echo") if isinstance(content, dict) else None
        if isinstance(number, int):
            self.finish(number)

    def finish(self, number: int) -> None:
        """Run the action waiting under ``number`` (once: the echo or the timeout, whichever comes first)."""
        action, timer = self.waiting.pop(number, (None, None))
        if timer is not None:
            timer.cancel()
        if action is not None:
            action()


#: one echo for the kernel: every Save button waits through it
AFTER_SYNC = AfterSync()


def on_press(button: Any, action: Callable[[], object], after: AfterSync = AFTER_SYNC) -> None:
    """Run ``action`` when ``button`` is pressed, on the values the learner sees (see above);
    presses while one is waiting join it, so a double click saves once."""
    pending = [False]

    def act() -> None:
        pending[0] = False
        action()

    def pressed(_button: Any) -> None:
        if not pending[0]:
            pending[0] = True
            after.run(act)

    button.on_click(pressed)
