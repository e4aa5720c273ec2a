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
the network and the kernel's load.

The echo must be listening when a number arrives. Its front end loads ``echo.js`` asynchronously
after the model is opened; anywidget (0.9 and later) runs the module's ``initialize`` on the model
alone, without a view, so the echo is never displayed. anywidget 0.11 holds messages back until
the module has loaded, but drops every message to that model if loading takes over two seconds
(a page busy with Run All); older releases drop the messages that come first. So:

- the echo is opened when the first Save button is made (:meth:`AfterSync.prepare`), long before
  anyone can press it;
- its ``initialize`` says ``{"ready": true}``, and the kernel then sends again every number still
  waiting (or one that no press waits on): a press made before the module loaded is answered too;
- once a number has come back, a late echo only means a busy kernel or page (Run All, a slow
  chart), so a press waits :data:`ANSWERED_TIMEOUT` rather than act on old values. "ready" alone
  does not earn that wait: a model that loaded after anywidget gave up on it says ready but never
  answers. Until a number has come back, a press acts after :data:`ECHO_TIMEOUT` (no anywidget,
  nbclient), and the next press opens a fresh echo.

Outside a running event loop (tests, scripts) a press acts at once. Widgets keep their
synchronous ``save()`` for tests and the API.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from relcourse.widgets.look import STATIC

#: seconds a press waits for an echo before it acts anyway, while no front end has answered
ECHO_TIMEOUT = 2.0
#: seconds it waits once the front end has answered: a late echo is a busy kernel, not a missing page
ANSWERED_TIMEOUT = 30.0

Action = Callable[[], object]


class Echo(anywidget.AnyWidget):
    """Never displayed; its front-end model says ``{"ready": true}`` once loaded and answers every
    ``{"echo": n}`` with the same message."""

    _esm = traitlets.Unicode(STATIC.joinpath("echo.js").read_text(encoding="utf-8")).tag(sync=True)

    def __repr__(self) -> str:
        return "<relcourse echo>"


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class AfterSync:
    """Runs actions once the front end has sent every change it held back when they were asked for."""

    def __init__(self, timeout: float = ECHO_TIMEOUT, answered_timeout: float = ANSWERED_TIMEOUT) -> None:
        self.timeout = timeout
        self.answered_timeout = answered_timeout
        self.echo: Echo | None = None
        #: a number has come back through the current echo: its front end answers
        self.answering = False
        self.waiting: dict[int, tuple[Action, asyncio.TimerHandle]] = {}
        self.numbers = itertools.count(1)
        #: actions run when their echo came back, and after a timeout instead (the browser test reads them)
        self.echoed = 0
        self.timeouts = 0

    def prepare(self) -> None:
        """Open the echo now, in a kernel, so its front end has loaded before the first press."""
        if _running_loop() is not None:
            self._echo()

    def run(self, action: Action) -> None:
        loop = _running_loop()
        if loop is None:  # no kernel loop: nothing can be on its way
            action()
            return
        number = next(self.numbers)
        echo = self._echo()
        self.waiting[number] = (action, self._timer(loop, number))
        echo.send({"echo": number})

    def _echo(self) -> Echo:
        if self.echo is None or self.echo.comm is None:  # first use, closed by Widget.close_all, or given up
            self.echo = Echo()
            self.answering = False
            self.echo.on_msg(self.answered)
        return self.echo

    def _timer(self, loop: asyncio.AbstractEventLoop, number: int) -> asyncio.TimerHandle:
        return loop.call_later(self.answered_timeout if self.answering else self.timeout, self.timed_out, number)

    def _rearm(self) -> None:
        """Start every waiting press's wait again, as long as :attr:`answering` now says."""
        loop = _running_loop()
        if loop is None:
            return
        for number, (action, timer) in list(self.waiting.items()):
            timer.cancel()
            self.waiting[number] = (action, self._timer(loop, number))

    def answered(self, widget: Any, content: Any, _buffers: Any) -> None:
        echo = self.echo
        if echo is None or widget is not echo or not isinstance(content, dict):
            return  # an echo given up or closed, or not our message
        if content.get("ready") is True:
            self._resend(echo)
        number = content.get("echo")
        if isinstance(number, int) and not isinstance(number, bool):
            if not self.answering:
                self.answering = True
                self._rearm()
            if number in self.waiting:
                self.echoed += 1
            self.finish(number)

    def _resend(self, echo: Echo) -> None:
        """The front end has just loaded and may have dropped what came before: send every waiting
        number again, or one no press waits on, whose return shows that the echo answers."""
        self._rearm()
        for number in sorted(self.waiting) or [next(self.numbers)]:
            echo.send({"echo": number})

    def timed_out(self, number: int) -> None:
        if number not in self.waiting:
            return
        self.timeouts += 1
        if not self.answering and self.echo is not None:  # never answered: the next press opens a fresh one
            self.echo.close()
            self.echo = None
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


def on_press(button: Any, action: Action, after: AfterSync = AFTER_SYNC) -> None:
    """Run ``action`` when ``button`` is pressed, on the values the learner sees (see above);
    presses while one is waiting join it, so a double click saves once."""
    pending = [False]
    after.prepare()

    def act() -> None:
        pending[0] = False
        action()

    def pressed(_button: Any) -> None:
        if not pending[0]:
            pending[0] = True
            after.run(act)

    button.on_click(pressed)
