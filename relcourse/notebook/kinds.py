"""What each ``relcourse`` cell carries: one frozen dataclass per cell kind, in one registry.

Each interactive cell carries its data so exporters and tests can render it without a kernel:
``cell.metadata["relcourse"] = {"schema": 2, "kind": "quiz", "module": slug, ...}``. A field's
name is written here once: the builder makes these objects, the schema file is generated from
them (:mod:`relcourse.notebook.versions`), and readers get them back from
:func:`relcourse.notebook.cells.read_cell`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar, TypedDict

from relcourse.course.quiz.model import QuizItem
from relcourse.course.selfcheck.instrument import Instrument

NAMESPACE = "relcourse"
SCHEMA_VERSION = 2


class HelpLine(TypedDict):
    name: str
    contact: str


class Concept(TypedDict):
    name: str
    subsection: str


class JournalField(TypedDict):
    id: str
    label: str
    kind: str
    options: list[str]
    help: str


class PlanStep(TypedDict):
    id: str
    title: str
    unit: str | None
    start: int | None
    end: int | None
    duration: str
    actions: int


class _PhraseKeys(TypedDict):
    text: str
    source: str
    line: int


class Phrase(_PhraseKeys, total=False):
    #: the sentence it replaces ("Instead of X, try Y"); optional in schema 2, left out when there is none
    replaces: str


class FaqItem(TypedDict):
    question: str
    answer: str
    line: int


@dataclass(frozen=True)
class CellData:
    """Fields every kind shares; a field whose value is ``None`` is left out of the metadata."""

    kind: ClassVar[str]
    module: str

    def to_metadata(self) -> dict[str, Any]:
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) is not None}
        return {"schema": SCHEMA_VERSION, "kind": self.kind, **data}

    @classmethod
    def from_metadata(cls, data: Mapping[str, Any]) -> CellData:
        """Metadata already validated against the current schema → the dataclass."""
        return cls(**{f.name: _frozen(data[f.name]) for f in fields(cls) if f.name in data})


@dataclass(frozen=True)
class TitleCell(CellData):
    """The module's title: what covers, facilitator pages and the course index show."""

    kind = "title"
    title: str
    category: str
    course: str
    help: tuple[HelpLine, ...]
    paper: str
    organisation: str  # from the course settings, for covers and footers (since schema 2)
    facilitator: str
    type: str | None = None  # "instrument" for a self-check
    number: int | None = None
    concepts: tuple[Concept, ...] | None = None
    subsections: tuple[str, ...] | None = None
    cases: tuple[str, ...] | None = None
    experts: tuple[str, ...] | None = None
    #: course.yaml ``date`` as YYYY-MM-DD, for covers and footers; optional in schema 2, left out when not set
    date: str | None = None


@dataclass(frozen=True)
class SafetyCell(CellData):
    """The safety notice and where to find help."""

    kind = "safety"


@dataclass(frozen=True)
class SectionCell(CellData):
    """An article section as markdown (``line`` is where it starts in the article)."""

    kind = "section"
    section_kind: str
    title: str
    line: int | None = None


@dataclass(frozen=True)
class NoteCell(CellData):
    """Guidance for notebook users only; handouts leave it out."""

    kind = "note"


@dataclass(frozen=True)
class InstrumentCell(CellData):
    """A self-check's statements; ``instrument`` is the instrument model's own ``to_json()``."""

    kind = "instrument"
    instrument: Instrument

    def to_metadata(self) -> dict[str, Any]:
        return {**super().to_metadata(), "instrument": self.instrument.to_json()}

    @classmethod
    def from_metadata(cls, data: Mapping[str, Any]) -> InstrumentCell:
        return cls(data["module"], Instrument.from_json(data["instrument"]))


@dataclass(frozen=True)
class ResultCell(CellData):
    """A self-check's result and action plan (computed from the learner's answers at run time)."""

    kind = "result"


@dataclass(frozen=True)
class HistoryCell(CellData):
    """A self-check's results over time."""

    kind = "history"


@dataclass(frozen=True)
class QuizCell(CellData):
    """One quiz question; ``item`` is the quiz model's own ``to_dict()`` (its fields are described there, once)."""

    kind = "quiz"
    item: QuizItem

    def to_metadata(self) -> dict[str, Any]:
        return {**super().to_metadata(), "item": self.item.to_dict()}

    @classmethod
    def from_metadata(cls, data: Mapping[str, Any]) -> QuizCell:
        return cls(data["module"], QuizItem.from_dict(data["item"]))


@dataclass(frozen=True)
class ScoreCell(CellData):
    """The quiz score over the module's questions."""

    kind = "score"
    items: tuple[str, ...]


@dataclass(frozen=True)
class ReflectionCell(CellData):
    """A reflection prompt (``source``: the part of the article it comes from)."""

    kind = "reflection"
    prompt_id: str
    text: str
    source: str
    context: str


@dataclass(frozen=True)
class JournalCell(CellData):
    """A journal form and how many days of log pages a handout prints."""

    kind = "journal"
    template_id: str
    title: str
    instructions: str
    daily: bool
    days: int
    fields: tuple[JournalField, ...]


@dataclass(frozen=True)
class PlanCell(CellData):
    """The practice plan's steps."""

    kind = "plan"
    steps: tuple[PlanStep, ...]


@dataclass(frozen=True)
class PhrasesCell(CellData):
    """Phrases to try, each with the article line it comes from."""

    kind = "phrases"
    phrases: tuple[Phrase, ...]


@dataclass(frozen=True)
class FaqCell(CellData):
    """The article's frequently asked questions."""

    kind = "faq"
    items: tuple[FaqItem, ...]


@dataclass(frozen=True)
class IndexCell(CellData):
    """One category of the course index and its modules."""

    kind = "index"
    category: str
    modules: tuple[str, ...]


@dataclass(frozen=True)
class ProgressCell(CellData):
    """The learner's progress over the course's modules."""

    kind = "progress"
    modules: tuple[str, ...]


@dataclass(frozen=True)
class ShareCell(CellData):
    """Consent to share quiz results with a workshop's facilitator (index; shows nothing outside a workshop)."""

    kind = "share"


CELL_KINDS: dict[str, type[CellData]] = {cls.kind: cls for cls in (
    TitleCell, SafetyCell, SectionCell, NoteCell, InstrumentCell, ResultCell, HistoryCell, QuizCell, ScoreCell,
    ReflectionCell, JournalCell, PlanCell, PhrasesCell, FaqCell, IndexCell, ProgressCell, ShareCell,
)}


@dataclass(frozen=True)
class NotebookInfo:
    """The notebook's own ``relcourse`` metadata: ``lang`` is the language of its pages (since
    schema 2), ``type`` is "instrument" for a self-check."""

    module: str
    title: str
    lang: str
    type: str | None = None
    #: what the notebook was made from (relcourse.fingerprint.sources_fingerprint); optional in schema 2
    fingerprint: str | None = None

    def to_metadata(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}
        return {"schema": SCHEMA_VERSION, **data}


def _plain(value: Any) -> Any:
    """Tuples → lists, recursively: nbformat and jsonschema expect JSON types."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
