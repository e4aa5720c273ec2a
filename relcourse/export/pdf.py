"""Printing a handout's HTML to PDF with WeasyPrint, loading nothing from outside the package.

Apart from the nbconvert exporters, so ``relcourse export`` and the result card print without
importing nbconvert.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

TEMPLATES = Path(__file__).parent / "templates"
PACKAGE = Path(__file__).resolve().parent.parent
#: accessible print: WeasyPrint's PDF/UA-1 variant (structure tags, document language and title)
PDF_VARIANT = "pdf/ua-1"


def package_only(url: str) -> bool:
    """What a handout or result card may load while printing: embedded ``data:`` images and
    the package's own files. Never the network, never another file on the computer."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    return Path(url2pathname(parts.path)).resolve().is_relative_to(PACKAGE)


def html_to_pdf(html: str, target: Path | None = None) -> bytes:
    """Print HTML to PDF with WeasyPrint (in-process, no browser, no LaTeX), loading only
    what :func:`package_only` allows."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class PackageFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not package_only(url):
                raise ValueError(f"{url[:80]}: handouts load nothing from outside relcourse")
            return super().fetch(url, headers)

    # PDF/UA-1: tagged (headings, lists, tables readable by screen readers), with the page's
    # <title> as the document title shown by viewers and its lang as the document language
    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=PackageFetcher()).write_pdf(pdf_variant=PDF_VARIANT)
    if target is not None:
        target.write_bytes(pdf)
    return pdf
