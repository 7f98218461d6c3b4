"""The README's benchmark tables, written from the results files of benchmarks/scale.py.

    .venv/bin/python benchmarks/readme_tables.py [--check]

The README marks each table it takes from the results, with the kind of table and the
files (under benchmarks/results/) it is made of:

    <!-- results: views scale-1000000.json -->
    | view | cold | … |
    <!-- /results -->

Kinds: `views` (each view's times, SQL, hand-written SQL, ratio and memory), `goals`
(each goal of scale.py against what was measured), `sessions` (the settings of the app's
sessions and of the hand-written side) and `compare` (several files side by side: each
view's cold, warm and own SQL). Whatever lies between the marks is written again;
`--check` writes nothing and fails when the README's tables are not the results' (the
tests run it, so a table edited by hand or a results file changed alone is caught).
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results"
MARKED = re.compile(
    r"(?P<open><!-- results: (?P<kind>\w+) (?P<files>[^>]+?) -->\n)"
    r"(?P<table>.*?)"
    r"(?P<close><!-- /results -->)",
    re.S,
)
# The views as the README names them.
LABELS = {
    "overview": "Tổng quan tuần, last complete week",
    "overview-older": "Tổng quan tuần, a week of 2022",
    "units": "Theo đơn vị (year to date)",
    "late": "Hồ sơ trễ hạn",
    "form06a": "Biểu II.06a",
    "satisfaction": "Hài lòng",
    "cashless": "Không tiền mặt",
    "adoption": "Chuyển đổi số",
    "ocop": "OCOP",
    "briefing": "Trình chiếu",
}


def number(value, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def row(cells) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def header(*names: str) -> list[str]:
    return [row(names), "|" + "---|" * len(names)]


def views_table(result: dict) -> str:
    """Each view, ms, medians of the runs: cold, its slowest run, warm; statements; its own
    SQL and the audit's beside it; the hand-written statement and the ratio; rows fetched;
    the peak memory of the process that ran it."""
    lines = header(
        "view",
        "cold",
        "cold p95",
        "warm",
        "statements",
        "SQL",
        "+ audit",
        "hand-written",
        "ratio",
        "rows to the app",
        "memory MB",
    )
    for name, v in result["views"].items():
        lines.append(
            row(
                [
                    LABELS.get(name, name),
                    number(v["cold_ms_median"]),
                    number(v["cold_ms_p95"]),
                    number(v["warm_ms_median"]),
                    number(v["statements"]),
                    number(v["sql_ms_without_quality"]),
                    number(v["sql_ms_quality"]),
                    number(v.get("handwritten_figures_ms")),
                    number(v.get("ratio"), 2),
                    number(v["fetched_rows"]),
                    number(v["rss_peak_mb"]),
                ]
            )
        )
    return "\n".join(lines)


def _missed(result: dict, goal: str) -> list[str]:
    return [view for view, met in result["goals_met"].items() if met.get(goal) is False]


def _slowest(result: dict, key: str) -> str:
    name, v = max(result["views"].items(), key=lambda item: item[1][key])
    return f"{number(v[key])} ms ({LABELS.get(name, name)})"


def _late_page(result: dict) -> str:
    page = max(result["late_pages"], key=lambda p: p["ms_median"])
    read = f", {page['read']}" if "read" in page else ""  # earlier results: by number
    return (
        f"{number(page['ms_median'])} ms ({page['filter']}, page {page['page']} of "
        f"{page['of']}{read})"
    )


def _ratios(result: dict) -> str:
    ratios = {name: v["ratio"] for name, v in result["views"].items() if v.get("ratio")}
    if not ratios:
        return "not measured: the hand-written statements read the whole database"
    name = max(ratios, key=ratios.get)
    return f"{number(ratios[name], 2)} at most ({LABELS.get(name, name)})"


# Each goal of scale.py: its words (with its limit) and what was measured against it.
GOALS = {
    "cold_ms": ("every view cold ≤ {} ms", lambda r: _slowest(r, "cold_ms_median")),
    "warm_ms": ("every view warm ≤ {} ms", lambda r: _slowest(r, "warm_ms_median")),
    "overview_sql_ms": (
        "the overview's own reads, last complete week ≤ {} ms",
        lambda r: f"{number(r['week_overview']['last_week']['sql_ms'])} ms",
    ),
    "older_week_sql_ms": (
        "the overview's own reads, an older week ≤ {} ms",
        lambda r: f"{number(r['week_overview']['older_week']['sql_ms'])} ms",
    ),
    "late_page_ms": ("a page of the late list ≤ {} ms", _late_page),
    "ratio": ("a view's SQL ≤ {} × the hand-written", _ratios),
}


def goals_table(result: dict) -> str:
    """Each goal, what was measured against it, and the views that missed it."""
    lines = header("goal", "measured", "missed by")
    for goal, limit in result["goals"].items():
        words, measured = GOALS[goal]
        missed = [LABELS.get(view, view) for view in _missed(result, goal)]
        lines.append(row([words.format(f"{limit:,}"), measured(result), ", ".join(missed) or "—"]))
    return "\n".join(lines)


def sessions_table(result: dict) -> str:
    """The settings an app's session and a hand-written one ran with."""
    sessions = result["sessions"]
    lines = header("setting", "the app's sessions", "hand-written")
    for name, value in sessions["app"].items():
        lines.append(row([f"`{name}`", value, sessions["handwritten"].get(name, "—")]))
    return "\n".join(lines)


def compare(results: list[dict]) -> str:
    """Each view's cold and warm medians and its own SQL (without the audit), ms, in each
    results file, side by side."""
    heads = [
        f"{r.get('scope') or 'whole'} ({(r.get('scope_dossiers') or r['dossiers']):,} dossiers)"
        for r in results
    ]
    lines = [
        "| view | " + " | ".join(f"{h} cold | warm | SQL" for h in heads) + " |",
        "|---|" + "---|---|---|" * len(results),
    ]
    for view in results[0]["views"]:
        cells = [
            " | ".join(
                f"{r['views'][view][key]:,.0f}" if view in r["views"] else "—"
                for key in ("cold_ms_median", "warm_ms_median", "sql_ms_without_quality")
            )
            for r in results
        ]
        lines.append(f"| {view} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


TABLES = {"views": views_table, "goals": goals_table, "sessions": sessions_table}


def table(kind: str, results: list[dict]) -> str:
    if kind == "compare":
        return compare(results)
    if kind not in TABLES or len(results) != 1:
        raise ValueError(f"a table of kind {kind!r} from {len(results)} files")
    return TABLES[kind](results[0])


def refresh(text: str, results_dir: Path = RESULTS) -> str:
    """`text` (the README) with each marked table written from its results files."""

    def written(found: re.Match) -> str:
        files = found["files"].split()
        results = [json.loads((results_dir / name).read_text()) for name in files]
        return f"{found['open']}{table(found['kind'], results)}\n{found['close']}"

    return MARKED.sub(written, text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=README)
    parser.add_argument("--check", action="store_true", help="fail if a table differs")
    args = parser.parse_args(argv)
    text = args.readme.read_text()
    new = refresh(text)
    if args.check:
        if new != text:
            print(f"{args.readme}: tables differ from the results", file=sys.stderr)
            return 1
        return 0
    args.readme.write_text(new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
