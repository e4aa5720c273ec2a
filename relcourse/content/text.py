"""Text utilities every stage shares: the one sentence splitter and the one slugify.

Kept in one place so that a quiz item, a journal form and a handout all agree on where a
sentence ends, in English and in Chinese.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

#: CJK ideographs (unified, extension A, compatibility): the one range every pattern of the kit uses
CJK_CHARS = "\u3400-\u9fff\uf900-\ufaff"
#: opening quote → its closing quote; a straight quote closes itself
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}
OPENING_RE = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")
#: Western ends need a space and a capital (or a quote / CJK character) after them: "e.g. so" goes on
LATIN_END_RE = re.compile(rf"[.!?…]+[\"”’'」』)]*(?=\s+[\"“‘'「『(]?[A-Z{CJK_CHARS}]|\s*$)")
#: Chinese ends need nothing after them, except a comma: “……吗？”，留意 goes on
CJK_END_RE = re.compile(r"[。！？]++[”’」』）)]*+(?![，、；：,;:])")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation whose closing mark exists; stray marks quote nothing.

    Single quotes count only as quotation marks around words (``'like this'``), never as the
    apostrophe of "don't" or "Su’s".
    """
    spans: list[tuple[int, int]] = []
    done = 0
    unclosed: set[str] = set()  # closing marks that no longer occur: later openings need no search
    for opening in OPENING_RE.finditer(text):
        index = opening.start()
        char = opening[0]
        close = QUOTE_PAIRS[char]
        if index < done or close in unclosed or (char in "'‘" and index > 0 and text[index - 1].isalnum()):
            continue
        end = text.find(close, index + 1)
        while end >= 0 and close in "'’" and end + 1 < len(text) and text[end + 1].isalpha():
            end = text.find(close, end + 1)  # an apostrophe ("don't"), not the closing mark
        if end < 0:
            unclosed.add(close)
            continue  # never closed: not a quotation
        spans.append((index, end + 1))
        done = end + 1
    return spans


#: double marks → the single ones a quotation inside a quotation takes (“…‘…’…”, 「…『…』…」)
NESTED_MARKS = {"“": ("”", "‘", "’"), "「": ("」", "『", "』")}


def nest_quotes(text: str) -> str:
    """A quotation inside a quotation takes the single marks: the kit's wording “…{quote}…” around an
    article's sentence that quotes someone reads “回家时让对方知道‘我看见你了’的一个小动作”.

    Only double marks are read (they face one way, so the depth is never in doubt; single ones are
    left alone, they may be apostrophes); a stray closing mark changes nothing."""
    out = []
    depth = dict.fromkeys(NESTED_MARKS, 0)
    closing = {marks[0]: opening for opening, marks in NESTED_MARKS.items()}
    for char in text:
        if char in NESTED_MARKS:
            depth[char] += 1
            out.append(char if depth[char] % 2 else NESTED_MARKS[char][1])
        elif char in closing and depth[closing[char]]:
            opening = closing[char]
            out.append(char if depth[opening] % 2 else NESTED_MARKS[opening][2])
            depth[opening] -= 1
        else:
            out.append(char)
    return "".join(out)


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in ``text``, marks included: the splitter's own rule, so a
    quotation never straddles two sentences."""
    return _quoted_spans(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, never cut inside a quotation.

    A sentence ends at ``.!?…`` followed by a space and a capital (English), or at ``。！？``
    (Chinese), together with any closing quote that follows the mark.
    """
    spans = _quoted_spans(text)
    starts = [start for start, _ in spans]

    def inside(match: re.Match[str]) -> bool:
        """The mark ends a sentence within a quotation, not the sentence that holds it (quotations
        are in order and never overlap, so only the last one opened before the mark can hold it)."""
        last = bisect.bisect_left(starts, match.start()) - 1
        return last >= 0 and match.end() < spans[last][1]

    cuts = sorted(
        match.end() for pattern in (LATIN_END_RE, CJK_END_RE) for match in pattern.finditer(text) if not inside(match)
    )
    pieces, start = [], 0
    for cut in cuts:
        if cut > start:
            pieces.append(text[start:cut])
            start = cut
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


#: what two copies of one sentence may differ by at their ends: spacing, end marks, quotation marks
KEY_STRIP = " .!?,;:。！？，；：…\"'“”‘’「」『』"


def sentence_key(text: str) -> str:
    """Two sentences are the same one (one card, one warned sentence) when they differ only in case,
    spacing, end punctuation or the quotation marks around them."""
    return " ".join(text.casefold().split()).strip(KEY_STRIP)


def first_sentence(text: str) -> str:
    """The first sentence, or the whole text when it has none."""
    found = split_sentences(text)
    return found[0] if found else text.strip()


#: what a wiki export cuts a text with (the page teaser, shortened phrases): the one list, for both tests below
CUT_MARKS = ("…", "...")
#: words a heading in title case writes small, except at its start
SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with"})


def is_cut(text: str) -> bool:
    """The text was shortened by the wiki ("…almost invisible erosi…"): never shown as a whole answer or prompt."""
    return text.rstrip().endswith(CUT_MARKS)


def shows_cut_mark(text: str) -> bool:
    """A cut mark anywhere: what no quiz option, answer or quoted sentence may show (it would read as cut)."""
    return any(mark in text for mark in CUT_MARKS)


def tidy_title_case(name: str) -> str:
    """'Gottman'S Bids And Turning Toward Research' → 'Gottman's Bids and Turning Toward Research'.

    Some wiki exports capitalise every word, even after an apostrophe; a name set into a sentence
    reads better without that. (Article text itself is always shown as written.)
    """
    name = re.sub(r"(?<=\w)['’]S\b", lambda m: m[0].lower(), name)
    words = name.split(" ")
    return " ".join([words[0], *(w.lower() if w.lower() in SMALL_WORDS else w for w in words[1:])])


def slugify(text: str, separator: str = "-") -> str:
    """Lower-case ASCII letters and digits joined by ``separator``; Chinese text is kept as written.

    ``Security_and_Needs`` → ``security-and-needs``; ``安全感与需求`` → ``安全感与需求``.
    """
    normal = unicodedata.normalize("NFKC", text).lower()
    return re.sub(f"[^a-z0-9{CJK_CHARS}]+", separator, normal).strip(separator)


CJK_RE = re.compile(f"[{CJK_CHARS}]")
LATIN_RE = re.compile(r"[A-Za-z]")


def has_cjk(text: str) -> bool:
    return CJK_RE.search(text) is not None


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters carry the text (one character says about as much as a
    five-letter word), else ``en``; English chrome or names in a Chinese article do not change it."""
    cjk = len(CJK_RE.findall(text))
    return "zh" if cjk and cjk * 5 >= len(LATIN_RE.findall(text)) else "en"
