"""Benchmark: every public page at the design's full size, served by gunicorn as in production.

Builds the full-size edition (bench/fullsize.py) in a throwaway database, collects the static
files and serves the portal with gunicorn (two workers, DEBUG off, Redis as the shared cache
when one answers on 127.0.0.1:6379), next to a bare Django "Hello, world" (bench/hello.py)
served by the same command. For each public page, in Chinese and in English, it prints:

- req/s, p50 and p99 from wrk (warm: the page's caches filled), and the ratio of req/s to
  Hello, world's, measured just before and just after the page, so that both share the
  machine's load;
- the body's bytes, plain and as sent to a client accepting gzip;
- the queries a cold request makes (in-process, cache flushed) and a cold request's time over
  HTTP (median of 5, each right after flushing the shared cache).

The last line names the page with the lowest ratio. Figures, not a test: nothing fails on a
slow machine; pages answering other than 200 are listed before that line.

    make bench                                  # throwaway SQLite file
    DATABASE_URL=postgres://... make bench      # an empty PostgreSQL database you can drop
                                                # (what bench/exports.py leaves in it is fine)

Needs wrk (apt-get install wrk). Redis: the highest-numbered empty database (15 down to 1) of
127.0.0.1:6379, flushed between cold requests and at the end; without Redis each process
caches for itself, so cold times are measured in-process. BENCH_SECONDS sets the length of
each wrk run (default 3); BENCH_ONLY=/search/,/news/ measures only pages whose path holds one
of those parts.
"""

import contextlib
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import redis

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

WRK = shutil.which("wrk")
# The same virtualenv as the Python running this script.
GUNICORN = Path(sys.executable).parent / "gunicorn"
SECONDS = int(os.environ.get("BENCH_SECONDS") or 3)
# Only the pages whose path holds one of these comma-separated parts ("/search/,/news/").
ONLY = os.environ.get("BENCH_ONLY", "")
REPEATS = 5


def empty_redis_db(base="redis://127.0.0.1:6379"):
    """A Redis database holding nothing, so that flushing it loses nobody's data; or None."""
    for number in range(15, 0, -1):
        url = f"{base}/{number}"
        try:
            if redis.Redis.from_url(url, socket_timeout=1).dbsize() == 0:
                return url
        except redis.ConnectionError:
            return None
        except redis.RedisError:
            continue  # a server configured with fewer databases
    return None


_scratch = tempfile.TemporaryDirectory(prefix="smartcity-bench-pages-")
SCRATCH = Path(_scratch.name)
REDIS_URL = empty_redis_db()
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH}/bench.sqlite3"
if REDIS_URL:
    os.environ["REDIS_URL"] = REDIS_URL
else:
    os.environ.pop("REDIS_URL", None)
# Production settings (DEBUG off, hashed static files), shared by this process and the servers.
os.environ.update(
    DEBUG="0",
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS="127.0.0.1,localhost",
    # Plain http on 127.0.0.1, as behind a TLS proxy: no redirect, HSTS and the rest stay on.
    SECURE_SSL_REDIRECT="0",
    STATIC_ROOT=str(SCRATCH / "static"),
    # Errors only: the servers' tracebacks go to their log; expected 404s stay quiet.
    LOG_LEVEL="ERROR",
    DJANGO_SETTINGS_MODULE="portal.settings",
)

import django  # noqa: E402  (the environment above must be set first)

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import fullsize, sizes  # noqa: E402
from events.models import Speaker  # noqa: E402
from exhibitors.enums import ReservationStatus  # noqa: E402
from exhibitors.models import Equipment, Exhibitor  # noqa: E402
from standards.models import Article, Standard  # noqa: E402


