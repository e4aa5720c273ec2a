"""A learner works through a module in JupyterLab, in a real (headless) Chromium.

Runs all cells (the view returns to the title), answers a quiz item wrongly (a link to its section
and a hint that gives nothing away) then rightly, saves a reflection and a journal entry, copies a
phrase, reloads, runs again and sees both; then checks the store and the saved .ipynb. What it
clicks is read from the module's notebook as built from the current content, not written here.
"""

from __future__ import annotations

import json
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
#: how far the notebook is scrolled (the windowed panel around the cells)
SCROLL_JS = "() => document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer').scrollTop"


def cells_of(root: Path, kind: str) -> list[dict[str, Any]]:
    """The relcourse metadata of every cell of that kind in the notebook the server opens."""
    notebook = nbformat.read(root / f"{MODULE}.ipynb", as_version=4)
    return [dict(c.metadata["relcourse"]) for c in notebook.cells if c.metadata.get("relcourse", {}).get("kind") == kind]


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
        template = cells_of(root, "journal")[0]
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
        note.locator("textarea").fill(REFLECTION)
        note.get_by_role("button", name="Save").click()
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
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)

    with Journal(Path(str(lab["home"])) / "journal.sqlite") as journal:
        assert journal.reflection(MODULE, prompt["prompt_id"]) == REFLECTION
        entries = journal.entries(MODULE, template["template_id"])
        assert list(entries[text_field["id"]]) == [MOMENT] and list(entries[choice_field["id"]]) == [choice_field["options"][0]]
        attempts = journal.attempts(MODULE)
        assert list(attempts[attempts["item_id"] == item.id]["correct"]) == [False, True]
    saved = (root / f"{MODULE}.ipynb").read_text()
    assert REFLECTION not in saved and MOMENT not in saved
    assert "widgets" not in json.loads(saved)["metadata"]
    server_log = Path(str(lab["log"])).read_text(errors="replace")
    assert REFLECTION not in server_log and MOMENT not in server_log
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
