"""A learner's JupyterLab, tried by keyboard, in the dark theme, with axe-core, a download and a draft.

One JupyterLab and one browser session per scenario (see lab.py); screenshots of each step go
to exports/screens/ (not committed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ..conftest import ROOT
from .lab import SCREENS, browser_page, jupyterlab, run_all

pytestmark = pytest.mark.e2e

MODULE = "security-and-needs-133"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
DRAFT = "I noticed I wanted to fix it before she finished"

#: WCAG 2.1 contrast of every visible piece of text in relcourse widgets against the colour behind it
CONTRAST_JS = """() => {
  const rgba = (c) => {  // rgb()/rgba(), or color(srgb r g b / a) as color-mix() computes
    const n = (c.match(/[\\d.]+/g) || []).map(Number);
    return c.startsWith('color(') ? n.map((v, i) => (i < 3 ? v * 255 : v)) : n;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, below) => {
    const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a));
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c.length && (c.length < 4 || c[3] > 0)) { layers.push(c); if (c.length < 4 || c[3] === 1) break; }
    }
    let colour = [255, 255, 255];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const found = [];
  for (const el of document.querySelectorAll('.relcourse-widget *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.offsetParent || el.closest(':disabled, .rc-sr-only')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) < 0.1) continue;
    const bg = background(el);
    const fg = over(rgba(style.color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    found.push({text: el.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100, need: large ? 3 : 4.5});
  }
  return found;
}"""

#: elements of relcourse widgets wider than the space they are given (a horizontal scrollbar or a clipped border)
OVERFLOW_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output')]
  .filter((out) => out.querySelector('.relcourse-widget'))
  .flatMap((out) => [out, ...out.querySelectorAll('.relcourse-widget *')].filter((el) => {
      const box = out.getBoundingClientRect(), r = el.getBoundingClientRect();
      return el.offsetParent && (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible'
                                 || r.right > box.right + 0.5);
  }).map((el) => el.className || el.tagName))"""


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENS / f"{name}.png"))


def first_choice_question(page: Any) -> Any:
    question = page.locator(".relcourse-widget", has=page.locator(".widget-radio-box")).first
    question.scroll_into_view_if_needed()
    return question


def test_keys_in_a_quiz_never_edit_the_notebook(tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with jupyterlab(tmp_path, MODULE) as lab, browser_page(lab) as page:
        page.goto(str(lab["url"]))
        run_all(page)
        cells = page.locator(".jp-Notebook .jp-Cell")
        before = cells.count()
        question = first_choice_question(page)
        radios = question.locator("input[type=radio]")
        prompt = (question.locator(".rc-question").text_content() or "").strip()
        assert prompt.startswith("Question")
        radios.first.focus()
        for keys in (("d", "d"), ("b",), ("a",), ("x",), ("m",)):  # delete, insert below/above, cut, to markdown
            for key in keys:
                page.keyboard.press(key)
            expect(cells).to_have_count(before)
            expect(page.locator(".rc-question", has_text=prompt)).to_have_count(1)
        shot(page, "keyboard-01-after-d-d-b")
        # one radio group: arrow keys move the choice within it, Tab leaves it
        names = radios.evaluate_all("els => els.map(e => e.name)")
        assert len(set(names)) == 1 and names[0], names
        page.keyboard.press("ArrowDown")
        expect(radios.nth(1)).to_be_checked()
        assert radios.nth(1).evaluate("e => e === document.activeElement")
        assert question.locator("[role=radiogroup]").get_attribute("aria-label")
        page.keyboard.press("Tab")
        assert not radios.evaluate_all("els => els.includes(document.activeElement)")
        question.get_by_role("button", name="Check").click()  # the choice made by arrow key reached the kernel
        expect(question).not_to_contain_text("Choose an answer first")
        expect(question).to_contain_text(re.compile("Correct|Not quite"))
        shot(page, "keyboard-02-arrow-and-tab")
        # Ctrl+S still saves the notebook from inside a widget
        radios.nth(1).focus()
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)


