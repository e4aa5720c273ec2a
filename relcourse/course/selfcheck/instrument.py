"""Self-report instruments (``content/instruments/*.yaml``): schema, validation and scoring.

Schema::

    id: relationship-test            # letters, digits, dashes; also the notebook's name
    title: …
    validated: false                 # false: shown as a reflection tool, not a measurement
    citation: …                      # who wrote it; for a published instrument, its reference
    licence: …                       # the terms under which it is used
    instructions: …
    scale: {min: 1, max: 7, anchors: {1: Strongly disagree, 4: Neutral, 7: Strongly agree}}
    items:
      - {id: a1, text: "…", reverse: false}
    subscales:
      - id: anxiety
        name: Closeness anxiety
        items: [a1, a2, …]
        method: mean                 # mean or sum (a sum with missing answers is prorated)
        max_missing: 1               # more missing answers than this: "not scored", never guessed
        low: "…"  high: "…"          # plain-language poles for the result view
        keywords: [reassurance, …]   # what articles to recommend when this subscale is high
        recommend_when: high         # high or low
        bands:                       # optional, with their source
          source: "…"
          ranges: [{min: 1, max: 3.5, label: lower}, …]
    chart: {x: avoidance, y: anxiety}  # optional two-dimension chart
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict

from relcourse.content.claims import claimed_once
from relcourse.content.yaml_files import read_yaml
from relcourse.errors import ContentError
from relcourse.i18n import _, format_list

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")  # whole string: fullmatch (a "$" would let "x\n" through)
#: answer points a learner chooses between (radio buttons, printed boxes): 0–10 is the widest in use
MAX_SCALE_POINTS = 11
MAX_ITEMS = 200


class BandJson(TypedDict):
    min: float
    max: float
    label: str


class ItemJson(TypedDict):
    id: str
    text: str
    reverse: NotRequired[bool]  # not in a participant's copy


class SubscaleJson(TypedDict):
    id: str
    name: str
    items: list[str]
    method: Literal["mean", "sum"]
    max_missing: int
    low: str
    high: str
    bands: list[BandJson]
    bands_source: str


class ScaleJson(TypedDict):
    min: int
    max: int
    anchors: dict[str, str]  # JSON keys are text: "1", "7"


class InstrumentJson(TypedDict):
    """An instrument as a self-check cell's metadata carries it (:meth:`Instrument.to_json`)."""

    id: str
    title: str
    validated: bool
    citation: str
    licence: str
    instructions: str
    scale: ScaleJson
    items: list[ItemJson]
    subscales: NotRequired[list[SubscaleJson]]  # not in a participant's copy
    chart: list[str] | None


@dataclass(frozen=True)
class Band:
    min: float
    max: float
    label: str

    def to_json(self) -> BandJson:
        return {"min": self.min, "max": self.max, "label": self.label}

    @classmethod
    def from_json(cls, data: BandJson) -> Band:
        return cls(data["min"], data["max"], data["label"])


