// "Back to top" for the last cell of a module (see relcourse/widgets/top.py). When the cell has
// run as part of Run All, JupyterLab leaves the view at the last cell; this brings it back to the
// title once, unless the learner has already scrolled, clicked or typed. It sends nothing back.

function scroller(el) {
  // the element that scrolls the notebook around this cell (JupyterLab 4: the windowed panel's outer box)
  for (let node = el.parentElement; node; node = node.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(node).overflowY) && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

function toTop(el, focus) {
  const notebook = el.closest(".jp-Notebook");
  const box = scroller(el);
  if (box) box.scrollTop = 0;
  const heading = notebook?.querySelector(".jp-MarkdownOutput h1");
  if (focus && heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

function render({ model, el }) {
  const link = document.createElement("a");
  link.href = `#${model.get("anchor")}`;
  link.className = "rc-top";
  link.textContent = model.get("label");
  link.addEventListener("click", (event) => {
    event.preventDefault();
    toTop(el, true);
  });
  el.appendChild(link);

  const done = new AbortController();
  const stop = () => done.abort();
  done.signal.addEventListener("abort", () => { link.dataset.rcSettled = "true"; });  // tests wait for this
  for (const type of ["wheel", "pointerdown", "keydown", "touchstart", "focusin"]) {
    window.addEventListener(type, stop, { capture: true, signal: done.signal });
  }
  setTimeout(stop, 30000);
  const cell = el.closest(".jp-Cell");
  const running = () => /\*/.test(cell?.querySelector(".jp-InputPrompt")?.textContent || "");
  const settle = () => {
    // JupyterLab scrolls to the last cell as the run ends: follow it back up for a moment
    toTop(el, false);
    const box = scroller(el);
    box?.addEventListener("scroll", () => { if (box.scrollTop > 0) box.scrollTop = 0; }, { signal: done.signal });
    setTimeout(stop, 1500);
  };
  const wait = () => {
    if (done.signal.aborted || !el.isConnected) return;
    if (running()) setTimeout(wait, 100);
    else settle();
  };
  wait();
  return stop;
}

export default { render };
