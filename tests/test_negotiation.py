"""The role-play scenarios and the computer counterpart: agreement is possible, joint gains exist, the rules hold."""

from __future__ import annotations

import pytest

from course.negotiation import (
    SIDES, Counterpart, all_packages, best_joint, load_scenarios, pareto_packages, points,
    split_the_difference, zone_of_agreement,
)

SCENARIOS = sorted(load_scenarios())


def joint(scene, package) -> int:
    return sum(points(scene, package, side) for side in SIDES)


def test_four_scenarios_the_modules_three_issues_and_sister_city():
    """Are there the role-play's three issues (development cooperation, trade, investment) and T5's sister city?"""
    assert SCENARIOS == ["investasi", "pembangunan", "perdagangan", "sister_city"]


SISTER = load_scenarios()["sister_city"]


def test_sister_city_negotiates_the_modules_four_points_between_two_cities():
    """Are the sister-city issues the module's tujuan, ruang lingkup, jadwal and dana, Marvel an Indonesian city and
    Batman the partner city, and do the role sheets speak of compatibility, central policy and resources?"""
    assert [issue.id for issue in SISTER.issues] == ["tujuan", "ruang_lingkup", "jadwal", "dana"]
    assert SISTER.roles["marvel"].startswith("Pemerintah Kota") and SISTER.roles["batman"].startswith("Pemerintah Kota")
    assert "sister city" in SISTER.issue_area and "sister city" in SISTER.situation
    marvel, batman = SISTER.briefs["marvel"], SISTER.briefs["batman"]
    assert "RPJMD" in marvel and "pemerintah pusat" in marvel and "APBD" in marvel and "staf" in marvel
    assert "anggaran" in batman and "Pemerintah nasional" in batman
    for side in SIDES:
        assert all(f'"{issue.title}"' in SISTER.briefs[side] for issue in SISTER.issues), side


def test_sister_city_issues_matter_more_to_one_side():
    """Is each side's most important issue worth at most half as much to the other (room for trading), and is there
    an issue (the goal) whose middle option is best for both (the two cities' compatibility)?"""
    def weight(issue, side):
        return max(option.points[side] for option in issue.options) - min(option.points[side] for option in issue.options)
    for side, other in (("marvel", "batman"), ("batman", "marvel")):
        top = max(SISTER.issues, key=lambda issue: weight(issue, side))
        assert weight(top, other) * 2 <= weight(top, side), (side, top.id)
    joint_by_option = {option.id: sum(option.points.values()) for option in SISTER.issue("tujuan").options}
    assert max(joint_by_option, key=joint_by_option.get) == "dua_tujuan" == split_the_difference(SISTER)["tujuan"]


def test_sister_city_best_joint_package_beats_splitting_the_difference_for_both():
    """Is the package with the most joint points on the frontier, above both nilai batas, and better than meeting in
    the middle on every issue for each city (an integrative optimum, not just a bigger sum)?"""
    best, middle = best_joint(SISTER), split_the_difference(SISTER)
    assert best in pareto_packages(SISTER) and best in zone_of_agreement(SISTER)
    for side in SIDES:
        assert points(SISTER, best, side) > points(SISTER, middle, side)
        assert points(SISTER, best, side) > SISTER.walkaway[side]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_each_side_can_reach_100_and_issues_have_3_to_5_options(scenario_id):
    """Does each side's best package score 100, with 3-4 issues of 3-5 options?"""
    scene = load_scenarios()[scenario_id]
    assert 3 <= len(scene.issues) <= 4 and all(3 <= len(issue.options) <= 5 for issue in scene.issues)
    for side in SIDES:
        assert max(points(scene, package, side) for package in all_packages(scene)) == 100


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_there_is_a_zone_of_agreement_but_not_everything_is_in_it(scenario_id):
    """Is there a package both sides prefer to walking away, and are many packages still unacceptable?"""
    scene = load_scenarios()[scenario_id]
    share = len(zone_of_agreement(scene)) / len(all_packages(scene))
    assert 0 < share < 0.7, share


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_trading_across_issues_beats_splitting_the_difference(scenario_id):
    """Is there an acceptable package with more joint points than meeting in the middle on every issue?"""
    scene = load_scenarios()[scenario_id]
    best_in_zone = max(joint(scene, package) for package in zone_of_agreement(scene))
    assert best_in_zone > joint(scene, split_the_difference(scene))
    assert best_joint(scene) in zone_of_agreement(scene)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_counterpart_never_accepts_or_proposes_below_its_walk_away(scenario_id):
    """In every round, for every possible offer: accepted offers and counter-offers give it at least its nilai batas."""
    scene = load_scenarios()[scenario_id]
    counterpart = Counterpart(scene, "batman")
    floor = scene.walkaway["batman"]
    for round_index in range(scene.rounds):
        assert counterpart.aspiration(round_index) >= floor
        for offer in all_packages(scene):
            response = counterpart.respond(offer, round_index)
            if response.accepted:
                assert points(scene, offer, "batman") >= max(floor, counterpart.aspiration(round_index))
            else:
                assert points(scene, response.counter, "batman") >= counterpart.aspiration(round_index) >= floor
                assert response.explanation.count(".") == 1 and response.explanation.endswith(".")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_counterpart_concedes_over_the_rounds_down_to_its_walk_away(scenario_id):
    """Does its aspiration start at 100, never rise, and end at its nilai batas in the last round?"""
    scene = load_scenarios()[scenario_id]
    levels = [Counterpart(scene).aspiration(round_index) for round_index in range(scene.rounds)]
    assert levels[0] == 100 and levels[-1] == scene.walkaway["batman"]
    assert levels == sorted(levels, reverse=True) and len(set(levels)) == len(levels)


