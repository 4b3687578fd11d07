"""The negotiation role-play in the notebook: pair mode (two people, one room) and solo mode (vs the computer)."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from .._messages import message
from ..kinds.negotiation_pair import MAX_PAIR_CODE, pair_code
from ..negotiation import SIDES, Counterpart, clean_package, load_scenarios, points
from ..plots import negotiation_figure
from ._base import ItemWidget, labelled, menu
from ._scope import LIVE_CLASS

__all__ = ["NegotiationPair", "NegotiationSolo", "role_sheet_html", "team_labels", "clean_package"]

def _wide() -> widgets.Layout:
    """Room for a button's whole label (a new Layout each time: buttons are shown and hidden one by one)."""
    return widgets.Layout(width="auto", min_width="10em")


def team_labels() -> dict:
    """The two teams' names in the current language ("Marvel \u2014 pemerintah daerah", "Batman \u2014 mitra")."""
    return {side: message(f"nego_team_{side}") for side in SIDES}


def role_sheet_html(scene, side: str) -> str:
    """What one side may see: the situation, its own brief and its own (private) point table."""
    rows = "".join(
        f"<tr><td>{escape(issue.title)}</td><td>{escape(option.text)}</td><td style='text-align:right'>"
        f"{option.points[side]}</td></tr>"
        for issue in scene.issues for option in issue.options
    )
    return (
        f"<div class='kursus-role-sheet' style='border-left:4px solid #1f5fa8;padding:4px 10px;margin:6px 0'>"
        f"<p><b>{escape(scene.title)}</b> \u2014 {escape(message('nego_you_are'))}: <b>{escape(scene.roles[side])}</b></p>"
        f"<p>{escape(scene.situation)}</p><p><b>{escape(message('nego_sheet'))}:</b> {escape(scene.briefs[side])}</p>"
        f"<table><thead><tr><th>{escape(message('nego_issue'))}</th><th>{escape(message('nego_option'))}</th>"
        f"<th>{escape(message('nego_your_points'))}</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p>{escape(message('nego_walkaway_note', walkaway=scene.walkaway[side]))}</p></div>"
    )


def _scenario_menu(scenarios: dict) -> widgets.Dropdown:
    return menu(message("nego_scenario"), [(message("choose"), "")] + [(scene.title, scene.id) for scene in scenarios.values()])


class _PackageChooser(widgets.VBox):
    """One group of radio buttons per issue (options are whole sentences: a drop-down would cut them);
    ``package`` is complete or ``None``."""

    def __init__(self, scene, on_change=None):
        self.scene = scene
        self.boxes = {
            issue.id: labelled(widgets.RadioButtons(
                options=[(option.text, option.id) for option in issue.options], value=None, description=issue.title,
                layout=widgets.Layout(width="auto"),
            ), stacked=True)
            for issue in scene.issues
        }
        if on_change:
            for box in self.boxes.values():
                box.observe(lambda _change: on_change(), names="value")
        super().__init__(list(self.boxes.values()))

    @property
    def package(self) -> dict | None:
        chosen = {issue_id: box.value for issue_id, box in self.boxes.items()}
        return chosen if all(chosen.values()) else None

    def fill(self, package: dict | None) -> None:
        for issue_id, box in self.boxes.items():
            box.value = (package or {}).get(issue_id) or None


def _chart_output(scene, deal, team) -> dict:
    bundle = negotiation_figure(scene, deal, team)._repr_mimebundle_()
    return {"output_type": "display_data", "data": bundle, "metadata": {}}


