"""`python -m dashboard …`: the demo builder and the headless figures.

The commands call the same query functions as the views, so a figure printed
here is the figure on screen. Whatever goes wrong ends as one Vietnamese line on
stderr (`lỗi: …`) and a non-zero exit status, never a traceback: the options are
checked as they are read, the database and the files before the work starts, and
`main` words what can only fail later (dashboard/cli_errors.py).
"""

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ArgumentError

from dashboard import exports, figures, fmt, out_file, role_check, unit_reading
from dashboard.auth import users_cli
from dashboard.cli_errors import CliError, Parser, line
from dashboard.kpi import REGISTRY
from dashboard.params import EARLIEST_DATE, LATEST_DATE, parse_date, parse_week
from dashboard.plain_text import cleaned
from dashboard.weekly import WEEK_GROUPS, week_kpis
from queries import connection as db
from queries import scope as scopes
from queries.form06a import LEVELS
from queries.late import MAX_SOON_DAYS
from queries.period import Period
from queries.privileges import write_access

READABLE_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")


def _quoted(text: str) -> str:
    """A value as typed, quoted (control characters escaped) and cut short for a message."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _date(text: str) -> date:
    # The app's own reading of a date (its URLs take the same), so both agree on the range.
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(
            f"{_quoted(text)} không phải một ngày từ {EARLIEST_DATE} đến {LATEST_DATE} "
            "(YYYY-MM-DD hoặc DD/MM/YYYY)"
        )
    return value


def _bounds(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f" từ {low} đến {high}"
    if low is not None:
        return f" từ {low} trở lên"
    return f" đến {high}" if high is not None else ""


def _whole_number(low: int | None = None, high: int | None = None):
    """An option type: a whole number within [low, high] (either end open when None)."""

    def parse(text: str) -> int:
        # Digits only: int() would also take "1_000" and other scripts' digits. Over
        # 4,300 digits int() refuses (ValueError), and no bound is that wide.
        digits = re.fullmatch(r"\s*[+-]?[0-9]{1,4300}\s*", text)
        value = int(text) if digits else None
        if (
            value is None
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise argparse.ArgumentTypeError(
                f"{_quoted(text)} không phải số nguyên{_bounds(low, high)}"
            )
        return value

    return parse


def _number(text: str) -> float:
    # The demo builder checks the range (demo/builder.py SCALES); NaN and infinity fail it.
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_quoted(text)} không phải một số") from None


def _period(args: argparse.Namespace) -> Period:
    if args.end < args.start:
        raise CliError(f"kỳ báo cáo kết thúc ({args.end}) trước khi bắt đầu ({args.start})")
    return Period(args.start, args.end)


def write_records(frame: pd.DataFrame, fmt: str, out=None) -> None:
    """Print records as a JSON array (missing values as null, text exact) or CSV, whose
    text cells a spreadsheet would run as formulas are neutralised (exports.neutralize)."""
    out = out or sys.stdout
    frame = cleaned(frame)
    if fmt == "json":
        out.write(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
        out.write("\n")
    else:
        text_columns = frame.select_dtypes(include=["object", "string"]).columns
        safe = {c: frame[c].map(exports.neutralize, na_action="ignore") for c in text_columns}
        # CRLF as the page exports (RFC 4180): a carriage return inside a cell is then quoted.
        frame.assign(**safe).to_csv(out, index=False, lineterminator="\r\n")


def _week(text: str) -> Period:
    week = parse_week(text)
    if week is None:
        raise argparse.ArgumentTypeError(
            f"{_quoted(text)} không phải một tuần ISO từ {EARLIEST_DATE.year} đến "
            f"{LATEST_DATE.year} (YYYY-Www, ví dụ 2024-W45)"
        )
    return week


def _parsed(url: str, option: str) -> URL:
    """The URL of --db or the demo's --out, refused unless SQLite or PostgreSQL (psycopg)."""
    try:
        parsed = db.normalize_url(url)
    except (ArgumentError, ValueError):  # the value is not echoed: it may hold a password
        raise CliError(
            f"{option} không phải đường dẫn tệp SQLite hay URL postgresql://… hợp lệ"
        ) from None
    if parsed.drivername not in READABLE_DRIVERS:
        raise CliError(
            f"{option}: không dùng được cơ sở dữ liệu loại {parsed.drivername!r}; "
            "chỉ SQLite (đường dẫn tệp) hoặc PostgreSQL (postgresql://…)"
        )
    return parsed


