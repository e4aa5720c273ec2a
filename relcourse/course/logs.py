"""Journal templates: the structured logs an article asks the reader to keep.

Readers (a registry, tried in order on every practice action; the first that recognises
an action wins) turn the kinds of log the wiki describes into forms: "record three
'security moments' — …", "Record four specific elements: (1) … (2) …", and any other
instruction to write something down regularly ("Each evening, write down three bids you
made and three you received, and how each was answered."). Every module also gets a
practice log, which covers "record your reactions after each attempt".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from relcourse.content.lexicon import LEXICONS
from relcourse.content.model import Article, Step
from relcourse.content.text import quotations, split_sentences
from relcourse.content.text import slugify as _slug
from relcourse.course.ids import unique_ids
from relcourse.i18n import N_, _, use_language
from relcourse.store.rows import ENTRY_COLUMNS, RESULT_TEMPLATE

FieldKind = Literal["text", "longtext", "choice", "scale"]
WORDS = LEXICONS["en"]  # the cue words below are English; other languages' are in their lexicon
NUMBERS = WORDS.numbers
COUNTED_RE = re.compile(
    r"record (?P<n>two|three|four|five|\d) [\"“](?P<what>[^\"”]+)[\"”]\s*[—–:-]\s*(?P<desc>[^.]+)", re.IGNORECASE
)
ELEMENTS_RE = re.compile(r"record (?P<n>two|three|four|five|six|\d) (?:specific )?(?:elements|things)", re.IGNORECASE)
ENUMERATED_RE = re.compile(r"\((?P<k>\d)\)\s*(?P<label>[^—–:(]+?)\s*[—–:]\s*(?P<desc>.*?)(?=\(\d\)\s|$)")
CHOICES_RE = re.compile(r"do you (?P<list>(?:\w+ \([^)]*\),? )+(?:or )?\w+)")
EITHER_RE = re.compile(r"feel (?P<a>\w+) or (?P<b>\w+)")
WRITE_RE = re.compile(
    rf"\b(?:{'|'.join(map(re.escape, WORDS.write_verbs))})\s+(?P<what>[^.;:!?]+)", re.IGNORECASE
)
CADENCES = WORDS.log_cadences  # pattern, title, once a day?
#: a label's trailing note in brackets, full-width or not ("(0 = awful, 10 = great)", "（0 = 很糟，10 = 很好）")
SCALE_NOTE_RE = re.compile(r"\s*[（(][^（()）]*[)）]\s*$")
PRACTICE_LOG_RE = re.compile(r"after each (?:attempt|practice|exercise|try)", re.IGNORECASE)
JOURNAL_RE = re.compile("|".join(WORDS.log_places), re.IGNORECASE)
COUNT_RE = re.compile(r"^(?P<n>two|three|four|five|six|[2-6])\s+(?P<rest>.+)$", re.IGNORECASE)
DETERMINERS = WORDS.log_determiners
STOP_WORDS = WORDS.log_stop_words
PERSON = WORDS.first_person
PARTS_RE = re.compile(rf",?\s+(?:{'|'.join(WORDS.log_joiners)})\s+|,\s+")  # "…, and how each was answered"


#: a choice with more options than this, or any option longer, is picked from a list in the
#: notebook and written in on paper; a shorter one is buttons, or boxes to tick
SHORT_CHOICE = (4, 24)


def long_choice(options: Sequence[str]) -> bool:
    """The one rule for both the journal form and the printed journal page (e.g. the plan's steps)."""
    most, longest = SHORT_CHOICE
    return len(options) > most or any(len(option) > longest for option in options)


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: FieldKind = "text"
    options: tuple[str, ...] = ()
    help: str = ""

    @property
    def long_choice(self) -> bool:
        return self.kind == "choice" and long_choice(self.options)


@dataclass(frozen=True)
class JournalTemplate:
    id: str
    title: str
    instructions: str
    fields: tuple[Field, ...]
    daily: bool = True
    line: int = 0
    steps: tuple[int, ...] = ()  # indexes of the plan steps that ask for this log
    chart_category: str | tuple[str, ...] | None = None  # choice field(s) to count by value
    chart_value: str | None = None  # scale field to plot over time
    chart_label: str = ""

    def _label(self, field_id: str) -> str:
        return next((f.label for f in self.fields if f.id == field_id), field_id.replace("_", " "))

    @property
    def category_title(self) -> str:
        """The count chart's title: the article's own question, else 'By' the counted field's label."""
        first = self.chart_category if isinstance(self.chart_category, str) else (self.chart_category or ("",))[0]
        if self.chart_label or not first:
            return self.chart_label
        label = self._label(first)
        return _("By {field}").format(field=label[:1].lower() + label[1:])

    @property
    def value_title(self) -> str:
        """The plotted field's label without its scale note: 'How I felt afterwards (0 = …)' → 'How I felt afterwards'."""
        return SCALE_NOTE_RE.sub("", self._label(self.chart_value)) if self.chart_value else ""


def _field_id(text: str) -> str:
    """Field ids are snake_case: they are the keys of a saved entry."""
    return _slug(text, "_")


def _capitalised(text: str) -> str:
    """First letter up, the rest as written ('bid I made', not str.capitalize's 'bid i made')."""
    return text[:1].upper() + text[1:]


def counted_log(action: str, step: Step) -> JournalTemplate | None:
    """'Daily, record three "security moments" — what … made you feel secure or insecure.'"""
    match = COUNTED_RE.search(action)
    if not match:
        return None
    count = NUMBERS.get(match["n"].lower()) or int(match["n"])
    what = match["what"].strip()
    singular = what[:-1] if what.endswith("s") else what
    either = EITHER_RE.search(match["desc"])
    fields: list[Field] = []
    for n in range(1, count + 1):
        fields.append(Field(f"{_field_id(singular)}_{n}", f"{singular.capitalize()} {n}", "text", help=match["desc"].strip()))
        if either:
            fields.append(Field(f"felt_{n}", f"Felt {either['a']} or {either['b']}?", "choice", (either["a"], either["b"])))
    choices = tuple(f.id for f in fields if f.kind == "choice")
    return JournalTemplate(
        _slug(what), f"Daily log: {count} {what}", action, tuple(fields), daily="daily" in action.lower(), line=step.line,
        chart_category=choices or None, chart_label=f"{either['a'].capitalize()} or {either['b']}?" if either else "",
    )


def _field_from_element(label: str, desc: str) -> Field:
    clean = re.sub(r"^(the precise|the|your|any)\s+", "", label.strip(), flags=re.IGNORECASE)
    choices = CHOICES_RE.search(desc)
    if choices:
        options = tuple(re.findall(r"(\w+) \(", choices["list"])) + tuple(re.findall(r"or (\w+)$", choices["list"]))
        return Field(_field_id(clean), clean.capitalize(), "choice", options, desc.split("?")[0] + "?")
    first = re.split(r"(?<=[?.])\s", desc.strip())[0]
    return Field(_field_id(clean), clean.capitalize(), "longtext", help=first)


def element_log(action: str, step: Step) -> JournalTemplate | None:
    """'Record four specific elements: (1) The precise trigger—… (2) Your somatic experience—…'"""
    match = ELEMENTS_RE.search(action)
    if not match:
        return None
    elements = list(ENUMERATED_RE.finditer(action[match.end():]))
    if len(elements) < 2:
        return None
    fields = [_field_from_element(e["label"], e["desc"]) for e in elements]
    choice = next((f.id for f in fields if f.kind == "choice"), None)
    fields.append(Field("intensity", "Intensity (0 = barely noticeable, 10 = overwhelming)", "scale"))
    activated = "activat" in action.lower()
    title = "Activation journal" if activated else f"{step.kind} {step.number} journal"
    return JournalTemplate(
        "activation-journal" if activated else _slug(title), title, action[: match.end() + 1].strip(), tuple(fields),
        daily=False, line=step.line, chart_category=choice, chart_value="intensity",
    )


#: verbs that agree with "you" but not with "I": 'what you were afraid of' → 'what I was afraid of'
AGREEMENT = {"I were": "I was", "I are": "I am", "were I": "was I", "are I": "am I", "I're": "I'm"}
AGREEMENT_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, AGREEMENT)) + r")\b")