class NegotiationPair(ItemWidget):
    """Pair mode. Saved: ``{"team", "scenario", "result": "deal" | "no_deal" | None, "package", "pair"}``.

    ``pair`` is the pair/table code the facilitator gave (both partners type the same; the class board counts
    outcomes per code), saved while it is typed; a text that is no code is saved as ``None``, with a hint.
    Twins: ``choose(team, scenario_id)``, ``enter_code(text)``, ``enter_deal(package)``, ``enter_no_deal()``.
    """

    def _build_control(self):
        self._scenarios = load_scenarios()
        self._team = labelled(widgets.ToggleButtons(options=[(label, side) for side, label in team_labels().items()],
                                                    value=None, description=message("nego_team")))
        self._team.style.button_width = "auto"  # the whole name of each team (a fixed width cut it)
        self._scenario = _scenario_menu(self._scenarios)
        self._code = labelled(widgets.Text(
            description=message("nego_pair_code"), placeholder=message("nego_pair_code_placeholder"),
            continuous_update=True, layout=widgets.Layout(width="min(100%, 24em)"),
        ), stacked=True)
        self._code_hint = widgets.HTML()
        self._code_hint.add_class(LIVE_CLASS)  # why a typed text is not a code is announced
        self._sheet = widgets.HTML()
        self._result_box = widgets.VBox()
        self._outcome = widgets.HTML()
        self._outcome.add_class(LIVE_CLASS)  # the points of the outcome are announced
        self._chart = widgets.Output()
        self._chooser = None
        self._result = None
        return widgets.VBox([self._team, self._scenario, self._code, self._code_hint, self._sheet, self._result_box, self._outcome,
                             self._chart])

    def _restore(self, value: Any) -> None:
        """``value`` as the kind parsed it: a known team and scenario or None; a deal always has a full package."""
        if value["team"]:
            self._team.value = value["team"]
        if value["scenario"]:
            self._scenario.value = value["scenario"]
        self._code.value = value.get("pair") or ""
        self._show_sheet()
        if self._scene and value["result"]:
            if value["result"] == "deal":
                self._chooser.fill(value["package"])
            self._result = value["result"]
        self._show_outcome()

    def _listen(self) -> None:
        self._team.observe(lambda _change: self._setup_changed(), names="value")
        self._scenario.observe(lambda _change: self._setup_changed(), names="value")
        self._code.observe(lambda _change: self._code_changed(), names="value")

    @property
    def _scene(self):
        return self._scenarios.get(self._scenario.value) if self._team.value else None

    def _code_changed(self) -> None:
        """Save the code as it is typed (at most every half second, like typed answers); say why a text is no code."""
        text = self._code.value
        hint = message("nego_pair_code_invalid", limit=MAX_PAIR_CODE) if text.strip() and pair_code(text) is None else ""
        self._code_hint.value = f"<span style='color:#b3261e'>\u26a0 {escape(hint)}</span>" if hint else ""
        self._record_soon(self._value())

    def _setup_changed(self) -> None:
        self._result = None
        self._show_sheet()
        self._show_outcome()
        self._save()

    def _show_sheet(self) -> None:
        scene = self._scene
        if scene is None:
            self._sheet.value = f"<p><i>{escape(message('nego_pick'))}</i></p>"
            self._result_box.children = ()
            return
        self._sheet.value = role_sheet_html(scene, self._team.value)
        self._chooser = _PackageChooser(scene)
        deal = widgets.Button(description=message("nego_save_deal"), icon="handshake-o", button_style="success",
                              layout=_wide())
        no_deal = widgets.Button(description=message("nego_no_deal"), icon="times", layout=_wide())
        deal.on_click(lambda _button: self.enter_deal(self._chooser.package))
        no_deal.on_click(lambda _button: self.enter_no_deal())
        self._result_box.children = (widgets.HTML(f"<b>{escape(message('nego_enter'))}</b>"), self._chooser,
                                     widgets.HBox([deal, no_deal]))

    def _value(self) -> dict:
        package = self._chooser.package if (self._chooser and self._result == "deal") else None
        return {"team": self._team.value, "scenario": self._scenario.value or None, "result": self._result,
                "package": package, "pair": pair_code(self._code.value)}

    def _save(self) -> None:
        """Save at once (a click): a code still waiting from typing is older and is dropped (this value has it)."""
        self._record_at_once(self._value())

    def _show_outcome(self) -> None:
        scene = self._scene
        if scene is None or self._result is None:
            self._outcome.value = ""
            self._chart.outputs = ()
            return
        deal = self._chooser.package if self._result == "deal" else None
        side = self._team.value
        mine = points(scene, deal, side)
        text = message("nego_points_deal" if deal else "nego_points_no_deal", points=mine)
        self._outcome.value = f"<p><b>{escape(text)}</b></p>"
        self._chart.outputs = (_chart_output(scene, deal, side),)

    # twins -------------------------------------------------------------------------
    def choose(self, team: str, scenario_id: str) -> None:
        self._team.value = team
        self._scenario.value = scenario_id

    def enter_code(self, text: str) -> None:
        """Twin of typing the pair/table code and leaving the box: saved at once."""
        self._code.value = text
        self.flush()

    def enter_deal(self, package: dict | None) -> None:
        """Twin of "Simpan kesepakatan": ``package`` must name one option for every issue."""
        scene = self._scene
        package = clean_package(scene, package) if scene else None
        if package is None:
            self._set_status(message("nego_incomplete"), problem=True)
            return
        self._chooser.fill(package)
        self._result = "deal"
        self._save()
        self._show_outcome()

    def enter_no_deal(self) -> None:
        if self._scene is None:
            self._set_status(message("nego_pick"), problem=True)
            return
        self._result = "no_deal"
        self._save()
        self._show_outcome()


