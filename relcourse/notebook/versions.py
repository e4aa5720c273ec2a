"""Schema versions of the cell metadata: the JSON Schema written from the dataclasses of
:mod:`relcourse.notebook.kinds` and frozen per version in ``schema/v<N>.json`` (shipped with the
package), the upgrades that carry older metadata forward one version at a time (as nbgrader does
with its cell metadata), and the check of metadata against its version's schema.

To add a cell kind or change a kind's fields: edit the dataclasses in ``kinds.py``, raise
``SCHEMA_VERSION``, add an upgrade to :data:`UPGRADES`, and write the new schema file with
``python -m relcourse.notebook.versions``.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from relcourse.errors import RelcourseError, one_line
from relcourse.notebook.kinds import CELL_KINDS, SCHEMA_VERSION, NotebookInfo

SCHEMA_FOLDER = "schema"
REBUILD = "rebuild with 'relcourse build'"


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
    if origin is dict or hint is dict or (isinstance(hint, type) and is_dataclass(hint)):
        return {"type": "object"}  # a model (quiz item, instrument) written by its own to_json/to_dict
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


# --- checking and upgrading ---

def to_current(data: Any, part: str, notebook: str, where: str) -> dict[str, Any]:
    """Validate against the version the data says it has, upgrade step by step, validate again."""
    version = data.get("schema") if isinstance(data, dict) else None
    if type(version) is not int or not 1 <= version:
        raise RelcourseError(f"{notebook}: {where}: relcourse metadata has no valid schema number; {REBUILD}")
    if version > SCHEMA_VERSION:
        raise RelcourseError(f"{notebook}: {where}: written by a newer relcourse (schema {version}); upgrade relcourse")
    check(data, version, part, notebook, where)
    if version == SCHEMA_VERSION:
        return dict(data)
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
    check(data, version, part, notebook, where)
    return dict(data)


def check(data: Mapping[str, Any], version: int, part: str, notebook: str, where: str, todo: str = REBUILD) -> None:
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



if __name__ == "__main__":  # writes schema/v<SCHEMA_VERSION>.json from the dataclasses of kinds.py
    target = Path(__file__).parent / SCHEMA_FOLDER / f"v{SCHEMA_VERSION}.json"
    target.write_text(schema_text(), "utf-8")
    print(f"wrote {target}")
