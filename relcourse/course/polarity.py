"""Polarity of an article's quoted sentences and practice actions: what it recommends, what it warns against.

A generator may put a sentence in front of a client as something to say only when the article
recommends it. Every quotation is judged by the cue words around it in its own sentence (from the
lexicon's ``polarity:`` block, so Chinese and English are judged alike), and the rule and cue that
decided are kept, so ``relcourse check --polarity`` can show why. Anything in doubt is not
recommended: a discouraging cue anywhere before a quotation in its clause wins over a recommending one.

Cues reach only as far as the clause that introduces a quotation: a ";" ends a clause, an aside in
brackets followed by a comma keeps its cues to itself, and a label right before the quotation
("A complaint:", "Criticism:", "抱怨：", words of the lexicon's styles of speech) binds the quotation
after it alone.

Rules, in the order they are tried for each quotation:

- ``label``: a style of speech names it ("A complaint:" recommended; "Criticism:" is ``problem``);
- ``warned``: a discouraging cue before it ("Never ask", "Avoid sentences such as", "不要说");
- ``instead-of`` / ``not-but``: a pair opener before it ("Instead of X", "rather than X", "not X") —
  discouraged, and the next quotation (after a separator) is ``pair``: recommended, replacing X;
- ``problem``: it is labelled as what goes wrong ("… is criticism", "protest behaviour such as") — only
  when the problem word governs it: a problem the sentence avoids ("it bypasses the blame cycle",
  "without feeling blamed") decides nothing;
- ``suggested``: a recommending cue before it ("try saying", "say", "e.g.", "可以说"); in a case or the
  scenario a bare "say" is narration ("Lena would say"), so there only "instead of X, she said Y" counts;
- ``pair``: what replaces the quotation of a pair ("Instead of his usual X, he said: Y"; "Y rather than X"
  where Y has no cue of its own); the Chinese "与其X，不如Y" without quotation marks: Y, when it is a
  first-person sentence;
- ``list``: joined to the quotation before by "or" / "and" / a comma: the same verdict;
- ``guide-script`` / ``said-in-case`` / ``term``: no cue: the practice guide's own script is
  recommended, what a character says in a case or scenario is an example, a quoted term is neutral.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from relcourse.content.lexicon import LEXICONS
from relcourse.content.model import Article, Phrase
from relcourse.content.text import has_cjk, is_cut, quotations, sentence_key, split_sentences
from relcourse.course.quiz.words import quiz_words

Polarity = Literal["recommended", "discouraged", "example", "neutral"]
Source = Literal["scenario", "concepts", "practice", "cases", "experts", "summary", "faq", "try-this", "action"]
#: where a quotation without any cue is the article's own advice, an example of the problem, or a term
DEFAULT_BY_SOURCE: dict[str, tuple[Polarity, str]] = {
    "practice": ("recommended", "guide-script"),
    "try-this": ("recommended", "try-this"),
    "cases": ("example", "said-in-case"),
    "scenario": ("example", "said-in-case"),
}
#: cue classes of the lexicon, and what a quotation after them is
CUE_POLARITY: dict[str, Polarity] = {
    "discouraged": "discouraged", "pair_openers": "discouraged", "problem": "discouraged", "recommended": "recommended",
    "pair_switches": "neutral",
}
LIST_GAP_RE = re.compile(r"^[\s,、，/()（）]*(?:(?:or|and|nor|或|或者|和|以及)[\s,、，]*)?$", re.IGNORECASE)
CLAUSE_BREAK_RE = re.compile(r"[;；]")
SEPARATOR_RE = re.compile(r"[,，;；:：—–]")
FRAME_GAP_RE = re.compile(r"\[[^\]]*\]|【[^】]*】")
OPENING_MARKS = "\"“‘'「『"
#: an aside in brackets that a comma (or dash, semicolon) follows before the quotation: its cues stay inside it
ASIDE_RE = re.compile(r"[(（][^()（）]*[)）](?=[^()（）]*[,，;；—–])")
#: "I", "we", "you" (as words) or 我, 我们, 你 (anywhere): someone speaking to someone
SPEAKER_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for lex in LEXICONS.values() for w in lex.script_pronouns if not has_cjk(w)) + r")\b"
    "|" + "|".join(re.escape(w) for lex in LEXICONS.values() for w in lex.script_pronouns if has_cjk(w)),
    re.IGNORECASE,
)
#: an ellipsis or a bracketed gap left after the frame gaps are filled: a pattern, not words to say
SENTENCE_FRAME_RE = re.compile(r"……|\.\.\.|…(?=.)|\[[^\]]*\]")
#: a pause inside words someone says ("I just... I just need you"): between two words, not a blank to fill
HESITATION_RE = re.compile(r"(?<=[A-Za-z])(?:\.\.\.|…)(?=\s+[A-Za-z])")
#: what may stand right before a label: the start of the text between two quotations, or a separator
LABEL_START = r"(?:^|(?<=[.;:,—–(（，；。！？!?]))\s*"
#: sources that narrate what people said: a bare "say" there is the story, not the article's advice
NARRATED = frozenset({"cases", "scenario"})
#: where a recommended sentence is the article's own advice, whatever the rule: every other source
#: gives a card only through a pair or suggestion rule (never mere case speech)
CARD_SOURCES = frozenset({"practice", "try-this"})
CARD_RULES = frozenset({"pair", "suggested", "list"})


@dataclass(frozen=True)
class Verdict:
    """One quoted sentence or practice action, what it is, and the rule and cue that decided."""

    text: str
    polarity: Polarity
    rule: str
    cue: str
    line: int
    source: str
    speakable: bool = False  # someone could say it (a script), not a quoted term
    replaces: str = ""  # for a recommended sentence of an "instead of" pair: the sentence it replaces


@dataclass(frozen=True)
class _Cue:
    kind: str
    word: str
    start: int
    end: int


def _cue_pattern(word: str) -> str:
    """Whole words for Latin script; Chinese has no spaces, so a Chinese cue matches anywhere (see not_cues)."""
    escaped = re.escape(word)
    return escaped if has_cjk(word) else rf"(?<![\w’'-]){escaped}(?![\w’'-])"


@functools.cache
def _cues() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str] | None]:
    """One alternation of every language's cues (longest first), cue → class, and the words that are not cues."""
    kinds: dict[str, str] = {}
    masks: set[str] = set()
    for lex in LEXICONS.values():
        for kind, words in lex.polarity.items():
            if kind == "not_cues":
                masks.update(words)
                continue
            if kind not in CUE_POLARITY:
                continue  # pair_forms, speakers: read by _pair_forms
            for word in words:
                kinds.setdefault(word.lower(), kind)
    ordered = sorted(kinds, key=len, reverse=True)
    pattern = re.compile("|".join(_cue_pattern(w) for w in ordered), re.IGNORECASE)
    mask = re.compile("|".join(map(re.escape, sorted(masks, key=len, reverse=True)))) if masks else None
    return pattern, kinds, mask


