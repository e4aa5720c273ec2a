"""The ``relcourse`` cell metadata: one frozen dataclass per cell kind, in one registry.

Each interactive cell carries its data so exporters and tests can render it without a
kernel: ``cell.metadata["relcourse"] = {"schema": 2, "kind": "quiz", "module": slug, ...}``.
The shape of each schema version is frozen in ``schema/v<N>.json`` (shipped with the
package); :data:`UPGRADES` carries older notebooks forward one version at a time, as
nbgrader does with its cell metadata. Metadata is validated when a notebook is written
(:func:`validate_notebook`) and when it is read (:func:`read_cell`, :func:`read_notebook`).

To add a cell kind or change a kind's fields: edit the dataclasses here, raise
:data:`SCHEMA_VERSION`, add an upgrade to :data:`UPGRADES`, and write the new schema file
with ``python -m relcourse.notebook.cells``.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal, TypedDict, Union, get_args, get_origin, get_type_hints, is_typeddict

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from relcourse.errors import RelcourseError, one_line

NAMESPACE = "relcourse"
#: a built module notebook is under 100 KB; a file in notebooks/ far larger than this is not one to read
MAX_NOTEBOOK_BYTES = 50_000_000
SCHEMA_VERSION = 2
SCHEMA_FOLDER = "schema"
REBUILD = "rebuild with 'relcourse build'"
NOT_WRITTEN = "not written (the builder and the schema file disagree: a relcourse bug, please report it)"


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
    instrument: dict[str, Any]


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
    item: dict[str, Any]


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


def upgrade_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 adds the course's organisation and facilitator to the title cell and the page
    language to the notebook; relcourse 1 built English courses only and did not record the others."""
    upgraded = {**data, "schema": 2}
    if "kind" not in upgraded:  # the notebook's own metadata
        upgraded.setdefault("lang", "en")
    elif upgraded["kind"] == "title":
        upgraded.setdefault("organisation", "")
        upgraded.setdefault("facilitator", "")
    return upgraded


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: upgrade_1_to_2}


