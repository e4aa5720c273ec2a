"""A learner works through a module in JupyterLab, in a real (headless) Chromium.

Runs all cells (the view returns to the title), answers a quiz item wrongly (a link to its section
and a hint that gives nothing away) then rightly, saves a reflection and a journal entry, fills the
practice log fast and saves at once (Enter, Space, a click: the store holds exactly what was typed),
saves the notebook with Ctrl+S from inside a text box, copies a phrase, reloads, runs again, sees
the saved words and saves once more; asks the kernel whether every press (the session's first
included) acted on its echo and none on a timeout; then checks the store and the saved .ipynb. What it clicks is read from the
module's notebook as built from the current content, not written here.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from playwright.sync_api import expect

from relcourse.course.quiz.kinds import kind_of
from relcourse.course.quiz.model import QuizItem
from relcourse.store.journal import Journal

from ..conftest import ROOT
from .lab import CHROMIUM_FLAGS, SCREENS, browser_page, jupyterlab, need_chromium, run_all

pytestmark = pytest.mark.e2e

MODULE = "security-and-needs-133"
REFLECTION = "He named her fear instead of arguing with it"
MOMENT = "She texted when her train was late"
#: practice-log entries typed at full speed and saved at once: what I tried, what I noticed, the
#: slider's arrow presses from 5, how Save is pressed, and the order the inputs are filled in
FAST = [("安静地坐着，先听她说完", "肩膀放松了，她笑了两次", 3, "Enter", "slider first"),
        ("Asked what she needed before I answered", "We both slowed down; the kettle boiled over", -2, "Space", "texts first"),
        ("Named the fear out loud", "It felt awkward, then lighter", 1, "click", "texts first")]
#: typed into a practice-log box and never saved: Ctrl+S from that box saves the notebook without it
UNSAVED = "Still thinking about the drive home"
#: how far the notebook is scrolled (the windowed panel around the cells)
SCROLL_JS = "() => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop"


def cells_of(root: Path, kind: str) -> list[dict[str, Any]]:
    """The relcourse metadata of every cell of that kind in the notebook the server opens."""
    notebook = nbformat.read(root / f"{MODULE}.ipynb", as_version=4)
    return [dict(c.metadata["relcourse"]) for c in notebook.cells if c.metadata.get("relcourse", {}).get("kind") == kind]


def type_fast(page: Any, box: Any, text: str) -> None:
    """Type as a quick typist does: every character its own input event, no pause between them."""
    box.focus()
    page.keyboard.type(text)


def fast_entry(page: Any, log: Any, tried: str, noticed: str, steps: int, press: str, order: str) -> None:
    """Fill the practice log at full speed and press Save at once, waiting for nothing in between."""

    def slide() -> None:
        log.locator(".noUi-handle").focus()
        for _step in range(abs(steps)):
            page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")

    if order == "slider first":
        slide()
    type_fast(page, log.locator("input[type='text']"), tried)
    type_fast(page, log.locator("textarea"), noticed)
    if order == "texts first":
        slide()
    save = log.get_by_role("button", name="Save entry")
    if press == "click":
        save.click()
    else:
        save.focus()
        page.keyboard.press(press)


def saved_since(path: Path, mtime_ns: int, page: Any) -> bool:
    """Whether ``path`` was written after ``mtime_ns``, watched for at most ten seconds."""
    for _poll in range(100):
        if path.stat().st_mtime_ns != mtime_ns:
            return True
        page.wait_for_timeout(100)
    return False


def settle_counts(page: Any) -> tuple[int, int]:
    """How many Save presses acted on their echo and how many on a timeout (widgets.settle), asked
    of the kernel through a cell added at the end of the notebook."""
    last = page.locator(".jp-Notebook .jp-Cell").last
    last.scroll_into_view_if_needed()
    last.locator(".jp-InputPrompt").click()  # selects the cell, in command mode
    expect(page.locator(".jp-Notebook.jp-mod-commandMode")).to_have_count(1)
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("from relcourse.widgets.settle import AFTER_SYNC\n"
                              "print(f'settle:{AFTER_SYNC.echoed}:{AFTER_SYNC.timeouts}')")
    page.keyboard.press("Shift+Enter")
    output = page.locator(".jp-OutputArea-output", has_text="settle:")
    expect(output).to_have_count(1)
    match = re.search(r"settle:(\d+):(\d+)", output.inner_text())
    assert match, output.inner_text()
    return int(match[1]), int(match[2])


def test_learner_session(tmp_path: Path) -> None:
    started = time.monotonic()
    with jupyterlab(tmp_path, MODULE) as lab, browser_page(lab) as page:
        root = Path(str(lab["root"]))

        def shot(name: str) -> None:
            page.screenshot(path=str(SCREENS / f"{name}.png"))

        items = [QuizItem.from_dict(c["item"]) for c in cells_of(root, "quiz")]
        item = next(i for i in items if i.type == "single" and kind_of(i).hint(i))
        right, wrong = item.answer[0], next(o for o in item.options if o != item.answer[0])
        prompt = next(c for c in cells_of(root, "reflection") if c["source"] == "case")
        template, practice = cells_of(root, "journal")[:2]
        assert [f["kind"] for f in practice["fields"]] == ["choice", "text", "longtext", "scale"]
        text_field = template["fields"][0]
        assert text_field["kind"] == "text"
        choice_field = next(f for f in template["fields"] if f["kind"] == "choice")
        phrase = cells_of(root, "phrases")[0]["phrases"][0]["text"]

        page.goto(str(lab["url"]))
        run_all(page, shot)
        expect(page.locator(".rc-top")).to_have_count(1)
        page.wait_for_function(f"({SCROLL_JS})() === 0")  # Run All ends with the title in view
        expect(page.locator(".jp-MarkdownOutput h1").first).to_be_in_viewport()
        shot("01-module-after-run-all")
        # every quiz option and button label can be read whole (ipywidgets cuts labels with an ellipsis)
        cut = page.evaluate("""() => [...document.querySelectorAll(
                '.relcourse-widget .widget-radio-box label, .relcourse-widget .widget-label-basic, .relcourse-widget button')]
            .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent)""")
        assert cut == [], f"labels cut off: {cut}"

        question = page.locator(".relcourse-widget", has=page.get_by_label(wrong, exact=True)).first
        question.scroll_into_view_if_needed()
        question.get_by_label(wrong, exact=True).check()
        question.get_by_role("button", name="Check").click()
        expect(question).to_contain_text("Not quite")
        expect(question).to_contain_text(f"the sentence beginning “{kind_of(item).hint(item)} …”")
        expect(question.get_by_role("link", name=item.section)).to_have_count(1)
        shot("02-quiz-wrong")
        question.get_by_role("button", name="Try again").click()
        question.get_by_label(right, exact=True).check()
        question.get_by_role("button", name="Check").click()
        expect(question).to_contain_text("Correct")
        expect(question).to_contain_text(item.quote)  # the quoted passage
        shot("03-quiz-right")

        note = page.locator(".relcourse-widget", has_text=prompt["text"][:60]).first
        note.scroll_into_view_if_needed()
        type_fast(page, note.locator("textarea"), REFLECTION)
        note.get_by_role("button", name="Save").click()  # at once, while the last keystrokes are on their way
        expect(note).to_contain_text("Saved ✓")
        shot("04-reflection-saved")

        form = page.locator(".relcourse-widget", has_text=template["title"]).first
        form.scroll_into_view_if_needed()
        form.locator("input[type='text'], textarea").first.fill(MOMENT)  # the form's first field is its first text box
        form.get_by_role("button", name=choice_field["options"][0], exact=True).first.click()
        form.get_by_role("button", name="Save entry").click()
        expect(form).to_contain_text("Entry saved ✓")
        expect(form).to_contain_text(MOMENT)  # the table of past entries
        expect(form.locator(".rc-chart-summary")).to_contain_text("1 entry")  # the chart's text alternative
        shot("05-journal-saved")

        log = page.locator(".relcourse-widget", has=page.get_by_role("button", name="Save entry")).filter(
            has=page.locator(".noUi-handle")).first
        log.scroll_into_view_if_needed()
        for number, entry in enumerate(FAST, 1):
            fast_entry(page, log, *entry)
            expect(log.locator(".rc-chart-summary")).to_contain_text(f"{number} entr")  # saved, the form emptied
            expect(log.locator("input[type='text']")).to_have_value("")
        shot("05b-practice-log-saved-fast")

        notebook_file = root / f"{MODULE}.ipynb"
        before = notebook_file.stat().st_mtime_ns
        type_fast(page, log.locator("input[type='text']"), UNSAVED)
        page.keyboard.press("Control+s")  # the cursor is still in the text box
        assert saved_since(notebook_file, before, page), "Ctrl+S in a widget's text box did not save the notebook"
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)

        card = page.locator(".rc-copy").first
        card.scroll_into_view_if_needed()
        card.click()
        expect(card).to_have_text("Copied ✓")
        assert page.evaluate("navigator.clipboard.readText()") == phrase

        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)

        page.reload()
        run_all(page, shot)
        note = page.locator(".relcourse-widget", has_text=prompt["text"][:60]).first
        note.scroll_into_view_if_needed()
        expect(note.locator("textarea")).to_have_value(REFLECTION)
        form = page.locator(".relcourse-widget", has_text=template["title"]).first
        form.scroll_into_view_if_needed()
        expect(form).to_contain_text(MOMENT)
        shot("06-after-reload")
        note.scroll_into_view_if_needed()
        note.get_by_role("button", name="Save").click()  # a press from the reloaded page, same kernel
        expect(note).to_contain_text("Saved ✓")
        # every press, the session's first (a quiz Check) included, acted on its echo: none waited
        # for a timeout and then acted on whatever had arrived (2 quiz checks, 2 reflection saves,
        # the journal entry and the fast practice-log entries)
        assert settle_counts(page) == (5 + len(FAST), 0)
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)

    with Journal(Path(str(lab["home"])) / "journal.sqlite") as journal:
        assert journal.reflection(MODULE, prompt["prompt_id"]) == REFLECTION
        entries = journal.entries(MODULE, template["template_id"])
        assert list(entries[text_field["id"]]) == [MOMENT] and list(entries[choice_field["id"]]) == [choice_field["options"][0]]
        logged = journal.entries(MODULE, practice["template_id"])
        assert [tuple(row) for row in logged[["tried", "noticed", "feeling"]].itertuples(index=False)] == [
            (tried, noticed, 5 + steps) for tried, noticed, steps, _press, _order in FAST]
        for field in ("tried", "noticed"):  # what a save took is no draft; what was typed after it is
            assert journal.draft(MODULE, f"journal/{practice['template_id']}/{field}") == (UNSAVED if field == "tried" else None)
        attempts = journal.attempts(MODULE)
        assert list(attempts[attempts["item_id"] == item.id]["correct"]) == [False, True]
    saved = (root / f"{MODULE}.ipynb").read_text()
    assert REFLECTION not in saved and MOMENT not in saved and UNSAVED not in saved
    assert not any(words in saved for entry in FAST for words in entry[:2])
    assert "widgets" not in json.loads(saved)["metadata"]
    server_log = Path(str(lab["log"])).read_text(errors="replace")
    assert REFLECTION not in server_log and MOMENT not in server_log and UNSAVED not in server_log
    print(f"browser scenario took {time.monotonic() - started:.1f} s")


def test_handout_needs_no_network(tmp_path: Path) -> None:
    """Open the HTML handouts in Chromium with every network request cut: nothing is asked for."""
    from playwright.sync_api import sync_playwright

    from relcourse.export.run import export_handouts

    chromium = need_chromium()
    paths = export_handouts(ROOT / "notebooks", tmp_path, [MODULE], ["participant", "facilitator"], ["html"], show_progress=False)
    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        requests: list[str] = []

        def cut(route: Any) -> None:
            requests.append(route.request.url)
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                route.abort()  # the network is cut

        page.route("**/*", cut)
        for path in paths:
            requests.clear()
            page.goto(path.as_uri())
            assert page.locator("h1").first.inner_text().startswith("Security and Aging")
            assert requests == [path.as_uri()], requests
            page.screenshot(path=str(SCREENS / f"handout-{path.stem}.png"))
        browser.close()
