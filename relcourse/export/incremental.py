"""Which handouts and programmes ``relcourse build`` has to print again, and the record of those it printed.

A handout is made from its module notebook (which carries the content's fingerprint), the
edition and its options, and the kit (templates, CSS, code): that is its ``made_from`` in
``<exports>/.relcourse-build.json``. A programme is made from the notebooks it includes, its
settings in course.yaml and the kit. Nothing here imports nbconvert, Jinja or WeasyPrint.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from relcourse.course.settings import ProgrammeSpec
from relcourse.fingerprint import BuildManifest, digest, file_digest, kit_fingerprint

PROGRAMME_EDITIONS = ("facilitator", "participant")  # the facilitator programme and the participant booklet


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


def programme_stem(name: str) -> str:
    """``programme-<name>``: the programme's files, named from its name so any name is a safe file name."""
    return "programme-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in name.lower())


def programme_files(out: Path, name: str) -> list[Path]:
    return [out / f"{programme_stem(name)}-{edition}{ext}" for edition in PROGRAMME_EDITIONS for ext in (".html", ".pdf")]


def programme_outputs(specs: Iterable[ProgrammeSpec], notebooks: Path, out: Path) -> list[Handout]:
    """Every file of these programmes, each with what it is made from: the kit, the programme's settings
    and the bytes of every notebook it includes (its modules and its self-check)."""
    kit = kit_fingerprint()
    found = []
    for spec in specs:
        included = [*spec.modules, *([spec.selfcheck] if spec.selfcheck else [])]
        made_from = digest(kit, "programme", json.dumps(dataclasses.asdict(spec), sort_keys=True, default=str),  # dates too
                           *(file_digest(notebooks / f"{slug}.ipynb") for slug in included))
        found += [Handout(spec.name, path.stem.rsplit("-", 1)[-1], path, made_from) for path in programme_files(out, spec.name)]
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