def page_paths(conference):
    """The public pages, Chinese addresses; one detail page of each kind."""
    session = conference.sessions.order_by("pk")[1001]  # three speakers
    speaker = (
        Speaker.objects.filter(conference=conference)
        .annotate(sessions_count=Count("session_links"))
        .order_by("-sessions_count", "pk")
        .first()
    )
    # Two booths in two halls: the heaviest profile, with two hall plans.
    exhibitor = (
        Exhibitor.objects.filter(conference=conference)
        .annotate(booths=Count("reservations", filter=Q(reservations__status=ReservationStatus.CONFIRMED)))
        .order_by("-booths", "pk")
        .first()
    )
    equipment = Equipment.objects.filter(exhibitor__conference=conference, standards__isnull=False)
    standard = Standard.objects.order_by("code")[sizes.STANDARDS // 2]
    article = Article.objects.published().first()
    return [
        "/",
        "/schedule/",
        "/schedule/grid/",
        f"/sessions/{session.slug}/",
        "/speakers/",
        f"/speakers/{speaker.slug}/",
        "/exhibitors/",
        f"/exhibitors/{exhibitor.slug}/",
        "/equipment/",
        "/equipment/?page=50",
        # A list's own search box: a word in every listing's summary, and one in a single name.
        "/equipment/?q=" + quote("简介"),
        "/equipment/?q=" + quote("示例设备 12345"),
        "/exhibitors/?q=" + quote("示例"),
        f"/equipment/{equipment.order_by('pk')[sizes.EQUIPMENT // 4].slug}/",
        "/floor-plan/",
        "/standards/",
        f"/standards/{standard.slug}/",
        "/news/",
        f"/news/{article.slug}/",
        "/publications/",
        # Every entry holds 示例 ("sample"): the most a query can find, ranked and counted.
        "/search/?q=" + quote("示例"),
        "/search/?q=" + quote("示例设备 1234"),
        "/search/?q=A-101",
        "/search/?q=sample&kind=equipment&page=40",
        "/news/?q=" + quote("示例"),
        "/schedule/changes/",
        "/schedule/export/schedule.xml",
        "/schedule/export/schedule.json",
        "/schedule/export/schedule.ics",
    ]


def in_process(client, path):
    """(status, queries, milliseconds) of one request with the cache flushed."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - began) * 1000
    return response.status_code, len(queries), elapsed


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port, path, *, gzip=False):
    """(status, body bytes as sent, milliseconds) of one GET."""
    headers = {"Accept-Encoding": "gzip"} if gzip else {}
    began = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, len(body), (time.perf_counter() - began) * 1000


@contextlib.contextmanager
def gunicorn(module, folder, log):
    """A server started by the portal's production command; stopped (by its id) on the way out."""
    port = free_port()
    command = [str(GUNICORN), module, "-w", "2", "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"{module} stopped at start-up; see {log.name}:\n{tail(log.name)}")
            with contextlib.suppress(OSError):
                if fetch(port, "/healthz" if module == "portal.wsgi" else "/")[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit(f"{module} did not answer within a minute:\n{tail(log.name)}")
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def tail(name, lines=30):
    return "\n".join(Path(name).read_text(errors="replace").splitlines()[-lines:])


UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}


def wrk(port, path):
    """wrk's req/s, p50 and p99 in ms, and its complaints (non-2xx answers, socket errors)."""
    command = [WRK, "-t2", "-c8", f"-d{SECONDS}s", "--timeout", "10s", "--latency"]
    command += ["-H", "Accept-Encoding: gzip", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603

    def latency(percentile):
        found = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return float(found[1]) * UNITS[found[2]]

    complaints = [
        line.strip() for line in output.splitlines() if line.strip().startswith(("Non-2xx", "Socket errors"))
    ]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    return rate, latency(50), latency(99), complaints


def main():
    began = time.perf_counter()
    shared = f"Redis {REDIS_URL}" if REDIS_URL else "no Redis: local memory in each process"
    print(f"Database: {connection.vendor}; cache: {shared}; wrk -t2 -c8 -d{SECONDS}s per run", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    building = time.perf_counter()
    conference = fullsize.build()
    # The statistics a production database keeps (PostgreSQL's autovacuum analyses new rows);
    # without them SQLite's planner sorts the whole catalogue instead of walking its index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Built the full-size edition in {time.perf_counter() - building:.1f} s.", flush=True)

    paths = [prefix + path for path in page_paths(conference) for prefix in ("", "/en")]
    if ONLY:
        paths = [path for path in paths if any(part in path for part in ONLY.split(","))]
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    counted = {path: in_process(client, path) for path in paths}

    problems = []
    rows = []
    hellos = []
    log_path = SCRATCH / "gunicorn.log"
    with (
        open(log_path, "wb") as log,
        gunicorn("portal.wsgi", ROOT, log) as portal,
        gunicorn("hello", BENCH, log) as hello,
    ):
        print(
            f"\n{'page':<40} {'status':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'bytes':>8} "
            f"{'gzip':>7} {'queries':>7} {'cold ms':>8} {'ratio':>6}",
            flush=True,
        )
        hellos.append(wrk(hello, "/")[0])
        for path in paths:
            status, plain, _ = fetch(portal, path)
            gzip_status, compressed, _ = fetch(portal, path, gzip=True)
            if REDIS_URL:
                cold = []
                for _ in range(REPEATS):
                    cache.clear()
                    cold.append(fetch(portal, path, gzip=True)[2])
            else:
                cold = [in_process(client, path)[2] for _ in range(REPEATS)]
            rate, p50, p99, complaints = wrk(portal, path)
            hellos.append(wrk(hello, "/")[0])
            # Hello, world just before and just after the page: the load on the machine drifts.
            ratio = rate / statistics.mean(hellos[-2:])
            queries_status, queries, _ = counted[path]
            rows.append((ratio, path))
            if {status, gzip_status, queries_status} != {200}:
                problems.append(f"{path}: status {status} (gzip {gzip_status}, in-process {queries_status})")
            problems += [f"{path}: {complaint}" for complaint in complaints]
            print(
                f"{path:<40} {status:>6} {rate:>7.0f} {p50:>7.1f} {p99:>7.1f} {plain:>8} {compressed:>7} "
                f"{queries:>7} {statistics.median(cold):>8.1f} {ratio:>6.3f}",
                flush=True,
            )
    problems += [
        f"server log: {line}"
        for line in log_path.read_text(errors="replace").splitlines()
        if "Traceback" in line or "ERROR" in line
    ][:20]

    if REDIS_URL:
        cache.clear()
    connection.close()
    print(
        f"\nHello, world: {statistics.median(hellos):.0f} req/s median ({min(hellos):.0f} to "
        f"{max(hellos):.0f}) over {len(hellos)} runs."
    )
    print("Problems:" if problems else "Every page answered 200.")
    for problem in problems:
        print(f"  {problem}")
    print(f"Whole run: {time.perf_counter() - began:.0f} s.")
    worst, path = min(rows)
    print(f"worst page ratio: {worst:.3f} ({path})")


if __name__ == "__main__":
    if WRK is None:
        raise SystemExit("wrk is missing: install it (as root) with `apt-get install wrk`, then run again.")
    main()
