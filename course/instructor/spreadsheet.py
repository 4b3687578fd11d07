"""CSV files an instructor opens in a spreadsheet: no cell may start a formula.

OWASP's CSV-injection guidance: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is run as a formula by Excel, LibreOffice and Google Sheets. Such text cells (participant ids are
folder names, answers are typed) get a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["FORMULA_STARTS", "neutralise", "write_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with an apostrophe in front when it is text a spreadsheet would read as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` (no index) with every text cell and heading neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.to_csv(path, index=False)
