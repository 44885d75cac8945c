"""The deployment, proven on this machine (`make deploy-check`): two gunicorn app processes and a
job worker behind nginx (deploy/nginx.conf), sharing PostgreSQL, a Redis cache (a server of its
own, with a memory limit and eviction, as the README advises), the job queue (on the machine's
Redis) and an S3-compatible store (moto's server), all with production settings. It shows that

- /healthz answers through nginx and each app, naming the database, cache and store;
- a booth reserved through one app is taken when read through the other, and the floor plan one
  app had cached shows it at once;
- a logo uploaded through one app is in the store and visible through the other and nginx;
- the e-mail of the reservation is sent by the worker, with the request's id in its log;
- the request id nginx makes reaches the app and comes back;
- a limit per IP counts each visitor's own address, which nginx forwards, not nginx's;
- stopping one app process (as a deploy or a crash does) loses no request nginx can retry;
- with the cache's Redis stopped, the site goes on: pages answer and /healthz says "degraded";
- with the store stopped too, pages still answer and an upload is a 503 that saved nothing.

Everything runs in a temporary folder, on free ports, in a database of its own that is dropped
at the end. Exit status 0 when every check passed."""

import functools
import http.client
import http.cookiejar
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
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


def check(condition, what):
    if not condition:
        raise Failed(what)
    say(f"  ok: {what}")


class Browser:
    """A visitor's browser: cookies, and the CSRF token sent back with each form."""

    def __init__(self, cookies=None, source=None):
        """`cookies`: another browser's, to go on as the same visitor (through another app);
        `source`: the address it connects from (any of 127.0.0.0/8 here), as another visitor."""
        self.cookies = cookies if cookies is not None else http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()]
        if source:
            handlers.append(FromAddress(source))
        self.opener = urllib.request.build_opener(*handlers)

    def request(self, url, data=None, headers=None, content_type=None):
        body = None
        headers = dict(headers or {})
        if data is not None:
            body = data if isinstance(data, bytes) else urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
            headers["Referer"] = url
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def csrf(self):
        return next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")

    def post_form(self, page_url, action_url, fields, files=None):
        """Open the form's page (for the CSRF cookie), then post it."""
        self.request(page_url)
        fields = {"csrfmiddlewaretoken": self.csrf(), **fields}
        if not files:
            return self.request(action_url, fields)
        body, content_type = multipart(fields, files)
        return self.request(action_url, body, content_type=content_type)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FromAddress(urllib.request.HTTPHandler):
    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, req):
        return self.do_open(
            functools.partial(http.client.HTTPConnection, source_address=(self.source, 0)), req
        )


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode()
            )
    for name, (filename, content, mime) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {mime}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


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


def png(colour):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 320), colour).save(buffer, "PNG")
    return buffer.getvalue()


class Deployment:
    def __init__(self, folder):
        self.folder = folder
        self.processes = {}
        self.ports = {name: free_port() for name in ("app1", "app2", "nginx", "store", "cache")}
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
            "JOB_QUEUE_URL": f"{REDIS}/11",
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
        self.start(
            "cache",
            # Keeps nothing on disk, forgets the least used past its limit (see the README).
            [
                *(REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.ports["cache"])),
                *("--save", "", "--appendonly", "no"),
                *("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru"),
            ],
        )
        wait_for(self.url("store", "/moto-api/"))
        wait_for(self.env["REDIS_URL"])
        self.create_bucket()
        self.sql(f'CREATE DATABASE "{self.database}"')
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input")
        self.manage("load_demo")
        self.facts = json.loads(self.manage("shell", stdin=ARRANGE).strip().splitlines()[-1])
        for app in ("app1", "app2"):
            self.start_app(app)
        self.start("worker", [BIN / "python", "manage.py", "run_jobs"])
        self.start_nginx()
        for via in ("app1", "app2", "nginx"):
            wait_for(self.url(via, "/healthz"))

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


def booth_status(html, code):
    """The floor plan's status of booth `code`, from its table row."""
    row = rf'<tr id="booth-{re.escape(code)}"[^>]*><th>[^<]*</th><td>[^<]*</td>'
    match = re.search(row + r'<td class="status-label status-(\w+)"', html)
    return match and match.group(1)


