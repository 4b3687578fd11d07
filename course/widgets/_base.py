"""What every exercise widget shares: header, prompt, saving, status line and practice feedback."""

from __future__ import annotations

import asyncio
import atexit
import datetime as _dt
import functools
import threading
import time
import weakref
from html import escape
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets

from .. import kinds
from .._messages import message
from ..bank import Item
from ..store import REASONS, STORE_NAME, AnswerStore, StoreError, StoreFullError
from ._scope import LIVE_CLASS, ItemScope

__all__ = ["ItemWidget", "store_for", "render_markdown", "verdict_of", "SAVE_INTERVAL", "menu", "labelled", "named", "wrapping"]

SAVE_INTERVAL = 0.5
"""Seconds between two saves of an answer that changes with every keystroke (``ItemWidget._record_soon``)."""

_SEPARATOR = " \u00b7 "

_VERDICT_STYLE = {
    # symbol, message key, border colour: the word and the symbol carry the meaning, the colour only helps
    "right": ("\u2714", "right", "#1b7f3b"),
    "partly_right": ("\u25d0", "partly_right", "#a86200"),
    "wrong": ("\u2718", "wrong", "#b3261e"),
}


# Stock widgets give labels one fixed line and cut what does not fit: let every label wrap, size
# buttons and drop-downs to their text, and put the label of a text area above it.
_STYLE = """<style>
.kursus-item label, .kursus-item .widget-label-basic, .kursus-item .widget-label { white-space: normal !important;
  height: auto !important; line-height: 1.4 !important; overflow: visible !important; }
.kursus-item .widget-radio-box label { display: flex !important; flex-direction: row-reverse; justify-content: flex-end;
  margin: 3px 0; align-items: flex-start; gap: 6px; }
.kursus-item .widget-radio-box input, .kursus-item .widget-checkbox input { flex-shrink: 0; margin-top: 3px; }
.kursus-item .widget-checkbox, .kursus-item .widget-inline-hbox { height: auto !important; }
.kursus-item .widget-html-content { line-height: 1.45; }
.kursus-item .jupyter-button { flex: 0 0 auto; width: auto; max-width: 100%; }
.kursus-item .kursus-menu { flex-wrap: wrap; align-items: center; column-gap: 12px; row-gap: 2px; margin-bottom: 6px; }
.kursus-item .kursus-menu > .widget-label { flex: 1 1 16em; width: auto !important; text-align: left; margin: 0; }
.kursus-item .kursus-menu > select { flex: 0 1 auto; width: auto; max-width: 100%; }
.kursus-item select { min-height: var(--jp-widgets-inline-height, 28px); }
.kursus-item .kursus-inline > .widget-label { width: auto !important; flex: 0 0 auto; }
.kursus-item .kursus-stacked { flex-direction: column; align-items: stretch; width: 100%; }
.kursus-item .kursus-stacked > .widget-label { width: auto !important; text-align: left; font-weight: bold; margin: 6px 0 2px 0; }
.kursus-item .widget-toggle-buttons .widget-toggle-button { width: auto; }
.kursus-item .kursus-wrap { flex-wrap: wrap; align-items: center; column-gap: 1em; }
.kursus-item .kursus-named > .widget-label { position: absolute !important; width: 1px !important; height: 1px !important;
  overflow: hidden !important; clip-path: inset(50%); white-space: nowrap !important; margin: -1px; padding: 0; }
</style>"""


@functools.lru_cache(maxsize=None)
def _stores(directory: str, assignment: str) -> AnswerStore:
    return AnswerStore(directory, assignment=assignment)


def store_for(assignment: str, directory: str | Path | None = None) -> AnswerStore:
    """The answer store of the current folder, shared by every widget of this kernel."""
    return _stores(str(Path(directory or Path.cwd()).resolve()), assignment)


def render_markdown(text: str) -> str:
    """Markdown to HTML for prompts and explanations."""
    import mistune

    return mistune.html(text)


