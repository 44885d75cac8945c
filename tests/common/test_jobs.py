"""The job queue against the machine's Redis (a database of its own, a queue per test), with
workers run in this process in burst mode, as `manage.py run_jobs --burst` runs them."""

import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from redis import Redis
from rq import Queue
from rq.registry import FailedJobRegistry

from common import jobs
from common.logs import request_id_var
from tests.factories import MeetingFactory
from visitors.models import Registration
from visitors.notifications import meeting_changed

# The worker renews the database connection around each job, as it would in production.
pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/14"
# What the jobs did, kept in Redis: a worker imports this module by name, which pytest's own
# import of it need not share.
ATTEMPTS_KEY = "test-jobs:attempts"


def redis():
    return Redis.from_url(REDIS_URL, decode_responses=True)


def attempts():
    return redis().lrange(ATTEMPTS_KEY, 0, -1)


def record(value):
    return redis().rpush(ATTEMPTS_KEY, value)


def fail_twice_then_record(value):
    if record(value) < 3:
        raise ConnectionError("SMTP server did not answer")


def always_fail(value):
    record(value)
    raise ConnectionError("SMTP server did not answer")


@pytest.fixture(autouse=True)
def _no_attempts_yet():
    redis().delete(ATTEMPTS_KEY)
    yield
    redis().delete(ATTEMPTS_KEY)


@pytest.fixture
def job_queue(settings):
    """A queue of this test's own; retries at once, so that a burst worker runs them."""
    settings.JOB_QUEUE_URL = REDIS_URL
    settings.JOB_QUEUE_NAME = f"test-{uuid.uuid4().hex}"
    settings.JOB_RETRY_SECONDS = [0, 0]
    settings.JOB_RETRIES = 2
    queue = jobs.queue()
    yield queue
    queue.empty()
    for job_id in FailedJobRegistry(queue=queue).get_job_ids():
        FailedJobRegistry(queue=queue).remove(job_id, delete_job=True)


def work(queue):
    jobs.Worker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)


def test_without_a_queue_a_job_runs_at_once(settings):
    settings.JOB_QUEUE_URL = ""

    assert jobs.enqueue(record, "now") is None

    assert attempts() == ["now"]


def test_with_a_queue_a_job_waits_for_a_worker(job_queue):
    jobs.enqueue(record, "later")

    assert attempts() == []
    assert job_queue.count == 1
    work(job_queue)
    assert attempts() == ["later"]
    assert job_queue.count == 0


def test_a_failing_job_is_retried_until_it_succeeds(job_queue, caplog):
    job = jobs.enqueue(fail_twice_then_record, "mail")

    for _ in range(3):
        work(job_queue)

    assert attempts() == ["mail", "mail", "mail"]
    job.refresh()
    assert job.get_status() == "finished"
    assert [record for record in caplog.records if record.name == "jobs.dead_letter"] == []
    assert "2 retries left" in caplog.text


def test_a_job_that_keeps_failing_is_a_dead_letter(job_queue, caplog):
    job = jobs.enqueue(always_fail, "mail")

    for _ in range(4):
        work(job_queue)

    assert attempts() == ["mail"] * 3
    [dead] = [record for record in caplog.records if record.name == "jobs.dead_letter"]
    assert dead.levelname == "ERROR"
    assert dead.job_id == job.id
    assert dead.job == "tests.common.test_jobs.always_fail"
    assert "failed for good after 3 attempts" in dead.getMessage()
    assert job.id in FailedJobRegistry(queue=job_queue).get_job_ids()


def test_a_queue_that_does_not_answer_runs_the_job_here(settings, caplog):
    settings.JOB_QUEUE_URL = "redis://127.0.0.1:1/0"
    settings.JOB_QUEUE_NAME = "nowhere"

    assert jobs.enqueue(record, "anyway") is None

    assert attempts() == ["anyway"]
    assert "The job queue did not answer" in caplog.text


def test_meeting_e_mails_go_on_the_queue_once_their_transaction_commits(
    job_queue, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(registration__email="li.ming@example.com", exhibitor__email="")

    with django_capture_on_commit_callbacks(execute=True):
        meeting_changed(meeting)
        assert job_queue.count == 0

    assert job_queue.count == 1
    assert mail.outbox == []
    work(job_queue)
    assert [message.to for message in mail.outbox] == [["li.ming@example.com"]]
    assert "洽谈" in mail.outbox[0].subject


def test_run_jobs_command_works_through_the_queue(job_queue):
    jobs.enqueue(record, "one")
    jobs.enqueue(record, "two")

    call_command("run_jobs", "--burst")

    assert attempts() == ["one", "two"]


def test_run_jobs_command_without_a_queue_says_so(settings):
    settings.JOB_QUEUE_URL = ""

    with pytest.raises(CommandError, match="JOB_QUEUE_URL is not set"):
        call_command("run_jobs", "--burst")


def test_the_queue_lives_in_the_configured_redis(job_queue):
    jobs.enqueue(record, "x")

    assert Queue(job_queue.name, connection=redis()).count == 1


def record_request_id():
    record(request_id_var.get())


def test_a_job_carries_the_id_of_the_request_that_queued_it(job_queue):
    token = request_id_var.set("request-0123456789")
    try:
        jobs.enqueue(record_request_id)
    finally:
        request_id_var.reset(token)

    work(job_queue)

    assert attempts() == ["request-0123456789"]


def test_a_job_failing_in_this_process_is_a_dead_letter_not_the_callers_error(settings, caplog):
    settings.JOB_QUEUE_URL = ""

    assert jobs.enqueue(always_fail, "mail") is None

    assert attempts() == ["mail"]
    [dead] = [record for record in caplog.records if record.name == "jobs.dead_letter"]
    assert dead.levelname == "ERROR"
    assert dead.job == "always_fail"
    assert "failed in this process, with no queue to retry it" in dead.getMessage()
    assert dead.exc_info[0] is ConnectionError


def test_a_visitor_registers_while_the_smtp_server_does_not_answer(
    client, conference, settings, caplog, django_capture_on_commit_callbacks, refused_port
):
    settings.JOB_QUEUE_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", refused_port, 2
    data = {"name": "Li Ming", "organisation": "City", "email": "li@example.com", "mobile": "13800000000"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/register/", data)

    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert Registration.objects.get().email == "li@example.com"
    [dead] = [record for record in caplog.records if record.name == "jobs.dead_letter"]
    assert dead.job == "send_mail"
