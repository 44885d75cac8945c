"""Benchmark: what the portal does while an event runs, at the design's full size or at SCALE
times it, served as in production.

`make deploy-check`'s set-up (bench/serving.py): a throwaway PostgreSQL database holding the
full-size edition (bench/fullsize.py), the cache's own Redis with a memory limit, gunicorn with
two sync workers and a job worker; beside it a bare Django "Hello, world" (bench/hello.py) served
by the same command, measured just before and after each page, so that a ratio of req/s to
Hello, world's shares the machine's load. In turn:

1. warm: every public page in both languages with wrk (req/s, p50, p99, bytes plain and gzip,
   the queries of a cold request in this process, the ratio);
2. cold: each page with the cache emptied just before (median of 3); the exports, which a job
   builds after each change, are timed as that build would take;
3. an edit storm: a session saved every 2 s (in this process, as the admin would) while each
   page is polled with wrk and an app polls the JSON export with its ETag;
4. cache-busting query strings for a minute (BENCH_BUST_SECONDS), then the cache's size;
5. the resident memory of each app worker and of the job worker, having served everything.

Its last five lines sum it up. Figures, not a test: nothing fails on a slow machine; pages
answering other than 200 are listed before the summary.

    make bench            # the design's size: 2,000 sessions, 3,000 booths, 20,000 listings
    make bench SCALE=4    # four times it

Needs wrk, redis-server and PostgreSQL (DEPLOY_CHECK_POSTGRES; the job queue on
DEPLOY_CHECK_REDIS, database 11). BENCH_SECONDS sets each wrk run (default 3); BENCH_ONLY=/search/,/news/
measures only pages whose path holds one of those parts.
"""

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench import serving as s  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS") or 3)
BUST_SECONDS = int(os.environ.get("BENCH_BUST_SECONDS") or 60)
ONLY = os.environ.get("BENCH_ONLY", "")
EDIT_EVERY_SECONDS = 2
EXPORTS = "/schedule/export/"

_scratch = tempfile.TemporaryDirectory(prefix="smartcity-bench-pages-")
SCRATCH = Path(_scratch.name)
SERVING = s.deployment(SCRATCH)
os.environ.update(SERVING.env)

import django  # noqa: E402  (the environment above must be set first)

django.setup()

import redis  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import fullsize, sizes  # noqa: E402
from events.models import Session, Speaker  # noqa: E402
from exhibitors.enums import ReservationStatus  # noqa: E402
from exhibitors.models import Equipment, Exhibitor  # noqa: E402
from standards.models import Article, Standard  # noqa: E402

# Random values for parameters pages read and for ones they do not, as crawlers and
# cache-busting apps send them.
BUSTING = """
local paths = {"/schedule/", "/exhibitors/", "/equipment/", "/news/", "/en/schedule/", "/en/equipment/"}
request = function()
  local path = paths[math.random(#paths)] .. "?_=" .. math.random(1e9) .. "&utm_source=" .. math.random(1e9)
  if math.random(2) == 1 then path = path .. "&page=" .. math.random(1, 400) end
  return wrk.format(nil, path)
end
"""


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


