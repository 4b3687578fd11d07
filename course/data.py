"""The course's data sets: CSV files in ``data/`` described by ``data/datapackage.json``.

The description is a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/):
each resource names its file, title, sources and a Table Schema (fields with type, title,
description, constraints). ``load_table(name)`` is the one way notebooks read data: it checks the
file against its description and returns a pandas DataFrame with the declared types, or raises
``DataError`` with a message in Bahasa Indonesia. ``read_records(name)`` gives the same checked rows as
a list of dicts without importing pandas (``load_table`` is built on it: one reader, one set of checks).
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported when a table is read: an exercise without data never pays for it (~0.2 s)
    import pandas as pd

__all__ = ["DataError", "data_directory", "describe", "load_table", "read_records", "table_names",
           "validate_table"]

PACKAGE_FILE = "datapackage.json"
_TRUE, _FALSE = {"true", "ya", "yes", "1"}, {"false", "tidak", "no", "0"}


class DataError(ValueError):
    """A data file is missing, unreadable, or does not match its description."""


def data_directory() -> Path:
    """``$KURSUS_DATA`` if set, else the ``data/`` folder of the course repository."""
    configured = os.environ.get("KURSUS_DATA")
    return Path(configured) if configured else Path(__file__).resolve().parents[1] / "data"


@functools.lru_cache(maxsize=4)
def _package(directory: str) -> dict:
    path = Path(directory) / PACKAGE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"Deskripsi data {PACKAGE_FILE} tidak ditemukan di {directory}. Hubungi instruktur.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"Deskripsi data {PACKAGE_FILE} bukan JSON yang sah: {error}. Hubungi instruktur.") from None


def table_names() -> list[str]:
    """Names of every described data set."""
    return [resource["name"] for resource in _package(str(data_directory()))["resources"]]


def describe(name: str) -> dict:
    """The resource description of data set ``name`` (title, path, sources, schema)."""
    for resource in _package(str(data_directory()))["resources"]:
        if resource["name"] == name:
            return resource
    raise DataError(f"Data \u201c{name}\u201d tidak dikenal. Data yang ada: {', '.join(table_names())}.")


def _convert(value: str, field: dict):
    """One CSV cell as the declared type; ``ValueError`` if it is not of that type."""
    kind = field["type"]
    if kind == "string":
        return value
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError
        return int(value)
    if kind == "number":
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError
        return number
    if kind == "boolean":
        lowered = value.lower()
        if lowered not in _TRUE | _FALSE:
            raise ValueError
        return lowered in _TRUE
    if kind == "date":
        return _dt.date.fromisoformat(value)
    raise ValueError


def _check_constraints(value, field: dict) -> str | None:
    constraints = field.get("constraints", {})
    if "minimum" in constraints and value < constraints["minimum"]:
        return f"kurang dari minimum {constraints['minimum']}"
    if "maximum" in constraints and value > constraints["maximum"]:
        return f"lebih dari maksimum {constraints['maximum']}"
    if "enum" in constraints and value not in constraints["enum"]:
        return f"bukan salah satu dari {constraints['enum']}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], str(value)):
        return f"tidak sesuai pola {constraints['pattern']}"
    return None


def _typed_records(name: str, header: list[str], rows) -> list[dict]:
    """Rows of raw cells (header order) checked against the description of ``name``: one dict per row, typed."""
    resource = describe(name)
    fields = resource["schema"]["fields"]
    label = resource["path"]
    expected = [field["name"] for field in fields]
    if header != expected:
        missing = [column for column in expected if column not in header]
        extra = [column for column in header if column not in expected]
        raise DataError(f"Kolom {label} tidak sesuai deskripsinya: kurang {missing}, berlebih {extra}"
                        + ("" if missing or extra else ", urutan berbeda") + ".")
    records = []
    for row_number, cells in enumerate(rows, start=2):
        record = {}
        for field, raw in zip(fields, cells):
            text = "" if raw is None or (isinstance(raw, float) and raw != raw) else str(raw).strip()
            if not text:
                if field.get("constraints", {}).get("required"):
                    raise DataError(f"{label} baris {row_number}: kolom {field['name']} wajib diisi.")
                record[field["name"]] = None
                continue
            try:
                value = _convert(text, field)
            except ValueError:
                raise DataError(f"{label} baris {row_number}: {field['name']} = \u201c{text}\u201d "
                                f"bukan {field['type']}.") from None
            problem = _check_constraints(value, field)
            if problem:
                raise DataError(f"{label} baris {row_number}: {field['name']} = \u201c{text}\u201d {problem}.")
            record[field["name"]] = value
        records.append(record)
    key = resource["schema"].get("primaryKey")
    if key:
        columns = [key] if isinstance(key, str) else key
        keys = [tuple(record[column] for column in columns) for record in records]
        counts = Counter(keys)
        duplicate = next((values for values in keys if counts[values] > 1), None)
        if duplicate is not None:
            raise DataError(f"{label}: kunci {key} ganda: {list(duplicate)}.")
    return records


def _read_csv(name: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of raw strings of data set ``name``'s file; ``DataError`` if missing or unreadable."""
    resource = describe(name)
    path = data_directory() / resource["path"]
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            lines = [row for row in csv.reader(handle) if row]  # blank lines are skipped
    except FileNotFoundError:
        raise DataError(f"Berkas data {resource['path']} tidak ditemukan di {path.parent}. Hubungi instruktur.") \
            from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"Berkas data {resource['path']} tidak dapat dibaca: {error}.") from None
    if not lines:
        raise DataError(f"Berkas data {resource['path']} tidak dapat dibaca: berkas kosong.")
    header, rows = lines[0], lines[1:]
    for row_number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise DataError(f"Berkas data {resource['path']} tidak dapat dibaca: baris {row_number} berisi "
                            f"{len(row)} kolom, seharusnya {len(header)}.")
    return header, rows


def _frame(name: str, records: list[dict]) -> pd.DataFrame:
    """Checked records of ``name`` as a DataFrame: integer columns without gaps as int64, the title in ``attrs``."""
    import pandas as pd

    resource = describe(name)
    fields = resource["schema"]["fields"]
    expected = [field["name"] for field in fields]
    result = pd.DataFrame({column: [record[column] for record in records] for column in expected}, columns=expected)
    for field in fields:
        if field["type"] == "integer" and result[field["name"]].notna().all():
            result[field["name"]] = result[field["name"]].astype("int64")
    result.attrs.update(title=resource["title"], name=name, illustrative=resource.get("illustrative", False))
    return result


def validate_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Check a frame of raw strings against the description of ``name``; return it typed."""
    return _frame(name, _typed_records(name, list(frame.columns), frame.itertuples(index=False, name=None)))


def read_records(name: str) -> list[dict]:
    """Data set ``name`` as a list of rows ({column: typed value or None}), checked as ``load_table`` checks it.

    No pandas: a grading kernel describing an answer reads its data this way (~0.25 s less CPU per kernel).
    """
    header, rows = _read_csv(name)
    return _typed_records(name, header, rows)


def load_table(name: str) -> pd.DataFrame:
    """Data set ``name`` as a typed DataFrame, checked against its description (the rows ``read_records`` gives)."""
    return _frame(name, read_records(name))
