"""``relcourse export``: module notebooks → handouts (HTML in-process, PDFs spread over the cores)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from rich.progress import Progress

from relcourse.content.model import Diagnostic
from relcourse.errors import RelcourseError
from relcourse.export.handout import notebook_name, read_handout
from relcourse.export.pdf import html_to_pdf
from relcourse.export.render import notebook_from_json, render_handout
from relcourse.files import FileRefused, read_regular_file, write_atomic
from relcourse.i18n import _, ngettext
from relcourse.notebook.cells import MAX_NOTEBOOK_BYTES, NAMESPACE

#: what reading a damaged or hand-edited .ipynb raises
UNREADABLE = (OSError, ValueError, TypeError, AttributeError, KeyError)


@dataclass(frozen=True)
class Rendered:
    slug: str
    edition: str
    html: str


def read_module_notebook(notebooks: Path, slug: str) -> dict[str, Any]:
    """The notebook's JSON (its relcourse metadata is checked when it is rendered)."""
    path = notebooks / f"{slug}.ipynb"
    if not path.exists():
        raise RelcourseError(_("{path}: no such module notebook; run 'relcourse build' first (or check the module name)").format(path=path))
    try:
        nb = notebook_from_json(read_regular_file(path, MAX_NOTEBOOK_BYTES))
    except FileRefused as exc:
        raise RelcourseError(f"{path}: {exc.message}") from None
    except UNREADABLE as exc:
        raise RelcourseError(_("{path}: cannot read the notebook ({problem}); rebuild it with 'relcourse build'").format(
            path=path, problem=f"{type(exc).__name__}: {exc}")) from None
    return nb


def module_slugs(notebooks: Path, refused: list[Diagnostic] | None = None) -> list[str]:
    """Every module notebook in the folder (the course index is not a module).

    A notebook that cannot be read is listed too, so that exporting names it instead of
    silently leaving it out (or stopping every other handout). A name that is no notebook file
    at all (a named pipe, a device, a folder, a huge file) is never opened or read: it is left
    out, with a line naming it added to ``refused``.
    """
    slugs = []
    for path in sorted(notebooks.glob("*.ipynb")):
        try:
            module = notebook_from_json(read_regular_file(path, MAX_NOTEBOOK_BYTES))["metadata"].get(NAMESPACE, {}).get("module")
        except FileRefused as exc:
            if refused is not None:
                refused.append(Diagnostic(str(path), 0, exc.message))
            continue
        except UNREADABLE:
            module = path.stem
        if module and module != "index":
            slugs.append(path.stem)
    return slugs


def render_handouts(notebooks: Path, slugs: Sequence[str], editions: Sequence[str], paper: str = "",
                    fragment: bool = False, log_weeks: int = 0) -> Iterable[Rendered]:
    """Render each module in each edition to HTML, in this process."""
    for slug in slugs:
        metadata = {"name": slug, "path": str(notebooks)}
        handout = read_handout(read_module_notebook(notebooks, slug), notebook_name({"metadata": metadata}))
        for edition in editions:
            resources = {"metadata": metadata, "relcourse_fragment": fragment}
            html, _ = render_handout(handout, edition, resources, paper=paper, log_weeks=log_weeks)
            yield Rendered(slug, edition, html)


def _print_pdf(html: str, target: str) -> str:
    write_atomic(Path(target), html_to_pdf(html))
    return target


