"""A JupyterLab server and a headless Chromium for the browser tests (started and stopped by PID)."""

from __future__ import annotations

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
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat
import pytest

from relcourse.course.loader import load_course_content
from relcourse.notebook.builder import module_notebook

from ..conftest import CONTENT, ROOT

SCREENS = ROOT / "exports" / "screens"
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("RELCOURSE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def need_chromium() -> str:
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium found: .ci/run installs Debian's chromium; the browser test must run in CI")
        pytest.skip("no Chromium found (install Debian's 'chromium' package, see README)")
    return chromium


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


def write_module_notebook(slug: str, folder: Path) -> None:
    """The module as the current content builds it (the committed notebook may lag behind)."""
    module = load_course_content(CONTENT).module(slug)
    nbformat.write(module_notebook(module), folder / f"{slug}.ipynb")


@contextmanager
def jupyterlab(tmp_path: Path, slug: str, theme: str = "JupyterLab Light") -> Iterator[dict[str, Any]]:
    chromium = need_chromium()
    home, root = tmp_path / "home", tmp_path / "lab"
    home.mkdir()
    root.mkdir()
    write_module_notebook(slug, root)
    settings = tmp_path / "settings" / "@jupyterlab"
    (settings / "apputils-extension").mkdir(parents=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    (settings / "apputils-extension" / "themes.jupyterlab-settings").write_text(f'{{"theme": "{theme}"}}')
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
        yield {"url": f"http://127.0.0.1:{port}/lab/tree/{slug}.ipynb?token={token}", "home": home, "root": root,
               "chromium": chromium, "log": tmp_path / "server.log", "origin": f"http://127.0.0.1:{port}"}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the server and its kernels, by our own PID's group
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
        log.close()


def run_all(page: Any, shot: Any = None) -> None:
    """Run All Cells from the menu and wait until every cell has run and the kernel is idle."""
    from playwright.sync_api import expect

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
                if shot is not None:
                    shot("00-failed-run-all")
                raise
    expect(page.locator(".jp-InputArea-prompt", has_text="[*]")).to_have_count(0, timeout=90_000)
    expect(page.locator(".relcourse-widget").first).to_be_attached()
    expect(idle).to_have_count(1)
    # a module's last cell takes the view back to the title; let it finish before scrolling elsewhere
    if page.locator(".rc-top").count():
        expect(page.locator(".rc-top[data-rc-settled]")).to_have_count(1, timeout=30_000)


@contextmanager
def browser_page(lab: dict[str, Any], width: int = 1280, height: int = 900) -> Iterator[Any]:
    """One Chromium session on the module, clipboard allowed; closed at the end."""
    from playwright.sync_api import sync_playwright

    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(lab["chromium"]), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=str(lab["origin"]))
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()