def queries_of(client, path):
    """(status, queries) of one request made in this process, the cache emptied first."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def measured(port, hello, path, hellos):
    """wrk on the page with Hello, world just before and after it; (rate, p50, p99, ratio, complaints)."""
    rate, p50, p99, complaints = s.wrk(port, path, SECONDS)
    hellos.append(s.wrk(hello, "/", SECONDS)[0])
    return rate, p50, p99, rate / statistics.mean(hellos[-2:]), complaints


class Storm(threading.Thread):
    """An organiser saving a session every EDIT_EVERY_SECONDS, and an app polling the JSON
    export with its ETag every 0.2 s, until stopped."""

    def __init__(self, port, conference):
        super().__init__(daemon=True)
        self.port = port
        self.sessions = list(conference.sessions.order_by("pk").values_list("pk", flat=True)[:200])
        self.stopping = threading.Event()
        self.saves = 0
        self.polls = []

    def run(self):
        poller = threading.Thread(target=self.poll, daemon=True)
        poller.start()
        while not self.stopping.wait(EDIT_EVERY_SECONDS):
            session = Session.objects.get(pk=self.sessions[self.saves % len(self.sessions)])
            session.title_zh_hans = f"{session.title_zh_hans.split(' #')[0]} #{self.saves}"
            session.save()
            self.saves += 1
        connection.close()
        poller.join()

    def poll(self):
        etag = ""
        while not self.stopping.wait(0.2):
            status, _size, ms, headers = s.fetch(
                self.port, EXPORTS + "schedule.json", headers={"If-None-Match": etag} if etag else {}
            )
            etag = headers.get("ETag", etag)
            self.polls.append((status, ms))

    def stop(self):
        self.stopping.set()
        self.join()


def main():
    began = time.perf_counter()
    print(
        f"Scale {sizes.SCALE}; PostgreSQL, the cache's Redis limited to {s.CACHE_LIMIT} (allkeys-lru), "
        f"gunicorn 2 sync workers and a job worker; wrk -t2 -c8 -d{SECONDS}s per run",
        flush=True,
    )
    s.start(SERVING)
    cache_redis = redis.Redis.from_url(SERVING.env["REDIS_URL"])
    try:
        building = time.perf_counter()
        conference = fullsize.build()
        # What autovacuum does on a database that has lived a while: statistics, and the
        # visibility map that lets counts read an index only.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(
            f"Built the edition ({sizes.SESSIONS:,} sessions, "
            f"{sizes.HALLS * sizes.BOOTHS_PER_HALL:,} booths, "
            f"{sizes.EQUIPMENT:,} listings) in {time.perf_counter() - building:.0f} s.",
            flush=True,
        )
        s.serve(SERVING)
        with s.hello_world(SCRATCH) as hello:
            report = run(conference, SERVING.ports["app1"], hello, cache_redis)
    finally:
        connection.close()
        SERVING.down()
    print(f"Whole run: {time.perf_counter() - began:.0f} s.")
    for line in report:
        print(line)


def run(conference, port, hello, cache_redis):
    paths = [prefix + path for path in page_paths(conference) for prefix in ("", "/en")]
    if ONLY:
        paths = [path for path in paths if any(part in path for part in ONLY.split(","))]
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    counted = {path: queries_of(client, path) for path in paths}
    problems, hellos, memory = [], [], {}

    print(
        f"\nWarm\n{'page':<42} {'status':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'bytes':>9} "
        f"{'gzip':>8} {'queries':>7} {'ratio':>6}",
        flush=True,
    )
    hellos.append(s.wrk(hello, "/", SECONDS)[0])
    warm = []
    for path in paths:
        status, plain, _, _ = s.fetch(port, path, gzip=False)
        _, compressed, _, _ = s.fetch(port, path)
        rate, p50, p99, ratio, complaints = measured(port, hello, path, hellos)
        queries_status, queries = counted[path]
        warm.append((ratio, path))
        if {status, queries_status} != {200}:
            problems.append(f"{path}: status {status} (in-process {queries_status})")
        problems += [f"{path}: {complaint}" for complaint in complaints]
        print(
            f"{path:<42} {status:>6} {rate:>7.0f} {p50:>7.1f} {p99:>7.1f} {plain:>9} {compressed:>8} "
            f"{queries:>7} {ratio:>6.3f}",
            flush=True,
        )
    memory.update(sample(memory))

    print(f"\nCold (the cache emptied before each request; median of 3)\n{'page':<42} {'ms':>8}", flush=True)
    cold = []
    for path in paths:
        times = []
        for _ in range(3):
            cache_redis.flushdb()
            times.append(s.fetch(port, path)[2])
        if EXPORTS in path:
            print(
                f"{path:<42} {statistics.median(times):>8.0f}  (built by the job after a change)", flush=True
            )
        else:
            cold.append((statistics.median(times), path))
            print(f"{path:<42} {statistics.median(times):>8.1f}", flush=True)
    for path in paths:
        s.fetch(port, path)  # warm again before the storm

    print(
        f"\nUnder edits (a session saved every {EDIT_EVERY_SECONDS} s, the JSON export polled)\n"
        f"{'page':<42} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}",
        flush=True,
    )
    storm = Storm(port, conference)
    storm.start()
    stormy = []
    hellos.append(s.wrk(hello, "/", SECONDS)[0])
    for path in [path for path in paths if not path.startswith("/en/")]:
        rate, p50, p99, ratio, complaints = measured(port, hello, path, hellos)
        stormy.append((ratio, path, p99))
        problems += [f"{path} under edits: {complaint}" for complaint in complaints]
        print(f"{path:<42} {rate:>7.0f} {p50:>7.1f} {p99:>7.1f} {ratio:>6.3f}", flush=True)
    storm.stop()
    poll_times = sorted(ms for _status, ms in storm.polls)
    print(
        f"{storm.saves} saves; the JSON export polled {len(poll_times)} times: "
        f"{sum(status == 304 for status, _ in storm.polls)} answered 304, p50 "
        f"{percentile(poll_times, 50):.1f} ms, p99 {percentile(poll_times, 99):.1f} ms, "
        f"slowest {poll_times[-1]:.0f} ms",
        flush=True,
    )
    memory.update(sample(memory))

    before, _ = s.cache_mb(cache_redis)
    script = SCRATCH / "busting.lua"
    script.write_text(BUSTING)
    rate, _p50, p99, complaints = s.wrk(port, "/", BUST_SECONDS, script=script)
    after, evicted = s.cache_mb(cache_redis)
    problems += [f"cache-busting: {complaint}" for complaint in complaints]
    schedule = measured(port, hello, "/schedule/", hellos)
    print(
        f"\nCache-busting query strings for {BUST_SECONDS} s: {rate:.0f} req/s, p99 {p99:.0f} ms; the cache "
        f"{before:.0f} MB before, {after:.0f} MB after (limit {s.CACHE_LIMIT}), {evicted} keys evicted; "
        f"then /schedule/ at {schedule[0]:.0f} req/s, ratio {schedule[3]:.3f}",
        flush=True,
    )
    memory.update(sample(memory))
    cache_size, _ = s.cache_mb(cache_redis)

    print(
        "\nResident memory, largest seen: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in memory.items())
    )
    print(
        f"Hello, world: {statistics.median(hellos):.0f} req/s median ({min(hellos):.0f} to "
        f"{max(hellos):.0f}) over {len(hellos)} runs."
    )
    problems += [f"server log: {line}" for name in ("app1", "worker") for line in log_errors(name)][:20]
    print("Problems:" if problems else "Every page answered 200.")
    for problem in problems:
        print(f"  {problem}")
    worst = min(warm)
    worst_storm = min(stormy)
    worst_cold = max(cold) if cold else (0, "none")
    largest = max(memory.values())
    slowest = max(p99 for *_, p99 in stormy)
    return [
        f"worst page ratio: {worst[0]:.3f} ({worst[1]})",
        f"worst page ratio under edits: {worst_storm[0]:.3f} ({worst_storm[1]}), p99 {slowest:.0f} ms",
        f"worst cold render: {worst_cold[0]:.0f} ms ({worst_cold[1]})",
        f"largest worker memory: {largest:.0f} MB",
        f"shared cache after the run: {cache_size:.0f} MB",
    ]


def sample(memory):
    """The largest resident memory of each serving process so far."""
    found = {name: s.resident_mb(pid) for name, pid in s.workers(SERVING).items()}
    return {name: max(mb, memory.get(name, 0)) for name, mb in found.items()}


def percentile(values, p):
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else 0.0


def log_errors(name):
    return [line for line in SERVING.log(name).splitlines() if "Traceback" in line or "ERROR" in line]


if __name__ == "__main__":
    if s.WRK is None:
        raise SystemExit("wrk is missing: install it (as root) with `apt-get install wrk`, then run again.")
    main()
