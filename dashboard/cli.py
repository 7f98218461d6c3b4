"""`python -m dashboard …`: the demo builder and the headless figures.

The commands call the same query functions as the views, so a figure printed
here is the figure on screen.
"""

import argparse
import os
import sys
from datetime import date

import pandas as pd

from dashboard import figures, fmt
from dashboard.kpi import REGISTRY
from dashboard.params import parse_week
from dashboard.weekly import WEEK_GROUPS, week_kpis
from queries import connection as db
from queries.period import Period


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from error


def _period(args: argparse.Namespace) -> Period:
    try:
        return Period(args.start, args.end)
    except ValueError as error:
        raise SystemExit(f"error: {error}") from error


def write_records(frame: pd.DataFrame, fmt: str, out=None) -> None:
    """Print records as a JSON array (missing values as null) or CSV."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
        out.write("\n")
    else:
        frame.to_csv(out, index=False)


def _week(text: str) -> Period:
    week = parse_week(text)
    if week is None:
        raise argparse.ArgumentTypeError(f"not an ISO week (YYYY-Www, e.g. 2024-W45): {text!r}")
    return week


def _add_db_and_period(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """The options every report command takes: the database, the period (both days included)."""
    parser.add_argument(
        "--db", help="database URL or SQLite path (default: the database the app reads)"
    )
    parser.add_argument("--start", type=_date, required=required)
    parser.add_argument("--end", type=_date, required=required)


def _cmd_demo(args: argparse.Namespace) -> int:
    import demo

    try:
        counts = demo.build(args.out, until=args.until, scale=args.scale, seed=args.seed)
    except ValueError as error:
        raise SystemExit(f"error: {error}") from error
    summary = ", ".join(f"{table} {rows:,}" for table, rows in counts.items())
    print(f"{db.describe(args.out)}: {summary}", file=sys.stderr)
    return 0


TOPICS = ("dossiers", *figures.TOPICS)


def write_table(frame: pd.DataFrame, out=None) -> None:
    """Records as an aligned text table for a terminal: counts `5.934`, rates `98,2%`."""
    out = out or sys.stdout
    shown = pd.DataFrame(
        {
            column: [
                fmt.kpi_value(column, value) if column in REGISTRY else str(value)
                for value in frame[column]
            ]
            for column in frame.columns
        }
    )
    out.write(shown.to_string(index=False) + "\n")


def _write(frame: pd.DataFrame, format_: str) -> None:
    if format_ == "table":
        write_table(frame)
    else:
        write_records(frame, format_)


def _cmd_kpis(args: argparse.Namespace) -> int:
    engine = db.readonly_engine(args.db)
    if args.week is not None:
        return _week_kpis(engine, args)
    if args.start is None or args.end is None:
        raise SystemExit("error: give --week, or both --start and --end")
    if args.format == "table":
        raise SystemExit("error: --format table goes with --week")
    if args.topic != "dossiers":
        return _topic_kpis(engine, args)
    write_records(figures.cohort_by(engine, _period(args), args.group), args.format)
    return 0


def _week_kpis(engine, args: argparse.Namespace) -> int:
    """The week as a flow (data-contract.md, "The week"), from the overview's own code."""
    if args.start is not None or args.end is not None or args.topic != "dossiers":
        raise SystemExit("error: --week goes without --start, --end and --topic")
    if args.group not in WEEK_GROUPS:
        raise SystemExit(f"error: --week groups by {' or '.join(WEEK_GROUPS)}")
    _write(week_kpis(engine, args.week, args.group), args.format)
    return 0


def _topic_kpis(engine, args: argparse.Namespace) -> int:
    """The figures of a topic page (dashboard.figures.TOPICS); `--group` does not apply."""
    tables, topic_figures = figures.TOPICS[args.topic]
    missing = db.missing_tables(engine, list(tables))
    if missing:
        raise SystemExit(f"error: the database has no table {', '.join(missing)}")
    write_records(topic_figures(engine, _period(args)), args.format)
    return 0


