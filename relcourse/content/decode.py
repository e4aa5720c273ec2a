"""Turn an article file's bytes into numbered text lines, or a clear error."""

from __future__ import annotations

from pathlib import Path

from relcourse.errors import ArticleError

BOM = "\ufeff"


def decode_article(data: bytes, path: Path | str) -> list[str]:
    """Decode UTF-8 (optional BOM, LF or CRLF) into lines; reject empty and binary files."""
    if not data.strip():
        raise ArticleError(path, 1, "the file is empty: export the article text from the wiki into it")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ArticleError(path, line, "binary data (NUL byte): this is not a text article; remove it from content/articles/")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArticleError(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}): save the article as UTF-8"
        ) from None
    if text.startswith(BOM):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_article_lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, 0, f"cannot read the file ({exc.strerror}): check it exists and is readable") from None
    return decode_article(data, path)