@functools.cache
def _labels() -> tuple[re.Pattern[str], dict[str, bool]]:
    """A style of speech as a label ending right before a quotation ("A complaint:", "批评："), and
    label word → whether the article recommends that style (the lexicons' quiz styles: one table)."""
    use: dict[str, bool] = {}
    for lang in LEXICONS:
        for style in quiz_words(lang).styles:
            for word in style.words:
                use.setdefault(word.lower(), style.use)
    words = "|".join(re.escape(w) for w in sorted(use, key=len, reverse=True))
    pattern = re.compile(rf"{LABEL_START}(?:(?:an?|the)\s+)?(?P<word>{words})(?:s|es)?\s*[:：]\s*$", re.IGNORECASE)
    return pattern, use


def _label(gap: str) -> re.Match[str] | None:
    """The label that ends ``gap`` (the text right before a quotation), if it is one."""
    return _labels()[0].search(gap)


@functools.cache
def _pair_forms() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """(pair form, first-person words) of each language: "与其X，不如Y" without quotation marks."""
    forms = []
    for lex in LEXICONS.values():
        speakers = lex.polarity.get("speakers", ())
        if not speakers:
            continue
        speaker = re.compile("|".join(_cue_pattern(w) for w in sorted(speakers, key=len, reverse=True)), re.IGNORECASE)
        forms += [(re.compile(form), speaker) for form in lex.polarity.get("pair_forms", ())]
    return tuple(forms)