def _print_pdf_job(job: tuple[str, str]) -> str:
    return _print_pdf(*job)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _worker_init(parent: int) -> None:
    """A worker ends with its parent, however the parent ends (SIGTERM, even SIGKILL), instead of living on at ~110 MB.

    Interrupts go to the parent, which terminates the workers in a ``finally``: a Ctrl-C prints no
    worker tracebacks. (No SIGTERM handler in the parent: one raising in a fork hook is ignored.)
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()  # elsewhere, and if prctl came late


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _start_pdf_workers(count: int) -> Pool:
    """Worker processes, started before the progress bar's thread exists.

    On Linux they are forked (fast: the print engine loads once per worker, nothing is
    re-imported), and forking while another thread runs can deadlock, so they start first.
    """
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method).Pool(count, initializer=_worker_init, initargs=(os.getpid(),))


class ExportIncomplete(RelcourseError):
    """Some module notebooks could not be exported; the rest were, and are listed in ``written``."""

    def __init__(self, failures: list[str], written: list[Path]) -> None:
        super().__init__("\n".join(failures))  # one line per notebook
        self.failures = failures
        self.written = written


def _render_module(notebooks: Path, slug: str, editions: Sequence[str], paper: str, log_weeks: int) -> list[Rendered]:
    """All editions of one module, or a one-line error naming its notebook (it may be damaged or hand-edited)."""
    nb = read_module_notebook(notebooks, slug)
    resources = {"metadata": {"name": slug, "path": str(notebooks)}}
    try:
        handout = read_handout(nb, notebook_name(resources))  # checked once for all editions
        return [Rendered(slug, edition, render_handout(handout, edition, resources, paper=paper, log_weeks=log_weeks)[0])
                for edition in editions]
    except RelcourseError:
        raise
    except Exception as exc:  # any content of a broken notebook: name it, keep exporting the others
        raise RelcourseError(_("{path}: cannot export the notebook ({problem}); rebuild it with 'relcourse build'").format(
            path=notebooks / (slug + ".ipynb"), problem=type(exc).__name__)) from None


def _render_module_job(job: tuple[Path, str, Sequence[str], str, int]) -> list[Rendered] | str:
    """:func:`_render_module` in a worker: a notebook that cannot be exported comes back as its one-line error."""
    try:
        return _render_module(*job)
    except RelcourseError as exc:
        return str(exc)


#: from this many modules on, handouts are rendered on all cores (below it, starting workers costs more than it saves)
PARALLEL_RENDERING = 8


def export_handouts(notebooks: Path, out: Path, slugs: Sequence[str], editions: Sequence[str], formats: Sequence[str],
                    paper: str = "", workers: int | None = None, show_progress: bool = True,
                    log_weeks: int = 0) -> list[Path]:
    """Write ``out/<slug>-<edition>.html|.pdf``; PDFs are printed, and a course's handouts rendered,
    in parallel worker processes.

    A notebook that cannot be exported is named in :class:`ExportIncomplete`, raised after
    the others are written; a write that fails (a full disk) stops the export, and every file
    written before it stays complete (each is written to a temporary file, then renamed).
    """
    written: list[Path] = []
    failures: list[str] = []
    jobs: list[tuple[str, str]] = []
    pdfs = len(slugs) * len(editions) if "pdf" in formats else 0
    cores = workers or os.cpu_count() or 1
    count = min(max(pdfs, len(slugs) if len(slugs) >= PARALLEL_RENDERING else 0), cores)
    pool = _start_pdf_workers(count) if count > 1 else None
    try:
        with Progress(disable=not show_progress, transient=True) as progress:
            task = progress.add_task(_("Exporting handouts"), total=len(slugs) * len(editions) + pdfs)
            render_jobs = [(notebooks, slug, editions, paper, log_weeks) for slug in slugs]
            parallel = pool is not None and len(slugs) >= PARALLEL_RENDERING
            # in slug order either way; the parent alone writes files, so a full disk stops it cleanly
            modules = pool.imap(_render_module_job, render_jobs) if parallel and pool else map(_render_module_job, render_jobs)
            for rendered in modules:
                if isinstance(rendered, str):
                    failures.append(rendered)
                    progress.advance(task, len(editions) * (2 if pdfs else 1))
                    continue
                for item in rendered:
                    base = out / f"{item.slug}-{item.edition}"
                    if "html" in formats:
                        write_atomic(base.with_suffix(".html"), item.html)
                        written.append(base.with_suffix(".html"))
                    if "pdf" in formats:
                        jobs.append((item.html, str(base.with_suffix(".pdf"))))
                    progress.advance(task)
            printed = map(_print_pdf_job, jobs) if pool is None else pool.imap(_print_pdf_job, jobs)
            for target_name in printed:
                written.append(Path(target_name))
                progress.advance(task)
        if pool is not None:
            pool.close()
            pool.join()
    finally:
        if pool is not None:
            pool.terminate()  # after close/join a no-op; on an error or interrupt it stops the printing
    if failures:
        raise ExportIncomplete(failures, written)
    return written


def with_page_count(path: Path) -> str:
    """``exports/x.pdf (12 pages)``, in the command line's language: what a facilitator needs to know before photocopying."""
    if path.suffix != ".pdf" or not path.exists():
        return str(path)
    from pypdf import PdfReader

    pages = len(PdfReader(path).pages)
    return ngettext("{path} ({pages} page)", "{path} ({pages} pages)", pages).format(path=path, pages=pages)
