"""``relcourse export``: module notebooks → handouts (HTML in-process, PDFs spread over the cores)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from rich.progress import Progress

from relcourse.errors import RelcourseError
from relcourse.export.exporter import (
    FacilitatorGuideExporter,
    HandoutExporter,
    ParticipantHandoutExporter,
    html_to_pdf,
)
from relcourse.files import write_atomic
from relcourse.notebook.cells import NAMESPACE

EXPORTERS: dict[str, type[HandoutExporter]] = {
    "participant": ParticipantHandoutExporter,
    "facilitator": FacilitatorGuideExporter,
}


@dataclass(frozen=True)
class Rendered:
    slug: str
    edition: str
    html: str


def read_module_notebook(notebooks: Path, slug: str) -> NotebookNode:
    path = notebooks / f"{slug}.ipynb"
    try:
        nb: NotebookNode = nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise RelcourseError(f"{path}: no such module notebook; run 'relcourse build' first (or check the module name)") from None
    except (OSError, ValueError) as exc:
        raise RelcourseError(f"{path}: cannot read the notebook ({exc}); rebuild it with 'relcourse build'") from None
    return nb


def module_slugs(notebooks: Path) -> list[str]:
    """Every module notebook in the folder (the course index is not a module)."""
    slugs = []
    for path in sorted(notebooks.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        module = nb.metadata.get(NAMESPACE, {}).get("module")
        if module and module != "index":
            slugs.append(path.stem)
    return slugs


def render_handouts(notebooks: Path, slugs: Sequence[str], editions: Sequence[str], paper: str = "",
                    fragment: bool = False, log_weeks: int = 0) -> Iterable[Rendered]:
    """Render each module in each edition to HTML, in this process (one exporter per edition)."""
    exporters = {edition: EXPORTERS[edition](paper=paper, log_weeks=log_weeks) for edition in editions}
    for slug in slugs:
        nb = read_module_notebook(notebooks, slug)
        for edition, exporter in exporters.items():
            resources = {"metadata": {"name": slug}, "relcourse_fragment": fragment}
            html, _ = exporter.from_notebook_node(nb, resources=resources)
            yield Rendered(slug, edition, html)


def _print_pdf(html: str, target: str) -> str:
    write_atomic(Path(target), html_to_pdf(html))
    return target


def _start_pdf_workers(count: int) -> ProcessPoolExecutor:
    """Worker processes, started before the progress bar's thread exists.

    On Linux they are forked (fast: the print engine loads once per worker, nothing is
    re-imported), and forking while another thread runs can deadlock, so they start first.
    """
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context(method))
    for future in [pool.submit(os.getpid) for _ in range(count)]:
        future.result()
    return pool


def export_handouts(notebooks: Path, out: Path, slugs: Sequence[str], editions: Sequence[str], formats: Sequence[str],
                    paper: str = "", workers: int | None = None, show_progress: bool = True,
                    log_weeks: int = 0) -> list[Path]:
    """Write ``out/<slug>-<edition>.html|.pdf``; PDFs are printed in parallel worker processes."""
    written: list[Path] = []
    jobs: list[tuple[str, Path]] = []
    pdfs = len(slugs) * len(editions) if "pdf" in formats else 0
    count = min(pdfs, workers or os.cpu_count() or 1)
    pool = _start_pdf_workers(count) if count > 1 else None
    try:
        with Progress(disable=not show_progress, transient=True) as progress:
            task = progress.add_task("Exporting handouts", total=len(slugs) * len(editions) + pdfs)
            for item in render_handouts(notebooks, slugs, editions, paper, log_weeks=log_weeks):
                base = out / f"{item.slug}-{item.edition}"
                if "html" in formats:
                    write_atomic(base.with_suffix(".html"), item.html)
                    written.append(base.with_suffix(".html"))
                if "pdf" in formats:
                    jobs.append((item.html, base.with_suffix(".pdf")))
                progress.advance(task)
            if pool is None:
                for html, target in jobs:
                    written.append(Path(_print_pdf(html, str(target))))
                    progress.advance(task)
            else:
                for target_name in pool.map(_print_pdf, [h for h, _ in jobs], [str(t) for _, t in jobs]):
                    written.append(Path(target_name))
                    progress.advance(task)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return written


def export_pack(notebooks: Path, out: Path, name: str, slugs: Sequence[str], edition: str = "participant",
                paper: str = "", formats: Sequence[str] = ("pdf",), log_weeks: int = 0) -> list[Path]:
    """One document for a workshop: cover, contents, every module, page numbers running through."""
    exporter = EXPORTERS[edition](paper=paper, log_weeks=log_weeks)
    modules, resources = [], None
    for slug in slugs:
        nb = read_module_notebook(notebooks, slug)
        res = {"metadata": {"name": slug}, "relcourse_fragment": True}
        html, resources = exporter.from_notebook_node(nb, resources=res)
        modules.append({"slug": slug, "title": nb.metadata[NAMESPACE]["title"], "html": html})
    if resources is None:
        raise RelcourseError("a pack needs at least one module: name them after --pack NAME")
    info = resources["relcourse"]
    footer = exporter.environment.get_template("worksheets.html.j2").module.footer(info)
    html = exporter.environment.get_template("pack.html.j2").render(
        pack_title=name, course=info["title"].get("course", ""), modules=modules, resources=resources, footer=footer)
    stem = out / f"pack-{''.join(c if c.isalnum() or c in '-_' else '-' for c in name.lower())}-{edition}"
    written = []
    if "html" in formats:
        write_atomic(stem.with_suffix(".html"), html)
        written.append(stem.with_suffix(".html"))
    if "pdf" in formats:
        write_atomic(stem.with_suffix(".pdf"), html_to_pdf(html))
        written.append(stem.with_suffix(".pdf"))
    return written