@functools.cache
def _words(kind: str) -> re.Pattern[str] | None:
    """Every language's words of one extra polarity list (``counters``, ``speech_verbs``, ``relatives``)."""
    words = sorted({w for lex in LEXICONS.values() for w in lex.polarity.get(kind, ())}, key=len, reverse=True)
    return re.compile("|".join(_cue_pattern(w) for w in words), re.IGNORECASE) if words else None


def _has(kind: str, text: str) -> bool:
    """``text`` (cue-masked like :func:`cues_in`) holds a word of the ``kind`` list."""
    pattern = _words(kind)
    mask = _cues()[2]
    if mask is not None:
        text = mask.sub(lambda m: " " * len(m[0]), text)
    return pattern is not None and pattern.search(text) is not None


def _phrase_before(text: str, cue: _Cue) -> str:
    """The words of the cue's own phrase before it: back to the last separator or bracket."""
    return re.split(r"[,，;；:：—–()（）、]", text[: cue.start])[-1]


def _governing(text: str, cues: list[_Cue]) -> list[_Cue]:
    """The cues that speak of the quotation: a problem the phrase says is avoided ("bypasses the
    defensive blame cycle", "without feeling blamed or defensive", "绕开了互相指责") is left out."""
    return [c for c in cues if c.kind != "problem" or not _has("counters", _phrase_before(text, c))]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces: cue words inside quotations are the speaker's, not the guide's."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def cues_in(text: str) -> list[_Cue]:
    """The cue words in ``text`` (already without quotations), in order."""
    pattern, kinds, mask = _cues()
    if mask is not None:
        text = mask.sub(lambda m: " " * len(m[0]), text)
    return [_Cue(kinds[m[0].lower()], m[0], m.start(), m.end()) for m in pattern.finditer(text)]


def discouraging(text: str) -> str:
    """The first warning ("never", "avoid", "不要") in ``text`` outside its quotations, or "": for generators
    that quote no sentence. A named problem ("without blame") or a pair ("rather than") is not a warning here."""
    plain = _blank(text, quotations(text))
    return next((c.word for c in cues_in(plain) if c.kind == "discouraged"), "")


def speakable(quote: str, *, replacement: bool = False) -> bool:
    """A sentence someone could say, not a quoted term ("security moments", “安全时刻”); a format with
    blanks ("When [situation], I feel [sensation].") counts, a pattern to fill in ("我感到……我需要……") does not.

    A quotation is someone speaking when it says "I", "we" or "you"; a ``replacement`` (the article
    says to say it instead of another: 与其说“…”，不如说“今天路上还顺利吗？”) needs no pronoun."""
    filled = FRAME_GAP_RE.sub("it", quote).strip()
    text = filled.rstrip(",，")
    if SENTENCE_FRAME_RE.search(HESITATION_RE.sub(",", text)):
        return False
    speaking = replacement or bool(SPEAKER_RE.search(text))
    if has_cjk(text[:1]):
        return len(text) >= 4 and speaking and text[-1] in "。！？…"
    return len(text.split()) >= 2 and text[:1].isupper() and speaking and (text[-1] in ".!?" or filled.endswith(","))


def _judge_gap(gap: str, source: str = "") -> tuple[Polarity, str, str] | None:
    """The verdict the cues before a quotation give it, or None when there is no cue."""
    label = _label(gap)
    if label is not None:  # "A complaint: …", "Criticism: …": the label alone decides
        word = label["word"]
        return ("recommended", "label", word) if _labels()[1][word.lower()] else ("discouraged", "problem", word)
    clause = CLAUSE_BREAK_RE.split(gap)[-1]  # "Do not criticise; say …": the clause of the quotation
    clause = ASIDE_RE.sub(lambda m: " " * len(m[0]), clause)  # "(… not rehearsal of accusations), and the return ("
    found = _governing(clause, [c for c in cues_in(clause) if c.kind != "pair_switches"])
    if not found:
        return None
    last = found[-1]
    against = [c for c in found if CUE_POLARITY[c.kind] == "discouraged"]
    if CUE_POLARITY[last.kind] == "recommended":
        if not against:  # in a story a bare "say" is narration: "Lena would say …"
            return None if source in NARRATED else ("recommended", "suggested", last.word)
        opener = against[-1]
        named = against[0].kind == "pair_openers" and all(c.kind in ("pair_openers", "problem") for c in against)
        if named and SEPARATOR_RE.search(clause[opener.end : last.start]):
            # "Instead of criticising, say …": the pair opener is about the unquoted words
            return "recommended", "suggested", last.word
        return "discouraged", "warned", opener.word  # "Never ask …", "notice the urge to ask …"
    openers = [c for c in against if c.kind == "pair_openers"]
    if openers and all(c.kind in ("pair_openers", "problem") for c in against[against.index(openers[-1]) :]):
        # "rather than X", "not as ammunition (X) but …": the pair opener governs the problem word after it
        word = openers[-1].word
        return "discouraged", "not-but" if word.lower() in ("not", "不是") else "instead-of", word
    if last.kind == "problem":
        return "discouraged", "problem", last.word
    return "discouraged", "warned", against[-1].word