def _first_person(text: str) -> str:
    """'bids you made' → 'bids I made': labels are in the learner's voice, with the verb agreeing."""
    text = re.sub(r"\b(you|your|yours|yourself)\b", lambda m: PERSON[m[1].lower()], text)
    return AGREEMENT_RE.sub(lambda m: AGREEMENT[m[0]], text)


def _singular(noun: str) -> str:
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _head(words: list[str]) -> int:
    """How many words the noun phrase at the start has: 'kind things your partner did' → 2."""
    stop = next((i for i, word in enumerate(words) if word.lower() in STOP_WORDS), len(words))
    return max(stop, 1)


def counted_noun(what: str) -> str | None:
    """'two kind things your partner did' → 'kind things'."""
    counted = COUNT_RE.match(what)
    if not counted:
        return None
    words = counted["rest"].split()
    return " ".join(words[: _head(words)])


def _log_fields(what: str) -> tuple[Field, ...]:
    """'three bids you made and three you received, and how each was answered' → one field per thing to write."""
    fields: list[Field] = []
    noun = ""
    for part in PARTS_RE.split(what.strip()):
        part = part.strip()
        if not part:
            continue
        counted = COUNT_RE.match(part)
        if counted:
            words = counted["rest"].split()
            if words[0].lower() in PERSON and noun:  # "three you received": the noun of the part before
                words = [*noun.split(), *words]
            head = _head(words)
            noun = " ".join(words[:head])
            label = _first_person(" ".join([*words[: head - 1], _singular(words[head - 1]), *words[head:]]))
            count = NUMBERS.get(counted["n"].lower()) or int(counted["n"])
            for n in range(1, count + 1):
                fields.append(Field(f"{_field_id(label)}_{n}", f"{_capitalised(label)} {n}", "text"))
        else:
            label = _first_person(part)
            fields.append(Field(_field_id(label)[:40], _capitalised(label), "longtext"))
    return tuple(unique_ids(fields, separator="_"))  # field ids are snake_case


