"""The words of each language, as data: one YAML file per language in this folder.

Heading synonyms, page chrome, step and duration words and the cue words of the
generators live in ``<lang>.yaml``; the parser and the generators read them from
:data:`LEXICONS`. Adding a language is adding a file (see ``en.yaml``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).parent
DASHES = str.maketrans({"–": "-", "—": "-", "－": "-"})


def normalise_heading(text: str) -> str:
    """The form headings are compared in: NFKC (full-width → ASCII), lower case, one space, ``a: b``."""
    text = unicodedata.normalize("NFKC", text).translate(DASHES).lower()
    text = re.sub(r"\s*:\s*", ": ", text)
    return re.sub(r"\s+", " ", text).strip(" :")


@dataclass(frozen=True)
class Lexicon:
    """One language's words; field names are the keys of its YAML file."""

    lang: str
    step_title: str
    sections: dict[str, tuple[str, ...]]
    chrome_lines: frozenset[str]
    chrome_prefixes: tuple[str, ...]
    title_repeat_prefixes: tuple[str, ...]
    phrase_markers: frozenset[str]
    faq_markers: frozenset[str]
    step_form: str
    step_words: dict[str, str]
    duration_form: str
    duration_units: dict[str, tuple[str, ...]]
    range_words: tuple[str, ...]
    ongoing: tuple[str, ...]
    actions_labels: tuple[str, ...]
    insights_labels: tuple[str, ...]
    closing_prefixes: tuple[str, ...]
    case_labels: tuple[str, ...]
    person_patterns: tuple[re.Pattern[str], ...]
    distinction_words: tuple[str, ...]
    script_pronouns: tuple[str, ...]
    numbers: dict[str, int]
    log_determiners: frozenset[str]
    log_stop_words: frozenset[str]
    first_person: dict[str, str]
    log_cadences: tuple[tuple[str, str, bool], ...]
    log_places: tuple[str, ...]  # patterns of 'in your journal'
    log_counters: tuple[str, ...]
    log_joiners: tuple[str, ...]
    log_word: str
    write_verbs: tuple[str, ...]
    said_verbs: tuple[str, ...]
    prompt_stop_words: frozenset[str]
    quiz: dict[str, Any]  # cue words and question wording of the quiz generators (course/quiz/words.py)
    polarity: dict[str, tuple[str, ...]]
    care: dict[str, tuple[str, ...]]

    @functools.cached_property
    def step_re(self) -> re.Pattern[str]:
        """``Step 2: Name (Days 4-7)`` / ``第2步：名称（第4-7天）``."""
        kinds = "|".join(re.escape(w) for w in sorted(self.step_words, key=len, reverse=True))
        head = re.escape(self.step_form).replace(r"\{kind\}", f"(?P<kind>{kinds})").replace(r"\{num\}", r"(?P<num>\d+)")
        head = head.replace(r"\ ", r"\s+")
        return re.compile(
            rf"^{head}\s*[:.\-–—：、．]\s*(?P<name>.+?)\s*(?:[(（](?P<dur>[^()（）]*)[)）])?\s*$", re.IGNORECASE
        )

    @functools.cached_property
    def duration_re(self) -> re.Pattern[str]:
        """``Suggested Days 1-3``, ``Weeks 1-2``, ``第1-3天``, ``第2周``."""
        units = "|".join(f"(?P<{unit}>{'|'.join(map(re.escape, words))})" for unit, words in self.duration_units.items())
        between = "|".join(re.escape(w) for w in self.range_words)
        span = rf"(?P<start>\d+)(?:\s*(?:{between})\s*(?P<end>\d+))?"
        form = re.escape(self.duration_form).replace(r"\?", "?")
        form = form.replace(r"\{unit\}", f"(?:{units})").replace(r"\{range\}", span)
        return re.compile(form.replace(r"\ ", r"\s+"), re.IGNORECASE)

    def kind_of_step(self, written: str) -> str:
        """The step word as shown (``phase`` → ``Phase``)."""
        return self.step_words.get(written.lower(), written)