def play(scene, offer_for_round, accept_counter) -> dict | None:
    """A whole solo game: returns the deal, or None if the rounds run out."""
    counterpart = Counterpart(scene, "batman")
    for round_index in range(scene.rounds):
        response = counterpart.respond(offer_for_round(round_index), round_index)
        if response.accepted:
            return offer_for_round(round_index)
        if accept_counter(response.counter):
            return response.counter
    return None


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_firm_but_reasonable_player_gets_a_deal_within_the_rounds(scenario_id):
    """Does a player who always asks for its best package, and accepts any counter at least its nilai batas, get a deal?"""
    scene = load_scenarios()[scenario_id]
    best_for_marvel = max(all_packages(scene), key=lambda package: points(scene, package, "marvel"))
    deal = play(scene, lambda _round: best_for_marvel,
                lambda counter: points(scene, counter, "marvel") >= scene.walkaway["marvel"])
    assert deal is not None
    assert all(points(scene, deal, side) >= scene.walkaway[side] for side in SIDES)


def test_sister_city_solo_trading_issues_pays_more_than_taking_the_first_counter():
    """Against the computer, does Marvel reach a deal both by taking the first acceptable counter and by offering the
    integrative package, and does trading issues earn Marvel more?"""
    best_for_marvel = max(all_packages(SISTER), key=lambda package: points(SISTER, package, "marvel"))
    quick = play(SISTER, lambda _round: best_for_marvel,
                 lambda counter: points(SISTER, counter, "marvel") >= SISTER.walkaway["marvel"])
    traded = play(SISTER, lambda _round: best_joint(SISTER), lambda counter: False)
    assert quick is not None and traded == best_joint(SISTER)
    assert points(SISTER, traded, "marvel") > points(SISTER, quick, "marvel") >= SISTER.walkaway["marvel"]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_player_who_offers_the_best_joint_package_is_accepted_in_time(scenario_id):
    """Is the package with the most joint points accepted by the last round at the latest?"""
    scene = load_scenarios()[scenario_id]
    package = best_joint(scene)
    assert play(scene, lambda _round: package, lambda counter: False) == package


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_counter_offers_keep_what_the_player_asked_for_where_they_can(scenario_id):
    """In the last round, does the counter-offer to a player's best package keep at least one of its options?"""
    scene = load_scenarios()[scenario_id]
    best_for_marvel = max(all_packages(scene), key=lambda package: points(scene, package, "marvel"))
    counter = Counterpart(scene).respond(best_for_marvel, scene.rounds - 1).counter
    assert counter is not None
    assert any(counter[issue] == best_for_marvel[issue] for issue in counter)


def test_counterpart_is_deterministic():
    """Does the same offer in the same round always get the same answer?"""
    scene = load_scenarios()[SCENARIOS[0]]
    offer = split_the_difference(scene)
    assert Counterpart(scene).respond(offer, 1) == Counterpart(scene).respond(offer, 1)


def test_bad_offers_are_refused_with_value_error():
    """Is an incomplete package or an unknown option refused clearly?"""
    scene = load_scenarios()[SCENARIOS[0]]
    package = split_the_difference(scene)
    with pytest.raises(ValueError):
        Counterpart(scene).respond({}, 0)
    with pytest.raises(ValueError):
        Counterpart(scene).respond({**package, next(iter(package)): "tidak_ada"}, 0)