def _call_later(delay: float, callback: Callable[[], Any]):
    """Run ``callback`` after ``delay`` seconds; the returned handle has ``cancel()``.

    In a kernel the callback runs on the kernel's asyncio loop (ipykernel handles widget messages
    there, on the main thread); without a running loop (plain Python, tests) on a daemon timer thread.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        timer = threading.Timer(delay, callback)
        timer.daemon = True
        timer.start()
        return timer
    return loop.call_later(delay, callback)


_WAITING: "weakref.WeakSet[ItemWidget]" = weakref.WeakSet()
"""Widgets holding an answer not saved yet (see ``_record_soon``)."""


@atexit.register
def _flush_all() -> None:
    """At kernel shutdown or restart, save every answer still waiting: nothing typed is lost on a normal close."""
    for widget in list(_WAITING):
        try:
            widget.flush()
        except Exception:  # noqa: BLE001 - one broken widget must not keep the others from saving
            pass


def _reason(error: StoreError) -> str:
    """Why the store failed, in the participant's language (never the raw OS text)."""
    reason = error.reason if error.reason in REASONS else "other"
    return message(f"store_reason_{reason}", name=STORE_NAME)


def _alert(text: str, detail: str = "") -> widgets.HTML:
    title = f' title="{escape(detail)}"' if detail else ""
    return widgets.HTML(
        f'<div role="alert"{title} style="border-left:4px solid #b3261e;padding:4px 8px">'
        f"<b>\u26a0 {escape(message('warning'))}:</b> {escape(text)}</div>"
    )


def verdict_of(fraction: float) -> str:
    if fraction >= 1.0 - 1e-9:
        return "right"
    return "partly_right" if fraction > 0 else "wrong"


def menu(label: str, options: list, **kwargs) -> widgets.Dropdown:
    """A drop-down named by its visible ``label`` (left, wrapping), as wide as its longest option (right).

    Shows the first option ("— pilih —") until the participant chooses.
    """
    dropdown = widgets.Dropdown(options=options, index=0, description=label,
                                layout=widgets.Layout(width="auto", height="auto"), **kwargs)
    dropdown.add_class("kursus-menu")  # width "auto": the whole row of its box (100% would add the margins)
    return dropdown


def labelled(widget: widgets.Widget, stacked: bool = False) -> widgets.Widget:
    """Show ``widget``'s description in full: before it (``stacked=False``) or above it, in bold."""
    widget.add_class("kursus-stacked" if stacked else "kursus-inline")
    return widget


def wrapping(box: widgets.Box) -> widgets.Box:
    """Let a row of controls continue on the next line when the page is narrow."""
    box.add_class("kursus-wrap")
    return box


def named(widget: widgets.Widget) -> widgets.Widget:
    """Keep ``widget``'s description as its accessible name only, when a visible heading already says it."""
    widget.add_class("kursus-named")
    return widget