def _judge_after(after: str) -> str:
    """A problem cue right after the quotation, in its clause: '"You never listen" is criticism.'

    Not after a pair opener: in '"I am scared" rather than blame' the blame is what it replaces; not a
    label of the next quotation: in '"…" A criticism: "…"' the criticism is the next one."""
    label = _label(after)
    if label is not None:
        after = after[: label.start("word")]
    clause = CLAUSE_BREAK_RE.split(after)[0]
    for cue in _governing(clause, cues_in(clause)):
        if cue.kind == "pair_openers":
            return ""
        if cue.kind == "problem":
            return cue.word
    return ""


def _switches(gap: str) -> bool:
    """"not X but Y", "不是X，而是Y": the words that turn from what a pair replaces to what replaces it."""
    return any(c.kind == "pair_switches" for c in cues_in(gap))


def classify_text(text: str, line: int, source: str) -> list[Verdict]:
    """Every quotation of a paragraph, sentence by sentence (the one quote-aware splitter)."""
    verdicts: list[Verdict] = []
    sentences = split_sentences(text)
    for number, sentence in enumerate(sentences):
        following = sentences[number + 1] if number + 1 < len(sentences) else ""
        verdicts += _paired(_classify_sentence(sentence, following, line, source) or _unquoted_pair(sentence, line, source))
    return verdicts


def _unquoted_pair(sentence: str, line: int, source: str) -> list[Verdict]:
    """"与其指责他，不如说我很累，需要你帮忙。": Y is a sentence to say when it speaks as "I" / "we";
    X is what it replaces when X is itself someone speaking. Anything else yields nothing."""
    for form, speaker in _pair_forms():
        found = form.search(sentence.strip())
        if found is None or not speaker.search(found["y"]):
            continue
        said, instead = found["y"].strip(), found["x"].strip(" ,，")
        cue = sentence[found.start("cue") : found.end("cue")]
        opener = sentence[found.start("opener") : found.end("opener")]
        replaced = [Verdict(instead, "discouraged", "instead-of", opener, line, source, True)] if speakable(instead + "。") else []
        return [*replaced, Verdict(said, "recommended", "pair", cue, line, source, speakable(said) or speakable(said + "。"))]
    return []


def _classify_sentence(sentence: str, following: str, line: int, source: str) -> list[Verdict]:
    """``following`` is the next sentence: '像“你从来不听我说话。”这样的话是批评' labels the quotation after its end."""
    spans = [(s, e) for s, e in quotations(sentence) if e - s > 2]
    plain = _blank(sentence, spans)
    verdicts: list[Verdict] = []
    previous: Verdict | None = None
    pair: Verdict | None = None
    for index, (start, end) in enumerate(spans):
        raw = sentence[start + 1 : end - 1]
        quote = raw.strip().rstrip(",，")
        gap = plain[spans[index - 1][1] if index else 0 : start]
        if index + 1 < len(spans):
            after = plain[end : spans[index + 1][0]]
        elif plain[end:] or not has_cjk(following[:1]):
            after = plain[end:]  # an English sentence after it is a new one ("…: "X." The avoidant … contempt")
        else:  # Chinese: '像“你从来不听我说话。”这样的话是批评' goes on after the quotation's own end mark
            after = _blank(following, quotations(following))[: (quotations(following) or [(len(following), 0)])[0][0]]
        can_say = speakable(raw)
        judged: tuple[Polarity, str, str] | None = _judge_gap(gap, source)
        if judged is None and previous is not None and LIST_GAP_RE.match(gap):
            judged = previous.polarity, previous.rule if previous.rule != "pair" else "list", previous.cue
        elif judged is None and pair is not None and (SEPARATOR_RE.search(gap) or _switches(gap)):
            judged = "recommended", "pair", pair.cue
        elif judged is None and previous is not None and previous.rule == "warned" and _switches(gap):
            judged = "recommended", "pair", previous.cue  # "他不再说“X”，而是说“Y”"
        if judged is None:
            default = DEFAULT_BY_SOURCE.get(source, ("neutral", "term"))
            judged = (default[0], default[1], "") if can_say or default[0] == "example" else ("neutral", "term", "")
        polarity, rule, cue = judged
        if polarity != "discouraged" and (label := _judge_after(after)):
            polarity, rule, cue = "discouraged", "problem", label
        verdict = Verdict(quote, polarity, rule, cue, line, source, can_say)
        if rule == "instead-of" and previous is not None and previous.rule in UNCUED and _opens_with_pair(gap):
            # '("I am scared of losing you") rather than ("You are failing me")': the first replaces the second
            verdicts[-1] = replace(previous, polarity="recommended", rule="pair", cue=cue)
        verdicts.append(verdict)
        if rule in ("instead-of", "not-but"):
            pair = verdict
        elif polarity == "recommended":
            pair = None
        previous = verdict
    return verdicts


