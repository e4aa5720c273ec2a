"""``relcourse build``: content → notebooks (→ handouts), deterministic and atomic."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from relcourse.course.loader import Course
from relcourse.files import write_atomic
from relcourse.notebook.builder import (
    index_notebook,
    instrument_notebook,
    module_notebook,
    notebook_text,
)
from relcourse.notebook.cells import NAMESPACE


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # differs from content (check mode)
    orphaned: list[Path] = field(default_factory=list)  # generated notebook whose article is gone


def _is_generated(path: Path) -> bool:
    try:
        return NAMESPACE in json.loads(path.read_text("utf-8")).get("metadata", {})
    except (OSError, ValueError, AttributeError):
        return False


def build_notebooks(course: Course, folder: Path, check: bool = False) -> BuildReport:
    """Write (or, with ``check``, compare) one notebook per module plus ``index.ipynb``."""
    report = BuildReport()
    wanted = {folder / f"{m.slug}.ipynb": notebook_text(module_notebook(m)) for m in course.modules}
    for instrument in course.instruments:
        wanted[folder / f"{instrument.id}.ipynb"] = notebook_text(instrument_notebook(instrument, course.settings))
    wanted[folder / "index.ipynb"] = notebook_text(index_notebook(course))
    failed = {Path(d.path).stem for d in course.diagnostics if d.severity == "error"}
    for path, text in wanted.items():
        current = path.read_text("utf-8") if path.exists() else None
        if current == text:
            report.unchanged.append(path)
        elif check:
            report.stale.append(path)
        else:
            write_atomic(path, text)
            report.written.append(path)
    if folder.is_dir():
        for path in sorted(folder.glob("*.ipynb")):
            if path not in wanted and path.stem not in failed and _is_generated(path):
                report.orphaned.append(path)
    return report
