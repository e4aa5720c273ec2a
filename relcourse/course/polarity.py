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
- ``problem``: it is labelled as what goes wrong ("… is criticism", "protest behaviour such as");
- ``suggested``: a recommending cue before it ("try saying", "say", "e.g.", "可以说");
- ``pair``: the Chinese "与其X，不如Y" without quotation marks: Y, when it is a first-person sentence;
- ``list``: joined to the quotation before by "or" / "and" / a comma: the same verdict;
- ``guide-script`` / ``said-in-case`` / ``term``: no cue: the practice guide's own script is
  recommended, what a character says in a case or scenario is an example, a quoted term is neutral.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from relcourse.content.lexicon import LEXICONS
from relcourse.content.model import Article, Phrase
from relcourse.content.text import has_cjk, is_cut, quotations, split_sentences
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
#: what may stand right before a label: the start of the text between two quotations, or a separator
LABEL_START = r"(?:^|(?<=[.;:,—–(（，；。！？!?]))\s*"


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
    if SENTENCE_FRAME_RE.search(text):
        return False
    speaking = replacement or bool(SPEAKER_RE.search(text))
    if has_cjk(text[:1]):
        return len(text) >= 4 and speaking and text[-1] in "。！？…"
    return len(text.split()) >= 2 and text[:1].isupper() and speaking and (text[-1] in ".!?" or filled.endswith(","))


def _judge_gap(gap: str) -> tuple[Polarity, str, str] | None:
    """The verdict the cues before a quotation give it, or None when there is no cue."""
    label = _label(gap)
    if label is not None:  # "A complaint: …", "Criticism: …": the label alone decides
        word = label["word"]
        return ("recommended", "label", word) if _labels()[1][word.lower()] else ("discouraged", "problem", word)
    clause = CLAUSE_BREAK_RE.split(gap)[-1]  # "Do not criticise; say …": the clause of the quotation
    clause = ASIDE_RE.sub(lambda m: " " * len(m[0]), clause)  # "(… not rehearsal of accusations), and the return ("
    found = [c for c in cues_in(clause) if c.kind != "pair_switches"]
    if not found:
        return None
    last = found[-1]
    against = [c for c in found if CUE_POLARITY[c.kind] == "discouraged"]
    if CUE_POLARITY[last.kind] == "recommended":
        if not against:
            return "recommended", "suggested", last.word
        opener = against[-1]
        named = against[0].kind == "pair_openers" and all(c.kind in ("pair_openers", "problem") for c in against)
        if named and SEPARATOR_RE.search(clause[opener.end : last.start]):
            # "Instead of criticising, say …": the pair opener is about the unquoted words
            return "recommended", "suggested", last.word
        return "discouraged", "warned", opener.word  # "Never ask …", "notice the urge to ask …"
    if last.kind == "pair_openers" or (against and against[-1].kind == "pair_openers"):
        word = against[-1].word
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
    for cue in cues_in(CLAUSE_BREAK_RE.split(after)[0]):
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
        else:
            after = plain[end:] or _blank(following, quotations(following))[: (quotations(following) or [(len(following), 0)])[0][0]]
        can_say = speakable(raw)
        judged: tuple[Polarity, str, str] | None = _judge_gap(gap)
        if judged is None and previous is not None and LIST_GAP_RE.match(gap):
            judged = previous.polarity, previous.rule if previous.rule != "pair" else "list", previous.cue
        elif judged is None and pair is not None and (SEPARATOR_RE.search(gap) or _switches(gap)):
            judged = "recommended", "pair", pair.cue
        if judged is None:
            default = DEFAULT_BY_SOURCE.get(source, ("neutral", "term"))
            judged = (default[0], default[1], "") if can_say or default[0] == "example" else ("neutral", "term", "")
        polarity, rule, cue = judged
        if polarity != "discouraged" and (label := _judge_after(after)):
            polarity, rule, cue = "discouraged", "problem", label
        verdict = Verdict(quote, polarity, rule, cue, line, source, can_say)
        verdicts.append(verdict)
        if rule in ("instead-of", "not-but"):
            pair = verdict
        elif polarity == "recommended":
            pair = None
        previous = verdict
    return verdicts


