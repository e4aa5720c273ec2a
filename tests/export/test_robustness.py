"""Exporting survives bad notebooks, a full disk and being killed: the rest is exported, nothing built is lost."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from relcourse.cli import main
from relcourse.errors import RelcourseError
from relcourse.export.run import ExportIncomplete, export_handouts, module_slugs

SEEDS = ["security-and-needs-044", "security-and-needs-133"]


@pytest.fixture
def notebooks(tmp_path: Path, built_notebooks: Path) -> Path:
    folder = tmp_path / "notebooks"
    shutil.copytree(built_notebooks, folder)
    return folder


@pytest.mark.parametrize("broken", [b"{not json", b'{"cells": 5, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', b""])
def test_a_broken_notebook_is_named_and_the_rest_exported(tmp_path: Path, notebooks: Path, broken: bytes,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (notebooks / "aaa-broken.ipynb").write_bytes(broken)
    assert "aaa-broken" in module_slugs(notebooks)
    out = tmp_path / "out"
    with pytest.raises(ExportIncomplete) as caught:
        export_handouts(notebooks, out, module_slugs(notebooks), ["participant"], ["html"], show_progress=False)
    [failure] = caught.value.failures
    assert "aaa-broken.ipynb" in failure and "relcourse build" in failure and "\n" not in failure
    assert {p.name for p in caught.value.written} >= {f"{s}-participant.html" for s in SEEDS}

    assert main(["export", "--to", "html", "--notebooks", str(notebooks), "--out", str(tmp_path / "cli")]) == 2
    captured = capsys.readouterr()
    assert "aaa-broken.ipynb" in captured.err and "Traceback" not in captured.err
    assert all((tmp_path / "cli" / f"{s}-participant.html").exists() for s in SEEDS)


def test_a_course_rendered_on_all_cores_names_its_broken_notebook(tmp_path: Path, notebooks: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """From PARALLEL_RENDERING modules on, handouts are rendered in worker processes: the same
    files, in the same order, and a broken notebook is still one line while the rest are written."""
    import relcourse.export.run as run

    source = notebooks / f"{SEEDS[0]}.ipynb"
    for n in range(run.PARALLEL_RENDERING):
        shutil.copy(source, notebooks / f"copy-{n}.ipynb")
    (notebooks / "copy-3.ipynb").write_bytes(b"{not json")
    slugs = module_slugs(notebooks)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    monkeypatch.setattr(run, "PARALLEL_RENDERING", 10_000)
    with pytest.raises(ExportIncomplete) as one_core:
        export_handouts(notebooks, serial, slugs, ["participant"], ["html"], workers=2, show_progress=False)
    monkeypatch.undo()
    with pytest.raises(ExportIncomplete) as all_cores:
        export_handouts(notebooks, parallel, slugs, ["participant"], ["html"], workers=2, show_progress=False)
    assert all_cores.value.failures == one_core.value.failures and "copy-3.ipynb" in all_cores.value.failures[0]
    assert [p.name for p in all_cores.value.written] == [p.name for p in one_core.value.written]
    assert all((parallel / p.name).read_bytes() == p.read_bytes() for p in one_core.value.written)


def test_a_full_disk_is_one_line_and_keeps_what_was_written(tmp_path: Path, notebooks: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    export_handouts(notebooks, out, SEEDS, ["participant"], ["html"], show_progress=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    real_fdopen = os.fdopen

    def full_disk(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, *args, **kwargs)

        def write(data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        handle.write = write
        return handle

    monkeypatch.setattr("relcourse.files.os.fdopen", full_disk)
    with pytest.raises(RelcourseError) as caught:
        export_handouts(notebooks, out, SEEDS, ["participant", "facilitator"], ["html"], show_progress=False)
    message = str(caught.value)
    assert "No space left on device" in message and "\n" not in message and "-participant.html" in message
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no half-written file, no temporary left


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the worker processes")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_pdf_workers_end_with_the_export(tmp_path: Path, notebooks: Path, how: signal.Signals) -> None:
    code = ("import sys; from pathlib import Path; from relcourse.export.run import export_handouts; "
            f"export_handouts(Path({str(notebooks)!r}), Path({str(tmp_path / 'out')!r}), {SEEDS!r} * 4, "
            "['participant', 'facilitator'], ['pdf'], workers=2, show_progress=False)")
    parent = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)
    try:
        workers: set[int] = set()
        for _ in range(600):  # the workers start before any printing; poll until both exist
            workers = _children(parent.pid)
            if len(workers) >= 2:
                break
            time.sleep(0.05)
        assert len(workers) >= 2, "the export did not start its PDF workers"
        parent.send_signal(how)
        parent.wait(60)
        for _ in range(600):
            if not any(_alive(w) for w in workers):
                break
            time.sleep(0.05)
        assert not any(_alive(w) for w in workers), "PDF workers outlived the export"
        assert b"Traceback" not in (parent.stderr.read() if parent.stderr else b"")
    finally:
        parent.kill()
        parent.wait()
        if parent.stderr:
            parent.stderr.close()