@dataclass(frozen=True)
class Subscale:
    id: str
    name: str
    items: tuple[str, ...]
    method: Literal["mean", "sum"] = "mean"
    max_missing: int = 0
    low: str = ""
    high: str = ""
    keywords: tuple[str, ...] = ()
    recommend_when: Literal["high", "low"] = "high"
    bands: tuple[Band, ...] = ()
    bands_source: str = ""

    def to_json(self) -> SubscaleJson:
        """What a notebook carries: the scoring key and the poles; ``keywords`` and ``recommend_when``
        stay with the course (the result view reads them from the loaded instrument)."""
        return {"id": self.id, "name": self.name, "items": list(self.items), "method": self.method,
                "max_missing": self.max_missing, "low": self.low, "high": self.high,
                "bands": [b.to_json() for b in self.bands], "bands_source": self.bands_source}

    @classmethod
    def from_json(cls, data: SubscaleJson) -> Subscale:
        return cls(data["id"], data["name"], tuple(data["items"]), data["method"], data["max_missing"], data["low"],
                   data["high"], bands=tuple(Band.from_json(b) for b in data["bands"]), bands_source=data["bands_source"])


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    reverse: bool = False

    def to_json(self) -> ItemJson:
        return {"id": self.id, "text": self.text, "reverse": self.reverse}

    @classmethod
    def from_json(cls, data: ItemJson) -> Item:
        """``reverse`` may be missing: a participant's copy has no scoring key."""
        return cls(data["id"], data["text"], data.get("reverse", False))


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...]
    scale_min: int
    scale_max: int
    anchors: dict[int, str]
    validated: bool = False
    citation: str = ""
    licence: str = ""
    instructions: str = ""
    chart: tuple[str, str] | None = None  # (x subscale, y subscale)
    path: str = ""


    def standing(self) -> str:
        """What a result of this instrument is, in two short sentences: the result view and the saved card
        say the same (a card once said "Not validated" for a validated instrument)."""
        return (_("A reflection tool, not a diagnosis or a fixed type. It has been validated.") if self.validated else
                _("A reflection tool, not a diagnosis or a fixed type. Not validated: results are positions to talk about."))
    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def subscale(self, subscale_id: str) -> Subscale:
        return next(s for s in self.subscales if s.id == subscale_id)

    def to_json(self) -> InstrumentJson:
        """The instrument as a notebook's self-check cell carries it (the field names live here and in
        :meth:`from_json`, nowhere else); ``path`` and what only recommendations read are left out."""
        return {
            "id": self.id, "title": self.title, "validated": self.validated, "citation": self.citation,
            "licence": self.licence, "instructions": self.instructions,
            "scale": {"min": self.scale_min, "max": self.scale_max, "anchors": {str(k): v for k, v in self.anchors.items()}},
            "items": [i.to_json() for i in self.items],
            "subscales": [s.to_json() for s in self.subscales],
            "chart": list(self.chart) if self.chart else None,
        }

    @classmethod
    def from_json(cls, data: InstrumentJson) -> Instrument:
        """The inverse of :meth:`to_json` (``to_json(from_json(d)) == d``); ``subscales`` may be missing
        (a participant's copy, see :meth:`without_key`)."""
        scale, chart = data["scale"], data["chart"]
        return cls(data["id"], data["title"], tuple(Item.from_json(i) for i in data["items"]),
                   tuple(Subscale.from_json(s) for s in data.get("subscales", ())), scale["min"], scale["max"],
                   {int(k): v for k, v in scale["anchors"].items()}, data["validated"], data["citation"],
                   data["licence"], data["instructions"], (chart[0], chart[1]) if chart else None)

    def without_key(self) -> Instrument:
        """The statements without the scoring key (subscales, reverse keying): a participant's copy."""
        return replace(self, items=tuple(replace(i, reverse=False) for i in self.items), subscales=(), chart=None)


@dataclass(frozen=True)
class SubscaleScore:
    subscale: str
    score: float | None  # None: not scored (too many missing answers)
    answered: int
    missing: int
    band: str | None = None

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass
class Result:
    instrument: str
    scores: dict[str, SubscaleScore] = field(default_factory=dict)

    def value(self, subscale: str) -> float | None:
        return self.scores[subscale].score


#: how close to the scale's middle a per-item score is "around the middle": said so, and never a reason to recommend
MIDDLE_BAND = 0.75


def per_item(subscale: Subscale, value: float | None) -> float | None:
    """A subscale score on the answer scale (a sum is divided by its number of items)."""
    if value is None:
        return None
    return value / len(subscale.items) if subscale.method == "sum" else value


def keyed(instrument: Instrument, item: Item, answer: int) -> int:
    """Reverse-keyed items count the other way round: on 1–7, 7 ↔ 1, 6 ↔ 2, …"""
    return instrument.scale_min + instrument.scale_max - answer if item.reverse else answer


