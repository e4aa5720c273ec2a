"""A learner's words live only in their store: never in notebooks, exports or logs."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from relcourse.cli import main
from relcourse.jupyter.privacy import WORDS_SHOWN_ENV, pre_save_hook, scrub_notebook
from relcourse.store.journal import Journal

from ..conftest import CONTENT, ROOT

SENTINEL = "SENTINEL-7f3a-private-words"
M044 = "security-and-needs-044"

FILL = f"""
from relcourse.widgets import live_widget
form = live_widget("journal", "{M044}", "activation-journal")
form.fill({{"trigger": "{SENTINEL} trigger", "somatic_experience": "{SENTINEL} body", "behavioral_response": "pursue",
           "resonance_with_early_experience": "{SENTINEL} echo", "intensity": 8}})
form.save()
note = live_widget("reflection", "{M044}", "case-detailed-case-study-liang")
note.text.value = "{SENTINEL} reflection"
note.save()
"""


def _execute(notebook_path: Path, extra: str | None = None) -> nbformat.NotebookNode:
    nb: nbformat.NotebookNode = nbformat.read(notebook_path, as_version=4)
    if extra:
        nb.cells.append(new_code_cell(extra))
    # store_widget_state is left on (nbclient's default): the worst case for privacy
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(notebook_path.parent)}}).execute()
    return nb


def test_saved_notebook_holds_no_typed_text(tmp_path: Path, private_home: Path) -> None:
    nb = _execute(ROOT / "notebooks" / f"{M044}.ipynb", FILL)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    with Journal() as journal:  # the words did reach the store
        assert journal.entries(M044, "activation-journal").iloc[0]["trigger"] == f"{SENTINEL} trigger"
        assert journal.reflection(M044, "case-detailed-case-study-liang") == f"{SENTINEL} reflection"
    raw = json.dumps(nb)
    assert SENTINEL in raw, "widget state carries the text until scrubbed: this test would catch a leak"
    # save as JupyterLab does: through the server's contents manager, with the relcourse hook
    manager = FileContentsManager(root_dir=str(tmp_path))
    manager.register_pre_save_hook(pre_save_hook)
    nb.cells.pop()  # the helper cell holds the sentinel in its own source; a learner's notebook does not
    manager.save({"type": "notebook", "format": "json", "content": json.loads(json.dumps(nb))}, "module.ipynb")
    saved = (tmp_path / "module.ipynb").read_text()
    assert SENTINEL not in saved
    assert "widgets" not in json.loads(saved)["metadata"]
    # the module reopens as clean as it was built; Run All refills the widgets from the store
    cells = [c for c in json.loads(saved)["cells"] if c["cell_type"] == "code"]
    assert cells and all(c["outputs"] == [] and c["execution_count"] is None for c in cells)


def test_scrub_leaves_other_notebooks_alone() -> None:
    nb = {"metadata": {"widgets": {"x": 1}},
          "cells": [{"cell_type": "code", "metadata": {}, "outputs": [{"data": {"text/plain": "mine"}}], "execution_count": 3}]}
    model = {"type": "notebook", "content": json.loads(json.dumps(nb))}
    pre_save_hook(model)
    assert model["content"] == nb  # not a relcourse notebook: untouched
    scrubbed = scrub_notebook(json.loads(json.dumps(nb)))
    assert "widgets" not in scrubbed["metadata"] and scrubbed["cells"][0]["outputs"] == [{"data": {"text/plain": "mine"}}]


def test_server_extension_is_enabled() -> None:
    jupyter = Path(sys.executable).with_name("jupyter")
    result = subprocess.run([str(jupyter if jupyter.exists() else shutil.which("jupyter")), "server", "extension", "list"],
                            capture_output=True, text=True)
    listing = result.stdout + result.stderr
    assert "relcourse.jupyter.privacy" in listing and "enabled" in listing.split("relcourse.jupyter.privacy", 1)[1][:40]


def test_build_and_run_leave_no_trace(tmp_path: Path, private_home: Path, capsys: pytest.CaptureFixture[str],
                                      caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORDS_SHOWN_ENV, str(os.getpid()))  # kernels as a scrubbing JupyterLab starts them: the words are shown
    caplog.set_level(logging.INFO)  # what a run shows (nbclient's DEBUG level dumps every kernel message by design)
    caplog.set_level(logging.DEBUG, logger="relcourse")
    with Journal() as journal:
        journal.add_entry(M044, "activation-journal", {"trigger": SENTINEL, "intensity": 3})
        journal.save_reflection(M044, "case-detailed-case-study-liang", SENTINEL)
        journal.save_reflection("security-and-needs-133", "case-transformation-anxious-attachment-secure", SENTINEL)
    notebooks = tmp_path / "notebooks"
    exports = tmp_path / "exports"
    assert main(["build", "--content", str(CONTENT), "--notebooks", str(notebooks), "--exports", str(exports)]) == 0
    assert main(["export", "--pack", "All", "security-and-needs-044", "security-and-needs-133", "--to", "all",
                 "--notebooks", str(notebooks), "--out", str(exports)]) == 0
    # every module and the self-check in 2 editions, + the pack in both editions
    handouts = 2 * (len(list((CONTENT / "articles").glob("*.txt"))) + len(list((CONTENT / "instruments").glob("*.yaml")))) + 2
    assert len(list(exports.glob("*.pdf"))) == handouts and len(list(exports.glob("*.html"))) == handouts
    for path in sorted(notebooks.glob("*.ipynb")):
        executed = _execute(path)  # the widgets read the store and show the words while running…
        assert SENTINEL in json.dumps(executed) or path.stem != M044
        nbformat.write(scrub_notebook(executed), path)  # …and a save keeps none of them
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files and not [p for p in files if SENTINEL.encode() in p.read_bytes()]
    captured = capsys.readouterr()
    assert SENTINEL not in captured.out + captured.err + caplog.text
