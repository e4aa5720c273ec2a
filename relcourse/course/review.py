"""Facilitator review and lock: ``content/reviewed/<slug>.yaml``.

Generated content is what a therapist hands out, so a facilitator can approve, edit or reject
every generated quiz item, prompt, phrase card and journal log, one entry each. A reviewed
entry is then used exactly as stored: regenerating (a new version of the kit, another article)
never changes a printed key. Each entry keeps the sentence it came from and a hash of it; when
the article no longer holds that sentence, ``relcourse check`` counts the entry as changed in
the article since review, so the facilitator looks again instead of a key changing silently.

File (one per module; the curated quiz in ``content/quizzes/`` stays the place for items
written by hand)::

    module: security-and-needs-044
    entries:
      - kind: quiz            # quiz | prompt | phrase | log
        id: distinction-…
        status: pending       # pending | approved | edited | rejected
        rule: distinction_items
        line: 42
        grounding: "The sentence it came from."
        hash: 3f2a…           # of the grounding text; written by 'relcourse review'
        content: {…}          # what the module uses; edit it and set status: edited
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from relcourse.content.model import Article, Phrase
from relcourse.content.text import slugify, split_sentences
from relcourse.content.yaml_files import BoundedLoader, read_yaml
from relcourse.course.logs import READERS, Field, JournalTemplate, generate_templates
from relcourse.course.polarity import Verdict, classify, offered_phrases
from relcourse.course.prompts import Prompt, generate_prompts
from relcourse.course.quiz.generate import GENERATORS, generate_items
from relcourse.course.quiz.grounding import Context
from relcourse.course.quiz.kinds import ITEM_KINDS
from relcourse.course.quiz.model import QuizItem
from relcourse.errors import ContentError
from relcourse.i18n import N_, _

STATUSES = ("pending", "approved", "edited", "rejected")
REVIEWED = frozenset({"approved", "edited", "rejected"})
FOLDER = "reviewed"
ENTRY_KEYS = frozenset({"kind", "id", "status", "rule", "line", "grounding", "hash", "content"})


def grounding_hash(text: str) -> str:
    """Whitespace and case do not count: re-wrapping a paragraph is not a change of meaning."""
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()[:16]


def _plain(data: Any) -> Any:
    """Tuples as lists, so the YAML holds only plain values."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def _template(data: dict[str, Any]) -> JournalTemplate:
    chart = data.get("chart_category")
    fields = tuple(Field(**{**f, "options": tuple(f.get("options", ()))}) for f in data.get("fields", ()))
    return JournalTemplate(**{**data, "fields": fields, "steps": tuple(data.get("steps", ())),
                              "chart_category": tuple(chart) if isinstance(chart, list) else chart})


def _quiz(data: dict[str, Any]) -> QuizItem:
    item = QuizItem.from_dict(data)
    if item.type not in ITEM_KINDS:
        raise ValueError(f"unknown item type {item.type!r}; use one of {', '.join(ITEM_KINDS)}")
    if item.options and not set(item.answer) <= set(item.options) and not item.left:
        raise ValueError("every answer must be one of the options")
    return item


T = TypeVar("T", QuizItem, Prompt, Phrase, JournalTemplate)


@dataclass(frozen=True)
class Kind(Generic[T]):
    """How one kind of generated content is stored in the review file and read back."""

    name: str
    ident: Callable[[T], str]
    to_data: Callable[[T], dict[str, Any]]
    from_data: Callable[[dict[str, Any]], T]


QUIZ: Kind[QuizItem] = Kind("quiz", lambda i: i.id, QuizItem.to_dict, _quiz)
PROMPT: Kind[Prompt] = Kind("prompt", lambda p: p.id, asdict, lambda d: Prompt(**d))
PHRASE: Kind[Phrase] = Kind("phrase", lambda p: phrase_id(p.text), asdict, lambda d: Phrase(**d))
LOG: Kind[JournalTemplate] = Kind("log", lambda t: t.id, asdict, _template)
KINDS: dict[str, Kind[Any]] = {k.name: k for k in (QUIZ, PROMPT, PHRASE, LOG)}

