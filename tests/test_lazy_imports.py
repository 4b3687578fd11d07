"""The deferred upstream import: cheap start-up, and the checks it serves still work when used."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys, time
started = time.perf_counter()
import course, nbformat, jsonschema
loaded = getattr(sys.modules["rfc3987_syntax"], "__file__", None) is not None
print(loaded, round(time.perf_counter() - started, 2))
checker = jsonschema.FormatChecker()
print(checker.conforms("https://contoh.id/\u00e4", "iri"), checker.conforms("bukan iri", "iri"))
"""


def test_importing_course_first_defers_rfc3987_syntax_until_an_iri_is_checked():
    """Does nbformat (and so nbgrader) import without the ~1 s grammar build, and do IRI checks still work?"""
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    first, second = result.stdout.split("\n")[:2]
    loaded, seconds = first.split()
    assert loaded == "False", "rfc3987_syntax was imported at start-up"
    assert float(seconds) < 0.9
    assert second == "True False"
