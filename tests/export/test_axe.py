"""HTML handouts checked with axe-core in Debian's Chromium: no serious or critical violations.

One browser session for every handout (both editions of the seed modules, the self-check and a
Chinese module). axe-core comes from ``npm ci`` (scripts/setup); the page loads nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from relcourse.course.loader import load_course_content
from relcourse.export.run import export_handouts, module_slugs
from relcourse.notebook.build import build_notebooks

from ..conftest import FIXTURES, ROOT, content_folder
from ..e2e.lab import CHROMIUM_FLAGS, find_chromium

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what}: the accessibility check must run in CI")
    pytest.skip(what)


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory, built_notebooks: Path) -> list[Path]:
    out = tmp_path_factory.mktemp("handouts")
    written = export_handouts(built_notebooks, out, module_slugs(built_notebooks), ["participant", "facilitator"], ["html"],
                              show_progress=False)
    zh = tmp_path_factory.mktemp("zh")
    course = load_course_content(content_folder(zh, [FIXTURES / "articles-zh" / "security-and-needs-088.txt"]))
    build_notebooks(course, zh / "nb")
    written += export_handouts(zh / "nb", out, [course.modules[0].slug], ["participant", "facilitator"], ["html"],
                               show_progress=False)
    return written


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Any]:
    chromium = find_chromium()
    if chromium is None:
        _missing("no Chromium found (install Debian's 'chromium' package, see README)")
    if not AXE.exists():
        _missing("axe-core missing: run 'npm ci' (scripts/setup does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page(bypass_csp=True)  # the handouts allow no script; axe is injected for the check
        finally:
            browser.close()


def _violations(page: Any, handout: Path) -> list[str]:
    page.goto(handout.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{handout.name}: {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['html'][:120]})"
            for v in result["violations"] if v["impact"] in BLOCKING]


def test_html_handouts_have_no_serious_or_critical_axe_violations(browser_page: Any, handouts: list[Path]) -> None:
    assert len(handouts) >= 6
    found = [line for handout in handouts for line in _violations(browser_page, handout)]
    assert not found, "\n".join(found)


def test_the_check_reports_an_image_without_alt_text(browser_page: Any, tmp_path: Path) -> None:
    """The check itself works: a page with an unlabelled image fails it."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
                    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>', "utf-8")
    assert any("image-alt" in line for line in _violations(browser_page, page))