def _is_instruction(sentence: str, match: re.Match[str]) -> bool:
    """'note what happened' asks to write; 'leave a note for them' does not ('a log of …' does)."""
    before = sentence[: match.start()].split()[-1:]
    noun_use = bool(before) and before[0].lower() in DETERMINERS
    return not noun_use or match["what"].lower().startswith("of ")


def written_log(action: str, step: Step) -> JournalTemplate | None:
    """Any instruction to write something down regularly or in a journal, read sentence by sentence.

    'Each evening, write down three bids you made and three you received, and how each was answered.'
    'Note what happened afterwards in your journal.'  'Write down each time you say "…".'
    Reactions after each attempt are the practice log's; 'Write three phrases on a card' is an exercise.
    """
    for sentence in split_sentences(action):
        match = next((m for m in WRITE_RE.finditer(sentence) if _is_instruction(sentence, m)), None)
        if not match or PRACTICE_LOG_RE.search(sentence):
            continue
        cadence = next(((t, d) for pattern, t, d in CADENCES if re.search(pattern, sentence, re.IGNORECASE)), None)
        in_journal = JOURNAL_RE.search(sentence)
        if cadence is None and not in_journal:
            continue
        title, daily = cadence or (_step_journal(step), False)
        what = JOURNAL_RE.sub("", sentence[match.start("what"):]).strip(" ,.")
        what = re.sub(r"^(?:(?:a |an |the )?(?:\w+ )?(?:log|journal|record) )?of\s+", "", what, flags=re.IGNORECASE)
        if re.match(r"(?:each|every) time\b|whenever\b", what, re.IGNORECASE) or re.search(r"[\"“]", what):
            # a log of moments: when it happened and what followed
            fields: tuple[Field, ...] = _moment_fields(sentence)
        else:
            fields = _log_fields(what)
        if not fields:
            continue
        noun = counted_noun(what)
        if noun:
            title = title.replace(WORDS.log_word, f"{noun} {WORDS.log_word}")
        return JournalTemplate(_slug(title), title, action, fields, daily=daily, line=step.line)
    return None


def _moment_fields(sentence: str) -> tuple[Field, ...]:
    """A log of moments ('each time you say "…"'): when it happened and what followed."""
    return (Field("when", _("When and where"), "text", help=sentence),
            Field("what_happened", _("What happened"), "longtext", help=sentence))


def _step_journal(step: Step) -> str:
    """'Step 2 journal' / '第2步日志': a log asked for in a journal without a cadence."""
    return _("{kind} {number} journal").format(kind=step.kind, number=step.number)


ZH = LEXICONS["zh"]  # the Chinese reader's cue words


