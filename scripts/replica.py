#!/usr/bin/env python3
"""The scale-out path on one machine: a PostgreSQL primary, a hot-standby replica streaming
from it, the demo loaded into the primary and the dashboard reading the replica.

    .venv/bin/python scripts/replica.py [--until 2023-03-31] [--scale 0.5] [--keep | --serve]

1. Two private clusters in a new temporary folder, on free ports, from the local
   PostgreSQL binaries (as root, run as the `postgres` system user): the primary with
   wal_level=replica and a replication line in pg_hba.conf (trust, 127.0.0.1 only), the
   replica copied from it by `pg_basebackup -R`, so that it starts as a hot standby.
2. `createdb onestop` on the primary, `python -m dashboard demo --out …` into it, and the
   README's SELECT-only role `dashboard_ro`.
3. Waits until the replica has replayed everything the primary wrote, then runs the same
   command-line figures against both (`kpis --week` of the last complete week, `kpis
   --start … --end … --group kind`, `form06a`) and fails unless they are identical.
4. Says what to open: `DASHBOARD_DB_URL=<replica> make run`; with --serve it starts the
   app on the replica itself. On exit it stops and removes both clusters; with --keep it
   leaves them running and says how to stop them.

It never connects to the shared server at 5432 nor to any database it did not create:
every command it runs names one of its own ports or folders.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED_PORT = 5432  # the machine's shared server: never ours
DATABASE = "onestop"
READER = "dashboard_ro"
# The README's "Give it a SELECT-only role", on the primary; the replica gets it by streaming.
READER_ROLE = [
    f"CREATE ROLE {READER} LOGIN",
    f"GRANT CONNECT ON DATABASE {DATABASE} TO {READER}",
    f"GRANT USAGE ON SCHEMA public TO {READER}",
    f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READER}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {READER}",
]
CATCH_UP_S = 120


def say(message: str) -> None:
    print(message, flush=True)


def bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("no PostgreSQL binaries under /usr/lib/postgresql")
    return found[-1]


def free_port(taken: set[int]) -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if port != SHARED_PORT and port not in taken:
            return port


def venv_tool(name: str) -> str:
    tool = ROOT / ".venv" / "bin" / name
    return str(tool) if tool.exists() else (sys.executable if name == "python" else name)


class Cluster:
    """One private cluster: its folder, its port, pg_ctl on it."""

    def __init__(self, name: str, folder: Path, port: int):
        self.name, self.data, self.port = name, folder / name, port
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def run(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [*self.as_owner, str(bindir() / tool), *args], capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise subprocess.CalledProcessError(done.returncode, tool)

    def url(self, user: str = "postgres", database: str = DATABASE) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def configure(self, lines: list[str]) -> None:
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n# scripts/replica.py\n" + "".join(f"{line}\n" for line in lines))

    def start(self) -> None:
        log = str(self.data.parent / f"{self.name}.log")
        self.run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-s", "start")
        self.running = True

    def stop_command(self) -> str:
        owner = " ".join(self.as_owner)
        return f"{owner} {bindir() / 'pg_ctl'} -D {self.data} -m fast stop".strip()

    def stop(self) -> None:
        if getattr(self, "running", False):
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-s", "stop")
            self.running = False


def own_settings(cluster: Cluster) -> list[str]:
    """What makes a cluster ours alone: its port, its socket in its folder, loopback only."""
    return [
        f"port = {cluster.port}",
        "listen_addresses = '127.0.0.1'",
        f"unix_socket_directories = '{cluster.data.parent}'",
    ]


def make_primary(folder: Path, port: int) -> Cluster:
    primary = Cluster("primary", folder, port)
    primary.run("initdb", "-D", str(primary.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    primary.configure(
        [
            *own_settings(primary),
            "wal_level = replica",  # enough WAL for a standby (PostgreSQL 15's default)
            "max_wal_senders = 5",
            "wal_keep_size = '256MB'",  # the replica may fall behind a bulk load for a while
        ]
    )
    with open(primary.data / "pg_hba.conf", "a") as hba:
        hba.write("# scripts/replica.py: the replica streams from 127.0.0.1 only\n")
        hba.write("host replication postgres 127.0.0.1/32 trust\n")
    primary.start()
    return primary


def make_replica(folder: Path, port: int, primary: Cluster) -> Cluster:
    replica = Cluster("replica", folder, port)
    # -R: standby.signal and primary_conninfo, so that it starts as a hot standby.
    replica.run(
        "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
        "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast",
    )  # fmt: skip
    replica.configure(
        [
            *own_settings(replica),
            "hot_standby = on",  # read-only queries while it replays
            # The trade-offs the README describes: a long dashboard query on the replica may
            # be cancelled after 30 s of holding up replay, rather than the primary keeping
            # dead rows for it (hot_standby_feedback = on).
            "hot_standby_feedback = off",
            "max_standby_streaming_delay = 30s",
        ]
    )
    replica.start()
    return replica


def sql(url: str, query: str, params: tuple = ()):
    """The single value of a SELECT on one of our servers."""
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        return conn.execute(query, params).fetchone()[0]


def execute(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(statement)


def wait_for_replay(primary: Cluster, replica: Cluster) -> float:
    """Seconds until the replica has replayed all the primary has written so far."""
    lsn = sql(primary.url(), "SELECT pg_current_wal_lsn()::text")
    started = time.monotonic()
    while not sql(replica.url(), "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)):
        if time.monotonic() - started > CATCH_UP_S:
            sys.exit(f"the replica has not replayed up to {lsn} after {CATCH_UP_S} s")
        time.sleep(0.2)
    return time.monotonic() - started


def dashboard(*args: str) -> bytes:
    """`python -m dashboard …`, its standard output; a failure ends the script."""
    command = [venv_tool("python"), "-m", "dashboard", *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True)
    if done.returncode != 0:
        sys.stderr.buffer.write(done.stderr)
        sys.exit(f"python -m dashboard {args[0]} failed ({done.returncode})")
    return done.stdout


def same_figures(primary_url: str, replica_url: str, folder: Path) -> None:
    """The same command-line figures from both servers, byte for byte."""
    from queries.connection import readonly_engine
    from queries.meta import data_as_of
    from queries.period import last_complete_week

    engine = readonly_engine(replica_url)
    latest = data_as_of(engine)
    engine.dispose()
    if latest is None:
        sys.exit("the replica holds no dossiers")
    week = last_complete_week(latest.date())
    iso = week.start.isocalendar()
    week_name = f"{iso.year}-W{iso.week:02d}"
    year = (latest.date().replace(month=1, day=1).isoformat(), latest.date().isoformat())

    checks = {
        f"kpis --week {week_name} --format json": ["kpis", "--week", week_name],
        f"kpis --start {year[0]} --end {year[1]} --group kind": [
            "kpis", "--start", year[0], "--end", year[1], "--group", "kind",
        ],
    }  # fmt: skip
    for name, args in checks.items():
        ours, theirs = (dashboard(*args, "--db", url) for url in (primary_url, replica_url))
        if ours != theirs:
            sys.exit(f"different figures from the replica: {name}")
        rows = json.loads(theirs)
        received = sum(int(row.get("received") or 0) for row in rows)
        say(f"  identical: {name}  ({len(rows)} rows, {received:,} received)")

    form = {url: folder / f"form06a-{i}.json" for i, url in enumerate((primary_url, replica_url))}
    for url, out in form.items():
        dashboard("form06a", "--start", year[0], "--end", year[1], "--out", str(out), "--db", url)
    first, second = (path.read_bytes() for path in form.values())
    if first != second:
        sys.exit("different figures from the replica: form06a")
    size = f"{len(first):,} bytes"
    say(f"  identical: form06a --start {year[0]} --end {year[1]} (Biểu II.06a, {size})")


def lag_line(replica_url: str) -> str:
    from queries.connection import readonly_engine
    from queries.meta import replica_state

    engine = readonly_engine(replica_url)
    replica = replica_state(engine)
    engine.dispose()
    if replica is None:
        return "not a standby"
    if replica.stopped:
        return f"replay stopped, {replica.behind.total_seconds():.1f} s behind"
    if replica.behind == timedelta(0):
        return "fully replayed"
    return f"{replica.behind.total_seconds():.1f} s behind"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="leave both servers running")
    parser.add_argument("--serve", action="store_true", help="start the app on the replica")
    parser.add_argument("--port", type=int, default=8501, help="the app's port with --serve")
    parser.add_argument("--until", help="the demo's last day (default: today)")
    parser.add_argument("--scale", help="the demo's volume (default 1)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="dashboard-replica-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    clusters: list[Cluster] = []
    # Ctrl-C, a closed terminal or `kill` all end in the same clean-up.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda *_: sys.exit(1))
    keep = False
    try:
        started = time.monotonic()
        primary_port = free_port(set())
        replica_port = free_port({primary_port})
        primary = make_primary(folder, primary_port)
        clusters.append(primary)
        say(f"primary: 127.0.0.1:{primary.port}  ({primary.data})")
        replica = make_replica(folder, replica_port, primary)
        clusters.append(replica)
        in_recovery = sql(replica.url(database="postgres"), "SELECT pg_is_in_recovery()")
        say(f"replica: 127.0.0.1:{replica.port}  ({replica.data}), hot standby: {in_recovery}")

        primary.run(
            "createdb", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", DATABASE
        )
        demo = ["demo", "--out", primary.url()]
        demo += ["--until", args.until] if args.until else []
        demo += ["--scale", args.scale] if args.scale else []
        say(f"loading the demo into the primary: python -m dashboard {' '.join(demo)}")
        loading = time.monotonic()
        subprocess.run([venv_tool("python"), "-m", "dashboard", *demo], cwd=ROOT, check=True)
        for statement in READER_ROLE:
            execute(primary.url(), statement)
        say(f"  loaded in {time.monotonic() - loading:.1f} s; role {READER} (SELECT only)")

        waited = wait_for_replay(primary, replica)
        count = "SELECT count(*) FROM dossiers"
        dossiers = [sql(c.url(READER), count) for c in (primary, replica)]
        on_each = " / ".join(f"{n:,}" for n in dossiers)
        say(f"replica caught up {waited:.1f} s after the load; dossiers on each: {on_each}")
        lag = lag_line(replica.url(READER))
        say(f"replica lag (queries.meta.replica_state, as the sidebar reads it): {lag}")

        say("the same figures from both (python -m dashboard … --db <each>):")
        same_figures(primary.url(READER), replica.url(READER), folder)
        say(f"all done in {time.monotonic() - started:.0f} s")

        app_env = f"DASHBOARD_DB_URL={replica.url(READER)}"
        if args.serve:
            say(f"\nserving the dashboard on the replica: http://127.0.0.1:{args.port}")
            say("(Ctrl-C stops the app and the servers)")
            env = {**os.environ, "DASHBOARD_DB_URL": replica.url(READER)}
            command = [venv_tool("streamlit"), "run", "app.py", "--server.port", str(args.port)]
            command += ["--server.headless", "true"]
            try:
                subprocess.run(command, cwd=ROOT, env=env)
            except KeyboardInterrupt:
                pass
            keep = args.keep
        elif args.keep:
            keep = True
        elif sys.stdin.isatty():
            say(f"\nopen the dashboard on the replica, in another terminal:\n  {app_env} make run")
            say("press Enter to stop and remove both servers")
            try:
                input()
            except (KeyboardInterrupt, EOFError):
                pass
        else:
            say("\nto open the dashboard on the replica, run this script with --keep, then:")
            say(f"  {app_env} make run")
        if keep:
            stop = folder / "stop.sh"
            stop.write_text(
                "#!/bin/sh\n# Stops the replica, then the primary, and removes their folder.\n"
                + "".join(f"{c.stop_command()}\n" for c in reversed(clusters))
                + f"rm -rf {folder}\n"
            )
            stop.chmod(0o755)
            say(f"\nleft running. Open the dashboard on the replica:\n  {app_env} make run")
            say(f"write to the primary: psql {primary.url()}")
            say(f"stop and remove both: sh {stop}")
        return 0
    finally:
        if not keep:
            for cluster in reversed(clusters):  # the standby first: the primary waits for it
                try:
                    cluster.stop()
                except subprocess.CalledProcessError:
                    cluster.run("pg_ctl", "-D", str(cluster.data), "-m", "immediate", "stop")
            shutil.rmtree(folder, ignore_errors=True)
            if clusters:
                say("both servers stopped, their folder removed")


if __name__ == "__main__":
    sys.exit(main())