class ItemWidget(widgets.VBox):
    """Base of all exercise widgets: subclasses build ``control`` and report ``answer``.

    Life cycle: build the control, restore the stored answer into it, and only then start
    listening for changes, so that restoring never counts as a new answer.

    A store the OS will not let us read is announced once per store (role="alert") and in the status
    line of every item; a failed save says why in the participant's language. The raw OS error, for
    the instructor, is the ``title`` (tooltip) of that line: the participant reads only the sentence.
    """

    def __init__(self, item: Item, store: AnswerStore, **kwargs):
        super().__init__(**kwargs)
        self.item = item
        self.store = store
        self.status = widgets.HTML(layout=widgets.Layout(margin="4px 0 0 0"))
        self.feedback = widgets.HTML()
        for live in (self.status, self.feedback):
            live.add_class(LIVE_CLASS)  # announced when its text changes (see _scope.py)
        self._answer: Any = None
        self._read_problem: StoreError | None = None
        self._save_lock = threading.RLock()
        self._waiting: tuple | None = None  # (value,) of a change not saved yet
        self._timer = None
        self._last_save = float("-inf")
        stored_value, stored_time = self._read_stored()
        self.control = self._build_control()
        if stored_value is not None:
            self._restore(stored_value)
            self._answer = stored_value
            self._show_saved(stored_time)
        elif self._read_problem is not None:
            problem = self._read_problem
            self._set_status(message("store_unreadable_status", reason=_reason(problem)), True, problem.detail)
        else:
            self._set_status(message("not_answered"))
        self._listen()
        children = [
            widgets.HTML(_STYLE), self._unreadable_notice(), self._notice(), self._header(),
            widgets.HTMLMath(render_markdown(item.prompt)), self.control,
        ]
        if item.is_practice and not item.is_manual:
            self.check_button = widgets.Button(
                description=message("check"), icon="check", button_style="", tooltip=message("check"),
                layout=widgets.Layout(align_self="flex-start"),  # as wide as its word, not the whole item
            )
            self.check_button.on_click(lambda _button: self.check())
            children.append(self.check_button)
        children += [self.status, self.feedback, ItemScope() if ItemScope else None]
        self.children = [child for child in children if child is not None]
        self.add_class("kursus-item")
        self.add_class("kursus-" + item.id.replace(".", "-"))  # stable hook for browser tests and styling
        self.layout = widgets.Layout(border="1px solid #c9ccd1", padding="8px 12px", margin="8px 0")

    def __repr__(self) -> str:
        """Short and stable (nbval compares it; the default lists every trait and model id)."""
        return f"{type(self).__name__}({self.item.id!r})"

    # hooks for subclasses ----------------------------------------------------
    def _build_control(self) -> widgets.Widget:
        raise NotImplementedError

    def _restore(self, value: Any) -> None:
        """Show a stored ``value`` (already parsed by the item's kind) in the control (called before listening)."""
        raise NotImplementedError

    def _listen(self) -> None:
        """Start observing the control; call ``self._record(value)`` on each change."""
        raise NotImplementedError

    def _details(self, fraction: float) -> list[str]:
        """Extra lines of practice feedback (e.g. per-option feedback)."""
        return []

    # shared behaviour --------------------------------------------------------
    @property
    def answer(self) -> Any:
        """The answer as stored (``None`` while unanswered)."""
        return self._answer

    @property
    def status_text(self) -> str:
        return self._status_text

    @property
    def feedback_text(self) -> str:
        return self._feedback_text

    _feedback_text = ""
    _status_text = ""

    def _read_stored(self):
        try:
            entries = self.store.answers()
        except StoreError as error:
            self._read_problem = error
            return None, None
        except OSError as error:  # a store of another make
            self._read_problem = StoreError.from_os_error(error)
            return None, None
        entry = entries.get(self.item.id)
        if not entry:
            return None, None
        value = kinds.parse(self.item, entry["value"])
        if value is None or isinstance(value, kinds.Unreadable):
            return None, None  # nothing this widget can show: the next change replaces it
        try:
            saved = _dt.datetime.fromisoformat(entry.get("saved_at", ""))
        except (TypeError, ValueError):
            saved = None
        return value, saved

    def _unreadable_notice(self):
        """The alert that the store cannot be read, once per store (the first item shown says it)."""
        problem = self._read_problem
        if problem is None or getattr(self.store, "_unreadable_shown", False):
            return None
        self.store._unreadable_shown = True
        return _alert(message("store_unreadable", reason=_reason(problem)), problem.detail)

    def _notice(self):
        aside = self.store.moved_aside
        if aside is None or getattr(self.store, "_notice_shown", False):
            return None
        self.store._notice_shown = True
        return _alert(message("store_corrupt", name=self.store.path.name, aside=Path(aside).name))

    def _header(self) -> widgets.HTML:
        item = self.item
        parts = [message("practice") if item.is_practice else message("graded")]
        label = kinds.kind_of(item).label
        if label:
            parts[0] += f" \u00b7 {message(label)}"
        if not item.is_practice:
            parts.append(message("points", points=item.points))
        if item.in_objectives:
            parts.append(message("objective", objective=item.objective))
        return widgets.HTML(f"<b>{escape(_SEPARATOR.join(parts))}</b>")

    def _set_status(self, text: str, problem: bool = False, detail: str = "") -> None:
        """Show ``text``; ``detail`` (the raw error, for the instructor) goes only into the tooltip."""
        self._status_text = text
        style = "color:#b3261e" if problem else "color:#444"
        symbol = "\u26a0 " if problem else ""
        title = f' title="{escape(detail)}"' if detail else ""
        self.status.value = f'<span{title} style="{style}">{symbol}{escape(text)}</span>'

    def _show_saved(self, when: _dt.datetime | None) -> None:
        self._set_status(message("saved", time=when.strftime("%H:%M") if when else "--:--"))

    def _record(self, value: Any) -> bool:
        """Save ``value`` for this item; show "tersimpan" or why it was not saved."""
        try:
            try:
                when = self.store.save(self.item.id, value)
            except OSError as error:  # a store of another make
                raise StoreError.from_os_error(error) from error
        except StoreFullError as error:
            self._set_status(message("store_full"), problem=True, detail=error.detail)
            return False
        except StoreError as error:
            self._set_status(message("store_unwritable", reason=_reason(error)), problem=True, detail=error.detail)
            return False
        self._answer = value
        self._show_saved(when)
        if self.store.moved_aside is not None and not getattr(self.store, "_notice_shown", False):
            self.children = [self._notice(), *self.children]
        if self._feedback_text:  # an answer changed after checking: the old verdict no longer applies
            self._set_feedback("")
        return True

    def _record_soon(self, value: Any) -> None:
        """Save ``value`` at most once per ``SAVE_INTERVAL``: at once if the last save is that old,
        otherwise once when the interval ends, with the latest value (a trailing save). For answers
        that change with every keystroke; ``flush()`` saves a waiting value at once."""
        with self._save_lock:
            self._waiting = (value,)
            if self._timer is not None:
                return  # the trailing save will take this newer value
            wait = self._last_save + SAVE_INTERVAL - time.monotonic()
            if wait <= 0:
                self._save_waiting()
            else:
                _WAITING.add(self)
                self._timer = _call_later(wait, self.flush)

    def _record_at_once(self, value: Any) -> bool:
        """Save ``value`` now (a click, not a keystroke); a value still waiting from typing is older: dropped."""
        with self._save_lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._waiting = None
            _WAITING.discard(self)
            self._last_save = time.monotonic()
            return self._record(value)

    def flush(self) -> bool | None:
        """Save an answer still waiting for its turn now; ``None`` if nothing was waiting.

        Called by the trailing timer, by ``check()``, by the typing twins, and for every widget at
        kernel shutdown (``atexit``).
        """
        with self._save_lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            return self._save_waiting()

    def _save_waiting(self) -> bool | None:
        _WAITING.discard(self)
        if self._waiting is None:
            return None
        (value,), self._waiting = self._waiting, None
        self._last_save = time.monotonic()
        return self._record(value)

    def _set_feedback(self, text: str, html: str = "") -> None:
        self._feedback_text = text
        self.feedback.value = html

    def check(self) -> str:
        """Twin of the "Periksa" button (practice items): show and return the verdict text."""
        if not self.item.is_practice or self.item.is_manual:
            raise TypeError("only practice items with a key can be checked")
        self.flush()
        if self._answer is None:
            self._set_feedback(message("answer_first"), f"<p>{escape(message('answer_first'))}</p>")
            return self._feedback_text
        fraction = kinds.score(self.item, self._answer, self.item.key)
        symbol, key, colour = _VERDICT_STYLE[verdict_of(fraction)]
        verdict = message(key)
        details = self._details(fraction)
        explanation = self.item.explanation
        text = "\n".join([f"{symbol} {verdict}", *details, f"{message('explanation')}: {explanation}"])
        details_html = "".join(f"<li>{escape(line)}</li>" for line in details)
        self._set_feedback(
            text,
            f'<div style="border-left:4px solid {colour};padding:4px 10px;margin-top:4px">'
            f"<b>{symbol} {escape(verdict)}</b>"
            + (f"<ul>{details_html}</ul>" if details_html else "")
            + f"<div><b>{escape(message('explanation'))}:</b> {render_markdown(explanation)}</div></div>",
        )
        return text
