"""What each output was made from, as one hash, and the record a build keeps of its outputs.

``relcourse build`` makes an output again only when what it is made from changed (content files,
settings, the installed kit) or when the file is no longer the one the build wrote (deleted or
edited by hand). Everything here is cheap: no nbformat, nbconvert or WeasyPrint, so a build with
nothing to do stays well under two seconds.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from relcourse import __version__
from relcourse.content.decode import MAX_ARTICLE_BYTES
from relcourse.files import FileRefused, read_regular_file, write_atomic

if TYPE_CHECKING:
    from relcourse.course.loader import Course
    from relcourse.course.selfcheck.instrument import Instrument

PACKAGE = Path(__file__).resolve().parent
#: the build record kept in each output folder (notebooks/, exports/); hidden, never shipped
MANIFEST_NAME = ".relcourse-build.json"
MANIFEST_FORMAT = 1
#: the largest output file hashed (a programme's PDF is a few MB); a larger one is simply made again
MAX_OUTPUT_BYTES = 200_000_000
MAX_MANIFEST_BYTES = 10_000_000


def digest(*parts: str | bytes) -> str:
    """One SHA-256 over several parts; each is length-prefixed, so ("ab", "c") ≠ ("a", "bc")."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, or "" when it is missing or not a regular file (so it never matches a record)."""
    try:
        return hashlib.sha256(read_regular_file(path, MAX_OUTPUT_BYTES)).hexdigest()
    except FileRefused:
        return ""


def sources_fingerprint(sources: Iterable[Path], *extra: str) -> str:
    """The fingerprint a notebook carries: the relcourse version and the name and bytes of each
    content file it was made from. Names, not full paths, so the same course built in another
    folder or on another machine gives the same notebook."""
    parts: list[str | bytes] = [f"relcourse {__version__}", *extra]
    for path in sources:
        try:
            data = read_regular_file(path, MAX_ARTICLE_BYTES)
        except FileRefused:  # a pipe or folder named like a content file: never read, still a change
            data = b"not read"  # not the translated reason: a change of the terminal's language is no change
        parts += [path.name, data]
    return digest(*parts)


@functools.cache
def kit_fingerprint() -> str:
    """Every file of the installed package (code, templates, CSS, lexicons, schemas): a new
    version or a local change to the kit makes every output again."""
    parts: list[str | bytes] = [__version__]
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
            parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
    return digest(*parts)


@dataclass
class BuildManifest:
    """``<folder>/.relcourse-build.json``: for each output file, what it was made from and the hash
    of the bytes written. A missing or damaged record only means everything is made again."""

    folder: Path
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path) -> BuildManifest:
        try:
            data = json.loads(read_regular_file(folder / MANIFEST_NAME, MAX_MANIFEST_BYTES))
            outputs = data["outputs"] if data.get("format") == MANIFEST_FORMAT else {}
            if not isinstance(outputs, dict):
                outputs = {}
        except (FileRefused, ValueError, KeyError, AttributeError, TypeError):
            outputs = {}
        return cls(folder, {k: v for k, v in outputs.items() if isinstance(v, dict)})

    def is_current(self, path: Path, made_from: str) -> bool:
        """True when ``path`` was written by a build from exactly ``made_from`` and is unchanged since."""
        entry = self.outputs.get(path.name)
        return entry is not None and entry.get("made_from") == made_from and entry.get("sha256") == file_digest(path)

    def record(self, path: Path, made_from: str) -> None:
        self.outputs[path.name] = {"made_from": made_from, "sha256": file_digest(path)}

    def forget(self, path: Path) -> None:
        self.outputs.pop(path.name, None)

    def save(self) -> None:
        """Written atomically, so an interrupted build leaves the previous record (or none), never half of one."""
        data = {"format": MANIFEST_FORMAT, "outputs": dict(sorted(self.outputs.items()))}
        write_atomic(self.folder / MANIFEST_NAME, json.dumps(data, indent=1, sort_keys=True) + "\n")


def instrument_sources(instrument: Instrument, settings_sources: Sequence[Path] = ()) -> tuple[Path, ...]:
    return (*settings_sources, *([Path(instrument.path)] if instrument.path else []))


def course_fingerprint(course: Course) -> str:
    """The course index lists every module and self-check: it is made from all of them."""
    return digest("index", *(sources_fingerprint(m.sources) for m in course.modules),
                  *(sources_fingerprint(instrument_sources(i, course.settings_sources)) for i in course.instruments),
                  sources_fingerprint(course.settings_sources))
