"""The class hub's load test (benchmarks/hub_load.py) in small: it must keep working and its figures must be whole."""

from __future__ import annotations

import json

import pytest

from benchmarks import hub_load

pytestmark = pytest.mark.pipeline

FIELDS = {"participants", "answers_per_participant", "minutes", "class_setup_s", "servers_started", "arrival_wall_s",
          "participants_answering", "answering_wall_s", "start", "login", "fetch", "kernel", "cells", "cells_client",
          "saves", "files", "memory", "failures", "wall_s", "client_cpu_s", "timed_out", "machine", "hub_limits"}


def test_three_participants_save_every_answer_through_the_hub(tmp_path):
    """Three participants log in, start their servers, open sm1 and give five answers each through the widgets in
    their own kernels: is every answer in every jawaban.json, nothing failed, and does the result file say so?"""
    results = hub_load.measure(participants=3, answers=5, minutes=0.2, limit=240)
    path = hub_load.write_results(results, tmp_path)
    written = json.loads(path.read_text(encoding="utf-8"))

    assert FIELDS <= set(written), FIELDS - set(written)
    assert written["failures"]["count"] == 0, written["failures"]
    assert not written["timed_out"]
    assert written["servers_started"] == written["participants_answering"] == 3
    assert written["saves"]["confirmed"] == written["saves"]["planned"] == 15
    assert written["files"]["items_present"] == written["files"]["items_expected"] == 15, written["files"]
    for part in ("kernel_ms", "client_ms"):
        figures = written["saves"][part]
        assert figures["n"] == 15 and 0 < figures["p50"] <= figures["p95"] <= figures["max"]
    assert 0 < written["start"]["p50"] <= written["start"]["p95"] <= written["start"]["all_s"]
    memory = written["memory"]
    assert memory["at_peak"]["users"] == 3 and memory["at_peak"]["hub_mb"] > 0 and memory["at_peak"]["proxy_mb"] > 0
    assert memory["peak_total_mb"] > memory["at_peak"]["users_mb"] > 0
    table = hub_load.table(written)
    assert "| jawaban akhir ada di jawaban.json | 15 dari 15 |" in table


def test_answers_change_each_item_once_per_round_with_valid_values():
    """Does the plan give every item of sm1 an answer, then change the first items' answers, each a value the
    item's kind accepts (the checker scores it) and never the value the item already holds?"""
    from course import kinds
    from course.bank import BANK_DIRECTORY, find_item, load_bank

    items = [item.id for item in load_bank(BANK_DIRECTORY / f"{hub_load.ASSIGNMENT}.json")]
    answers = hub_load.plan_answers(items, 20, who=4)
    assert [answer.item for answer in answers] == items + items[:3]
    held = {}
    for answer in answers:
        item = find_item(answer.item)
        parsed = kinds.parse(item, answer.value)
        assert parsed is not None and not isinstance(parsed, kinds.Unreadable), answer
        assert held.get(answer.item) != answer.value, answer
        held[answer.item] = answer.value
    assert hub_load.final_values(answers) == held