def run_checks(deployment):
    facts = deployment.facts
    say("Health")
    for via in ("app1", "app2", "nginx"):
        status, headers, body = Browser().request(deployment.url(via, "/healthz"))
        check(
            status == 200
            and json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok", "store": "ok"},
            f"/healthz through {via}: database, cache and store answer",
        )

    say("A request id from nginx to the app and back")
    status, headers, _body = Browser().request(deployment.url("nginx", "/en/"))
    request_id = headers.get("X-Request-ID", "")
    check(
        status == 200 and re.fullmatch(r"[0-9a-f]{32}", request_id), "the answer carries nginx's request id"
    )
    time.sleep(0.5)
    check(
        request_id in deployment.log("app1") + deployment.log("app2"),
        "the app's JSON request log names the same id",
    )
    check(
        f"id={request_id}" in (deployment.folder / "nginx" / "access.log").read_text(), "so does nginx's log"
    )

    say("Limits per IP count each visitor behind nginx")
    register = deployment.url("nginx", "/en/register/")
    answers = []
    for number, source in enumerate(("127.0.0.2", "127.0.0.2", "127.0.0.3")):
        fields = {
            "name": "Li Ming",
            "organisation": "City",
            "email": f"v{number}@example.com",
            "mobile": "13800000000",
        }
        answers.append(Browser(source=source).post_form(register, register, fields)[0])
    check(
        answers == [200, 429, 200],
        "a second registration from one address is refused, another address's is not",
    )

    say("A booth reserved through one app is taken through the other")
    code = facts["code"]
    status, _headers, plan = Browser().request(deployment.url("app1", f"/en/floor-plan/?booth={code}"))
    check(
        status == 200 and booth_status(plan.decode(), code) == "available",
        f"app1 shows booth {code} free (and caches the plan)",
    )
    member = Browser()
    status, headers, _body = member.post_form(
        deployment.url("app2", "/en/exhibit/sign-in/"),
        deployment.url("app2", "/en/exhibit/sign-in/"),
        {"username": MEMBER[0], "password": MEMBER[1]},
    )
    check(status == 302, "the exhibitor signs in through app2")
    booth_page = deployment.url("app2", f"/en/exhibit/booths/{facts['booth']}/")
    status, headers, _body = member.post_form(
        booth_page, deployment.url("app2", f"/en/exhibit/booths/{facts['booth']}/reserve/"), {}
    )
    check(status == 302, f"booth {code} reserved through app2")
    status, _headers, plan = Browser().request(deployment.url("app1", f"/en/floor-plan/?booth={code}"))
    check(
        booth_status(plan.decode(), code) == "held",
        "app1's floor plan shows it held at once (its cache was invalidated)",
    )
    member_on_app1 = Browser(cookies=member.cookies)
    status, _headers, page = member_on_app1.request(
        deployment.url("app1", f"/en/exhibit/booths/{facts['booth']}/")
    )
    check(
        status == 200 and "Held for your company" in page.decode(),
        "app1 shares the session and sees the hold",
    )

    say("The reservation's e-mail is sent by the worker")
    deadline = time.monotonic() + 30
    while "desk@expo.example" not in deployment.log("worker") and time.monotonic() < deadline:
        time.sleep(0.5)
    worker_log = deployment.log("worker")
    check("desk@expo.example" in worker_log, "the worker sent the organisers' e-mail (console backend)")
    check("Job OK" in worker_log, "and the job finished")

    say("A logo uploaded through one app is visible through the other")
    profile = deployment.url("app2", f"/en/exhibitors/{facts['exhibitor']}/")
    status, _headers, page = Browser().request(profile)
    check(status == 200 and "/media/public/exhibitors/" not in page.decode(), "app2 shows the profile")
    company = deployment.url("app1", "/en/exhibit/company/")
    status, _headers, form_page = member_on_app1.request(company)
    fields = company_fields(form_page.decode())
    status, headers, body = member_on_app1.post_form(
        company, company, fields, files={"logo": ("logo.png", png((10, 90, 120)), "image/png")}
    )
    check(status == 302, "the logo is uploaded through app1")
    status, _headers, page = Browser().request(profile)
    logo = re.search(r'src="(/media/public/exhibitors/[^"]+)"', page.decode())
    check(logo is not None, "app2's profile page shows the new logo at once")
    status, headers, body = Browser().request(deployment.url("nginx", logo.group(1)))
    # The portal re-encodes every upload: the PNG sent is stored as a JPEG.
    check(status == 200 and body[:3] == b"\xff\xd8\xff", "nginx serves it (re-encoded) from the store")
    check(headers.get("Cache-Control") == "public, max-age=31536000, immutable", "with a year's caching")
    status, _headers, _body = Browser().request(deployment.url("nginx", f"/media/private/{logo.group(1)}"))
    check(status == 404, "and nothing outside public/")

    say("Stopping one app process loses no request")
    results = []

    def visit():
        for _ in range(60):
            status, _headers, _body = Browser().request(deployment.url("nginx", "/en/exhibitors/"))
            results.append(status)

    visitors = [threading.Thread(target=visit) for _ in range(3)]
    for thread in visitors:
        thread.start()
    time.sleep(0.5)
    deployment.stop("app1")
    for thread in visitors:
        thread.join()
    check(
        len(results) == 180 and set(results) == {200},
        f"{len(results)} requests through nginx while app1 stopped, all 200",
    )
    status, _headers, body = Browser().request(deployment.url("nginx", "/healthz"))
    check(status == 200, "nginx answers through app2 alone")

    say("Without the cache's Redis the site goes on")
    deployment.stop("cache")
    status, _headers, body = Browser().request(deployment.url("nginx", "/healthz"))
    check(
        status == 200
        and json.loads(body) == {"status": "degraded", "database": "ok", "cache": "error", "store": "ok"},
        "/healthz says degraded, with a 200, so the load balancer keeps sending requests",
    )
    pages = ("/en/", "/en/schedule/", "/")
    statuses = {Browser().request(deployment.url("nginx", path))[0] for path in pages}
    check(statuses == {200}, "pages are rendered without it")
    check("The cache did not answer" in deployment.log("app2"), "and the app logs that the cache is away")

    say("Without the object store pages answer and an upload says to try again")
    deployment.stop("store")
    public_profile = deployment.url("nginx", f"/en/exhibitors/{facts['exhibitor']}/")
    status, _headers, page = Browser().request(public_profile)
    check(status == 200 and logo.group(1) in page.decode(), "the profile page still links its logo")
    member_on_nginx = Browser(cookies=member.cookies)
    company = deployment.url("nginx", "/en/exhibit/company/")
    status, _headers, form_page = member_on_nginx.request(company)
    fields = {**company_fields(form_page.decode()), "name_en": "[Sample] Never Saved"}
    status, headers, body = member_on_nginx.post_form(
        company, company, fields, files={"logo": ("logo.png", png((200, 40, 40)), "image/png")}
    )
    check(
        status == 503 and headers.get("Retry-After") == "60" and b"nothing you sent was saved" in body,
        "a new logo is a 503 saying nothing was saved and when to try again",
    )
    status, _headers, page = Browser().request(public_profile)
    check("Never Saved" not in page.decode(), "and the profile kept its name")
    # From the app itself: nginx passes a 503 to the next app, and app1 is stopped.
    status, _headers, body = Browser().request(deployment.url("app2", "/healthz"))
    check(status == 503 and json.loads(body)["store"] == "error", "app2's /healthz is 503 naming the store")


def company_fields(html):
    """The company form as the browser would send it back unchanged."""
    fields = {}
    for tag in re.findall(r"<(?:input|textarea|select)[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) in ("csrfmiddlewaretoken", "q", "logo", "logo-clear"):
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if tag.startswith("<input") and 'type="checkbox"' in tag and "checked" not in tag:
            continue
        fields.setdefault(name.group(1), []).append(value.group(1) if value else "")
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = [text.strip()]
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        fields[name] = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
    return fields


def main():
    folder = Path(tempfile.mkdtemp(prefix="deploy-check-"))
    deployment = Deployment(folder)
    try:
        deployment.up()
        run_checks(deployment)
    except Failed as failure:
        say(f"FAILED: {failure}\nLogs are in {folder}")
        return 1
    finally:
        deployment.down()
    say("Deployment check passed.")
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
