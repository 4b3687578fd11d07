"""The grading worker's shortcuts (course/instructor/lean_nbgrader.py) decide nothing differently from nbgrader."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import jsonschema
from hypothesis import given, settings, strategies as st
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from .conftest import ROOT

SCHEMA = MetadataValidatorV3().schema

_value = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | st.text(max_size=5),
                      lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
                      max_leaves=4)
_FIELDS = ["grade", "grade_id", "locked", "points", "schema_version", "solution", "task", "cell_type", "checksum"]
metadata = st.one_of(
    st.fixed_dictionaries({}, optional={field: _value for field in _FIELDS}),
    st.builds(lambda base, changes: {**base, **changes},
              st.just({"grade": True, "grade_id": "c001_tes", "locked": True, "points": 2.0, "schema_version": 3,
                       "solution": False, "task": False}),
              st.dictionaries(st.sampled_from(_FIELDS), _value, max_size=2)),
    _value,
)


def _outcome(validate, instance) -> str:
    try:
        validate(instance, SCHEMA)
    except jsonschema.ValidationError as error:
        return f"ValidationError: {error.message} at {list(error.absolute_path)}"
    return "valid"


@settings(max_examples=400, deadline=None)
@given(metadata)
def test_compiled_metadata_check_accepts_and_refuses_exactly_what_jsonschema_does(instance):
    """For any cell metadata, does the worker's check pass or raise exactly as nbgrader's jsonschema.validate does?"""
    from course.instructor import lean_nbgrader
    from nbgrader.nbgraderformat import common

    original = common.jsonschema
    try:
        lean_nbgrader.compile_metadata_schemas()
        assert common.jsonschema is not original
        assert _outcome(common.jsonschema.validate, instance) == _outcome(jsonschema.validate, instance)
    finally:
        common.jsonschema = original


def test_reused_engines_give_the_same_gradebook_answers_and_close_every_connection(tmp_path):
    """With one engine per URL, do repeated Gradebook opens see each other's writes and leave no connection open?"""
    script = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from course.instructor.lean_nbgrader import reuse_gradebook_engines
        reuse_gradebook_engines()
        from nbgrader.api import Gradebook
        url = "sqlite:///{tmp_path / 'gradebook.db'}"
        engines = []
        for number in range(3):
            with Gradebook(url) as gradebook:
                gradebook.add_student(f"peserta{{number}}")
                engines.append(gradebook.engine)
        with Gradebook(url) as gradebook:
            names = sorted(student.id for student in gradebook.students)
        print(json.dumps({{"names": names, "one_engine": len({{id(e) for e in engines}}) == 1,
                           "open": engines[0].pool.checkedout()}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer == {"names": ["peserta0", "peserta1", "peserta2"], "one_engine": True, "open": 0}
