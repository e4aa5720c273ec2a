"""Files offered as browser downloads: the bytes travel in the link, nothing is written to disk.

A file written by the kernel would land in the course folder (shared, often under version
control) and JupyterLab would open it in an editor tab. An ``<a download href="data:…">``
instead hands the bytes to the browser, which saves them where the learner keeps downloads.
ipywidgets' HTML widget sets its value as HTML without JupyterLab's sanitizer, so the
``download`` attribute and the ``data:`` address reach the page as written here.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from relcourse.escape import html_text


@dataclass(frozen=True)
class Download:
    """One file to offer: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes

    def href(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def download_link(download: Download, label: str) -> str:
    """An HTML link that saves ``download`` in the browser (name and label escaped as text)."""
    return (f'<a class="relcourse-download" download="{html_text(download.filename)}" '
            f'href="{download.href()}">{html_text(label)}</a>')


def decode_href(href: str) -> bytes:
    """The bytes of a ``data:…;base64,`` address (tests read downloads back with it)."""
    return base64.b64decode(href.split(";base64,", 1)[1])
