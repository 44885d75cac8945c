"""What bench/pages.py measures with: the portal served as `make deploy-check` serves it
(deploy/servers.py: a throwaway PostgreSQL database, the cache's own Redis with a memory limit,
gunicorn with two sync workers, a `run_jobs` worker on the machine's Redis), a bare Django
"Hello, world" (bench/hello.py) served by the same gunicorn command, wrk, and the memory of the
processes serving.
"""

import contextlib
import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from deploy.servers import BIN, Deployment, free_port  # noqa: E402

WRK = shutil.which("wrk")
# The cache's Redis limit: small enough that the cache-busting minute reaches it.
CACHE_LIMIT = os.environ.get("BENCH_CACHE_LIMIT", "256mb")
UNITS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}


def deployment(folder):
    """The servers, not started: PostgreSQL, the cache's Redis, the job queue, local media."""
    serving = Deployment(folder)
    serving.database = f"smartcity_bench_{os.getpid()}"
    serving.env.update(
        DATABASE_URL=serving.env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{serving.database}",
        JOB_QUEUE_NAME=f"bench-{os.getpid()}",
        # Where the job builds the exports: the address wrk asks (pages are keyed on the host).
        SITE_URL=serving.url("app1", ""),
        MEDIA_BUCKET="",
        MEDIA_ROOT=str(folder / "media"),
        # Errors only: the servers' tracebacks go to their logs; expected 404s stay quiet.
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    for name in ("TRUSTED_PROXIES", "VISITOR_REGISTRATIONS_PER_IP", "ORGANISER_EMAILS"):
        serving.env.pop(name)
    return serving


def start(serving):
    """The database, the cache's Redis, the queue's Redis, the app (gunicorn, two workers) and
    the job worker."""
    serving.sql(f'CREATE DATABASE "{serving.database}"')
    serving.start_cache(CACHE_LIMIT)
    serving.start_queue()
    serving.manage("migrate", "--no-input")
    serving.manage("collectstatic", "--no-input")


def serve(serving):
    serving.start_app("app1")
    serving.start_worker()
    wait_until_answers(serving.ports["app1"], "/healthz")


@contextlib.contextmanager
def hello_world(folder):
    """Hello, world on a free port, by the same gunicorn command as the portal."""
    port = free_port()
    log = open(folder / "hello.log", "wb")  # noqa: SIM115 - kept open while it runs
    command = [str(BIN / "gunicorn"), "hello", "-w", "2", "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=BENCH, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        wait_until_answers(port, "/")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def wait_until_answers(port, path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if fetch(port, path)[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"127.0.0.1:{port}{path} did not answer within {seconds} s")


def fetch(port, path, *, gzip=True, headers=None):
    """(status, body bytes as sent, milliseconds, response headers) of one GET."""
    headers = {**({"Accept-Encoding": "gzip"} if gzip else {}), **(headers or {})}
    began = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, len(body), (time.perf_counter() - began) * 1000, dict(response.getheaders())


def wrk(port, path, seconds, *, connections=8, script=None):
    """wrk's req/s, p50 and p99 in ms, and its complaints (non-2xx answers, socket errors)."""
    command = [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    command += ["-H", "Accept-Encoding: gzip"]
    if script:
        command += ["-s", str(script)]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603

    def latency(percentile):
        found = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        return float(found[1]) * UNITS[found[2]]

    complaints = [
        line.strip() for line in output.splitlines() if line.strip().startswith(("Non-2xx", "Socket errors"))
    ]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    return rate, latency(50), latency(99), complaints


def resident_mb(pid):
    """A process's resident memory in MB (0 when it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)[1]) / 1024


def workers(serving):
    """{name: pid} of the processes that serve and build: each gunicorn worker, the job worker."""
    found = {}
    master = serving.processes["app1"][0].pid
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        found.update({f"app worker {pid}": int(pid) for pid in children})
    found["job worker"] = serving.processes["worker"][0].pid
    return found


def cache_mb(client):
    """The cache Redis's used memory in MB, and how many keys it has evicted."""
    info = client.info("memory")
    stats = client.info("stats")
    return info["used_memory"] / 2**20, stats.get("evicted_keys", 0)


def tail(path, lines=30):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