#: rules of a quotation no cue decided: a pair opener right after it makes it the recommended half
UNCUED = frozenset({"term", "said-in-case", "guide-script"})


def _opens_with_pair(gap: str) -> bool:
    """The text between two quotations starts (after brackets and separators) with a pair opener."""
    found = cues_in(gap)
    return bool(found) and found[0].kind == "pair_openers" and not gap[: found[0].start].strip(" ,，;；()（）—–")


def _paired(verdicts: list[Verdict]) -> list[Verdict]:
    """In one sentence, a recommended quotation replaces the discouraged one next to it:
    "Do not say X; say Y", "Instead of X, try Y" (the one before) or "Say Y rather than X" (the one after)."""
    out = list(verdicts)
    before: Verdict | None = None  # the nearest discouraged quotation so far (one pass: linear in the quotations)
    for index, v in enumerate(out):
        if v.polarity == "discouraged":
            before = v
        if v.polarity != "recommended":
            continue
        after = out[index + 1] if index + 1 < len(out) and out[index + 1].rule == "instead-of" else None
        replaced = before or after
        if replaced is not None:  # a replacement counts as said even without its end mark: "不如说“我想你了”"
            said = v.speakable or any(speakable(v.text + end, replacement=True) for end in ("", "。" if has_cjk(v.text) else "."))
            out[index] = replace(v, replaces=replaced.text, speakable=said)
    return out


def classify_action(text: str, line: int) -> list[Verdict]:
    """Each sentence of a practice action: an instruction to follow, unless its opening clause warns
    against something said ("Never ask “…”", "Notice the urge to criticise"). A warning about how to
    practise ("Do not attempt all steps at once") is an instruction; a warning word inside a relative
    clause ("wounds that never fully healed") or a problem the action avoids ("without feeling blamed")
    warns of nothing. Actions are never phrases either way."""
    verdicts = []
    for sentence in split_sentences(text):
        spans = quotations(sentence)
        plain = _blank(sentence, spans)
        clause = re.split(r"[,，:：—–;；]", plain, maxsplit=1)[0]
        against = [c for c in _governing(clause, cues_in(clause)) if c.kind in ("discouraged", "problem")
                   and not _has("relatives", clause[: c.start])]
        speech = next((c for c in against if c.kind == "problem" or _has("speech_verbs", plain[c.end :])
                       or any(start >= c.end for start, _ in spans)), None)
        if speech is not None:
            verdicts.append(Verdict(sentence, "discouraged", "warned-speech", speech.word, line, "action"))
        else:
            verdicts.append(Verdict(sentence, "recommended", "instruction" if against else "guide-action",
                                    against[0].word if against else "", line, "action"))
    return verdicts


def _paragraphs(article: Article) -> Iterator[tuple[str, int, str]]:
    """(text, line, source) of everything that may quote someone, in reading order."""
    for section in article.sections:
        for block in section.blocks:
            yield block.text, block.line, section.kind
    for item in article.faq:
        for block in item.answer:
            yield block.text, block.line, "faq"


#: the verdicts of each article object, computed once (the quiz, prompts, cards, check and review all ask)
_CLASSIFIED: dict[int, list[Verdict]] = {}


