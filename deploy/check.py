"""The deployment, proven on this machine (`make deploy-check`): two gunicorn app processes and a
job worker behind nginx (deploy/nginx.conf), sharing PostgreSQL, a Redis cache (a server of its
own, with a memory limit and eviction, as the README advises), the job queue (a Redis of its own
that keeps its data on disk and never evicts, where the rate limits count too) and an
S3-compatible store (moto's server), all with production settings. It shows that

- /healthz answers through nginx and each app, naming the database, cache and store;
- a booth reserved through one app is taken when read through the other, and the floor plan one
  app had cached shows it at once;
- a logo uploaded through one app is in the store and visible through the other and nginx;
- the e-mail of the reservation is sent by the worker, with the request's id in its log;
- e-mails queued while no worker runs survive a restart of the queue's Redis and are each
  delivered once;
- the request id nginx makes reaches the app and comes back;
- a limit per IP counts each visitor's own address, which nginx forwards, not nginx's;
- stopping one app process (as a deploy or a crash does) loses no request nginx can retry;
- with the cache's Redis stopped, the site goes on: pages answer and /healthz says "degraded";
- with the store stopped too, pages still answer and an upload is a 503 that saved nothing.

Everything runs in a temporary folder, on free ports, in a database of its own that is dropped
at the end. Exit status 0 when every check passed.

servers.py starts and stops the processes; browser.py is the visitor's side. Run as
`python deploy/check.py`: its folder is on sys.path, so they import by their own names."""

import json
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from browser import Browser, booth_status, company_fields, png
from servers import MEMBER, Deployment, Failed, say


def check(condition, what):
    if not condition:
        raise Failed(what)
    say(f"  ok: {what}")


def run_checks(deployment):
    facts = deployment.facts
    say("Health")
    for via in ("app1", "app2", "nginx"):
        status, headers, body = Browser().request(deployment.url(via, "/healthz"))
        check(
            status == 200
            and json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok", "store": "ok"},
            f"/healthz through {via}: database, cache and store answer, the cache with a memory limit",
        )

    say("A request id from nginx to the app and back")
    status, headers, _body = Browser().request(deployment.url("nginx", "/en/"))
    request_id = headers.get("X-Request-ID", "")
    check(
        status == 200 and re.fullmatch(r"[0-9a-f]{32}", request_id), "the answer carries nginx's request id"
    )
    check(
        headers.get("Server", "") == "nginx" and "Permissions-Policy" in headers,
        "nginx names no app server and no version; the app's Permissions-Policy goes through",
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

    say("Queued e-mails survive a restart of the queue's Redis")
    deployment.stop("worker")
    deployment.manage("shell", stdin=QUEUE_MAILS)
    deployment.stop("queue")
    deployment.start_queue()
    deployment.start_worker()
    subjects = [f"Subject: queue-restart-{number}" for number in range(QUEUED)]
    for _ in range(60):
        worker_log = deployment.log("worker")
        if all(subject in worker_log for subject in subjects):
            break
        time.sleep(0.5)
    check(
        [worker_log.count(subject) for subject in subjects] == [1] * QUEUED,
        f"{QUEUED} mails queued before the restart, each delivered once after it",
    )

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


QUEUED = 5
# Run by `manage.py shell` while no worker runs: mails put on the queue, to wait there.
QUEUE_MAILS = f"""
from django.core.mail import send_mail
from common import jobs
for number in range({QUEUED}):
    jobs.enqueue(send_mail, f"queue-restart-{{number}}", "body", None, [f"proof{{number}}@expo.example"])
"""


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
