"""A learner works through a module in JupyterLab, in a real (headless) Chromium.

Runs all cells, answers a quiz item wrongly then correctly, saves a reflection and a journal
entry, reloads, runs again and sees both; then checks the store and the saved .ipynb.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from relcourse.store.journal import Journal

from ..conftest import CONTENT, ROOT

pytestmark = pytest.mark.e2e

MODULE = "security-and-needs-133"
SCREENS = ROOT / "exports" / "screens"
REFLECTION = "He named her fear instead of arguing with it"
MOMENT = "She texted when her train was late"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("RELCOURSE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_server(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling an HTTP endpoint, not a fixed wait for the page
    raise TimeoutError(f"JupyterLab did not answer at {url} within {timeout} s")


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[dict[str, object]]:
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium found: .ci/run installs Debian's chromium; the browser test must run in CI")
        pytest.skip("no Chromium found (install Debian's 'chromium' package, see README)")
    home, root = tmp_path / "home", tmp_path / "lab"
    home.mkdir()
    root.mkdir()
    shutil.copy(ROOT / "notebooks" / f"{MODULE}.ipynb", root / f"{MODULE}.ipynb")
    news = tmp_path / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}')  # no "get Jupyter news?" pop-up over the module
    port, token = free_port(), "relcourse-e2e-token"
    env = {**os.environ, "RELCOURSE_HOME": str(home), "RELCOURSE_CONTENT": str(CONTENT),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"), "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    jupyter = Path(sys.executable).with_name("jupyter")
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", "--ip", "127.0.0.1", "--port", str(port),
         f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_server(f"http://127.0.0.1:{port}/api/status?token={token}", proc)
        yield {"url": f"http://127.0.0.1:{port}/lab/tree/{MODULE}.ipynb?token={token}", "home": home, "root": root,
               "chromium": chromium, "log": tmp_path / "server.log"}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and its kernels, by our own PID's group
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        log.close()


def test_learner_session(lab: dict[str, object]) -> None:
    from playwright.sync_api import expect, sync_playwright

    SCREENS.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(lab["chromium"]), args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        origin = re.match(r"http://[^/]+", str(lab["url"]))
        assert origin is not None
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin.group(0))
        page = context.new_page()
        page.set_default_timeout(30_000)

        def shot(name: str) -> None:
            page.screenshot(path=str(SCREENS / f"{name}.png"))

        def run_all() -> None:
            idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
            started_cells = page.locator(".jp-InputArea-prompt", has_text=re.compile(r"\[(\*|\d+)\]"))
            expect(idle).to_have_count(1, timeout=60_000)  # kernel started
            expect(page.locator(".jp-StatusBar-Widget", has_text="| Idle")).to_have_count(1, timeout=60_000)
            for attempt in range(4):  # a click that lands before the session is ready is ignored: watch, retry
                page.keyboard.press("Escape")  # close a menu left open by an earlier attempt
                page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
                page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
                try:
                    expect(started_cells.first).to_be_attached(timeout=15_000)
                    break
                except AssertionError:
                    if attempt == 3:
                        shot("00-failed-run-all")
                        raise
            expect(page.locator(".jp-InputArea-prompt", has_text="[*]")).to_have_count(0, timeout=90_000)
            expect(page.locator(".relcourse-widget").first).to_be_attached()
            expect(idle).to_have_count(1)

        page.goto(str(lab["url"]))
        run_all()
        page.locator(".jp-Cell").first.scroll_into_view_if_needed()
        shot("01-module-after-run-all")
        # every quiz option and button label can be read whole (ipywidgets cuts labels with an ellipsis)
        cut = page.evaluate("""() => [...document.querySelectorAll(
                '.relcourse-widget .widget-radio-box label, .relcourse-widget .widget-label-basic, .relcourse-widget button')]
            .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent)""")
        assert cut == [], f"labels cut off: {cut}"

        question = page.locator(".relcourse-widget", has_text="Security is control.").first
        question.scroll_into_view_if_needed()
        question.get_by_label("True", exact=True).check()
        question.get_by_role("button", name="Check").click()
        expect(question).to_contain_text("Not quite")
        shot("02-quiz-wrong")
        question.get_by_role("button", name="Try again").click()
        question.get_by_label("False", exact=True).check()
        question.get_by_role("button", name="Check").click()
        expect(question).to_contain_text("Correct")
        expect(question).to_contain_text("Security is not control.")  # the quoted passage
        shot("03-quiz-right")

        note = page.locator(".relcourse-widget", has_text="what did David say").first
        note.scroll_into_view_if_needed()
        note.locator("textarea").fill(REFLECTION)
        note.get_by_role("button", name="Save").click()
        expect(note).to_contain_text("Saved ✓")
        shot("04-reflection-saved")

        form = page.locator(".relcourse-widget", has_text="Daily log: 3 security moments").first
        form.scroll_into_view_if_needed()
        form.locator("input[type='text']").first.fill(MOMENT)
        form.get_by_role("button", name="secure", exact=True).first.click()
        form.get_by_role("button", name="Save entry").click()
        expect(form).to_contain_text("Entry saved ✓")
        expect(form).to_contain_text(MOMENT)  # the table of past entries
        shot("05-journal-saved")

        card = page.locator(".rc-copy").first  # phrase card: "Whatever happens, I'm here."
        card.scroll_into_view_if_needed()
        card.click()
        expect(card).to_have_text("Copied ✓")
        assert page.evaluate("navigator.clipboard.readText()") == "Whatever happens, I'm here."

        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)

        page.reload()
        run_all()
        note = page.locator(".relcourse-widget", has_text="what did David say").first
        note.scroll_into_view_if_needed()
        expect(note.locator("textarea")).to_have_value(REFLECTION)
        form = page.locator(".relcourse-widget", has_text="Daily log: 3 security moments").first
        form.scroll_into_view_if_needed()
        expect(form).to_contain_text(MOMENT)
        shot("06-after-reload")
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)
        browser.close()

    with Journal(Path(str(lab["home"])) / "journal.sqlite") as journal:
        assert journal.reflection(MODULE, "case-transformation-anxious-attachment-secure") == REFLECTION
        entries = journal.entries(MODULE, "security-moments")
        assert list(entries["security_moment_1"]) == [MOMENT] and list(entries["felt_1"]) == ["secure"]
        attempts = journal.attempts(MODULE)
        assert list(attempts[attempts["item_id"] == "false-statement"]["correct"]) == [False, True]
    saved = (Path(str(lab["root"])) / f"{MODULE}.ipynb").read_text()
    assert REFLECTION not in saved and MOMENT not in saved
    assert "widgets" not in json.loads(saved)["metadata"]
    server_log = Path(str(lab["log"])).read_text(errors="replace")
    assert REFLECTION not in server_log and MOMENT not in server_log
    print(f"browser scenario took {time.monotonic() - started:.1f} s")


def test_handout_needs_no_network(tmp_path: Path) -> None:
    """Open the HTML handouts in Chromium with every network request cut: nothing is asked for."""
    from playwright.sync_api import sync_playwright

    from relcourse.export.run import export_handouts

    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium found: .ci/run installs Debian's chromium")
        pytest.skip("no Chromium found (install Debian's 'chromium' package, see README)")
    paths = export_handouts(ROOT / "notebooks", tmp_path, [MODULE], ["participant", "facilitator"], ["html"], show_progress=False)
    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        requests: list[str] = []

        def cut(route: object) -> None:
            r: Any = route
            requests.append(r.request.url)
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                r.abort()  # the network is cut

        page.route("**/*", cut)
        for path in paths:
            requests.clear()
            page.goto(path.as_uri())
            assert page.locator("h1").first.inner_text().startswith("Security and Aging")
            assert requests == [path.as_uri()], requests
            page.screenshot(path=str(SCREENS / f"handout-{path.stem}.png"))
        browser.close()