def classify(article: Article) -> list[Verdict]:
    """Every quoted sentence and practice action of ``article``, with its polarity and the rule that decided.

    Computed once per article object (a parsed article is never changed afterwards); each caller gets
    its own list."""
    key = id(article)
    found = _CLASSIFIED.get(key)
    if found is None:
        found = _CLASSIFIED[key] = _classify(article)
        weakref.finalize(article, _CLASSIFIED.pop, key, None)
    return list(found)


def _classify(article: Article) -> list[Verdict]:
    verdicts = [v for text, line, source in _paragraphs(article) for v in classify_text(text, line, source)]
    for line in article.try_this:
        rule: tuple[Polarity, str] = ("neutral", "cut-teaser") if is_cut(line) else ("recommended", "try-this")
        verdicts.append(Verdict(str(line), rule[0], rule[1], "", line.line, "try-this", speakable(line)))
    verdicts += [v for step in article.plan for action in step.actions for v in classify_action(action, action.line)]
    return _overruled(verdicts)


def _overruled(verdicts: list[Verdict]) -> list[Verdict]:
    """A sentence the article warns against anywhere is never recommended elsewhere in it."""
    warned = {sentence_key(v.text): v for v in verdicts if v.polarity == "discouraged" and v.source != "action"}
    out = []
    for v in verdicts:
        against = warned.get(sentence_key(v.text))
        if v.polarity == "recommended" and against is not None:
            v = replace(v, polarity="discouraged", rule="warned-elsewhere", cue=f"line {against.line}: {against.cue}", replaces="")
        out.append(v)
    return out


def is_recommended(verdicts: list[Verdict], text: str) -> bool:
    """The article recommends saying ``text`` (a quotation of its own); unknown text is not."""
    key = sentence_key(text)
    found = [v for v in verdicts if v.source != "action" and sentence_key(v.text) == key]
    return bool(found) and all(v.polarity == "recommended" for v in found)


def offered_phrases(verdicts: list[Verdict]) -> list[Phrase]:
    """Sentences to put on a card: recommended scripts of the practice guide, the page's own "try this
    sentence", and elsewhere (a case, an expert's advice) a sentence recommended by a pair or a
    suggestion ("Instead of his usual X, he said: Y"; never what someone merely says in a story); each
    once, never shortened (a long script is shown in full), with the sentence each replaces when the
    article pairs them."""
    seen: set[str] = set()
    phrases = []
    for v in verdicts:
        if v.polarity != "recommended" or not v.speakable or v.source == "action":
            continue
        if v.source not in CARD_SOURCES and v.rule not in CARD_RULES:
            continue
        key = sentence_key(v.text)
        if key not in seen:
            seen.add(key)
            phrases.append(Phrase(v.text, v.line, "try-this" if v.source == "try-this" else "script", v.replaces))
    return sorted(phrases, key=lambda p: p.line)


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    """How many quotations (not actions) of each polarity: for ``relcourse check``."""
    tally = dict.fromkeys(("recommended", "discouraged", "example", "neutral"), 0)
    for v in verdicts:
        if v.source != "action":
            tally[v.polarity] += 1
    return tally


def listing(slug: str, verdicts: list[Verdict]) -> list[str]:
    """``relcourse check --polarity``: the counts, then one line per quotation or warned action and the rule that decided."""
    from relcourse.i18n import N_, _  # labels in the terminal's language; rules, cues and sources are the lexicon's own words

    words = {"recommended": N_("recommended"), "discouraged": N_("discouraged"), "example": N_("example"), "neutral": N_("neutral")}
    tally = counts(verdicts)
    lines = [_("{slug}: polarity: {counts}").format(slug=slug, counts=_(", ").join(
        _("{count} {polarity}").format(count=n, polarity=_(words[kind])) for kind, n in tally.items()))]
    for v in verdicts:
        if v.source == "action" and v.polarity != "discouraged":
            continue  # actions to do are the plan itself; the warned ones are listed
        why = f"{v.rule}: {v.cue}" if v.cue else v.rule
        instead = _(" (replaces “{text}”)").format(text=v.replaces) if v.replaces else ""
        lines.append(f"  {slug}:{v.line}: {_(words[v.polarity])} [{why}] {v.source}: “{v.text}”{instead}")
    return lines