def score(instrument: Instrument, answers: Mapping[str, int | None]) -> Result:
    """Score every subscale; a subscale missing more than ``max_missing`` answers is not scored."""
    result = Result(instrument.id)
    for sub in instrument.subscales:
        values = []
        for item_id in sub.items:
            answer = answers.get(item_id)
            if answer is None:
                continue
            if not instrument.scale_min <= int(answer) <= instrument.scale_max:
                raise ValueError(f"answer {answer!r} to {item_id} is outside {instrument.scale_min}–{instrument.scale_max}")
            values.append(keyed(instrument, instrument.item(item_id), int(answer)))
        missing = len(sub.items) - len(values)
        if not values or missing > sub.max_missing:
            result.scores[sub.id] = SubscaleScore(sub.id, None, len(values), missing)
            continue
        mean = sum(values) / len(values)
        value = round(mean if sub.method == "mean" else mean * len(sub.items), 2)  # a sum is prorated
        band = next((b.label for b in sub.bands if b.min <= value <= b.max), None)
        result.scores[sub.id] = SubscaleScore(sub.id, value, len(values), missing, band)
    return result


# --- loading and validation -------------------------------------------------------------


def _fail(path: Path, message: str) -> ContentError:
    return ContentError(path, message)


def _parse_subscale(raw: Any, index: int, item_ids: set[str], path: Path) -> Subscale:
    where = (_("subscale {number} ({id})").format(number=index, id=raw["id"]) if isinstance(raw, dict) and raw.get("id")
             else _("subscale {number}").format(number=index))
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("name"):
        raise _fail(path, _("{where}: needs 'id', 'name' and 'items'").format(where=where))
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise _fail(path, _("{where}: 'items' must list item ids").format(where=where))
    unknown = [i for i in items if i not in item_ids]
    if unknown:
        raise _fail(path, _("{where}: unknown item id(s) {ids}").format(where=where, ids=format_list([str(i) for i in unknown])))
    method = raw.get("method", "mean")
    if method not in ("mean", "sum"):
        raise _fail(path, _("{where}: method must be 'mean' or 'sum', not {value}").format(where=where, value=repr(method)))
    max_missing = raw.get("max_missing", 0)
    if not isinstance(max_missing, int) or not 0 <= max_missing < len(items):
        raise _fail(path, _("{where}: max_missing must be a whole number from 0 to {most}").format(where=where, most=len(items) - 1))
    when = raw.get("recommend_when", "high")
    if when not in ("high", "low"):
        raise _fail(path, _("{where}: recommend_when must be 'high' or 'low'").format(where=where))
    bands: list[Band] = []
    source = ""
    if raw.get("bands") is not None:
        spec = raw["bands"]
        if not isinstance(spec, dict) or not spec.get("source") or not isinstance(spec.get("ranges"), list):
            raise _fail(path, _("{where}: 'bands' needs a 'source' (where the cut-offs come from) and 'ranges'").format(where=where))
        source = str(spec["source"])
        for band in spec["ranges"]:
            if not isinstance(band, dict) or not {"min", "max", "label"} <= set(band) \
                    or not all(isinstance(band[k], (int, float)) and not isinstance(band[k], bool) for k in ("min", "max")) \
                    or band["min"] > band["max"]:
                raise _fail(path, _("{where}: each band needs min ≤ max and a label").format(where=where))
            bands.append(Band(float(band["min"]), float(band["max"]), str(band["label"])))
    return Subscale(str(raw["id"]), str(raw["name"]), tuple(map(str, items)), method, max_missing,
                    str(raw.get("low", "")), str(raw.get("high", "")), tuple(map(str, raw.get("keywords", []) or [])),
                    when, tuple(bands), source)


def load_instrument(path: Path) -> Instrument:
    """Read and validate one instrument; errors name the file and what to fix."""
    data = read_yaml(path)
    try:
        return _instrument(data, path)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:  # a value of the wrong type the checks above missed
        raise _fail(path, _("a value has the wrong type ({problem}); compare the file with the schema in "
                            "relcourse/course/selfcheck/instrument.py").format(problem=type(exc).__name__)) from None


