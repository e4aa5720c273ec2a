"""All three ways a module gets saved keep the learner's stored words out of the file.

(a) JupyterLab: the server extension scrubs every save; (b) ``jupyter nbconvert --execute``
and (c) nbclient in-process: the kernel is not marked by the extension, so the widgets never
receive the words (the control run with the mark shows the test would catch a leak).
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Awaitable
from pathlib import Path

import nbformat
import pytest
from jupyter_server.serverapp import ServerApp
from nbclient import NotebookClient

from relcourse.jupyter.privacy import EXTENSION, WORDS_SHOWN_ENV, kernel_mark, take_mark, take_words_shown_flag
from relcourse.store.journal import Journal
from tests.conftest import ROOT

SENTINEL = "SENTINEL-91c2-stored-words"
M044 = "security-and-needs-044"
PROMPT = "case-detailed-case-study-liang"


@pytest.fixture
def stored(private_home: Path) -> Path:
    """A store holding a reflection and a journal entry with the sentinel."""
    with Journal() as journal:
        journal.add_entry(M044, "activation-journal", {"trigger": f"{SENTINEL} trigger", "intensity": 4})
        journal.save_reflection(M044, PROMPT, f"{SENTINEL} reflection")
    return private_home


def _module_copy(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / f"{M044}.ipynb"
    shutil.copy(ROOT / "notebooks" / target.name, target)
    return target


def _leaks(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and SENTINEL.encode() in p.read_bytes()]


def _execute(path: Path) -> nbformat.NotebookNode:
    nb: nbformat.NotebookNode = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def test_nbclient_in_process_never_receives_stored_words(stored: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _module_copy(tmp_path / "course")
    monkeypatch.delenv(WORDS_SHOWN_ENV, raising=False)
    plain = _execute(path)  # store_widget_state left on: nbclient's default, the worst case
    assert "widgets" in plain.metadata and SENTINEL not in json.dumps(plain)
    assert not [o for c in plain.cells for o in c.get("outputs", []) if o.output_type == "error"]
    # control: a kernel marked as a scrubbing server's shows the words, and they reach widget state
    monkeypatch.setenv(WORDS_SHOWN_ENV, str(os.getpid()))
    assert SENTINEL in json.dumps(_execute(path))


def test_nbconvert_execute_and_inplace_keep_no_words(stored: Path, tmp_path: Path) -> None:
    course = tmp_path / "course"
    path = _module_copy(course)
    jupyter = Path(sys.executable).with_name("jupyter")
    env = {k: v for k, v in os.environ.items() if k != WORDS_SHOWN_ENV}
    for extra in (["--to", "notebook"], ["--to", "notebook", "--inplace"]):
        subprocess.run([str(jupyter), "nbconvert", "--execute", *extra, str(path)], env=env, check=True,
                       capture_output=True, timeout=300)
    executed = course / f"{M044}.nbconvert.ipynb"
    assert executed.exists() and "widgets" in json.loads(executed.read_text())["metadata"]  # state was written…
    assert _leaks(course) == []  # …without the words
    with Journal() as journal:  # and the store still has them
        assert journal.reflection(M044, PROMPT) == f"{SENTINEL} reflection"


async def _awaited(awaitable: Awaitable[object]) -> None:
    await awaitable


def test_jupyterlab_save_through_the_server_scrubs(tmp_path: Path) -> None:
    """A real ServerApp with the extension: its contents manager scrubs saves, its kernels are marked."""
    app = ServerApp(root_dir=str(tmp_path), jpserver_extensions={EXTENSION: True}, open_browser=False)
    app.initialize(argv=[], find_extensions=False, new_httpserver=False)
    try:
        nb = nbformat.read(ROOT / "notebooks" / f"{M044}.ipynb", as_version=4)
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"m": {"value": SENTINEL}}}}
        cell = next(c for c in nb.cells if c.cell_type == "code")
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": SENTINEL})]
        saving = app.contents_manager.save({"type": "notebook", "format": "json", "content": json.loads(json.dumps(nb))}, "m.ipynb")
        if inspect.isawaitable(saving):  # JupyterLab's default contents manager is asynchronous
            asyncio.run(_awaited(saving))
        assert _leaks(tmp_path) == [] and (tmp_path / "m.ipynb").exists()
        assert app.session_manager.get_kernel_env("m.ipynb")[WORDS_SHOWN_ENV] == kernel_mark() == str(os.getpid())
        assert WORDS_SHOWN_ENV not in os.environ  # terminals and other programs of the server are not marked
    finally:
        app.session_manager.close()


def test_the_mark_is_taken_once_and_believed_only_from_the_parent() -> None:
    environ = {WORDS_SHOWN_ENV: "4242"}
    assert take_words_shown_flag(environ, parent=4242) is True and environ == {}  # a kernel's subprocesses do not inherit it
    assert take_words_shown_flag({WORDS_SHOWN_ENV: "1"}, parent=4242) is False  # the old constant mark, or one a shell exported
    assert take_words_shown_flag({WORDS_SHOWN_ENV: "4241"}, parent=4242) is False and take_words_shown_flag({}) is False
    # a kernel started through a wrapper (its parent is not the server): no words, and the widgets say why
    assert take_mark({WORDS_SHOWN_ENV: "4241"}, parent=4242) == "foreign" and take_mark({}, parent=4242) == "absent"


def test_nbconvert_run_from_a_marked_process_keeps_no_words(stored: Path, tmp_path: Path) -> None:
    """``!jupyter nbconvert --execute`` in a marked kernel that never imported relcourse (a learner's
    own notebook) passes the mark on; the kernel nbconvert starts is not the server's child, so it
    shows no words and the executed notebook holds none."""
    course = tmp_path / "course"
    path = _module_copy(course)
    jupyter = Path(sys.executable).with_name("jupyter")
    marked = {**os.environ, WORDS_SHOWN_ENV: kernel_mark()}  # as a kernel of a server in this process receives it
    subprocess.run([str(jupyter), "nbconvert", "--execute", "--to", "notebook", str(path)], env=marked, check=True,
                   capture_output=True, timeout=300)
    assert (course / f"{M044}.nbconvert.ipynb").exists() and _leaks(course) == []