def _alternation(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


ZH_WRITE_RE = re.compile(_alternation(ZH.write_verbs))
ZH_PLACE_RE = re.compile("|".join(ZH.log_places))
ZH_PERSON_RE = re.compile(_alternation(list(ZH.first_person)))
ZH_PARTS_RE = re.compile(r"[，,；;、]")
ZH_JOINER_RE = re.compile(rf"^(?:{_alternation(ZH.log_joiners)})+")
ZH_COUNTED_RE = re.compile(rf"^(?P<pre>.*?)(?P<n>{_alternation(list(ZH.numbers))}|[2-6])"
                           rf"(?:{_alternation(ZH.log_counters)})(?P<noun>.+)$")
#: a part that says where to write before what ('再在下面写出…') loses that lead-in up to its verb
ZH_LEAD_IN = 8
#: a counted noun's head (after its last 的) this long names the log ('三个邀请' → '晚间邀请记录',
#: '两件伴侣为你做的小事' → '每周小事记录')
ZH_TITLE_NOUN = (2, 4)


def _masked(sentence: str) -> str:
    """The sentence with its quotations blanked (same length): cue words inside them are someone's words."""
    chars = list(sentence)
    for start, end in quotations(sentence):
        chars[start:end] = "\0" * (end - start)
    return "".join(chars)


def _zh_fields(what: str) -> tuple[tuple[Field, ...], str]:
    """'今天注意到的三个邀请，以及你当时是怎样回应的' → fields in the learner's voice, and the counted noun."""
    fields: list[Field] = []
    noun = ""
    for part in ZH_PARTS_RE.split(what):
        verb = ZH_WRITE_RE.search(part)
        if verb and verb.start() <= ZH_LEAD_IN:
            part = part[verb.end():]
        part = ZH_PERSON_RE.sub(lambda m: ZH.first_person[m[0]], ZH_JOINER_RE.sub("", part.strip())).strip()
        if not part:
            continue
        counted = ZH_COUNTED_RE.match(part)
        if counted:
            label = f"{counted['pre']}{counted['noun']}"
            noun = noun or counted["noun"]
            count = ZH.numbers.get(counted["n"]) or int(counted["n"])
            fields.extend(Field(f"{_field_id(label)[:40]}_{n}", f"{label} {n}", "text") for n in range(1, count + 1))
        else:
            fields.append(Field(_field_id(part)[:40], part, "longtext"))
    return tuple(unique_ids(fields, separator="_")), noun


def written_log_zh(action: str, step: Step) -> JournalTemplate | None:
    """The Chinese form of :func:`written_log`, with the cue words of ``zh.yaml``.

    '每天晚上写下今天注意到的三个邀请，以及你当时是怎样回应的。'  '在日记里记下说完以后发生了什么。'
    '写下三句你说得出口的修复的话' (no cadence, no journal) is an exercise.
    """
    for sentence in split_sentences(action):
        masked = _masked(sentence)
        verb = next((m for m in ZH_WRITE_RE.finditer(masked)
                     if not masked[: m.start()].endswith(tuple(ZH.log_determiners))), None)
        if verb is None:
            continue
        cadence = next(((t, d) for pattern, t, d in ZH.log_cadences if re.search(pattern, masked)), None)
        if cadence is None and not ZH_PLACE_RE.search(masked):
            continue
        title, daily = cadence or (_step_journal(step), False)
        what = ZH_PLACE_RE.sub("", sentence[verb.end():]).strip(" 。！？!?.,，")
        fields = _moment_fields(sentence) if quotations(what) else None
        noun = ""
        if fields is None:
            fields, noun = _zh_fields(what)
        if not fields:
            continue
        head = noun.rsplit("的", 1)[-1]
        if ZH_TITLE_NOUN[0] <= len(head) <= ZH_TITLE_NOUN[1]:
            title = title.replace(ZH.log_word, f"{head}{ZH.log_word}")
        return JournalTemplate(_slug(title), title, action, fields, daily=daily, line=step.line)
    return None


#: tried in order on each practice action; the first that recognises it wins
READERS: list[Callable[[str, Step], JournalTemplate | None]] = [counted_log, element_log, written_log, written_log_zh]


def practice_log(article: Article) -> JournalTemplate:
    steps = tuple(s.title for s in article.plan)
    return JournalTemplate(
        "practice-log", _("Practice log"),
        _("After each practice attempt, note what you tried and what you noticed, not to judge whether you did well, "
          "but to understand each other better."),
        (Field("step", _("Step"), "choice", steps) if steps else Field("step", _("What I practised"), "text"),
         Field("tried", _("What I tried"), "text"),
         Field("noticed", _("What I noticed, in me and between us"), "longtext"),
         Field("feeling", _("How I felt afterwards (0 = very bad, 10 = very good)"), "scale")),
        daily=True, line=article.plan[0].line if article.plan else 0,
        chart_category="step" if steps else None, chart_value="feeling",
    )


#: care a sensitive record asks for: lexicon ``care:`` key → what the field or log says to the learner
CARE_NOTES = {
    "early_experience": N_("Gently: write only what feels safe to recall; skip this if it is distressing."),
    "partner_tally": N_("Observe, don't keep score: this is for noticing patterns together, not for building a case."),
}
YES_NO = (N_("yes"), N_("no"))


def _cues(key: str) -> tuple[str, ...]:
    return tuple(cue.lower() for lex in LEXICONS.values() for cue in lex.care.get(key, ()))


def _mentions(text: str, key: str) -> bool:
    low = text.lower()
    return any(cue in low for cue in _cues(key))


def with_care(template: JournalTemplate) -> JournalTemplate:
    """Short clinical caveats where a log asks for sensitive records, and a yes/no answer where it asks
    "whether you kept it" (a free-text box invites a verdict on oneself)."""
    fields = []
    gently, no_score = (_(CARE_NOTES[key]) for key in ("early_experience", "partner_tally"))
    yes_no = tuple(map(_, YES_NO))
    for f in template.fields:
        if _mentions(f"{f.label} {f.help}", "early_experience") and gently not in f.help:
            f = replace(f, help=f"{f.help} {gently}".strip())
        if _mentions(template.instructions, "kept") and _mentions(f.label, "kept_label"):
            f = replace(f, kind="choice", options=yes_no)
        fields.append(f)
    if _mentions(template.instructions, "kept") and not any(f.options == yes_no for f in fields):
        fields.append(Field("kept", _("Did I keep it?"), "choice", yes_no))
    instructions = template.instructions
    if _mentions(instructions, "partner_tally") and no_score not in instructions:
        instructions = f"{instructions} {no_score}"
    return replace(template, fields=tuple(fields), instructions=instructions)


def generate_templates(article: Article) -> list[JournalTemplate]:
    """The article's logs and the practice log, the kit's labels and caveats in the article's language."""
    with use_language(article.lang):
        return _article_templates(article)


def _article_templates(article: Article) -> list[JournalTemplate]:
    found: dict[str, JournalTemplate] = {}
    steps_for: dict[str, list[int]] = {}
    for index, step in enumerate(article.plan):
        for action in step.actions:
            template = next((t for reader in READERS if (t := reader(action, step)) is not None), None)
            if template is None:
                continue
            if template.id in found and found[template.id].fields != template.fields:
                # another log with the same name ("Daily log") asks for other things: keep both
                template = replace(template, id=f"{template.id}-{step.kind.lower()}-{step.number}")
            found.setdefault(template.id, template)
            steps_for.setdefault(template.id, []).append(index)
    templates = [with_care(replace(t, steps=tuple(sorted(set(steps_for[t.id]))))) for t in found.values()]
    return [_storable(t) for t in [*templates, practice_log(article)]]


def _storable(template: JournalTemplate) -> JournalTemplate:
    """Field ids never take a name the store keeps for the entry itself (an article's "(2) The module—…"
    made a field ``module``, and the store refused every save): such a field becomes ``module_field``;
    nor does a log take the self-check's stored-result name (its entries would be checked as takes)."""
    if template.id == RESULT_TEMPLATE:
        template = replace(template, id=f"{template.id}-log")
    renamed = {f.id: f"{f.id}_field" for f in template.fields if f.id in ENTRY_COLUMNS}
    if not renamed:
        return template
    category = template.chart_category
    return replace(
        template, fields=tuple(replace(f, id=renamed.get(f.id, f.id)) for f in template.fields),
        chart_category=renamed.get(category, category) if isinstance(category, str)
        else tuple(renamed.get(c, c) for c in category) if category else category,
        chart_value=renamed.get(template.chart_value, template.chart_value) if template.chart_value else None)


def template_days(article: Article, template: JournalTemplate) -> int:
    """How many days of log pages a handout needs: the span of the steps that ask for it, else the whole plan."""
    steps = [article.plan[i] for i in template.steps] or article.plan
    ends = [s.duration for s in steps if s.duration and s.duration.end]
    starts = [s.duration for s in steps if s.duration and s.duration.start]
    if not ends or not starts:
        return 7
    first = min((d.start - 1) * (7 if d.unit == "week" else 1) for d in starts if d.start)
    last = max(d.end * (7 if d.unit == "week" else 1) for d in ends if d.end)
    return max(7, last - first)