def _instrument(data: Any, path: Path) -> Instrument:
    if not isinstance(data, dict):
        raise _fail(path, _("expected a mapping with id, title, scale, items and subscales"))
    for key in ("id", "title", "scale", "items", "subscales", "citation", "licence"):
        if key not in data:
            raise _fail(path, _("'{key}' is required (citation and licence say where the items come from and how they may be used)").format(
                key=key))
    if not isinstance(data["id"], str) or not ID_RE.fullmatch(data["id"]):
        raise _fail(path, _("'id' must be lower-case letters, digits and dashes (it names the notebook)"))
    scale = data["scale"]
    if not isinstance(scale, dict) or not isinstance(scale.get("min"), int) or not isinstance(scale.get("max"), int) \
            or scale["min"] >= scale["max"]:
        raise _fail(path, _("'scale' needs whole numbers min < max, e.g. {example}").format(example="{min: 1, max: 7}"))
    if scale["max"] - scale["min"] + 1 > MAX_SCALE_POINTS:
        raise _fail(path, _("'scale' has {count} points; use at most {most} (e.g. 0 to 10)").format(
            count=scale["max"] - scale["min"] + 1, most=MAX_SCALE_POINTS))
    anchors = scale.get("anchors") or {}
    if not isinstance(anchors, dict) or any(not isinstance(k, int) or not scale["min"] <= k <= scale["max"] for k in anchors):
        raise _fail(path, _("'scale.anchors' maps points of the scale (numbers) to their labels"))
    raw_items = data["items"]
    if not isinstance(raw_items, list) or not raw_items:
        raise _fail(path, _("'items' must be a list of {example}").format(example="{id, text, reverse}"))
    if len(raw_items) > MAX_ITEMS:
        raise _fail(path, _("{count} items; a self-check has at most {most}, split it into several instruments").format(
            count=len(raw_items), most=MAX_ITEMS))
    items = []
    for index, raw in enumerate(raw_items, 1):
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
            raise _fail(path, _("item {number}: needs 'id' and 'text'").format(number=index))
        if not isinstance(raw.get("reverse", False), bool):
            raise _fail(path, _("item {number} ({id}): 'reverse' must be true or false").format(number=index, id=raw["id"]))
        items.append(Item(str(raw["id"]), str(raw["text"]), bool(raw.get("reverse", False))))
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise _fail(path, _("two items share the same id"))
    if not isinstance(data["subscales"], list) or not data["subscales"]:
        raise _fail(path, _("'subscales' must be a list"))
    subscales = tuple(_parse_subscale(raw, n, set(ids), path) for n, raw in enumerate(data["subscales"], 1))
    chart = None
    if data.get("chart"):
        spec = data["chart"]
        names = {s.id for s in subscales}
        if not isinstance(spec, dict) or spec.get("x") not in names or spec.get("y") not in names:
            raise _fail(path, _("'chart' needs x and y naming two subscales"))
        chart = (str(spec["x"]), str(spec["y"]))
    return Instrument(
        data["id"], str(data["title"]), tuple(items), subscales, scale["min"], scale["max"],
        {int(k): str(v) for k, v in anchors.items()}, bool(data.get("validated", False)), str(data["citation"]),
        str(data["licence"]), str(data.get("instructions", "")), chart, str(path),
    )


def load_instruments(folder: Path) -> tuple[list[Instrument], list[ContentError]]:
    """Every instrument in the folder, and an error for each file that failed; files sharing an
    id are all named and none is used (:mod:`relcourse.content.claims`)."""
    loaded, errors = [], []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            loaded.append(load_instrument(path))
        except ContentError as exc:
            errors.append(exc)
    instruments, shared = claimed_once(loaded, lambda instrument: instrument.id)
    for ident, claimants in shared.items():
        files = [Path(i.path).name for i in claimants]
        names = format_list(files)
        errors += [ContentError(i.path, _("instrument id {id} is claimed by {names}; change 'id' in the one that is "
                                          "not that self-check (neither is built until then, the existing notebook is kept)").format(
                                              id=repr(ident), names=names))
                   for i in claimants]
    return instruments, errors