#: what made a reflection prompt, by the first word of its id (stored in English, shown translated on the sheet)
PROMPT_RULES = {
    "case": N_("case prompt: the case's people and what was said"),
    "ask": N_("a question the practice guide recommends asking"),
    "questions": N_("questions the practice guide asks in a row"),
    "plan": N_("the plan's first step"),
    "faq": N_("an FAQ question of the page"),
    "closing": N_("the article's closing line"),
}
CURATED_RULE = N_("curated (content/quizzes)")


def phrase_id(text: str) -> str:
    """A phrase card's key, from its words (phrases have no id of their own)."""
    return "phrase-" + slugify(text)[:40].strip("-")


@dataclass(frozen=True)
class Reviewable:
    """One generated thing with the sentence it came from and the rule that made it."""

    kind: str
    id: str
    rule: str
    line: int
    grounding: str
    content: dict[str, Any]

    @property
    def hash(self) -> str:
        return grounding_hash(self.grounding)


@dataclass(frozen=True)
class Entry:
    kind: str
    id: str
    status: str
    rule: str
    line: int
    grounding: str
    hash: str
    content: dict[str, Any]
    yaml_line: int = 0


@dataclass
class Review:
    """A module's review file as read; an absent file is an empty review."""

    path: Path
    entries: list[Entry] = field(default_factory=list)
    text: str = ""  # the file as written, comments and all: 'relcourse review' rewrites it in place

    def entry(self, kind: str, ident: str) -> Entry | None:
        return next((e for e in self.entries if e.kind == kind and e.id == ident), None)

    def apply(self, kind: Kind[T], generated: Sequence[T]) -> list[T]:
        """Reviewed entries as stored (rejected ones dropped), the rest as generated.

        An approved or edited entry the generator no longer makes is kept: it was printed.
        """
        result: list[T] = []
        for thing in generated:
            entry = self.entry(kind.name, kind.ident(thing))
            if entry is None or entry.status == "pending":
                result.append(thing)
            elif entry.status != "rejected":
                result.append(kind.from_data(entry.content))
        made = {kind.ident(t) for t in generated}
        result += [kind.from_data(e.content) for e in self.entries
                   if e.kind == kind.name and e.status in ("approved", "edited") and e.id not in made]
        return result


def review_path(content_dir: Path, slug: str) -> Path:
    return content_dir / FOLDER / f"{slug}.yaml"


def _entry_lines(text: str) -> list[int]:
    """The line of each entry in the file, for file:line messages."""
    try:
        loader = BoundedLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            return [node.start_mark.line + 1 for node in value.value]
    return []


def _entry(raw: Any, line: int, path: Path) -> Entry:
    def fail(message: str, **values: object) -> ContentError:
        return ContentError(path, _("entry {problem}").format(problem=_(message).format(**values)), line or None)

    if not isinstance(raw, dict):
        raise fail(N_("must be a mapping with kind, id, status and content"))
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise fail(N_("has unknown key(s) {keys}; allowed: {allowed}"), keys=", ".join(sorted(map(str, unknown))),
                   allowed=", ".join(sorted(ENTRY_KEYS)))
    if raw.get("kind") not in KINDS:
        raise fail(N_("'kind' must be one of {kinds}"), kinds=", ".join(KINDS))
    if not isinstance(raw.get("id"), str):
        raise fail(N_("'id' is required and must be text; keep the id 'relcourse review' wrote"))
    if raw.get("status") not in STATUSES:
        raise fail(N_("{id}: 'status' must be one of {statuses}"), id=raw["id"], statuses=", ".join(STATUSES))
    if not isinstance(raw.get("content"), dict):
        raise fail(N_("{id}: 'content' must be a mapping; run 'relcourse review' again to rewrite it"), id=raw["id"])
    try:
        KINDS[raw["kind"]].from_data(raw["content"])
    except (TypeError, ValueError, KeyError) as exc:
        raise fail(N_("{id}: its content is not a valid {kind} ({reason}); fix it or set status: pending"),
                   id=raw["id"], kind=raw["kind"], reason=exc) from None
    if not isinstance(raw.get("line", 0), int):
        raise fail(N_("{id}: 'line' must be a whole number (the article line it came from)"), id=raw["id"])
    grounding = str(raw.get("grounding", ""))
    return Entry(raw["kind"], raw["id"], raw["status"], str(raw.get("rule", "")), raw.get("line", 0),
                 grounding, str(raw.get("hash") or grounding_hash(grounding)), raw["content"], line)


