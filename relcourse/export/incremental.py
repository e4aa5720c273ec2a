"""Which handouts ``relcourse build`` has to print again, and the record of those it printed.

A handout is made from its module notebook (which carries the content's fingerprint), the
edition and its options, and the kit (templates, CSS, code): that is its ``made_from`` in
``<exports>/.relcourse-build.json``. Nothing here imports nbconvert or WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from relcourse.fingerprint import BuildManifest, digest, file_digest, kit_fingerprint


@dataclass(frozen=True)
class Handout:
    slug: str
    edition: str
    path: Path
    made_from: str


def handouts(notebooks: Path, out: Path, slugs: Iterable[str], editions: Sequence[str], formats: Sequence[str],
             paper: str = "", log_weeks: int = 0) -> list[Handout]:
    """Every output file of these modules, each with what it is made from."""
    kit = kit_fingerprint()
    found = []
    for slug in slugs:
        notebook = file_digest(notebooks / f"{slug}.ipynb")
        for edition in editions:
            made_from = digest(kit, notebook, edition, paper, str(log_weeks))
            found += [Handout(slug, edition, out / f"{slug}-{edition}.{fmt}", made_from) for fmt in formats]
    return found


def stale_modules(manifest: BuildManifest, wanted: Sequence[Handout]) -> list[str]:
    """Modules with at least one handout missing, changed by hand, or made from something else
    (in the order given); all their editions are printed again together."""
    stale = {h.slug for h in wanted if not manifest.is_current(h.path, h.made_from)}
    return list(dict.fromkeys(h.slug for h in wanted if h.slug in stale))


def record(manifest: BuildManifest, wanted: Sequence[Handout], written: Iterable[Path]) -> None:
    """Note the handouts just written; one that failed is forgotten, so the next build tries it again."""
    done = set(written)
    for handout in wanted:
        if handout.path in done:
            manifest.record(handout.path, handout.made_from)
        elif not manifest.is_current(handout.path, handout.made_from):
            manifest.forget(handout.path)