def _load(path: Path) -> Lexicon:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {f.name for f in fields(Lexicon)}
    unknown = sorted(set(data) - names)
    missing = sorted(names - set(data))
    if unknown or missing:
        raise ValueError(f"{path}: unknown keys {unknown}, missing keys {missing}: see en.yaml for the keys")
    booleans = [f"{key}: {word}" for key, words in data.items() if isinstance(words, list) for word in words if isinstance(word, bool)]
    if booleans:  # YAML reads a bare on/off/yes/no as true/false
        raise ValueError(f"{path}: quote the words read as true/false ({', '.join(booleans)}), e.g. \"on\"")
    values: dict[str, Any] = {}
    for f in fields(Lexicon):
        raw = data[f.name]
        if f.name == "sections":
            value: Any = {kind: tuple(normalise_heading(str(s)) for s in words) for kind, words in raw.items()}
        elif f.name in ("step_words", "first_person"):
            value = {str(k).lower(): str(v) for k, v in raw.items()}
        elif f.name == "numbers":
            value = {str(k): int(v) for k, v in raw.items()}
        elif f.name in ("duration_units", "polarity", "care"):
            value = {unit: tuple(str(w) for w in words) for unit, words in raw.items()}
        elif f.name == "quiz":
            value = dict(raw)  # typed and checked by relcourse.course.quiz.words
        elif f.name == "log_cadences":
            value = tuple((str(p), str(t), bool(d)) for p, t, d in raw)
        elif f.name == "person_patterns":
            value = tuple(re.compile(p) for p in raw)
        elif f.name in ("chrome_lines", "phrase_markers", "faq_markers"):
            value = frozenset(str(s).lower() for s in raw)
        elif f.name in ("log_determiners", "log_stop_words", "prompt_stop_words"):
            value = frozenset(str(s) for s in raw)
        elif isinstance(raw, list):
            value = tuple(str(s) for s in raw)
        else:
            value = str(raw)
        values[f.name] = value
    return Lexicon(**values)


class _Registry(Mapping[str, Lexicon]):
    """Language code → :class:`Lexicon`, read from this folder on first use."""

    @functools.cached_property
    def _all(self) -> dict[str, Lexicon]:
        return {lex.lang: lex for lex in map(_load, sorted(FOLDER.glob("*.yaml")))}

    def __getitem__(self, lang: str) -> Lexicon:
        return self._all[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)


LEXICONS: Mapping[str, Lexicon] = _Registry()


@dataclass(frozen=True)
class AnyLanguage:
    """Every language's words at once: an article may mix English chrome with Chinese text."""

    lexicons: tuple[Lexicon, ...]

    @functools.cached_property
    def headings(self) -> dict[str, str]:
        """Normalised heading → section kind."""
        return {name: kind for lex in self.lexicons for kind, names in lex.sections.items() for name in names}

    @functools.cached_property
    def zones(self) -> dict[str, str]:
        """Lower-cased marker line → "phrases" or "faq"."""
        return {m: zone for lex in self.lexicons for zone, markers in (("phrases", lex.phrase_markers),
                                                                       ("faq", lex.faq_markers)) for m in markers}

    @functools.cached_property
    def chrome_lines(self) -> frozenset[str]:
        return frozenset(line for lex in self.lexicons for line in lex.chrome_lines) | frozenset(self.zones)

    @functools.cached_property
    def chrome_prefixes(self) -> tuple[str, ...]:
        return tuple(p.lower() for lex in self.lexicons for p in lex.chrome_prefixes)

    @functools.cached_property
    def title_repeat_prefixes(self) -> tuple[str, ...]:
        return tuple(p.lower() for lex in self.lexicons for p in lex.title_repeat_prefixes)

    def zone(self, text: str) -> str | None:
        """"phrases" or "faq" when the line opens that part of the page."""
        return self.zones.get(text.lower())

    def is_chrome(self, text: str) -> bool:
        low = text.lower()
        return low in self.chrome_lines or low.startswith(self.chrome_prefixes)

    def strip_title_repeat(self, text: str) -> str:
        """``Take the relationship testSecurity and Needs-044-…`` → the title part."""
        low = text.lower()
        prefix = next((p for p in self.title_repeat_prefixes if low.startswith(p)), "")
        return text[len(prefix) :]


@functools.cache
def any_language() -> AnyLanguage:
    return AnyLanguage(tuple(LEXICONS.values()))
