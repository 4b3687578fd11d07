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


_text = st.text(max_size=4) | st.lists(st.text(max_size=3), max_size=2)
_OUTPUT_FIELDS = {"name": st.sampled_from(["stdout", "stderr", "stdin"]) | _value, "text": _text | _value,
                  "data": st.dictionaries(st.sampled_from(["text/plain", "text/html", "application/json", "x"]),
                                          _text | _value, max_size=2) | _value,
                  "metadata": st.dictionaries(st.text(max_size=3), _value, max_size=2) | _value,
                  "execution_count": st.none() | st.integers(-2, 3) | _value,
                  "ename": st.text(max_size=3) | _value, "evalue": st.text(max_size=3) | _value,
                  "traceback": st.lists(st.text(max_size=3), max_size=2) | _value, "extra": _value}
outputs = st.one_of(
    st.builds(lambda kind, fields: {"output_type": kind, **fields},
              st.sampled_from(["stream", "display_data", "execute_result", "error", "update_display_data", "x"]),
              st.fixed_dictionaries({}, optional=_OUTPUT_FIELDS)),
    _value,
)


def _output_outcome(validate, instance, ref) -> str:
    try:
        validate(instance, ref)
    except Exception as error:  # noqa: BLE001 - whatever nbformat raises is what the worker must raise
        return f"{type(error).__name__}: {getattr(error, 'message', error)}"
    return "valid"


@settings(max_examples=400, deadline=None)
@given(outputs, st.sampled_from(["output", "stream", "display_data", "execute_result", "error", "code_cell"]))
def test_compiled_output_check_accepts_and_refuses_exactly_what_nbformat_does(instance, ref):
    """For any output nbclient could build, does the worker's check pass or raise exactly as nbformat's does?"""
    from nbformat.v4 import nbbase

    from course.instructor import lean_nbgrader

    original = nbbase.validate
    try:
        lean_nbgrader.compile_output_checks()
        assert nbbase.validate is not original
        assert _output_outcome(nbbase.validate, instance, ref) == _output_outcome(original, instance, ref)
    finally:
        nbbase.validate = original


def test_nbclient_builds_its_outputs_through_the_compiled_check():
    """Does the shortcut reach nbclient's outputs (``new_output`` looks ``validate`` up in nbbase and names the output's own part of the schema)?"""
    from nbformat.v4 import nbbase, output_from_msg

    from course.instructor import lean_nbgrader

    original, seen = nbbase.validate, []
    try:
        lean_nbgrader.compile_output_checks()
        compiled = nbbase.validate
        nbbase.validate = lambda node, ref=None: (seen.append(ref), compiled(node, ref))[1]
        output = output_from_msg({"header": {"msg_type": "stream"}, "content": {"name": "stdout", "text": "x"}})
    finally:
        nbbase.validate = original
    assert output == {"output_type": "stream", "name": "stdout", "text": "x"} and seen == ["stream"]