WARNING = "cảnh báo: "


def _engine(url: str | None, scope: str | None = None) -> Engine:
    """The read-only engine on --db (default: the app's database), refused before any
    query when it cannot be one, limited to --scope (default: DASHBOARD_SCOPE; a code no
    unit has is refused). A wrong timeout setting is said whatever the database."""
    if url is not None and not url.strip():
        raise CliError("--db trống: cho đường dẫn tệp SQLite hoặc URL postgresql://…")
    url = url or db.resolve_url()
    parsed = _parsed(url, "--db")
    if parsed.get_backend_name() == "sqlite":
        _check_sqlite_file(parsed.database, db.is_demo(url))
    db.statement_timeout_ms()
    engine = db.readonly_engine(url)
    # The administrator hears it here too: a role that could write is one bug away from
    # changing the one-stop's data (README, the SELECT-only role).
    if warning := role_check.warning(write_access(engine)):
        print(f"{WARNING}{warning}", file=sys.stderr)
    engine = scopes.scoped(engine, scope or scopes.configured())
    try:
        scopes.ids(engine)
    except scopes.UnknownScope as error:
        raise CliError(str(error)) from None
    return engine


def _check_sqlite_file(name: str | None, demo: bool) -> None:
    # SQLite would open a folder or a missing file lazily and fail at the first query.
    if not name or name == ":memory:":
        raise CliError("--db cần một tệp SQLite có sẵn")
    path = Path(name)
    if path.is_dir():
        raise CliError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu SQLite")
    if not path.exists():
        hint = " (tạo bằng: make demo)" if demo else ""
        raise CliError(f"không có tệp cơ sở dữ liệu {path}{hint}")


def _output_file(args: argparse.Namespace, suffixes) -> Path:
    """--out, checked before the work starts: its type, and a file it may write
    (dashboard/out_file.py: a new one, or with --replace one already there, never a link)."""
    out = Path(args.out)
    if out.suffix.lower() not in suffixes:
        raise CliError(f"--out phải có đuôi {', '.join(suffixes)}")
    out_file.check(out, args.replace)
    return out


def _add_db_and_period(parser: argparse.ArgumentParser, required: bool = True) -> None:
    """The options every report command takes: the database, the period (both days included)."""
    parser.add_argument(
        "--db", help="database URL or SQLite path (default: the database the app reads)"
    )
    parser.add_argument("--start", type=_date, required=required)
    parser.add_argument("--end", type=_date, required=required)


def _add_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--scope",
        metavar="CODE",
        help="only this unit's area: a commune with its predecessors, a province centre with "
        "everything under it, a former district with its history (default: DASHBOARD_SCOPE)",
    )


def _add_units(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--units",
        choices=unit_reading.READINGS,
        default=unit_reading.DEFAULT,
        help="current: by today's units, a merged commune with its predecessors (default); "
        "recorded: by the unit on each dossier",
    )


def _add_replace(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace the file at --out if there is one (never through a symbolic link)",
    )


def _cmd_demo(args: argparse.Namespace) -> int:
    import demo

    parsed = _parsed(args.out, "--out")
    if parsed.get_backend_name() == "sqlite":
        # The path as typed: normalize_url resolves a link to the file it names.
        typed = args.out if "://" not in args.out else parsed.database or ""
        out_file.check(Path(typed).expanduser(), args.replace)
    try:
        counts = demo.build(
            args.out, until=args.until, scale=args.scale, seed=args.seed, replace=args.replace
        )
    except demo.DemoError as error:
        raise CliError(str(error)) from None
    summary = ", ".join(f"{table} {rows:,}" for table, rows in counts.items())
    print(f"{db.describe(args.out)}: {summary}", file=sys.stderr)
    return 0