def _cmd_form06a(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dashboard import export_form06a
    from queries.form06a import receiving_units

    out = Path(args.out)
    if out.suffix not in export_form06a.FILE_FORMATS:
        raise SystemExit(f"error: --out must end in {', '.join(export_form06a.FILE_FORMATS)}")
    engine = db.readonly_engine(args.db)
    period = _period(args)
    unit_name = None
    if args.unit is not None:
        names = receiving_units(engine).set_index("group")["name"]
        if args.unit not in names.index:
            raise SystemExit(f"error: no receiving unit has the code {args.unit!r}")
        unit_name = names[args.unit]
    frame = figures.form06a_rows(engine, period, args.level, args.unit)
    scope = export_form06a.scope_name(args.level, unit_name)
    out.write_bytes(export_form06a.to_file_bytes(frame, out.suffix, scope, period))
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    """The weekly briefing as a file (dashboard/handout.py): by default the last complete
    week of the data; a week still running ends at the last day of data, as on screen."""
    from pathlib import Path

    from dashboard import briefing, handout
    from queries.meta import data_as_of
    from queries.period import last_complete_week, week_of

    out = Path(args.out)
    if out.suffix.lower() not in handout.SUFFIXES:
        raise SystemExit(f"error: --out must end in {', '.join(handout.SUFFIXES)}")
    if not out.parent.is_dir():
        raise SystemExit(f"error: no folder {str(out.parent)!r} for --out")
    engine = db.readonly_engine(args.db)
    latest = data_as_of(engine)
    last_day = latest.date() if latest else date.today()
    if args.week is None:
        week = last_complete_week(last_day)
    elif args.week.start > last_day:
        raise SystemExit(f"error: the data end on {last_day.isoformat()}, before that week")
    else:
        week = week_of(args.week.start, last_day)
    deck = briefing.build(engine, week)
    data = handout.to_bytes(deck, out.suffix)
    try:
        out.write_bytes(data)
    except OSError as error:
        raise SystemExit(f"error: cannot write {str(out)!r}: {error.strerror}") from error
    print(f"{out}: {deck.heading}", file=sys.stderr)
    return 0


def _cmd_late(args: argparse.Namespace) -> int:
    """The late, overdue or due-soon list (queries/late.py), applicants masked.

    `--unit` takes a receiving unit's code (district one-stop or commune) or,
    failing that, a handling unit's (a department): a commune reads as receiving.
    """
    from queries.late import LateFilter, filter_options

    engine = db.readonly_engine(args.db)
    options = filter_options(engine)
    unit = {}
    if args.unit in {code for code, _ in options["received"]}:
        unit = {"received_unit": args.unit}
    elif args.unit in {code for code, _ in options["handling"]}:
        unit = {"handling_unit": args.unit}
    elif args.unit is not None:
        raise SystemExit(f"error: no unit has the code {args.unit!r}")
    try:
        filt = LateFilter(_period(args), args.state, soon_days=args.days, basis=args.basis, **unit)
    except ValueError as error:
        raise SystemExit(f"error: {error}") from error
    write_records(figures.late_list(engine, filt, page_size=None), args.format)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="build the Châu Thành A demo database")
    demo.add_argument("--out", required=True, help="SQLite path or postgresql:// URL")
    demo.add_argument("--until", type=_date, default=None, help="last day of data (default: today)")
    demo.add_argument("--scale", type=float, default=1.0, help="multiply the dossier volume")
    demo.add_argument("--seed", type=int, default=2023)
    demo.set_defaults(handler=_cmd_demo)

    kpis = commands.add_parser(
        "kpis", help="print the cohort KPIs of a period, or the week as a flow (--week)"
    )
    _add_db_and_period(kpis, required=False)
    kpis.add_argument(
        "--week", type=_week, help="an ISO week, e.g. 2024-W45: the week as a flow, by group"
    )
    kpis.add_argument("--group", choices=("unit", "kind", "handling"), default="unit")
    kpis.add_argument(
        "--topic", choices=TOPICS, default="dossiers", help="dossiers (cohort KPIs) or a topic page"
    )
    kpis.add_argument("--format", choices=("json", "csv", "table"), default="json")
    kpis.set_defaults(handler=_cmd_kpis)

    form = commands.add_parser("form06a", help="write Biểu II.06a of a period (.xlsx/.csv/.json)")
    _add_db_and_period(form)
    form.add_argument("--unit", help="code of one receiving unit (default: all)")
    form.add_argument("--level", choices=("district", "commune"), help="one level only")
    form.add_argument("--out", required=True, help="file to write: .xlsx, .csv or .json")
    form.set_defaults(handler=_cmd_form06a)

    brief = commands.add_parser(
        "brief", help="write the weekly briefing: slides (.pptx), handout (.pdf) or message (.txt)"
    )
    brief.add_argument(
        "--db", help="database URL or SQLite path (default: the database the app reads)"
    )
    brief.add_argument(
        "--week", type=_week, help="an ISO week, e.g. 2024-W45 (default: the last complete one)"
    )
    brief.add_argument("--out", required=True, help="file to write: .pptx, .pdf or .txt")
    brief.set_defaults(handler=_cmd_brief)

    late = commands.add_parser("late", help="print the late, overdue or due-soon dossiers")
    _add_db_and_period(late)
    late.add_argument("--unit", help="code of a receiving unit, or else of a handling unit")
    late.add_argument("--state", choices=("late", "overdue", "due-soon"), default="overdue")
    late.add_argument(
        "--days", type=int, default=2, help="due-soon: due within N working days (1–60)"
    )
    late.add_argument(
        "--basis",
        choices=("received", "flow"),
        default="received",
        help="received: dossiers received in the period (default); flow: finished late in "
        "the period, or open at its end, whenever received (the week's figures)",
    )
    late.add_argument("--format", choices=("json", "csv"), default="json")
    late.set_defaults(handler=_cmd_late)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # The reader stopped early (`… | head`): not a failure. Point stdout at devnull
        # so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
