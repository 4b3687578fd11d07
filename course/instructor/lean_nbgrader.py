"""Same grading, less work: process-wide shortcuts for the long-lived grading worker.

Each one leaves what nbgrader decides untouched (the same queries, the same checks, the same errors) and
only stops repeating work that a process grading notebook after notebook does over and over. The worker
(``grade_worker``) turns them on; ``nbgrader autograde`` itself is not changed.
"""

from __future__ import annotations

__all__ = ["reuse_gradebook_engines", "compile_metadata_schemas", "compile_output_checks"]


def reuse_gradebook_engines() -> None:
    """One SQLAlchemy engine per gradebook URL for the whole process, instead of one per ``Gradebook(...)``,
    and nbgrader's tables checked once per engine.

    nbgrader opens the gradebook about ten times per notebook, and each ``Gradebook`` makes a new engine
    with an empty statement cache, so every query was compiled again each time (measured in
    docs/performance.md). The engine is only the connection factory: sessions, transactions and commits
    are nbgrader's own, and ``Gradebook.close`` still returns every connection (``engine.dispose``).
    """
    import nbgrader.api

    if getattr(nbgrader.api.create_engine, "reused", False):
        return
    create_engine, engines = nbgrader.api.create_engine, {}

    def reused_engine(url, **options):
        key = (str(url), tuple(sorted(options.items())))
        if key not in engines:
            engines[key] = create_engine(url, **options)
        return engines[key]

    reused_engine.reused = True
    nbgrader.api.create_engine = reused_engine

    # Gradebook(...) also asks the database, table by table, whether nbgrader's tables exist (and creates
    # any that do not): once per engine is enough, since nothing in this process drops them.
    metadata, created = nbgrader.api.Base.metadata, set()
    create_all = metadata.create_all

    def create_all_once(bind, tables=None, checkfirst=True):
        if tables is None and checkfirst and id(bind) in created:
            return
        create_all(bind=bind, tables=tables, checkfirst=checkfirst)
        if tables is None and checkfirst:
            created.add(id(bind))

    metadata.create_all = create_all_once


def compile_metadata_schemas() -> None:
    """Check each cell's nbgrader metadata with a compiled schema; on a failure, let jsonschema say why.

    nbgraderformat calls ``jsonschema.validate`` for every cell, which checks the (fixed) schema itself each
    time and then walks the instance in Python. Here the schema is checked once, valid metadata (nearly
    all) passes through a fastjsonschema function compiled from that schema (formats and defaults off, as
    ``jsonschema.validate`` has them), and invalid metadata is handed to jsonschema so that the error
    raised is exactly the one nbgrader would raise.
    """
    import json
    import types

    import fastjsonschema
    import jsonschema
    from nbgrader.nbgraderformat import common

    if isinstance(common.jsonschema, types.SimpleNamespace):
        return
    compiled = {}

    def checks(schema):
        key = json.dumps(schema, sort_keys=True)
        if key not in compiled:
            kind = jsonschema.validators.validator_for(schema)
            kind.check_schema(schema)
            compiled[key] = (fastjsonschema.compile(schema, use_default=False, use_formats=False), kind(schema))
        return compiled[key]

    by_identity = {}

    def validate(instance, schema):
        if id(schema) not in by_identity:  # nbgrader keeps one schema object per validator: dump it once
            if len(by_identity) > 64:
                by_identity.clear()
            by_identity[id(schema)] = (schema, checks(schema))
        _, (fast, thorough) = by_identity[id(schema)]
        try:
            fast(instance)
        except fastjsonschema.JsonSchemaException:
            error = jsonschema.exceptions.best_match(thorough.iter_errors(instance))
            if error is not None:
                raise error from None

    common.jsonschema = types.SimpleNamespace(validate=validate, ValidationError=jsonschema.ValidationError)


def compile_output_checks() -> None:
    """Check each output nbclient collects with a compiled schema; on a failure, let nbformat say why.

    nbclient builds every output of every cell with ``nbformat.v4.new_output``, which checks it against the part
    of nbformat's schema named after its type (``stream``, ``display_data``...). For a named part nbformat always
    uses jsonschema, which walks the schema in Python (about 0.2 ms an output, 5 ms a notebook here). Here each
    named part is compiled once with fastjsonschema (formats and defaults off, as nbformat's jsonschema check
    has them); an output it refuses is handed to nbformat's own check, so what is refused, and the error
    raised, are nbformat's.
    """
    import fastjsonschema
    from nbformat import validator
    from nbformat.v4 import nbbase

    if getattr(nbbase.validate, "compiled", False):
        return
    checked_by_nbformat = nbbase.validate
    schema = validator.get_validator(version=4, name="jsonschema")._schema
    compiled = {}

    def validate(node, ref=None):
        if ref is None:
            return checked_by_nbformat(node, ref)
        if ref not in compiled:
            compiled[ref] = fastjsonschema.compile({"$schema": schema["$schema"], "definitions": schema["definitions"],
                                                    "$ref": f"#/definitions/{ref}"}, use_default=False, use_formats=False)
        try:
            compiled[ref](node)
        except fastjsonschema.JsonSchemaException:
            return checked_by_nbformat(node, ref)
        return None

    validate.compiled = True
    nbbase.validate = validate
