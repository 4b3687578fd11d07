"""The data sets: every file matches its machine-readable description, and bad files fail clearly."""

from __future__ import annotations

import datetime as _dt
import json
import shutil
import sys

import pandas as pd
import pytest

import course
from course import data
from course.data import DataError, describe, load_table, read_records, table_names

from .conftest import ROOT

DATA = ROOT / "data"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
NAMES = [resource["name"] for resource in PACKAGE["resources"]]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may break; the loader reads it through $KURSUS_DATA."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setenv("KURSUS_DATA", str(copy))
    data._package.cache_clear()
    yield copy
    data._package.cache_clear()


def test_every_csv_file_is_described_and_every_description_has_a_file():
    """Is each CSV in data/ described in datapackage.json, and each description backed by a file?"""
    described = sorted(resource["path"] for resource in PACKAGE["resources"])
    assert described == sorted(path.name for path in DATA.glob("*.csv"))
    assert table_names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_description_explains_every_column_and_its_source(name):
    """Does every data set name its sources and give each column a type, an Indonesian title and a meaning?"""
    resource = describe(name)
    assert resource["title"] and resource["description"] and resource["sources"]
    for field in resource["schema"]["fields"]:
        assert field["type"] in {"string", "integer", "number", "date", "boolean"}, field
        assert field.get("title") and field.get("description"), field["name"]
    if resource.get("illustrative"):
        assert "ILUSTRATIF" in resource["description"].upper()


@pytest.mark.parametrize("name", NAMES)
def test_every_file_loads_and_matches_its_description(name):
    """Does each file load through the one loader, with the declared columns and at least one row?"""
    frame = load_table(name)
    assert list(frame.columns) == [field["name"] for field in describe(name)["schema"]["fields"]]
    assert len(frame) >= 1
    for field in describe(name)["schema"]["fields"]:
        if field["type"] == "integer" and frame[field["name"]].notna().all():
            assert pd.api.types.is_integer_dtype(frame[field["name"]]), field["name"]


def test_sourced_tables_keep_source_and_confidence_for_every_row():
    """Does every row of the sourced Jakarta tables say where it comes from and how sure we are?"""
    for name in ("jakarta_sister_cities", "jakarta_sister_city_counts", "jakarta_city_networks"):
        frame = load_table(name)
        assert frame["confidence"].notna().all(), name
        from_sources = frame[frame["confidence"] != "module"]  # the module's own claim is its own source
        assert from_sources["source_url"].str.startswith("http").all(), name


def test_sister_city_counts_show_that_the_number_depends_on_the_date():
    """Do the counts include the module's 22 and the officials' 21 and 23, each with its date?"""
    counts = load_table("jakarta_sister_city_counts")
    assert {21, 22, 23} <= set(counts["count_stated"])
    assert (counts.loc[counts["confidence"] == "module", "count_stated"] == 22).all()


READERS = pytest.mark.parametrize("read", [load_table, read_records], ids=["load_table", "read_records"])
PYTHON_TYPES = {"string": str, "integer": int, "number": float, "boolean": bool, "date": _dt.date}


@pytest.mark.parametrize("name", NAMES)
def test_records_and_frame_hold_the_same_data(name):
    """Do ``read_records`` (no pandas) and ``load_table`` give the same rows, values and gaps for every data set,
    each value of its declared type?"""
    fields = describe(name)["schema"]["fields"]
    records, frame = read_records(name), load_table(name)
    assert len(records) == len(frame)
    for number, (record, row) in enumerate(zip(records, frame.to_dict("records")), start=2):
        assert list(record) == [field["name"] for field in fields]
        for field in fields:
            value, cell = record[field["name"]], row[field["name"]]
            where = (name, number, field["name"])
            if value is None:
                assert pd.isna(cell), where
            else:
                assert type(value) is PYTHON_TYPES[field["type"]] and cell == value, where


def test_records_are_read_without_pandas(monkeypatch):
    """Can every data set be read as records with pandas and numpy unimportable (as in a grading kernel)?"""
    expected = {name: read_records(name) for name in NAMES}
    for blocked in ("pandas", "numpy"):
        monkeypatch.setitem(sys.modules, blocked, None)
    assert {name: read_records(name) for name in NAMES} == expected


@READERS
def test_missing_file_gives_an_indonesian_message(data_copy, read):
    """Is a deleted data file reported by name, in Bahasa Indonesia, instead of a traceback?"""
    (data_copy / describe("firm_needs")["path"]).unlink()
    with pytest.raises(DataError, match="tidak ditemukan.*Hubungi instruktur"):
        read("firm_needs")