def load_review(path: Path) -> Review:
    """The review file at ``path`` (empty when there is none); a :class:`ContentError` with file:line otherwise."""
    if not path.exists():
        return Review(path)
    data = read_yaml(path)
    if data is None:
        return Review(path)
    if not isinstance(data, dict) or set(data) - {"module", "entries"} or not isinstance(data.get("entries", []), list):
        raise ContentError(path, _("expected 'module' and a list of 'entries'; run 'relcourse review' to write a fresh file"))
    if data.get("module", path.stem) != path.stem:
        raise ContentError(path, _("written for module {written}, not {module}; rename the file or fix 'module'").format(
            written=repr(data["module"]), module=repr(path.stem)))
    text = path.read_text(encoding="utf-8")
    lines = _entry_lines(text)
    raw_entries = data.get("entries") or []
    entries = [_entry(raw, lines[i] if i < len(lines) else 0, path) for i, raw in enumerate(raw_entries)]
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        if (entry.kind, entry.id) in seen:
            raise ContentError(path, _("two entries for {kind} {id}; keep one").format(kind=entry.kind, id=repr(entry.id)),
                               entry.yaml_line or None)
        seen.add((entry.kind, entry.id))
    return Review(path, entries, text)


def _quiz_rules(article: Article, schedule_items: bool) -> dict[str, str]:
    ctx = Context(article, schedule_items)
    rules: dict[str, str] = {}
    for generator in GENERATORS:
        for item in generator(ctx):
            rules.setdefault(item.id, generator.__name__)
    return rules


def _phrase_rule(verdicts: list[Verdict], phrase: Phrase) -> str:
    verdict = next((v for v in verdicts if v.text == phrase.text and v.polarity == "recommended"), None)
    if verdict is None:
        return phrase.source
    return f"{verdict.polarity} ({verdict.rule}: {verdict.cue})" if verdict.cue else f"{verdict.polarity} ({verdict.rule})"


def _log_rule(article: Article, template: JournalTemplate) -> str:
    for step in article.plan:
        for action in step.actions:
            if action.line == template.line:
                reader = next((r for r in READERS if r(action, step) is not None), None)
                if reader is not None:
                    return reader.__name__
    return "practice_log" if template.id == "practice-log" else "journal log"


def _grounding(quote: str, line_text: str) -> str:
    """The quoted sentence when the line holds it as written, else the whole line (a quote joined
    from several sentences is grounded in all of them)."""
    return quote if quote and " ".join(quote.split()) in " ".join(line_text.split()) else line_text or quote


def reviewables(article: Article, *, schedule_items: bool = False, curated: Sequence[QuizItem] = ()) -> list[Reviewable]:
    """Everything the module would generate from ``article``, each with its sentence and rule."""
    lines = {b.line: b.text for b in article.owned_blocks()}
    found: list[Reviewable] = []
    rules = _quiz_rules(article, schedule_items)
    items = {i.id: i for i in generate_items(article, schedule_items=schedule_items)} | {i.id: i for i in curated}
    for item in items.values():
        rule = CURATED_RULE if item.source == "curated" else rules.get(item.id, "generated")
        found.append(Reviewable("quiz", item.id, rule, item.line, _grounding(item.quote, lines.get(item.line, "")),
                                _plain(item.to_dict())))
    verdicts = classify(article)
    for prompt in generate_prompts(article, verdicts):
        rule = PROMPT_RULES.get(prompt.id.split("-")[0], prompt.source)
        found.append(Reviewable("prompt", prompt.id, rule, prompt.line, lines.get(prompt.line, prompt.context), _plain(asdict(prompt))))
    for phrase in offered_phrases(verdicts):
        found.append(Reviewable("phrase", phrase_id(phrase.text), _phrase_rule(verdicts, phrase), phrase.line, phrase.text,
                                _plain(asdict(phrase))))
    for template in generate_templates(article):
        found.append(Reviewable("log", template.id, _log_rule(article, template), template.line,
                                lines.get(template.line, ""), _plain(asdict(template))))
    return found


def article_hashes(article: Article, made: Sequence[Reviewable]) -> set[str]:
    """Hashes of every line and sentence of the article and of what it generates now."""
    hashes = {r.hash for r in made}
    for block in article.owned_blocks():
        hashes.add(grounding_hash(block.text))
        hashes.update(grounding_hash(s) for s in split_sentences(block.text))
    return hashes


