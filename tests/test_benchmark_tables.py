"""The README's benchmark tables are written from benchmarks/scale.py's results files
(benchmarks/readme_tables.py), and the README holds what they say."""

import json

import pytest

from benchmarks import readme_tables


def view(cold, warm, sql, audit, hand=None, ratio=None, rss=250.4):
    return {
        "cold_ms_median": cold,
        "cold_ms_p95": cold + 100,
        "warm_ms_median": warm,
        "statements": 22,
        "sql_ms_without_quality": sql,
        "sql_ms_quality": audit,
        "handwritten_figures_ms": hand,
        "ratio": ratio,
        "fetched_rows": 1523,
        "rss_peak_mb": rss,
    }


RESULT = {
    "dossiers": 1_003_020,
    "scope": None,
    "views": {
        "overview": view(1210.4, 72.2, 82.0, 700.6, hand=68.3, ratio=1.2006),
        "units": view(1700.0, 90.0, 379.5, 650.0, hand=150.0, ratio=2.53),
    },
    "week_overview": {"last_week": {"sql_ms": 160.2}, "older_week": {"sql_ms": 240.0}},
    "late_pages": [
        {"filter": "late, all years", "page": 1, "of": 40, "ms_median": 20.0},
        {"filter": "late, all years", "page": 40, "of": 40, "ms_median": 310.7},
    ],
    "goals": {"overview_sql_ms": 150, "cold_ms": 1500, "ratio": 1.2, "late_page_ms": 300},
    "goals_met": {
        "overview": {"cold_ms": True, "ratio": False, "overview_sql_ms": False},
        "units": {"cold_ms": False, "ratio": False},
        "late": {"late_page_ms": False},
    },
    "sessions": {
        "app": {"jit": "off", "max_parallel_workers_per_gather": "2"},
        "handwritten": {"jit": "off", "max_parallel_workers_per_gather": "2"},
    },
}


def test_one_row_per_view_in_the_readme_words():
    lines = readme_tables.views_table(RESULT).splitlines()
    assert lines[0] == (
        "| view | cold | cold p95 | warm | statements | SQL | + audit | hand-written | ratio "
        "| rows to the app | memory MB |"
    )
    assert lines[2] == (
        "| Tổng quan tuần, last complete week | 1,210 | 1,310 | 72 | 22 | 82 | 701 | 68 | 1.20 "
        "| 1,523 | 250 |"
    )
    assert lines[3].startswith("| Theo đơn vị (year to date) | 1,700 |")
    assert len(lines) == 4


def test_under_a_scope_the_hand_written_cells_are_empty():
    scoped = {**RESULT, "views": {"overview": view(1586.0, 106.0, 81.0, 900.0)}}
    assert "| 81 | 900 | — | — | 1,523 |" in readme_tables.views_table(scoped)


def test_each_goal_with_what_was_measured_and_the_views_that_missed_it():
    lines = readme_tables.goals_table(RESULT).splitlines()
    assert lines[2:] == [
        "| the overview's own reads, last complete week ≤ 150 ms | 160 ms "
        "| Tổng quan tuần, last complete week |",
        "| every view cold ≤ 1,500 ms | 1,700 ms (Theo đơn vị (year to date)) "
        "| Theo đơn vị (year to date) |",
        "| a view's SQL ≤ 1.2 × the hand-written | 2.53 at most (Theo đơn vị (year to date)) "
        "| Tổng quan tuần, last complete week, Theo đơn vị (year to date) |",
        "| a page of the late list ≤ 300 ms | 311 ms (late, all years, page 40 of 40) "
        "| Hồ sơ trễ hạn |",
    ]


def test_both_sides_settings_side_by_side():
    assert readme_tables.sessions_table(RESULT).splitlines()[2:] == [
        "| `jit` | off | off |",
        "| `max_parallel_workers_per_gather` | 2 | 2 |",
    ]


def test_results_side_by_side():
    scoped = {**RESULT, "scope": "31342", "scope_dossiers": 364_374}
    scoped["views"] = {"overview": view(1586.0, 106.0, 81.0, 900.0)}
    lines = readme_tables.compare([RESULT, scoped]).splitlines()
    assert lines[0] == (
        "| view | whole (1,003,020 dossiers) cold | warm | SQL "
        "| 31342 (364,374 dossiers) cold | warm | SQL |"
    )
    assert lines[2] == "| overview | 1,210 | 72 | 82 | 1,586 | 106 | 81 |"
    assert lines[3] == "| units | 1,700 | 90 | 380 | — | — | — |"


def test_the_marked_tables_are_written_again_and_nothing_else(tmp_path):
    (tmp_path / "scale-1.json").write_text(json.dumps(RESULT))
    text = (
        "Before.\n\n<!-- results: sessions scale-1.json -->\n| stale |\n<!-- /results -->\n"
        "Between.\n<!-- results: compare scale-1.json scale-1.json -->\n<!-- /results -->\nAfter.\n"
    )
    written = readme_tables.refresh(text, tmp_path)
    assert written.startswith("Before.\n\n<!-- results: sessions scale-1.json -->\n| setting |")
    assert "| stale |" not in written
    assert "| `max_parallel_workers_per_gather` | 2 | 2 |\n<!-- /results -->\nBetween.\n" in written
    assert "| overview | 1,210 | 72 | 82 | 1,210 | 72 | 82 |\n" in written
    assert written.endswith("<!-- /results -->\nAfter.\n")
    assert readme_tables.refresh(written, tmp_path) == written


def test_a_table_of_no_known_kind_or_of_too_many_files_is_refused():
    with pytest.raises(ValueError):
        readme_tables.table("speed", [RESULT])
    with pytest.raises(ValueError):
        readme_tables.table("views", [RESULT, RESULT])


def test_the_readme_tables_are_the_results():
    text = readme_tables.README.read_text()
    assert len(readme_tables.MARKED.findall(text)) >= 4
    assert readme_tables.refresh(text) == text
