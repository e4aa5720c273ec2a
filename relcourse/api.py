"""The public verbs (in the spirit of jupytext's read/write): each CLI command is a few lines over these.

Heavy libraries (nbformat, nbconvert, pandas) are imported inside the verbs that need them,
so ``import relcourse`` and ``relcourse check`` stay quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from relcourse.content.model import Article
from relcourse.content.parser import load_article
from relcourse.course.loader import Course, load_course_content
from relcourse.notebook.build import BuildReport, build_notebooks


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
    handouts: list[Path] = field(default_factory=list)  # written by this build
    modules_rebuilt: list[str] = field(default_factory=list)  # modules (and self-checks) whose handouts were printed
    modules_current: list[str] = field(default_factory=list)  # … and those whose handouts were up to date
    programmes_rebuilt: list[str] = field(default_factory=list)  # programmes of course.yaml made again
    programmes_current: list[str] = field(default_factory=list)  # … and those that were up to date

    @property
    def errors(self) -> int:
        return sum(d.severity == "error" for d in [*self.course.diagnostics, *self.notebooks.refused])


def build(content_dir: str | Path = "content", notebooks: str | Path = "notebooks", exports: str | Path = "exports",
          *, check: bool = False, notebooks_only: bool = False, show_progress: bool = False) -> BuildResult:
    """The whole job: content → notebooks (→ handouts). With ``check`` nothing is written.

    Only what is not current is made again (see :mod:`relcourse.fingerprint`): after one article
    changed, its notebook, the course index and that module's handouts.
    """
    course = load_course(content_dir)
    report = build_notebooks(course, Path(notebooks), check=check)
    result = BuildResult(course, report)
    if not (check or notebooks_only) and course.modules:
        _build_handouts(result, Path(notebooks), Path(exports), show_progress)
        if course.settings.programmes:  # workshop programmes listed in course.yaml never go stale
            _build_programmes(result, Path(notebooks), Path(exports))
    return result


def _build_programmes(result: BuildResult, notebooks: Path, exports: Path) -> None:
    """Programmes made again only when a notebook they include, their settings or the kit changed,
    or one of their files is missing or was edited (their build record is the handouts')."""
    from relcourse.export.incremental import programme_outputs, record, stale_modules
    from relcourse.fingerprint import BuildManifest

    course = result.course
    manifest = BuildManifest.read(exports)
    wanted = programme_outputs(course.settings.programmes, notebooks, exports)
    stale = stale_modules(manifest, wanted)  # programme names, in course.yaml's order
    result.programmes_rebuilt = stale
    result.programmes_current = [spec.name for spec in course.settings.programmes if spec.name not in stale]
    if not stale:
        return
    from relcourse.export.programme import build_programmes
    from relcourse.export.run import ExportIncomplete

    known = [m.slug for m in course.modules] + [i.id for i in course.instruments]
    try:
        written = build_programmes([s for s in course.settings.programmes if s.name in stale], notebooks, exports, known)
    except ExportIncomplete as incomplete:
        record(manifest, wanted, incomplete.written)
        manifest.save()
        raise
    record(manifest, wanted, written)
    manifest.save()
    result.handouts += written


def _build_handouts(result: BuildResult, notebooks: Path, exports: Path, show_progress: bool) -> None:
    from relcourse.export.editions import EDITIONS
    from relcourse.export.incremental import handouts, record, stale_modules
    from relcourse.fingerprint import BuildManifest

    course = result.course
    slugs = [m.slug for m in course.modules] + [i.id for i in course.instruments]
    manifest = BuildManifest.read(exports)
    wanted = handouts(notebooks, exports, slugs, list(EDITIONS), ["html", "pdf"])
    result.modules_rebuilt = stale_modules(manifest, wanted)
    result.modules_current = [s for s in slugs if s not in result.modules_rebuilt]
    if not result.modules_rebuilt:
        return
    from relcourse.export.run import ExportIncomplete
    from relcourse.export.run import export_handouts as _export

    try:
        result.handouts = _export(notebooks, exports, result.modules_rebuilt, list(EDITIONS), ["html", "pdf"],
                                  show_progress=show_progress)
    except ExportIncomplete as incomplete:
        record(manifest, wanted, incomplete.written)
        manifest.save()
        raise
    record(manifest, wanted, result.handouts)
    manifest.save()


def export_handouts(slugs: Sequence[str] = (), notebooks: str | Path = "notebooks", out: str | Path = "exports", *,
                    editions: Sequence[str] = ("participant", "facilitator"), formats: Sequence[str] = ("html", "pdf"),
                    paper: str = "", log_weeks: int = 0) -> list[Path]:
    """Printable handouts of built module notebooks (all modules when ``slugs`` is empty)."""
    from relcourse.export.run import export_handouts as _export
    from relcourse.export.run import module_slugs

    chosen = list(slugs) or module_slugs(Path(notebooks))
    return _export(Path(notebooks), Path(out), chosen, list(editions), list(formats), paper, log_weeks=log_weeks)
