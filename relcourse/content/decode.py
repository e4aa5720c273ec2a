"""Turn a content file's bytes into numbered text lines, or a clear error.

Content files are read only when they are regular files of a bounded size
(:func:`relcourse.files.read_regular_file`).
"""

from __future__ import annotations

from pathlib import Path

from relcourse.errors import ArticleError
from relcourse.files import FileRefused, read_regular_file
from relcourse.i18n import _

BOM = "\ufeff"
#: the longest wiki export seen is about 40 KB (the parser is benchmarked at 5 MB); far larger is not an article
MAX_ARTICLE_BYTES = 10_000_000
#: byte-order marks of encodings a text editor may choose instead of UTF-8
WIDE_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32",
             b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


def wide_encoding(data: bytes) -> str | None:
    """``"UTF-16"``/``"UTF-32"`` when the bytes look like one (a BOM, or NULs between ASCII letters)."""
    for bom, name in WIDE_BOMS.items():
        if data.startswith(bom):
            return name
    head = data[:200]
    if len(head) >= 4 and head.count(0) * 2 >= len(head) - 1 and (head[1::2].count(0) == len(head[1::2])
                                                                   or head[0::2].count(0) == len(head[0::2])):
        return "UTF-16"
    return None


def decode_article(data: bytes, path: Path | str) -> list[str]:
    """Decode UTF-8 (optional BOM, LF or CRLF) into lines; reject empty, wide-encoded and binary files."""
    wide = wide_encoding(data)
    if wide:
        raise ArticleError(path, 1, _("{encoding} text: save the article as UTF-8 (in the editor's 'Save as' encoding choice)").format(
            encoding=wide))
    if not data.strip():
        raise ArticleError(path, 1, _("the file is empty: export the article text from the wiki into it"))
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ArticleError(path, line, _("binary data (NUL byte): this is not a text article; remove it from content/articles/"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArticleError(
            path, line, _("not UTF-8 text (byte {byte}): save the article as UTF-8").format(byte=f"0x{data[exc.start]:02x}")
        ) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_article_lines(path: Path) -> list[str]:
    """The lines of one article file (a regular file of bounded size)."""
    try:
        data = read_regular_file(path, MAX_ARTICLE_BYTES)
    except FileRefused as exc:
        raise ArticleError(path, 0, exc.message) from None
    return decode_article(data, path)