def test_dark_theme_text_is_readable(tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with jupyterlab(tmp_path, MODULE, theme="JupyterLab Dark") as lab, browser_page(lab) as page:
        page.goto(str(lab["url"]))
        run_all(page)
        assert page.evaluate("document.body.dataset.jpThemeLight") == "false"
        question = first_choice_question(page)
        question.locator("input[type=radio]").first.check()
        question.get_by_role("button", name="Check").click()  # feedback text in its tone
        page.locator(".rc-card").first.scroll_into_view_if_needed()
        shot(page, "dark-01-phrase-cards")
        form = page.locator(".relcourse-widget", has=page.get_by_role("button", name="Save entry")).first
        form.scroll_into_view_if_needed()
        form.locator("input[type='text'], textarea").first.fill("a moment")
        form.get_by_role("button", name="Save entry").click()
        chart = form.locator(".rc-chart")  # the chart's container: its summary is measured below with the rest
        expect(chart.locator("img.rc-chart-dark")).to_be_visible()
        expect(chart.locator("img.rc-chart-light")).to_be_hidden()
        assert chart.locator("img.rc-chart-dark").get_attribute("alt")
        expect(chart.locator(".rc-chart-summary")).to_contain_text("1 entry")
        chart.scroll_into_view_if_needed()
        shot(page, "dark-02-chart")
        measured = page.evaluate(CONTRAST_JS)
        assert any(m["text"].startswith("1 entry") for m in measured), measured  # the chart's summary was measured
        assert len(measured) > 20, measured  # the widgets' text was found
        low = [m for m in measured if m["ratio"] < m["need"]]
        assert low == [], low


def test_axe_finds_no_serious_problem_after_run_all(tmp_path: Path) -> None:
    if not AXE.exists():
        pytest.skip("axe-core not installed: run 'npm ci' (scripts/setup does)")
    with jupyterlab(tmp_path, MODULE) as lab, browser_page(lab) as page:
        page.goto(str(lab["url"]))
        run_all(page)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run({include: [['.relcourse-widget']]}, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
        }""")
        (SCREENS / "axe-violations.json").write_text(json.dumps(result, indent=1))
        serious = [v for v in result if v["impact"] in ("serious", "critical")]
        assert serious == [], serious
        for width in (1000, 1600):
            page.set_viewport_size({"width": width, "height": 900})
            first_choice_question(page)
            shot(page, f"layout-{width}px")
            assert page.evaluate(OVERFLOW_JS) == [], f"wider than the notebook at {width} px"


def test_calendar_is_a_browser_download(tmp_path: Path) -> None:
    with jupyterlab(tmp_path, MODULE) as lab, browser_page(lab) as page:
        page.goto(str(lab["url"]))
        run_all(page)
        link = page.get_by_role("link", name="Download calendar (.ics)")
        link.scroll_into_view_if_needed()
        shot(page, "download-01-plan")
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == f"{MODULE}-plan.ics"
        saved = tmp_path / "downloaded.ics"
        download.save_as(saved)
        text = saved.read_bytes().decode("utf-8")
        assert text.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in text
        assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
        assert not list(Path(str(lab["root"])).glob("*.ics"))  # nothing lands in the course folder
        assert page.locator(".jp-FileEditor").count() == 0  # and no editor tab opens


def test_unsaved_words_come_back_after_a_reload(tmp_path: Path) -> None:
    from playwright.sync_api import expect

    with jupyterlab(tmp_path, MODULE) as lab, browser_page(lab) as page:
        page.goto(str(lab["url"]))
        run_all(page)
        note = page.locator(".relcourse-widget", has=page.locator("textarea")).first
        note.scroll_into_view_if_needed()
        note.locator("textarea").press_sequentially(DRAFT, delay=20)
        expect(note).to_contain_text("Draft", timeout=10_000)  # written to the store as a draft
        shot(page, "draft-01-typed")
        page.reload()  # no Save, no Ctrl+S
        run_all(page)
        note = page.locator(".relcourse-widget", has=page.locator("textarea")).first
        note.scroll_into_view_if_needed()
        expect(note.locator("textarea")).to_have_value(DRAFT)
        expect(note).to_contain_text("not saved")
        shot(page, "draft-02-after-reload")
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)
    saved = (Path(str(lab["root"])) / f"{MODULE}.ipynb").read_text()
    assert DRAFT not in saved
    assert DRAFT not in Path(str(lab["log"])).read_text(errors="replace")
