"""The contract's optional parts since the 2025 reorganisation (`units.valid_from` and
`valid_to`, the `unit_successions` table): a database without them, as every one-stop
database from before 1 July 2025 is, gives the figures of one that has them empty."""

from datetime import date

import pandas as pd
from sqlalchemy import inspect

from queries.cohort import cohort_by
from queries.connection import readonly_engine
from queries.contract import OPTIONAL_UNIT_COLUMNS
from queries.period import Period
from queries.quality import source_names
from tests import fixture_cohort
from tests.databases import build_database

PERIOD = Period(*(date.fromisoformat(d) for d in fixture_cohort.PERIOD))


def _with_the_parts_empty(backend: str, tmp_path) -> str:
    """The fixture's database with `unit_successions` (no rows) and the optional unit
    columns (all null): a database ready for a reorganisation that has had none."""
    units = [
        {**unit, "valid_from": None, "valid_to": None} for unit in fixture_cohort.ROWS["units"]
    ]
    rows = {**fixture_cohort.ROWS, "units": units, "unit_successions": []}
    return build_database(backend, rows, tmp_path)


def _figures(url: str):
    engine = readonly_engine(url)
    present = inspect(engine)
    shape = (
        "unit_successions" in present.get_table_names(),
        {c["name"] for c in present.get_columns("units")} >= set(OPTIONAL_UNIT_COLUMNS),
    )
    figures = cohort_by(engine, PERIOD, "unit"), source_names(engine)
    engine.dispose()
    return shape, figures


def test_a_database_without_the_reorganisation_reads_as_before(backend, tmp_path, make_db):
    old_shape, (old_cohort, old_names) = _figures(make_db(backend, fixture_cohort.ROWS))
    new_shape, (new_cohort, new_names) = _figures(_with_the_parts_empty(backend, tmp_path))
    assert old_shape == (False, False) and new_shape == (True, True)
    pd.testing.assert_frame_equal(old_cohort, new_cohort)
    assert old_names == new_names
    assert len(old_cohort) > 2
