"""``relcourse build``: content → notebooks, deterministic, atomic and incremental.

Each notebook is made again only when its fingerprint changed (the content files it is made
from, the kit) or the file is not the one the last build wrote; the build record is
``<notebooks>/.relcourse-build.json`` (:mod:`relcourse.fingerprint`). nbformat is imported only
when a notebook has to be made, so a build with nothing to do stays quick.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from relcourse.content.model import Diagnostic
from relcourse.course.loader import Course, Module
from relcourse.files import FileRefused, read_regular_file, write_atomic
from relcourse.fingerprint import (
    BuildManifest,
    course_fingerprint,
    digest,
    instrument_sources,
    kit_fingerprint,
    sources_fingerprint,
)
from relcourse.i18n import _
from relcourse.notebook.cells import MAX_NOTEBOOK_BYTES, NAMESPACE

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from relcourse.course.selfcheck.instrument import Instrument


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # differs from content (check mode)
    orphaned: list[Path] = field(default_factory=list)  # generated notebook whose article is gone
    #: files in the notebooks folder that were not read (a named pipe, a device, a folder, a huge file):
    #: an error where a notebook was to be written (it is not), a warning for any other name
    refused: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """One notebook to make: where, what it is made from, and how (called only when it is not current)."""

    path: Path
    made_from: str
    make: Callable[[], NotebookNode]


def _read_notebook(path: Path) -> str | None:
    """The text of a notebook file, or None when there is none (raises FileRefused for what is not one)."""
    if not path.exists():  # a dangling link too: the build's rename replaces the link, never follows it
        return None
    return read_regular_file(path, MAX_NOTEBOOK_BYTES).decode("utf-8", errors="replace")


def _is_generated(path: Path) -> bool:
    """Whether a build wrote this notebook (raises FileRefused for a file that is not read)."""
    try:
        return NAMESPACE in json.loads(_read_notebook(path) or "").get("metadata", {})
    except (ValueError, AttributeError):
        return False


def _module(module: Module) -> NotebookNode:
    from relcourse.notebook.builder import module_notebook  # nbformat: only when a notebook is made

    return module_notebook(module)


def _instrument(instrument: Instrument, course: Course) -> NotebookNode:
    from relcourse.notebook.builder import instrument_notebook

    return instrument_notebook(instrument, course.settings, course.settings_sources)


def _index(course: Course) -> NotebookNode:
    from relcourse.notebook.builder import index_notebook

    return index_notebook(course)


def notebook_targets(course: Course, folder: Path) -> list[Target]:
    """Every notebook of the course: one per module and self-check, plus ``index.ipynb``."""
    kit = kit_fingerprint()
    targets = [Target(folder / f"{m.slug}.ipynb", digest(kit, sources_fingerprint(m.sources)), partial(_module, m))
               for m in course.modules]
    for instrument in course.instruments:
        sources = sources_fingerprint(instrument_sources(instrument, course.settings_sources))
        targets.append(Target(folder / f"{instrument.id}.ipynb", digest(kit, sources), partial(_instrument, instrument, course)))
    targets.append(Target(folder / "index.ipynb", digest(kit, course_fingerprint(course)), partial(_index, course)))
    return targets


def build_notebooks(course: Course, folder: Path, check: bool = False) -> BuildReport:
    """Write (or, with ``check``, compare) the notebooks that are not current; the rest are left alone."""
    report = BuildReport()
    manifest = BuildManifest.read(folder)
    targets = notebook_targets(course, folder)
    for target in targets:
        if manifest.is_current(target.path, target.made_from):
            report.unchanged.append(target.path)
            continue
        from relcourse.notebook.builder import notebook_text

        try:
            current = _read_notebook(target.path)
        except FileRefused as exc:  # left as it is: never replaced, never read
            report.refused.append(Diagnostic(str(target.path), 0, _("{reason}; its notebook is not written until then").format(reason=exc.message), "error"))
            continue
        text = notebook_text(target.make())
        if current == text:
            report.unchanged.append(target.path)
        elif check:
            report.stale.append(target.path)
            continue
        else:
            write_atomic(target.path, text)
            report.written.append(target.path)
        manifest.record(target.path, target.made_from)
    if not check and folder.is_dir():
        manifest.save()
    failed = {Path(d.path).stem for d in course.diagnostics if d.severity == "error"}
    wanted = {t.path for t in targets}
    if folder.is_dir():
        for path in sorted(folder.glob("*.ipynb")):
            if path in wanted or path.stem in failed:
                continue
            try:
                if _is_generated(path):
                    report.orphaned.append(path)
            except FileRefused as exc:
                report.refused.append(Diagnostic(str(path), 0, exc.message, "warning"))
    return report