INDEX766 = "766"  # the 766 estimate (dashboard.index766)
TOPICS = ("dossiers", *figures.TOPICS, INDEX766)


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
    engine = _engine(args.db, args.scope)
    if args.week is not None:
        return _week_kpis(engine, args)
    if args.start is None or args.end is None:
        raise CliError("cần --week, hoặc cả --start lẫn --end")
    if args.topic == INDEX766:
        return _index766_kpis(engine, args)
    if args.format == "table":
        raise CliError("--format table chỉ đi với --week hoặc --topic 766")
    if args.topic != "dossiers":
        return _topic_kpis(engine, args)
    frame = figures.cohort_by(engine, _period(args), args.group, units=args.units)
    write_records(frame, args.format)
    return 0


def _week_kpis(engine, args: argparse.Namespace) -> int:
    """The week as a flow (data-contract.md, "The week"), from the overview's own code."""
    if args.start is not None or args.end is not None or args.topic != "dossiers":
        raise CliError("--week không đi cùng --start, --end hay --topic")
    if args.group not in WEEK_GROUPS:
        raise CliError(f"--week chỉ nhóm theo {' hoặc '.join(WEEK_GROUPS)} (--group)")
    _write(week_kpis(engine, args.week, args.group, args.units), args.format)
    return 0


def _topic_kpis(engine, args: argparse.Namespace) -> int:
    """The figures of a topic page (dashboard.figures.TOPICS); `--group` does not apply."""
    tables, topic_figures = figures.TOPICS[args.topic]
    missing = db.missing_tables(engine, list(tables))
    if missing:
        raise CliError(f"cơ sở dữ liệu chưa có bảng {', '.join(missing)}")
    by_unit = {"units": args.units} if args.topic in figures.TOPICS_BY_UNIT else {}
    write_records(topic_figures(engine, _period(args), **by_unit), args.format)
    return 0


def _index766_kpis(engine, args: argparse.Namespace) -> int:
    """The 766 estimate per unit, exactly the contract's keys (dashboard.index766), from the
    formula file checked first (dashboard.index766_formula)."""
    from dashboard import index766
    from dashboard.index766_formula import FormulaError, load_formula
    from queries.index766 import TABLES

    if args.group != "unit":
        raise CliError("--topic 766 chỉ tính theo đơn vị (--group unit)")
    try:
        formula = load_formula()
    except FormulaError as error:
        raise CliError(str(error)) from None
    missing = db.missing_tables(engine, list(TABLES))
    if missing:
        raise CliError(f"cơ sở dữ liệu chưa có bảng {', '.join(missing)}")
    frame = index766.index766_by_unit(engine, _period(args), args.units, formula)
    frame = frame[index766.contract_columns()]
    if args.format == "table":
        sys.stdout.write(index766.as_text(frame).to_string(index=False) + "\n")
    else:
        write_records(frame, args.format)
    return 0


