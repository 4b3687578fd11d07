"""Are options shuffled per participant, the same way at every run, and only ever by position?"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from course.bank import find_item
from course.widgets._order import participant, shuffled

OPTIONS = [f"o{number}" for number in range(6)]


@given(who=st.text(max_size=40), item_id=st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_participant_name_gives_a_permutation(who, item_id):
    """Whatever the account name (hostile or not), the participant sees every option exactly once."""
    order = shuffled(item_id, OPTIONS, who=who)
    assert sorted(order) == OPTIONS
    assert shuffled(item_id, OPTIONS, who=who) == order, "the same participant sees the same order again"


def test_orders_differ_between_participants_and_items():
    """Position is no cue: across 40 participants the first option shown is not always the same one."""
    firsts = {shuffled("sm4.status_permenlu", OPTIONS, who=f"peserta{number:02d}")[0] for number in range(40)}
    assert len(firsts) >= 4
    per_item = {tuple(shuffled(f"sm1.soal{number}", OPTIONS, who="peserta01")) for number in range(10)}
    assert len(per_item) >= 5


def test_hub_user_decides_the_order(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "peserta07")
    assert participant() == "peserta07"
    assert shuffled("sm1.alasan_misi", OPTIONS) == shuffled("sm1.alasan_misi", OPTIONS, who="peserta07")


def test_widget_shows_the_participant_order_after_a_restart(monkeypatch, workspace):
    """A restarted kernel draws the radio buttons in the same order; the stored answer stays an option id."""
    import course
    from course.widgets import _base

    monkeypatch.setenv("JUPYTERHUB_USER", "peserta11")
    item = find_item("sm1.alasan_misi")
    expected = [option["id"] for option in shuffled(item.id, item.options, who="peserta11")]
    first = course.show(item.id)
    assert [value for _label, value in first.control.options] == expected
    first.choose(expected[-1])
    _base._stores.cache_clear()
    again = course.show(item.id)
    assert [value for _label, value in again.control.options] == expected
    assert again.answer == expected[-1]