def _plain(value: Any) -> Any:
    """Tuples → lists, recursively: nbformat and jsonschema expect JSON types."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


# --- JSON Schema: written from the dataclasses, frozen per version in schema/v<N>.json ---

_JSON_TYPES: dict[Any, str] = {str: "string", int: "integer", bool: "boolean", float: "number"}


def _type_schema(hint: Any) -> dict[str, Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        options = [_type_schema(a) for a in args if a is not type(None)]
        nullable = type(None) in args
        if nullable and len(options) == 1 and set(options[0]) == {"type"}:
            return {"type": [options[0]["type"], "null"]}
        return {"anyOf": options + ([{"type": "null"}] if nullable else [])}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is dict or hint is dict:
        return {"type": "object"}
    if is_typeddict(hint):
        return _object_schema(get_type_hints(hint), sorted(hint.__required_keys__), hint.__doc__)
    return {"type": _JSON_TYPES[hint]}


def _object_schema(hints: Mapping[str, Any], required: list[str], doc: str | None = None,
                   head: Mapping[str, Any] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if doc:
        schema["description"] = " ".join(doc.split())
    schema["required"] = required
    schema["properties"] = {**(head or {}), **{name: _type_schema(hint) for name, hint in hints.items()}}
    schema["additionalProperties"] = False
    return schema


def _dataclass_schema(cls: type, head: Mapping[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    own = {f.name: hints[f.name] for f in fields(cls)}
    optional = {f.name for f in fields(cls) if f.default is None}
    own = {name: (get_args(hint)[0] if name in optional else hint) for name, hint in own.items()}
    required = list(head) + [name for name in own if name not in optional]
    return _object_schema(own, required, cls.__doc__, head)


def json_schema(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of cell (``#/$defs/cell``) and notebook (``#/$defs/notebook``) metadata."""
    version_schema = {"const": version}
    defs: dict[str, Any] = {
        "cell": {
            "type": "object",
            "required": ["schema", "kind", "module"],
            "properties": {"schema": version_schema, "kind": {"enum": list(CELL_KINDS)}, "module": {"type": "string"}},
            "allOf": [{"if": {"properties": {"kind": {"const": kind}}}, "then": {"$ref": f"#/$defs/{kind}"}}
                      for kind in CELL_KINDS],
        },
        "notebook": _dataclass_schema(NotebookInfo, {"schema": version_schema}),
    }
    for kind, cls in CELL_KINDS.items():
        defs[kind] = _dataclass_schema(cls, {"schema": version_schema, "kind": {"const": kind}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"relcourse notebook metadata, schema {version}",
        "$defs": defs,
    }


def schema_text(version: int = SCHEMA_VERSION) -> str:
    return json.dumps(json_schema(version), indent=1, ensure_ascii=False) + "\n"


@functools.cache
def _schema(version: int) -> dict[str, Any]:
    text = resources.files("relcourse.notebook").joinpath(f"{SCHEMA_FOLDER}/v{version}.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.cache
def _validator(version: int, part: str) -> Draft202012Validator:
    return Draft202012Validator({**_schema(version), "$ref": f"#/$defs/{part}"})


# --- reading and checking ---

def _current(data: Any, part: str, notebook: str, where: str) -> dict[str, Any]:
    """Validate against the version the data says it has, upgrade step by step, validate again."""
    version = data.get("schema") if isinstance(data, dict) else None
    if type(version) is not int or not 1 <= version:
        raise RelcourseError(f"{notebook}: {where}: relcourse metadata has no valid schema number; {REBUILD}")
    if version > SCHEMA_VERSION:
        raise RelcourseError(f"{notebook}: {where}: written by a newer relcourse (schema {version}); upgrade relcourse")
    _check(data, version, part, notebook, where)
    if version == SCHEMA_VERSION:
        return dict(data)
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
    _check(data, version, part, notebook, where)
    return dict(data)


def _check(data: Mapping[str, Any], version: int, part: str, notebook: str, where: str, todo: str = REBUILD) -> None:
    # A cell whose kind's own definition holds is valid (that definition requires all the cell's does:
    # schema, kind, module); checked alone, without trying every kind's if/then: a fifth of the time,
    # which was most of an export's. Only an invalid cell pays for the full search of the best message.
    kind = data.get("kind") if part == "cell" else None
    if isinstance(kind, str) and kind in _schema(version)["$defs"] and kind in CELL_KINDS \
            and _validator(version, kind).is_valid(data):
        return
    error = best_match(_validator(version, part).iter_errors(data))
    if error is not None:
        at = "/".join(str(p) for p in error.absolute_path)
        message = one_line(error.message)
        message = message if len(message) <= 160 else message[:157] + "..."
        raise RelcourseError(f"{notebook}: {where}: metadata does not match schema {version}: "
                             f"{message}{f' (at {at})' if at else ''}; {todo}")


def read_cell(cell: Mapping[str, Any], notebook: str = "notebook") -> CellData | None:
    """A cell's relcourse data, checked and upgraded to the current schema; None for other cells."""
    data = cell.get("metadata", {}).get(NAMESPACE)
    if data is None:
        return None
    current = _current(data, "cell", notebook, f"cell {cell.get('id')!r}")
    return CELL_KINDS[current["kind"]].from_metadata(current)


def read_notebook(nb: Mapping[str, Any], notebook: str = "notebook") -> NotebookInfo:
    """The notebook's relcourse data, checked and upgraded; an error if relcourse did not build it."""
    data = nb.get("metadata", {}).get(NAMESPACE)
    if data is None:
        raise RelcourseError(f"{notebook}: not a relcourse module notebook; build it with 'relcourse build'")
    current = _current(data, "notebook", notebook, "notebook metadata")
    return NotebookInfo(**{k: v for k, v in current.items() if k != "schema"})


def upgrade_notebook(nb: Any, notebook: str = "notebook") -> None:
    """Check every cell and bring the notebook's metadata to the current schema, in place."""
    nb["metadata"][NAMESPACE] = read_notebook(nb, notebook).to_metadata()
    for cell in nb["cells"]:
        data = read_cell(cell, notebook)
        if data is not None:
            cell["metadata"][NAMESPACE] = data.to_metadata()


def validate_notebook(nb: Any, notebook: str) -> None:
    """Refuse to write a notebook whose relcourse metadata does not match the current schema."""
    _check(nb.metadata.get(NAMESPACE, {}), SCHEMA_VERSION, "notebook", notebook, "notebook metadata", NOT_WRITTEN)
    for cell in nb.cells:
        if NAMESPACE in cell.metadata:
            _check(cell.metadata[NAMESPACE], SCHEMA_VERSION, "cell", notebook, f"cell {cell.get('id')!r}", NOT_WRITTEN)


def from_cell(cell: Mapping[str, Any]) -> dict[str, Any] | None:
    """A cell's relcourse data as plain JSON (current schema), or None for other cells."""
    data = read_cell(cell)
    return None if data is None else data.to_metadata()


def kind_of(cell: Mapping[str, Any]) -> str | None:
    data = read_cell(cell)
    return None if data is None else data.kind


if __name__ == "__main__":  # writes schema/v<SCHEMA_VERSION>.json from the dataclasses above
    target = Path(__file__).parent / SCHEMA_FOLDER / f"v{SCHEMA_VERSION}.json"
    target.write_text(schema_text(), "utf-8")
    print(f"wrote {target}")