@dataclass(frozen=True)
class ReviewStatus:
    slug: str
    generated: int
    reviewed: int
    changed: tuple[Entry, ...]

    def __str__(self) -> str:
        """One line in the current language (the terminal's for ``check``, the module's on its sheet)."""
        return _("{slug}: {generated} generated, {reviewed} reviewed, {changed} changed in the article since review").format(
            slug=self.slug, generated=self.generated, reviewed=self.reviewed, changed=len(self.changed))


def review_status(article: Article, review: Review, made: Sequence[Reviewable]) -> ReviewStatus:
    """What ``relcourse check`` reports: reviewed entries whose sentence the article no longer holds are changed."""
    hashes = article_hashes(article, made)
    reviewed = [e for e in review.entries if e.status in REVIEWED]
    changed = tuple(e for e in reviewed if e.hash not in hashes)
    return ReviewStatus(article.slug, len(made), len(reviewed), changed)


def merged_entries(review: Review, made: Sequence[Reviewable]) -> list[Entry]:
    """The file ``relcourse review`` writes: every decision already taken, kept as it is; new things pending.

    A pending entry is refreshed from what is generated now; a reviewed one keeps its content,
    grounding and hash (so a change in the article still shows as changed).
    """
    entries: list[Entry] = []
    done: set[tuple[str, str]] = set()
    for thing in made:
        old = review.entry(thing.kind, thing.id)
        if old is not None and old.status in REVIEWED:
            entries.append(replace(old, rule=thing.rule, line=thing.line if old.hash == thing.hash else old.line))
        else:
            entries.append(Entry(thing.kind, thing.id, "pending", thing.rule, thing.line, thing.grounding, thing.hash,
                                 thing.content))
        done.add((thing.kind, thing.id))
    entries += [e for e in review.entries if (e.kind, e.id) not in done and e.status in REVIEWED]
    return entries


#: the file's opening comment, written in the module's language (keys and status values stay English: they are read back)
HEADER = N_("Review of module {slug}: for each entry set status to approved, edited (after changing\n"
            "its content) or rejected. Reviewed entries are used exactly as written here.\n"
            "'relcourse review' keeps your decisions and adds what is new as pending.")


def _round_trip() -> YAML:
    """ruamel.yaml in round-trip mode: a facilitator's comments and layout survive a rewrite."""
    writer = YAML()
    writer.width = 4096  # one line per value: ruamel folds long plain scalars with a space left at each line end
    writer.indent(mapping=2, sequence=2, offset=0)
    return writer


def dump_review(slug: str, entries: Sequence[Entry], previous: str = "") -> str:
    """The review file's text: a header saying what to do, then one mapping per entry.

    ``previous`` is the file as it was (already checked by :func:`load_review`): its entries are
    updated in place, so the comments a facilitator wrote beside a decision, inside an entry or
    between entries stay with that entry, and only the values that changed are rewritten.
    """
    writer = _round_trip()
    data = writer.load(previous) if previous.strip() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
        data.yaml_set_start_comment(_(HEADER).format(slug=slug))
    old = data.get("entries")
    old = old if isinstance(old, CommentedSeq) else CommentedSeq()
    nodes = {(n.get("kind"), n.get("id")): (i, n) for i, n in enumerate(old) if isinstance(n, CommentedMap)}
    comments = {i: old.ca.items[i] for i in list(old.ca.items) if isinstance(i, int)}
    placed: list[tuple[CommentedMap, Any]] = []
    for e in entries:
        fresh = _plain({"kind": e.kind, "id": e.id, "status": e.status, "rule": e.rule, "line": e.line,
                        "grounding": e.grounding, "hash": e.hash, "content": e.content})
        index, node = nodes.get((e.kind, e.id), (-1, None))
        if node is None:
            node = CommentedMap(fresh)
        for key, value in fresh.items():
            if key not in node or _plain(node[key]) != value:
                node[key] = value
        placed.append((node, comments.get(index)))
    for index in [i for i in old.ca.items if isinstance(i, int)]:
        del old.ca.items[index]
    old[:] = [node for node, _comment in placed]
    for index, (_node, comment) in enumerate(placed):
        if comment is not None:
            old.ca.items[index] = comment
    data["module"] = slug
    data["entries"] = old
    out = io.StringIO()
    writer.dump(data, out)
    return out.getvalue()
