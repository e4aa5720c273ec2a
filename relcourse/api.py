"""The public verbs (in the spirit of jupytext's read/write): each CLI command is a few lines over these.

Heavy libraries (nbformat, nbconvert, pandas) are imported inside the verbs that need them,
so ``import relcourse`` and ``relcourse check`` stay quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from relcourse.content.model import Article
from relcourse.content.parser import load_article
from relcourse.course.loader import Course, load_course_content

if TYPE_CHECKING:
    from relcourse.notebook.build import BuildReport


def read_article(path: str | Path) -> Article:
    """One wiki article file → its typed :class:`Article` (raises ArticleError on bad input)."""
    return load_article(Path(path))


def load_course(content_dir: str | Path = "content") -> Course:
    """A content folder → every module it makes, plus diagnostics for the files that failed."""
    return load_course_content(Path(content_dir))


@dataclass
class BuildResult:
    course: Course
    notebooks: BuildReport
    handouts: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in self.course.diagnostics)


def build(content_dir: str | Path = "content", notebooks: str | Path = "notebooks", exports: str | Path = "exports",
          *, check: bool = False, notebooks_only: bool = False, show_progress: bool = False) -> BuildResult:
    """The whole job: content → notebooks (→ handouts). With ``check`` nothing is written."""
    from relcourse.export.editions import EDITIONS
    from relcourse.export.run import export_handouts as _export
    from relcourse.notebook.build import build_notebooks

    course = load_course(content_dir)
    report = build_notebooks(course, Path(notebooks), check=check)
    result = BuildResult(course, report)
    if not (check or notebooks_only) and course.modules:
        slugs = [m.slug for m in course.modules] + [i.id for i in course.instruments]
        result.handouts = _export(Path(notebooks), Path(exports), slugs, list(EDITIONS), ["html", "pdf"],
                                  show_progress=show_progress)
    return result


def export_handouts(slugs: Sequence[str] = (), notebooks: str | Path = "notebooks", out: str | Path = "exports", *,
                    editions: Sequence[str] = ("participant", "facilitator"), formats: Sequence[str] = ("html", "pdf"),
                    paper: str = "", log_weeks: int = 0) -> list[Path]:
    """Printable handouts of built module notebooks (all modules when ``slugs`` is empty)."""
    from relcourse.export.run import export_handouts as _export
    from relcourse.export.run import module_slugs

    chosen = list(slugs) or module_slugs(Path(notebooks))
    return _export(Path(notebooks), Path(out), chosen, list(editions), list(formats), paper, log_weeks=log_weeks)
