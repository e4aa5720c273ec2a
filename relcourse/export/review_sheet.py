"""The facilitator's review sheet (``exports/review/<slug>.html``): every generated thing of a
module beside the sentence it came from, the rule that made it and its review status.

A page to read with the article open, before approving entries in ``content/reviewed/<slug>.yaml``.
Every value comes from content, so every value goes through :func:`relcourse.escape.html_text`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from relcourse.course.review import Entry, ReviewStatus
from relcourse.escape import html_text

#: section headings of the sheet, in order
KIND_TITLES = {"quiz": "Quiz items", "prompt": "Reflection prompts", "phrase": "Phrase cards", "log": "Journal logs"}

STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left}
.status-rejected{color:#8a1c1c}.status-approved,.status-edited{color:#1c5e1c}.changed{background:#fff3cd}
pre{white-space:pre-wrap;margin:0;font-size:.85rem}"""


def _shown(content: dict[str, Any]) -> str:
    """What the module will use, field by field (empty fields left out)."""
    shown = {k: v for k, v in content.items() if v not in ("", [], None, 0) and k not in ("id", "line", "source")}
    return json.dumps(shown, ensure_ascii=False, indent=1)


def render_review_sheet(title: str, status: ReviewStatus, entries: Sequence[Entry], review_file: str) -> str:
    """The sheet as one HTML page."""
    changed = {(e.kind, e.id) for e in status.changed}
    parts = [
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Review: {html_text(title)}</title>"
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Review: {html_text(title)}</h1>",
        f"<p>{html_text(str(status))}.</p>",
        f"<p>Decide each entry in <code>{html_text(review_file)}</code>: set <code>status</code> to approved, edited "
        "(after changing its <code>content</code>) or rejected. Reviewed entries are used exactly as written there.</p>",
    ]
    for kind, heading in KIND_TITLES.items():
        rows = [e for e in entries if e.kind == kind]
        if not rows:
            continue
        parts.append(f"<h2>{heading} ({len(rows)})</h2><table><tr><th>id</th><th>status</th><th>rule</th>"
                     "<th>line</th><th>sentence it came from</th><th>what the module uses</th></tr>")
        for e in rows:
            flag = " class='changed'" if (e.kind, e.id) in changed else ""
            note = " (changed in the article since review)" if flag else ""
            parts.append(
                f"<tr{flag}><td>{html_text(e.id)}</td><td class='status-{html_text(e.status)}'>{html_text(e.status + note)}</td>"
                f"<td>{html_text(e.rule)}</td><td>{e.line}</td><td>{html_text(e.grounding)}</td>"
                f"<td><pre>{html_text(_shown(e.content))}</pre></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