def _cmd_form06a(args: argparse.Namespace) -> int:
    from dashboard import export_form06a
    from queries.form06a import receiving_units

    out = _output_file(args, export_form06a.FILE_FORMATS)
    period = _period(args)
    engine = _engine(args.db, args.scope)
    units = receiving_units(engine)
    names = units.set_index("group")["name"]
    if args.unit is not None and args.unit not in names.index:
        raise CliError(f"không có đơn vị tiếp nhận nào mã {_quoted(args.unit)}")
    frame = figures.form06a_rows(engine, period, args.level, args.unit, args.units)
    place = figures.scope_name(engine)  # --scope's (or DASHBOARD_SCOPE's) unit, if any
    whole = place or export_form06a.levels_name(units["kind"])
    scope = export_form06a.scope_name(args.level, names.get(args.unit), whole)
    sent = export_form06a.addresses(units, args.unit, place)
    data = export_form06a.to_file_bytes(frame, out.suffix.lower(), scope, period, sent)
    out_file.write(out, data, args.replace)
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    """The weekly briefing as a file (dashboard/handout.py) and, with --send, by e-mail and
    webhook (dashboard/send.py): by default the last complete week with receipts
    (dashboard.weekly.default_week); a week still running ends at the last day of data, as
    on screen."""
    from dashboard import briefing, handout, send, send_settings, weekly
    from queries.meta import data_as_of
    from queries.period import week_of

    if args.out is None and not args.send:
        raise CliError("cần --out FILE (.pptx, .pdf, .txt) hoặc --send")
    if args.again and not args.send:
        raise CliError("--again chỉ đi với --send")
    out = _output_file(args, handout.SUFFIXES) if args.out is not None else None
    channels = send_settings.load() if args.send else None
    engine = _engine(args.db, args.scope)
    latest = data_as_of(engine)
    last_day = latest.date() if latest else date.today()
    if args.week is None:
        week = weekly.default_week(engine, last_day)
    elif args.week.start > last_day:
        raise CliError(f"dữ liệu kết thúc ngày {last_day.isoformat()}, trước tuần đó")
    else:
        week = week_of(args.week.start, last_day)
    if out is not None:
        deck = briefing.build(engine, week, args.units)
        out_file.write(out, handout.to_bytes(deck, out.suffix), args.replace)
        print(f"{out}: {deck.heading}", file=sys.stderr)
    if channels is not None:
        # What went out is said on stdout; stderr has only the failures, one line.
        failures = send.send_week(engine, week, channels, args.again, sys.stdout, args.units)
        if failures:
            raise CliError("; ".join(failures))
    return 0


def _cmd_import766(args: argparse.Namespace) -> int:
    """The portal's published 766 scores from a CSV file into the dashboard's own store
    (dashboard/official766.py): every row checked first, against the formula's groups and
    the database's units; one wrong row and nothing is imported."""
    from dashboard import official766
    from dashboard.index766_formula import FormulaError, load_formula
    from queries.succession import unit_map

    try:
        formula = load_formula()
    except FormulaError as error:
        raise CliError(str(error)) from None
    data = Path(args.file).read_bytes()  # a file that is not there is said before the database
    engine = _engine(args.db)
    try:
        done = official766.import_scores(data, formula, unit_map(engine).codes.values())
    except official766.OfficialError as error:
        raise CliError(f"{args.file}: {error}") from None
    months = ", ".join(fmt.month(date.fromisoformat(f"{month}-01")) for month in done.months)
    print(
        f"{done.store}: đã nhập {fmt.number(done.scores)} điểm chính thức của "
        f"{fmt.number(done.units)} đơn vị, tháng {months} "
        f"({fmt.number(done.replaced)} điểm thay điểm đã có)",
        file=sys.stderr,
    )
    return 0