class NegotiationSolo(ItemWidget):
    """Solo mode: the participant (Marvel) against the computer (Batman), round by round.

    Saved: ``{"scenario", "history": [{"offer", "accepted", "counter", "explanation"}], "deal", "finished"}``.
    Twins: ``start(scenario_id)``, ``propose(package)``, ``accept_counter()``, ``restart()``.
    """

    side = "marvel"

    def _build_control(self):
        self._scenarios = load_scenarios()
        self._scenario = _scenario_menu(self._scenarios)
        self._sheet = widgets.HTML()
        self._board = widgets.VBox()
        self._log = widgets.HTML()
        self._log.add_class(LIVE_CLASS)  # the counterpart's answer to each offer is announced
        self._chart = widgets.Output()
        self._history: list[dict] = []
        self._deal = None
        self._finished = False
        self._chooser = None
        return widgets.VBox([self._scenario, self._sheet, self._board, self._log, self._chart])

    def _restore(self, value: Any) -> None:
        """``value`` as the kind parsed it: a known scenario or None, and only complete, known offers."""
        if value["scenario"]:
            self._scenario.value = value["scenario"]
            self._replay(value["history"])
            if value["finished"] and self._history and not self._finished:
                self._finished = True  # the participant walked away after the last counter-offer
        self._refresh()

    def _replay(self, history: list) -> None:
        """Rebuild the game from the stored offers, re-asking the (deterministic) counterpart."""
        for entry in history:
            self._play(entry["offer"])
            if entry["accepted_counter"] and self._history[-1]["counter"]:
                self._deal, self._finished = self._history[-1]["counter"], True
                self._history[-1]["accepted_counter"] = True
            if self._finished:
                break

    def _listen(self) -> None:
        self._scenario.observe(lambda _change: self._new_game(), names="value")

    @property
    def _scene(self):
        return self._scenarios.get(self._scenario.value)

    def _play(self, offer: dict) -> None:
        scene = self._scene
        counterpart = Counterpart(scene, "batman")
        response = counterpart.respond(offer, len(self._history))
        self._history.append({"offer": offer, "accepted": response.accepted, "counter": response.counter,
                              "explanation": response.explanation, "accepted_counter": False})
        if response.accepted:
            self._deal, self._finished = offer, True
        elif len(self._history) >= scene.rounds and response.counter is None:
            self._finished = True

    def _save(self) -> None:
        self._record({"scenario": self._scenario.value or None, "history": self._history,
                      "deal": self._deal, "finished": self._finished})

    def _refresh(self, focus: bool = False) -> None:
        """Show the game as it stands. The board's controls are built once per scenario and then only
        shown or hidden, so the button a keyboard user pressed keeps the focus; ``focus`` moves it to
        the next button to press when the one pressed has just been hidden (stock ``Widget.focus()``)."""
        scene = self._scene
        if scene is None:
            self._sheet.value = f"<p><i>{escape(message('nego_pick_solo'))}</i></p>"
            self._board.children, self._log.value, self._chart.outputs = (), "", ()
            self._chooser = None
            return
        self._sheet.value = role_sheet_html(scene, self.side)
        self._log.value = self._log_html(scene)
        if self._chooser is None or self._chooser.scene is not scene:
            self._build_board(scene)
        last = self._history[-1] if self._history else None
        offering = not self._finished and len(self._history) < scene.rounds
        shown = {
            self._round: offering, self._chooser: offering, self._propose: offering,
            self._accept: not self._finished and bool(last and last["counter"]),
            self._walk: not self._finished and len(self._history) >= scene.rounds,
            self._restart: self._finished,
        }
        for control, visible in shown.items():
            control.layout.display = None if visible else "none"
        if offering:
            self._round.value = f"<b>{escape(message('nego_round', number=len(self._history) + 1, total=scene.rounds))}</b>"
        self._chart.outputs = (_chart_output(scene, self._deal, self.side),) if self._finished else ()
        if focus:
            next(control for control in (self._propose, self._accept, self._walk, self._restart) if shown[control]).focus()

    def _build_board(self, scene) -> None:
        self._chooser = _PackageChooser(scene)
        self._round = widgets.HTML()
        self._propose = widgets.Button(description=message("nego_propose"), icon="send", button_style="info", layout=_wide())
        self._propose.on_click(lambda _button: self.propose(self._chooser.package))
        self._accept = widgets.Button(description=message("nego_accept"), icon="handshake-o", button_style="success",
                                      layout=_wide())
        self._accept.on_click(lambda _button: self.accept_counter())
        self._walk = widgets.Button(description=message("nego_walk_away"), icon="times", layout=_wide())
        self._walk.on_click(lambda _button: self.walk_away())
        self._restart = widgets.Button(description=message("nego_restart"), icon="refresh", layout=_wide())
        self._restart.on_click(lambda _button: self.restart(keep_scenario=True))
        self._board.children = (self._round, self._chooser,
                                widgets.HBox([self._propose, self._accept, self._walk, self._restart]))

    def _log_html(self, scene) -> str:
        lines = []
        for number, entry in enumerate(self._history, start=1):
            offer_points = points(scene, entry["offer"], self.side)
            line = (f"<li><b>{escape(message('nego_log_round', number=number))}</b> "
                    f"{escape(message('nego_log_offer', points=offer_points))} {escape(entry['explanation'])}")
            if entry["counter"]:
                counter_text = "; ".join(scene.issue(issue_id).option(option_id).text
                                         for issue_id, option_id in entry["counter"].items())
                counter_points = points(scene, entry["counter"], self.side)
                line += "<br>" + escape(message("nego_log_counter", options=counter_text, points=counter_points))
                if counter_points < scene.walkaway[self.side]:
                    line += " \u2014 " + escape(message("nego_below_walkaway", walkaway=scene.walkaway[self.side]))
            lines.append(line + "</li>")
        if self._finished:
            result = (message("nego_points_deal", points=points(scene, self._deal, self.side)) if self._deal
                      else message("nego_points_no_deal", points=scene.walkaway[self.side]))
            lines.append(f"<li><b>{escape(result)}</b></li>")
        return f"<ol style='list-style:none;padding-left:0'>{''.join(lines)}</ol>" if lines else ""

    # twins -------------------------------------------------------------------------
    def start(self, scenario_id: str) -> None:
        self._scenario.value = scenario_id

    def propose(self, package: dict | None) -> None:
        """Twin of "Ajukan tawaran"."""
        scene = self._scene
        package = clean_package(scene, package) if scene else None
        if package is None or self._finished or len(self._history) >= scene.rounds:
            self._set_status(message("nego_incomplete"), problem=True)
            return
        self._chooser.fill(package)  # as if chosen in the radio buttons
        self._play(package)
        self._save()
        self._refresh(focus=True)

    def accept_counter(self) -> None:
        """Twin of "Terima tawaran balasan"."""
        if not self._history or not self._history[-1]["counter"] or self._finished:
            return
        self._history[-1]["accepted_counter"] = True
        self._deal, self._finished = self._history[-1]["counter"], True
        self._save()
        self._refresh(focus=True)

    def walk_away(self) -> None:
        """Twin of "Akhiri tanpa kesepakatan" (offered after the last round)."""
        self._finished = True
        self._save()
        self._refresh(focus=True)

    def restart(self, keep_scenario: bool = True) -> None:
        """Twin of "Mulai lagi": a new game (of the same scenario, or none)."""
        if not keep_scenario:
            self._scenario.value = ""
        self._new_game(focus=self._scene is not None)

    def _new_game(self, focus: bool = False) -> None:
        """Forget the offers; ``focus`` the offer button (not when the scenario menu changed: a keyboard
        user going through the scenarios with the arrow keys keeps the focus in the menu)."""
        self._history, self._deal, self._finished = [], None, False
        if self._chooser is not None:
            self._chooser.fill(None)
        self._save()
        self._refresh(focus=focus)
