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
from relcourse.i18n import N_, _, catalog_for, current_language

#: section headings of the sheet, in order (shown translated)
KIND_TITLES = {"quiz": N_("Quiz items"), "prompt": N_("Reflection prompts"), "phrase": N_("Phrase cards"), "log": N_("Journal logs")}
#: the columns of each section's table (shown translated)
COLUMNS = (N_("id"), N_("status"), N_("rule"), N_("line"), N_("sentence it came from"), N_("what the module uses"))
#: a status as the sheet names it; the review file keeps the English word, which is what it reads back
STATUS_WORDS = {"pending": N_("pending"), "approved": N_("approved"), "edited": N_("edited"), "rejected": N_("rejected")}

STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left}
td[class^=status-]{white-space:nowrap}.status-rejected{color:#8a1c1c}.status-approved,.status-edited{color:#1c5e1c}.changed{background:#fff3cd}
pre{white-space:pre-wrap;margin:0;font-size:.85rem}"""


def _shown(content: dict[str, Any]) -> str:
    """What the module will use, field by field (empty fields left out)."""
    shown = {k: v for k, v in content.items() if v not in ("", [], None, 0) and k not in ("id", "line", "source")}
    return json.dumps(shown, ensure_ascii=False, indent=1)


def _status(status: str, changed: bool) -> str:
    word = _(STATUS_WORDS[status]) if status in STATUS_WORDS else status
    return _("{status} (changed in the article since review)").format(status=word) if changed else word


def render_review_sheet(title: str, status: ReviewStatus, entries: Sequence[Entry], review_file: str) -> str:
    """The sheet as one HTML page, in the current language (the module's: see ``relcourse review``)."""
    changed = {(e.kind, e.id) for e in status.changed}
    heading = html_text(_("Review: {title}").format(title=title))
    lang = (catalog_for(current_language()) or current_language()).split("_")[0]
    code = f"<code>{html_text(review_file)}</code>"
    parts = [
        f"<!DOCTYPE html><html lang='{html_text(lang)}'><head><meta charset='utf-8'><title>{heading}</title>"
        f"<style>{STYLE}</style></head><body>",
        f"<h1>{heading}</h1>",
        f"<p>{html_text(str(status))}</p>",
        "<p>" + html_text(_("Decide each entry in {file}: set status to approved, edited (after changing its content) or "
                            "rejected. Reviewed entries are used exactly as written there.")).replace("{file}", code, 1) + "</p>",
    ]
    head = "".join(f"<th>{html_text(_(column))}</th>" for column in COLUMNS)
    for kind, kind_title in KIND_TITLES.items():
        rows = [e for e in entries if e.kind == kind]
        if not rows:
            continue
        section = _("{title} ({count})").format(title=_(kind_title), count=len(rows))
        parts.append(f"<h2>{html_text(section)}</h2><table><tr>{head}</tr>")
        for e in rows:
            flag = " class='changed'" if (e.kind, e.id) in changed else ""
            parts.append(
                f"<tr{flag}><td>{html_text(e.id)}</td><td class='status-{html_text(e.status)}'>{html_text(_status(e.status, bool(flag)))}</td>"
                f"<td>{html_text(_(e.rule) if e.rule else '')}</td><td>{e.line}</td><td>{html_text(e.grounding)}</td>"
                f"<td><pre>{html_text(_shown(e.content))}</pre></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