def _paired(verdicts: list[Verdict]) -> list[Verdict]:
    """In one sentence, a recommended quotation replaces the discouraged one next to it:
    "Do not say X; say Y", "Instead of X, try Y" (the one before) or "Say Y rather than X" (the one after)."""
    out = list(verdicts)
    for index, v in enumerate(out):
        if v.polarity != "recommended":
            continue
        before = next((w for w in reversed(out[:index]) if w.polarity == "discouraged"), None)
        after = out[index + 1] if index + 1 < len(out) and out[index + 1].rule == "instead-of" else None
        replaced = before or after
        if replaced is not None:  # a replacement counts as said even without its end mark: "不如说“我想你了”"
            said = v.speakable or any(speakable(v.text + end, replacement=True) for end in ("", "。" if has_cjk(v.text) else "."))
            out[index] = replace(v, replaces=replaced.text, speakable=said)
    return out


def classify_action(text: str, line: int) -> list[Verdict]:
    """Each sentence of a practice action: something to do, unless it opens with (or is) a warning."""
    verdicts = []
    for sentence in split_sentences(text):
        plain = _blank(sentence, quotations(sentence))
        clause = re.split(r"[,，:：—–;；]", plain, maxsplit=1)[0]
        against = [c for c in cues_in(clause) if c.kind in ("discouraged", "problem")]
        if against:
            verdicts.append(Verdict(sentence, "discouraged", "warned-action", against[0].word, line, "action"))
        else:
            verdicts.append(Verdict(sentence, "recommended", "guide-action", "", line, "action"))
    return verdicts


def _paragraphs(article: Article) -> Iterator[tuple[str, int, str]]:
    """(text, line, source) of everything that may quote someone, in reading order."""
    for section in article.sections:
        for block in section.blocks:
            yield block.text, block.line, section.kind
    for item in article.faq:
        for block in item.answer:
            yield block.text, block.line, "faq"


def classify(article: Article) -> list[Verdict]:
    """Every quoted sentence and practice action of ``article``, with its polarity and the rule that decided."""
    verdicts = [v for text, line, source in _paragraphs(article) for v in classify_text(text, line, source)]
    for line in article.try_this:
        rule: tuple[Polarity, str] = ("neutral", "cut-teaser") if is_cut(line) else ("recommended", "try-this")
        verdicts.append(Verdict(str(line), rule[0], rule[1], "", line.line, "try-this", speakable(line)))
    verdicts += [v for step in article.plan for action in step.actions for v in classify_action(action, action.line)]
    return _overruled(verdicts)


def _key(text: str) -> str:
    """Two sentences are the same card when they differ only in case, spacing or end punctuation."""
    return " ".join(text.casefold().split()).strip(" .!?,。！？，")


def _overruled(verdicts: list[Verdict]) -> list[Verdict]:
    """A sentence the article warns against anywhere is never recommended elsewhere in it."""
    warned = {_key(v.text): v for v in verdicts if v.polarity == "discouraged" and v.source != "action"}
    out = []
    for v in verdicts:
        against = warned.get(_key(v.text))
        if v.polarity == "recommended" and against is not None:
            v = replace(v, polarity="discouraged", rule="warned-elsewhere", cue=f"line {against.line}: {against.cue}", replaces="")
        out.append(v)
    return out


def is_recommended(verdicts: list[Verdict], text: str) -> bool:
    """The article recommends saying ``text`` (a quotation of its own); unknown text is not."""
    key = _key(text)
    found = [v for v in verdicts if v.source != "action" and _key(v.text) == key]
    return bool(found) and all(v.polarity == "recommended" for v in found)


def offered_phrases(verdicts: list[Verdict]) -> list[Phrase]:
    """Sentences to put on a card: recommended scripts of the practice guide and the page's own
    "try this sentence", each once, never shortened (a long script is shown in full), with the
    sentence each replaces when the article pairs them."""
    seen: set[str] = set()
    phrases = []
    for v in verdicts:
        if v.polarity != "recommended" or not v.speakable or v.source not in ("practice", "try-this"):
            continue
        key = _key(v.text)
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
    tally = counts(verdicts)
    lines = [f"{slug}: polarity: " + ", ".join(f"{n} {kind}" for kind, n in tally.items())]
    for v in verdicts:
        if v.source == "action" and v.polarity != "discouraged":
            continue  # actions to do are the plan itself; the warned ones are listed
        why = f"{v.rule}: {v.cue}" if v.cue else v.rule
        instead = f" (replaces “{v.replaces}”)" if v.replaces else ""
        lines.append(f"  {slug}:{v.line}: {v.polarity} [{why}] {v.source}: “{v.text}”{instead}")
    return lines
