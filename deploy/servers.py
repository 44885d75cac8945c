"""The processes `make deploy-check` starts and stops (deploy/check.py): an object store (moto's
server), a Redis cache, a throwaway PostgreSQL database with the demo loaded, two gunicorn app
processes, the job worker and nginx with deploy/nginx.conf filled in, each on a free port and
logging to a file of the check's folder. Also the waiting for a server to answer, the sample
company member the checks sign in as, and the failure the checks report.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("DEPLOY_CHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("DEPLOY_CHECK_REDIS", "redis://127.0.0.1:6379")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
MEMBER = ("li@acme.example", "Deploy-check-2030")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(text):
    print(text, flush=True)


class Failed(Exception):
    pass


def answer(url):
    """Raises an OSError unless the server at `url` (http:// or redis://) answers something."""
    if url.startswith("redis://"):
        import redis

        try:
            redis.Redis.from_url(url).ping()
        except redis.exceptions.ConnectionError as error:
            raise ConnectionError(f"{url}: {error}") from error
        return
    try:
        with urllib.request.urlopen(url, timeout=2):
            pass
    except urllib.error.HTTPError:
        pass  # an error page is an answer


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            answer(url)
            return
        except OSError:  # TimeoutError, URLError, ConnectionError
            time.sleep(0.2)
    raise Failed(f"{url} did not answer within {seconds} s")


class Deployment:
    def __init__(self, folder):
        self.folder = folder
        self.processes = {}
        self.ports = {name: free_port() for name in ("app1", "app2", "nginx", "store", "cache", "queue")}
        self.database = f"smartcity_deploy_{os.getpid()}"
        self.bucket = f"expo-media-{secrets.token_hex(4)}"
        self.env = {
            **{key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "HTTPS_ONLY": "0",
            "DATABASE_URL": f"{POSTGRES}/{self.database}",
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['cache']}/0",
            # The queue's own Redis, which keeps what it holds on disk (start_queue); the rate
            # limits' counts and the data's versions live there too, where no page evicts them.
            "JOB_QUEUE_URL": f"redis://127.0.0.1:{self.ports['queue']}/0",
            "JOB_QUEUE_NAME": f"deploy-check-{os.getpid()}",
            "MEDIA_BUCKET": self.bucket,
            "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.ports['store']}",
            "MEDIA_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "deploy-check",
            "AWS_SECRET_ACCESS_KEY": "deploy-check",
            "STATIC_ROOT": str(folder / "static"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
            "ORGANISER_EMAILS": "desk@expo.example",
            # nginx, on this machine; one registration per visitor's address, to see it counted.
            "TRUSTED_PROXIES": "127.0.0.1",
            "VISITOR_REGISTRATIONS_PER_IP": "1",
            "SITE_URL": f"http://127.0.0.1:{self.ports['nginx']}",
        }

    def url(self, via, path):
        return f"http://127.0.0.1:{self.ports[via]}{path}"

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [BIN / "python", "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode:
            raise Failed(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self, name, command, **extra_env):
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115 - kept open while it runs
        self.processes[name] = (
            subprocess.Popen(command, cwd=BASE_DIR, env={**self.env, **extra_env}, stdout=log, stderr=log),
            log,
        )

    def log(self, name):
        return (self.folder / f"{name}.log").read_text()

    def stop(self, name, sig=signal.SIGTERM):
        process, log = self.processes.pop(name)
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()

    def up(self):
        say("Starting: object store, cache, database, two app processes, a job worker, nginx")
        self.start("store", [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(self.ports["store"])])
        self.start_cache()
        self.start_queue()
        wait_for(self.url("store", "/moto-api/"))
        self.create_bucket()
        self.sql(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        self.manage("load_demo")
        self.facts = json.loads(self.manage("shell", stdin=ARRANGE).strip().splitlines()[-1])
        for app in ("app1", "app2"):
            self.start_app(app)
        self.start_worker()
        self.start_nginx()
        for via in ("app1", "app2", "nginx"):
            wait_for(self.url(via, "/healthz"))

    def start_cache(self, maxmemory="64mb"):
        """The cache's own Redis, as production runs it: nothing on disk, the least used
        forgotten past its limit (docs/deploying.md#redis)."""
        self.start(
            "cache",
            [
                *(REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.ports["cache"])),
                *("--save", "", "--appendonly", "no"),
                *("--maxmemory", maxmemory, "--maxmemory-policy", "allkeys-lru"),
            ],
        )
        wait_for(self.env["REDIS_URL"])

    def start_queue(self):
        """The job queue's own Redis, as production runs it: every write appended to a file
        (appendonly, fsync each second, and all of it on a clean shutdown), so queued e-mails
        survive a restart; never evicting, since a job forgotten is a mail lost
        (docs/deploying.md#redis)."""
        folder = self.folder / "queue"
        folder.mkdir(exist_ok=True)
        self.start(
            "queue",
            [
                *(REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.ports["queue"])),
                *("--dir", str(folder), "--save", "", "--appendonly", "yes", "--appendfsync", "everysec"),
                *("--maxmemory-policy", "noeviction"),
            ],
        )
        wait_for(self.env["JOB_QUEUE_URL"])

    def start_worker(self):
        self.start("worker", [BIN / "python", "manage.py", "run_jobs"])

    def start_app(self, app):
        self.start(
            app,
            [
                BIN / "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.ports[app]}",
                "--workers",
                "2",
                "--graceful-timeout",
                "10",
            ],
        )

    def start_nginx(self):
        prefix = self.folder / "nginx"
        prefix.mkdir()
        servers = " ".join(
            f"server 127.0.0.1:{self.ports[app]} max_fails=1 fail_timeout=10s;" for app in ("app1", "app2")
        )
        values = {
            "LISTEN": f"127.0.0.1:{self.ports['nginx']}",
            "APP_SERVERS": servers,
            "MEDIA_ORIGIN": f"http://127.0.0.1:{self.ports['store']}",
            "MEDIA_BUCKET": self.bucket,
            "PREFIX": str(prefix),
        }
        # As envsubst would fill them in; nginx's own $variables are left alone.
        config = (BASE_DIR / "deploy" / "nginx.conf").read_text()
        for name, value in values.items():
            config = config.replace(f"${{{name}}}", value)
        (prefix / "nginx.conf").write_text(config)
        test = subprocess.run(
            [NGINX, "-t", "-c", prefix / "nginx.conf", "-p", prefix], capture_output=True, text=True
        )
        if test.returncode:
            raise Failed(f"nginx refused deploy/nginx.conf:\n{test.stderr}")
        self.start("nginx", [NGINX, "-c", prefix / "nginx.conf", "-p", prefix, "-g", "daemon off;"])

    def create_bucket(self):
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=self.env["MEDIA_S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="deploy-check",
            aws_secret_access_key="deploy-check",
        )
        client.create_bucket(Bucket=self.bucket)
        public_read = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{self.bucket}/public/*",
        }
        client.put_bucket_policy(
            Bucket=self.bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [public_read]})
        )
        self.s3 = client

    def sql(self, statement):
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
            connection.execute(statement)

    def down(self):
        for name in list(self.processes):
            self.stop(name)
        try:
            self.sql(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        except Exception as error:
            say(f"  (could not drop {self.database}: {error})")


# Run by `manage.py shell` once the demo is loaded: a sample company with a team member, and a
# booth nobody holds. Prints what the checks need as JSON (the last line of the output).
ARRANGE = f"""
import json
from django.contrib.auth import get_user_model
from exhibitors.enums import BoothAvailability
from events.models import Conference
from exhibitors.models import Exhibitor
from exhibitors.selectors import booths_to_choose
exhibitor = Exhibitor.objects.create(
    conference=Conference.objects.get(is_current=True),
    name_zh_hans="【示例】部署检查",
    name_en="[Sample] Deployment Check",
    slug="sample-deployment-check",
    review_status="approved",
)
user = get_user_model().objects.create_user({MEMBER[0]!r}, {MEMBER[0]!r}, {MEMBER[1]!r})
exhibitor.users.add(user)
booths = booths_to_choose(exhibitor.conference, exhibitor=exhibitor).order_by("code")
booth = next(b for b in booths if b.availability == BoothAvailability.AVAILABLE)
print(json.dumps({{"exhibitor": exhibitor.slug, "booth": booth.pk, "code": booth.code}}))
"""
