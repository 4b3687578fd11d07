"""The course's one front-end piece: an invisible widget that marks the exercise it sits in.

Stock ipywidgets cannot set an attribute on an element, and three things need one:

- ``data-lm-suppress-shortcuts`` on every control of the exercise that takes focus, set as it gets
  the focus (``focusin``, so controls drawn later are covered too). JupyterLab's command registry
  (Lumino) walks from a key event's target up to the notebook and stops, matching nothing, at the
  first element with this attribute; the attribute must sit on the focused control itself, because
  the notebook's command-mode shortcuts match the focused element (``.jp-Notebook.jp-mod-commandMode
  :not(.jp-mod-readWrite) :focus``) before any ancestor is looked at. Without it, arrow keys in a
  radio group or a drop-down, letters in a drop-down, and Enter or Space on a button run those
  shortcuts (focus jumps to another cell; ``k`` moves up). Text boxes are left alone: JupyterLab
  already ignores command-mode keys in editable elements and keeps Ctrl+S there.
- ``role="status"`` with ``aria-live="polite"`` on the status line and the feedback box, which stay in
  the page while their text changes, so screen readers announce "Jawaban tersimpan" and the verdict
  (an element with a role inserted afresh with each change is not reliably announced).
- ``aria-label`` on slider handles (``role="slider"`` elements that ipywidgets leaves unnamed): the
  slider's visible description.

The ES module is kept in this file rather than in a ``.js`` beside it: the package data list in
pyproject.toml ships only the question banks, and a missing module would silently drop the marks.
Without ``anywidget`` installed, ``ItemScope`` is ``None`` and the exercises work as before, without
these marks.
"""

from __future__ import annotations

__all__ = ["ItemScope", "LIVE_CLASS", "ESM"]

LIVE_CLASS = "kursus-live"
"""CSS class of the widgets (status line, feedback) whose text changes are announced."""

ESM = """
// Marks the exercise (.kursus-item) this invisible widget sits in; see course/widgets/_scope.py.
const SUPPRESS = "data-lm-suppress-shortcuts";

function keepKeys(event) {  // on focusin: the focused control keeps its keys (not editable text: see above)
  const target = event.target;
  if (target instanceof Element && !target.matches(":read-write") && !target.hasAttribute(SUPPRESS)) {
    target.setAttribute(SUPPRESS, "true");
  }
}

function decorate(item) {
  for (const live of item.querySelectorAll(".%(live)s")) {
    if (live.getAttribute("aria-live") !== "polite") {
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
    }
  }
  for (const slider of item.querySelectorAll(".widget-slider")) {
    const label = slider.querySelector(".widget-label");
    const name = label ? label.textContent.trim() : "";
    for (const handle of slider.querySelectorAll("[role=slider]")) {
      if (name && handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
    }
  }
}

function render({ el }) {
  let observer = null;
  let tries = 0;
  const attach = () => {
    const item = el.closest(".kursus-item");
    if (!item) {  // views are rendered before the notebook inserts them into the page
      if (tries++ < 600) requestAnimationFrame(attach);
      return;
    }
    if (!item.hasAttribute("data-kursus-keys")) {  // once per exercise, even if this view is drawn again
      item.setAttribute("data-kursus-keys", "");
      item.addEventListener("focusin", keepKeys);
    }
    decorate(item);
    observer = new MutationObserver(() => decorate(item));  // controls drawn later or redrawn
    observer.observe(item, { childList: true, subtree: true });
  };
  attach();
  return () => observer && observer.disconnect();
}

export default { render };
""" % {"live": LIVE_CLASS}

try:
    import anywidget
except ImportError:  # pragma: no cover - anywidget is a dependency; without it the items still work
    ItemScope = None
else:
    import ipywidgets as widgets

    class ItemScope(anywidget.AnyWidget):
        """Invisible child of every exercise: keys stay with its controls, changes are announced."""

        _esm = ESM

        def __init__(self, **kwargs):
            super().__init__(layout=widgets.Layout(display="none"), **kwargs)

        def __repr__(self) -> str:
            return "ItemScope()"