def test_figure_on_missing_data_shows_a_notice_not_a_traceback(data_copy):
    """Does a figure whose data file is gone show the loader's message in the notebook?"""
    (data_copy / describe("regional_assets")["path"]).unlink()
    shown = course.show_figure("coupling_heatmap")._repr_mimebundle_()
    assert "regional_assets.csv tidak ditemukan" in shown["text/plain"]


@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace(",score,", ",skor,", 1), r"Kolom regional_assets.csv tidak sesuai.*kurang \['score'\]"),
    (lambda text: text.replace("daerah_anda,Daerah Anda,politik_teritorial,2,", "daerah_anda,Daerah Anda,politik_teritorial,dua,"),
     r"baris 13: score = .dua. bukan integer"),
])
@READERS
def test_broken_asset_file_is_refused_with_row_and_column(data_copy, change, message, read):
    """Is an edited asset file refused with what is wrong (columns, a non-number), not silently used?"""
    path = data_copy / describe("regional_assets")["path"]
    text = path.read_text(encoding="utf-8")
    broken = change(text)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read("regional_assets")


@READERS
@pytest.mark.parametrize("change, message", [
    (lambda text: text.replace(",false\n", ",false,lebih\n", 1), "baris 2 berisi 7 kolom, seharusnya 6"),
    (lambda text: text.replace(",false\n", "\n", 1), "baris 2 berisi 5 kolom, seharusnya 6"),
    (lambda text: "", "berkas kosong"),
    (lambda text: text.replace("\n", "\n\n"), None),
    (lambda text: "\ufeff" + text, None),
])
def test_ragged_empty_and_padded_files(data_copy, change, message, read):
    """Is a row with too many or too few cells, or an empty file, refused by name, while blank lines and a
    byte-order mark are read as the plain file is?"""
    path = data_copy / describe("regional_assets")["path"]
    expected = read("regional_assets")
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    if message is None:
        got = read("regional_assets")
        if isinstance(got, list):
            assert got == expected
        else:
            pd.testing.assert_frame_equal(got, expected)
        return
    with pytest.raises(DataError, match=f"regional_assets.csv tidak dapat dibaca: {message}"):
        read("regional_assets")


@pytest.mark.parametrize("name, duplicate", [("regional_assets", ["widyapura", "teknologi_pengetahuan"]),
                                             ("negotiation_options", ["pembangunan", "dana_pendamping", "natura_10"])])
def test_a_duplicate_key_in_the_file_is_refused_by_both_readers(data_copy, name, duplicate):
    """Is a repeated row (same primary key) refused, naming the key, whichever reader reads the file?"""
    path = data_copy / describe(name)["path"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    for read in (load_table, read_records):
        with pytest.raises(DataError, match="ganda") as refused:
            read(name)
        assert str(refused.value).endswith(f"ganda: {duplicate}.")


def test_scores_outside_0_to_5_and_duplicate_keys_are_refused(data_copy):
    """Does the loader enforce the declared range and the primary key?"""
    frame = pd.read_csv(data_copy / "regional_assets.csv", dtype=str, keep_default_na=False)
    too_high = frame.copy()
    too_high.loc[0, "score"] = "9"
    with pytest.raises(DataError, match="baris 2: score = .9. lebih dari maksimum 5"):
        data.validate_table("regional_assets", too_high)
    doubled = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    with pytest.raises(DataError, match="ganda"):
        data.validate_table("regional_assets", doubled)


@READERS
def test_unreadable_csv_and_description_give_clear_messages(data_copy, read):
    """Are a binary CSV and a broken datapackage.json reported in Bahasa Indonesia?"""
    (data_copy / "firm_needs.csv").write_bytes(b"\xff\xfe\x00\x00garbage")
    with pytest.raises(DataError, match="tidak dapat dibaca"):
        read("firm_needs")
    (data_copy / "datapackage.json").write_text("{ rusak")
    data._package.cache_clear()
    with pytest.raises(DataError, match="bukan JSON yang sah"):
        read("firm_needs")


@READERS
def test_unknown_data_set_lists_the_known_ones(read):
    """Does asking for an unknown data set name the ones that exist?"""
    with pytest.raises(DataError, match="tidak dikenal.*paradiplomacy_models"):
        read("tidak_ada")
