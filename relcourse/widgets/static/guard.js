// Keyboard and screen-reader fixes for one relcourse widget (see relcourse/widgets/look.py).
// Shipped as an ES module through anywidget; it owns no state and sends nothing to the kernel.
let groups = 0;

function tidy(root) {
  // native radio groups: one tab stop, arrow keys move within the group
  for (const box of root.querySelectorAll(".widget-radio-box")) {
    if (!box.dataset.rcGroup) {
      box.dataset.rcGroup = `relcourse-radio-${++groups}`;
    }
    box.setAttribute("role", "radiogroup");
    const name = root.querySelector(".rc-question")?.textContent?.trim();
    if (name) box.setAttribute("aria-label", name);
    for (const input of box.querySelectorAll("input[type=radio]")) input.name = box.dataset.rcGroup;
  }
  // ToggleButtons are single-choice groups: say which button is pressed
  for (const button of root.querySelectorAll(".widget-toggle-button")) {
    button.setAttribute("aria-pressed", String(button.classList.contains("mod-active")));
  }
  // a slider's handle is the control a screen reader meets: it takes the widget's tooltip as its name
  // (or the label shown just above it)
  for (const handle of root.querySelectorAll(".noUi-handle:not([aria-label])")) {
    const slider = handle.closest(".widget-slider");
    const name = slider?.title || slider?.previousElementSibling?.textContent?.trim();
    if (name) handle.setAttribute("aria-label", name);
  }
  // a control named by its tooltip only: the tooltip becomes its accessible name as well
  for (const control of root.querySelectorAll(":is(input, select, textarea)[title]:not([aria-label])")) {
    if (control.title.trim()) control.setAttribute("aria-label", control.title);
  }
}

// Ctrl/Cmd+S, the notebook's save, wherever in the widget it is pressed
function isSave(event) {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
    && (event.code === "KeyS" || event.key?.toLowerCase() === "s");
}

// the same key press, to be sent on from outside the widget (Lumino reads the legacy keyCode,
// which a constructed event does not take)
function copyOf(event) {
  const copy = new KeyboardEvent("keydown", {
    key: event.key, code: event.code, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey,
    altKey: event.altKey, bubbles: true, cancelable: true, composed: true,
  });
  Object.defineProperty(copy, "keyCode", { value: event.keyCode });
  Object.defineProperty(copy, "which", { value: event.which });
  return copy;
}

function guard(root) {
  if (root.dataset.rcGuarded) return;
  root.dataset.rcGuarded = "1";
  // Lumino ignores shortcuts for key events from inside this element: typing `b` or `d d` in a
  // quiz never inserts or deletes a cell. Ctrl/Cmd shortcuts pressed on buttons, choices and
  // sliders still reach JupyterLab.
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  // ipywidgets' text boxes keep every key to themselves (Ctrl/Cmd+Z undoes typing there, not a
  // cell), so Ctrl/Cmd+S in one would do nothing. It is taken here, before the box sees it, and
  // sent on once from outside the widget, where JupyterLab's own save shortcut (or whatever the
  // learner bound to it) answers it, from any control in the widget alike.
  root.addEventListener("keydown", (event) => {
    if (!isSave(event)) return;
    event.preventDefault();
    event.stopPropagation();
    root.parentElement?.dispatchEvent(copyOf(event));
  }, true);
  root.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey) root.removeAttribute("data-lm-suppress-shortcuts");
  }, true);
  root.addEventListener("keyup", () => root.setAttribute("data-lm-suppress-shortcuts", "true"), true);
  // the notebook also reads keys on its own node (arrows move between cells): keys stay in the
  // widget, where their default action (choose, type, move focus) still happens. Escape goes on,
  // so the keyboard can always leave a widget for the notebook.
  root.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey || event.altKey) && event.key !== "Escape") event.stopPropagation();
  });
  root.addEventListener("focusout", () => root.setAttribute("data-lm-suppress-shortcuts", "true"));
  tidy(root);
  new MutationObserver(() => tidy(root)).observe(root, { childList: true, subtree: true, attributes: true,
                                                        attributeFilter: ["class"] });
}

function render({ el }) {
  let tries = 0;
  const attach = () => {
    const root = el.closest(".relcourse-frame");
    if (root) guard(root);
    else if (tries++ < 600) requestAnimationFrame(attach);  // until the box is on the page
  };
  attach();
}

export default { render };