def _cmd_late(args: argparse.Namespace) -> int:
    """The late, overdue or due-soon list (queries/late.py), applicants masked.

    `--unit` takes a receiving unit's code (district one-stop or commune) or,
    failing that, a handling unit's (a department): a commune reads as receiving.
    """
    from queries.late import LateFilter, filter_options

    period = _period(args)
    engine = _engine(args.db, args.scope)
    options = filter_options(engine)
    unit = {}
    if args.unit in {code for code, _ in options["received"]}:
        unit = {"received_unit": args.unit}
    elif args.unit in {code for code, _ in options["handling"]}:
        unit = {"handling_unit": args.unit}
    elif args.unit is not None:
        raise CliError(f"không có đơn vị nào mã {_quoted(args.unit)}")
    filt = LateFilter(period, args.state, soon_days=args.days, basis=args.basis, **unit)
    write_records(figures.late_list(engine, filt, page_size=None, units=args.units), args.format)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="python -m dashboard", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="build the Châu Thành A demo database")
    demo.add_argument("--out", required=True, help="SQLite path or postgresql:// URL")
    demo.add_argument(
        "--until", type=_date, default=None, help="last day of data (default: today, up to now)"
    )
    demo.add_argument(
        "--scale", type=_number, default=1.0, help="multiply the dossier volume (0.1 to 100)"
    )
    demo.add_argument("--seed", type=_whole_number(0), default=2023)
    demo.add_argument(
        "--replace",
        action="store_true",
        help="replace an earlier demo at --out (a SQLite file holding only the contract's "
        "tables; in PostgreSQL only the contract's tables, others are kept)",
    )
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
        "--topic",
        choices=TOPICS,
        default="dossiers",
        help="dossiers (cohort KPIs), a topic page, or 766 (the 766 estimate by unit)",
    )
    kpis.add_argument("--format", choices=("json", "csv", "table"), default="json")
    _add_units(kpis)
    _add_scope(kpis)
    kpis.set_defaults(handler=_cmd_kpis)

    form = commands.add_parser("form06a", help="write Biểu II.06a of a period (.xlsx/.csv/.json)")
    _add_db_and_period(form)
    form.add_argument("--unit", help="code of one receiving unit (default: all)")
    form.add_argument("--level", choices=LEVELS, help="one level only")
    _add_units(form)
    _add_scope(form)
    form.add_argument("--out", required=True, help="file to write: .xlsx, .csv or .json")
    _add_replace(form)
    form.set_defaults(handler=_cmd_form06a)

    brief = commands.add_parser(
        "brief",
        help="write the weekly briefing: slides (.pptx), handout (.pdf) or message (.txt); "
        "or send it (--send)",
    )
    brief.add_argument(
        "--db", help="database URL or SQLite path (default: the database the app reads)"
    )
    brief.add_argument(
        "--week", type=_week, help="an ISO week, e.g. 2024-W45 (default: the last complete one)"
    )
    brief.add_argument("--out", help="file to write: .pptx, .pdf or .txt")
    _add_replace(brief)
    brief.add_argument(
        "--send",
        action="store_true",
        help="send the message, with the PDF, by e-mail and webhook ([send] in the secrets "
        "file), once a week each",
    )
    brief.add_argument(
        "--again", action="store_true", help="with --send: send even if already sent"
    )
    _add_units(brief)
    _add_scope(brief)
    brief.set_defaults(handler=_cmd_brief)

    late = commands.add_parser("late", help="print the late, overdue or due-soon dossiers")
    _add_db_and_period(late)
    late.add_argument("--unit", help="code of a receiving unit, or else of a handling unit")
    late.add_argument("--state", choices=("late", "overdue", "due-soon"), default="overdue")
    late.add_argument(
        "--days",
        type=_whole_number(1, MAX_SOON_DAYS),
        default=2,
        help=f"due-soon: due within N working days (1–{MAX_SOON_DAYS})",
    )
    late.add_argument(
        "--basis",
        choices=("received", "flow"),
        default="received",
        help="received: dossiers received in the period (default); flow: finished late in "
        "the period, or open at its end, whenever received (the week's figures)",
    )
    late.add_argument("--format", choices=("json", "csv"), default="json")
    _add_units(late)
    _add_scope(late)
    late.set_defaults(handler=_cmd_late)

    official = commands.add_parser(
        "import766",
        help="import the portal's published 766 scores (CSV: unit, month, group, points "
        "[, captured_at]) into the dashboard's own store, beside the estimate",
    )
    official.add_argument("file", metavar="FILE", help="the CSV file (UTF-8)")
    official.add_argument(
        "--db",
        help="database URL or SQLite path whose unit codes the file must use (default: the "
        "database the app reads; only read)",
    )
    official.set_defaults(handler=_cmd_import766)

    users_cli.add_parser(commands, _engine)
    return parser


def _where(args: argparse.Namespace) -> str:
    """The database the command worked on, safe to show: a file's path, or the URL
    without its password and query string."""
    try:
        if args.command == "users" and not getattr(args, "unit", None):
            return "tệp người dùng"  # a unit user's code is read in the database below
        url = args.out if args.command == "demo" else args.db or db.resolve_url()
        parsed = db.normalize_url(url)
        if parsed.get_backend_name() == "sqlite":
            return parsed.database or url
        return db.describe(url)
    except Exception:  # an unreadable URL or setting: the error itself says so
        return "cơ sở dữ liệu"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # The reader stopped early (`… | head`): not a failure. Point stdout at devnull
        # so the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (Exception, KeyboardInterrupt) as error:
        # One line as the exit status (Python prints it to stderr and exits with 1).
        raise SystemExit(line(error, _where(args))) from None
