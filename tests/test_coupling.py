"""Strategic coupling on fictional regions: the scores follow the stated formula, and every key derived from the
data, and every number the notebook quotes from it, follows from the data."""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict

import pytest

from course.coupling import OWN_REGION, asset_matrix, best_firm, best_region, coupling_scores, most_leveraged_asset

from .answers import keys_of
from .conftest import ROOT

DATA = ROOT / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_hand() -> dict:
    """coupling[region][firm] computed with plain loops over the CSV files (independent of course.coupling)."""
    scores, weights = defaultdict(dict), defaultdict(dict)
    for row in _rows("regional_assets"):
        scores[row["region_id"]][row["dimension"]] = int(row["score"])
    for row in _rows("firm_needs"):
        weights[row["firm_id"]][row["dimension"]] = int(row["weight"])
    return {region: {firm: sum(need[d] * assets[d] for d in need) / sum(need.values()) for firm, need in weights.items()}
            for region, assets in scores.items()}


HAND = by_hand()
FIRMS = sorted(next(iter(HAND.values())))
FICTIONAL_REGIONS = [region for region in HAND if region != OWN_REGION]


def test_scores_follow_the_formula_stated_in_the_notebook():
    """Does every region x firm score equal sum(weight x asset) / sum(weight), between 0 and 5?"""
    scores = coupling_scores()
    for region, row in HAND.items():
        for firm, value in row.items():
            assert scores.loc[region, firm] == pytest.approx(value)
            assert 0 <= value <= 5


def test_each_firm_has_one_clear_best_region():
    """Is the best region for each firm unique, by at least 0.3 points (so the graded key is not a coin toss)?"""
    for firm in FIRMS:
        ranked = sorted((HAND[region][firm] for region in FICTIONAL_REGIONS), reverse=True)
        assert ranked[0] - ranked[1] >= 0.3, (firm, ranked)


def test_each_region_has_one_clear_best_firm():
    """Is the best firm for each fictional region unique, by at least 0.3 points (the graded key is not a coin toss)?"""
    for region in FICTIONAL_REGIONS:
        ranked = sorted(HAND[region].values(), reverse=True)
        assert ranked[0] - ranked[1] >= 0.3, (region, ranked)


def test_best_firm_key_follows_from_the_data():
    """Is the key of sm3.coupling_terbaik exactly the highest-scoring firm for each fictional region?"""
    expected = {region: max(FIRMS, key=lambda firm: HAND[region][firm]) for region in FICTIONAL_REGIONS}
    assert keys_of("sm3_model")["sm3.coupling_terbaik"]["key"] == expected
    assert {region: best_firm(coupling_scores(), region) for region in FICTIONAL_REGIONS} == expected
    assert {firm: best_region(coupling_scores(), firm) for firm in FIRMS} == {firm: region for region, firm in expected.items()}


def test_lever_asset_key_follows_from_the_data():
    """Is the key of sm3.aset_pengungkit the one asset whose +1 lifts Daerah Anda's score most (checked by trying each)?"""
    firm = "produsen_komponen"
    start = coupling_scores().loc[OWN_REGION, firm]
    own = {row["dimension"]: int(row["score"]) for row in _rows("regional_assets") if row["region_id"] == OWN_REGION}
    gains = {dimension: coupling_scores(own_scores={**own, dimension: own[dimension] + 1}).loc[OWN_REGION, firm] - start
             for dimension in own}
    best = max(gains, key=gains.get)
    assert sorted(gains.values())[-1] > sorted(gains.values())[-2], gains
    assert keys_of("sm3_model")["sm3.aset_pengungkit"]["key"] == best == most_leveraged_asset(firm)


def test_multi_level_governance_key_follows_from_the_models_data():
    """Is the key of sm3.teori_mlg the models whose theories include multi-level governance?"""
    expected = sorted(row["model_id"] for row in _rows("paradiplomacy_models")
                      if "multi_level_governance" in row["theories"].split(";"))
    assert sorted(keys_of("sm3_model")["sm3.teori_mlg"]["key"]) == expected


def test_own_region_scores_change_only_the_own_row():
    """Does moving Daerah Anda's sliders change Daerah Anda's scores and nothing else?"""
    before = coupling_scores()
    after = coupling_scores(own_scores={"teknologi_pengetahuan": 5, "organisasi_industri": 5, "politik_teritorial": 5})
    assert (after.drop(index=OWN_REGION) == before.drop(index=OWN_REGION)).all().all()
    assert (after.loc[OWN_REGION] == 5).all()


def test_the_explorer_starts_at_the_own_row_of_the_asset_matrix():
    """Are the explorer's starting scores (read without pandas) Daerah Anda's row of ``asset_matrix``, in its order,
    and is that row the one the data marks as editable?"""
    from course.kinds.coupling_explorer import dimensions

    _titles, defaults = dimensions()
    own_row = asset_matrix().loc[OWN_REGION]
    assert list(defaults.items()) == [(dimension, int(score)) for dimension, score in own_row.items()]
    assert {row["region_id"] for row in _rows("regional_assets") if row["editable"] == "true"} == {OWN_REGION}


def test_the_scored_regions_are_the_fictional_ones():
    """Are the scored regions the notebook's fictional ones, never a real province such as the module's cases?"""
    assert FICTIONAL_REGIONS == ["widyapura", "karyamaju", "selat_biru"]
    names = {row["region"] for row in _rows("regional_assets")}
    assert not any(real in name for name in names for real in ("Jakarta", "Bali", "Bintan", "Riau"))


def _notebook_triples() -> dict:
    """{bold name: "a / b / c"} from the tables of Latihan 1 in the source notebook."""
    notebook = json.loads((ROOT / "source" / "sm3_model" / "sm3_model.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    return {name: triple for name, triple in re.findall(r"^\| \*\*([^*]+)\*\*.*\| (\d / \d / \d) \|$", text, re.M)}


def test_notebook_tables_quote_the_data():
    """Do the profile and need tables of Latihan 1 show the scores and weights of data/, in the assets' order?"""
    order = [row["dimension"] for row in _rows("asset_dimensions")]
    expected = {}
    for name, row_id, value, rows in (("region", "region_id", "score", _rows("regional_assets")),
                                      ("firm", "firm_id", "weight", _rows("firm_needs"))):
        values = defaultdict(dict)
        for row in rows:
            if row[row_id] != OWN_REGION:
                values[row[name]][row["dimension"]] = row[value]
        expected.update({label: " / ".join(numbers[d] for d in order) for label, numbers in values.items()})
    assert _notebook_triples() == expected
