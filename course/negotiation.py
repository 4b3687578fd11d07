"""The Marvel-Batman negotiation role-play (Sub-modul 5): scenarios, points, and a computer counterpart.

Marvel is always the Indonesian regional government, Batman the partner (a development agency, a trading
company, an investor, or the partner city of a sister city). A package picks one option per issue; each side
scores it with its own private point table (each side's best package is worth 100). With no deal each side
keeps its nilai batas (the walk-away value, BATNA in Fisher, Ury & Patton's *Getting to Yes*).

The computer counterpart (solo mode) is deterministic:
- its aspiration falls in equal steps from its best (100) in round 1 to its nilai batas in the last
  round, so it never accepts less than its nilai batas;
- it accepts an offer worth at least its current aspiration;
- otherwise it counter-offers the package nearest to the offer (fewest option steps away) among those
  worth at least its aspiration, giving away as much as that aspiration allows: so it keeps what it
  values and yields on issues it cares little about (trading across issues);
- it explains each counter-offer in one sentence (in the widgets' language, ``course.set_language``).
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from ._messages import message
from .data import read_records

__all__ = [
    "SIDES", "Option", "Issue", "Scenario", "Response", "Counterpart", "load_scenarios", "scenario",
    "other_side", "points", "all_packages", "split_the_difference", "zone_of_agreement", "best_joint",
    "pareto_packages", "check_package", "clean_package",
]

SIDES = ("marvel", "batman")


def other_side(side: str) -> str:
    return SIDES[1 - SIDES.index(side)]


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    order: int
    points: dict


@dataclass(frozen=True)
class Issue:
    id: str
    title: str
    options: tuple

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    issue_area: str
    roles: dict
    situation: str
    briefs: dict
    walkaway: dict
    rounds: int
    issues: tuple

    def issue(self, issue_id: str) -> Issue:
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)


@functools.lru_cache(maxsize=1)
def load_scenarios() -> dict:
    """Every scenario in ``data/``, by id, with its issues (in file order) and their options (by option order)."""
    options = read_records("negotiation_options")
    found = {}
    for row in read_records("negotiation_scenarios"):
        mine = [option for option in options if option["scenario_id"] == row["scenario_id"]]
        issues = []
        for issue_id in dict.fromkeys(option["issue_id"] for option in mine):
            issue_rows = sorted((option for option in mine if option["issue_id"] == issue_id),
                                key=lambda option: option["option_order"])
            issues.append(Issue(issue_id, issue_rows[0]["issue_title"], tuple(
                Option(option["option_id"], option["option_text"], option["option_order"],
                       {"marvel": option["marvel_points"], "batman": option["batman_points"]})
                for option in issue_rows)))
        found[row["scenario_id"]] = Scenario(
            id=row["scenario_id"], title=row["title"], issue_area=row["issue_area"],
            roles={"marvel": row["marvel_role"], "batman": row["batman_role"]}, situation=row["situation"],
            briefs={"marvel": row["marvel_brief"], "batman": row["batman_brief"]},
            walkaway={"marvel": row["marvel_walkaway"], "batman": row["batman_walkaway"]},
            rounds=row["rounds"], issues=tuple(issues),
        )
    return found


def scenario(scenario_id: str) -> Scenario:
    return load_scenarios()[scenario_id]


def check_package(scene: Scenario, package) -> dict:
    """``package`` if it names one known option for every issue; ``ValueError`` otherwise."""
    if not isinstance(package, dict) or set(package) != {issue.id for issue in scene.issues}:
        raise ValueError("a package needs one option for every issue")
    for issue in scene.issues:
        try:
            issue.option(package[issue.id])
        except KeyError:
            raise ValueError(f"unknown option {package[issue.id]!r} for issue {issue.id}") from None
    return package


def clean_package(scene: Scenario, value) -> dict | None:
    """``value`` if it is a complete package of known options for ``scene``, else ``None`` (never raises)."""
    if not isinstance(value, dict):
        return None
    package = {}
    for issue in scene.issues:
        option_id = value.get(issue.id)
        if not isinstance(option_id, str) or option_id not in {option.id for option in issue.options}:
            return None
        package[issue.id] = option_id
    return package


def points(scene: Scenario, package: dict, side: str) -> int:
    """What ``package`` is worth to ``side`` (``None`` = no deal: the side's nilai batas)."""
    if package is None:
        return scene.walkaway[side]
    check_package(scene, package)
    return sum(scene.issue(issue_id).option(option_id).points[side] for issue_id, option_id in package.items())


def all_packages(scene: Scenario) -> list[dict]:
    ids = [issue.id for issue in scene.issues]
    return [dict(zip(ids, choice)) for choice in itertools.product(*[[o.id for o in i.options] for i in scene.issues])]


def split_the_difference(scene: Scenario) -> dict:
    """The middle option of every issue (position (n - 1) // 2 from Marvel's best to Batman's best)."""
    return {issue.id: issue.options[(len(issue.options) - 1) // 2].id for issue in scene.issues}


def zone_of_agreement(scene: Scenario) -> list[dict]:
    """Packages both sides prefer to no deal (at least their nilai batas)."""
    return [package for package in all_packages(scene)
            if all(points(scene, package, side) >= scene.walkaway[side] for side in SIDES)]


def best_joint(scene: Scenario) -> dict:
    """The package with the most points for both sides together (first such package in option order)."""
    return max(all_packages(scene), key=lambda package: sum(points(scene, package, side) for side in SIDES))


def pareto_packages(scene: Scenario) -> list[dict]:
    """Packages no other package beats for one side without costing the other."""
    scored = [(points(scene, p, "marvel"), points(scene, p, "batman"), p) for p in all_packages(scene)]
    return [p for m, b, p in scored if not any(m2 >= m and b2 >= b and (m2, b2) != (m, b) for m2, b2, _ in scored)]


@dataclass(frozen=True)
class Response:
    accepted: bool
    counter: dict | None
    explanation: str


class Counterpart:
    """The computer side of solo mode (see the module docstring for its documented strategy)."""

    def __init__(self, scene: Scenario, side: str = "batman"):
        self.scene = scene
        self.side = side
        self._orders = {issue.id: {option.id: option.order for option in issue.options} for issue in scene.issues}
        self._own = [(package, points(scene, package, side)) for package in all_packages(scene)]

    def aspiration(self, round_index: int) -> int:
        """Least it accepts in round ``round_index`` (0-based): 100 down to its nilai batas, in equal steps."""
        best, floor = 100, self.scene.walkaway[self.side]
        last = max(self.scene.rounds - 1, 1)
        step = min(max(round_index, 0), last)
        return max(floor, math.ceil(best - (best - floor) * step / last))

    def _distance(self, package: dict, offer: dict) -> int:
        return sum(abs(self._orders[issue_id][package[issue_id]] - self._orders[issue_id][offer[issue_id]])
                   for issue_id in offer)

    def respond(self, offer: dict, round_index: int) -> Response:
        """Accept ``offer`` or counter it, with one sentence saying why."""
        check_package(self.scene, offer)
        target = self.aspiration(round_index)
        if points(self.scene, offer, self.side) >= target:
            return Response(True, None, message("nego_accepted"))
        candidates = [(package, own) for package, own in self._own if own >= target]
        counter, _own = min(candidates, key=lambda candidate: (self._distance(candidate[0], offer), candidate[1]))
        return Response(False, counter, self._explain(offer, counter))

    def _explain(self, offer: dict, counter: dict) -> str:
        changed = [issue for issue in self.scene.issues if counter[issue.id] != offer[issue.id]]
        kept = [issue.title for issue in self.scene.issues if counter[issue.id] == offer[issue.id]]
        gains = {issue.id: issue.option(counter[issue.id]).points[self.side] - issue.option(offer[issue.id]).points[self.side]
                 for issue in changed}
        main = max(changed, key=lambda issue: gains[issue.id])
        option = main.option(counter[main.id]).text
        if kept:
            return message("nego_counter_keeping", kept=", ".join(kept), issue=main.title, option=option)
        return message("nego_counter", issue=main.title, option=option)
