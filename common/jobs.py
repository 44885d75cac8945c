"""Slow work off the request path. With `JOB_QUEUE_URL` set, `enqueue()` puts a job on an RQ
queue in Redis, which `manage.py run_jobs` workers run, retrying a failure a few times before
it goes to the dead-letter log (and RQ's failed-job registry). Without it, or while Redis does
not answer, the job runs at once in this process, as it would without a queue (a failure is a
dead letter at once, never the request's error): `make run` and the tests need nothing more."""

import datetime
import logging
import threading
from functools import cache

from django.conf import settings
from django.db import close_old_connections, connections
from redis import Redis
from redis.exceptions import RedisError
from rq import Callback, Queue, Retry, SimpleWorker

from .logs import request_id_var

logger = logging.getLogger(__name__)
dead_letters = logging.getLogger("jobs.dead_letter")

QUEUE_NAME = "default"


@cache
def _connection(url):
    # Short timeouts: a broker that does not answer must not hold a visitor's request for long.
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)


def queue():
    """The job queue, or None when no broker is configured."""
    if not settings.JOB_QUEUE_URL:
        return None
    return Queue(settings.JOB_QUEUE_NAME, connection=_connection(settings.JOB_QUEUE_URL))


def enqueue(func, *args, **kwargs):
    """Run `func(*args, **kwargs)` (a module-level function, arguments that pickle) on a worker,
    or here and now when there is no queue to put it on."""
    job_queue = queue()
    if job_queue is not None:
        try:
            return job_queue.enqueue_call(
                func,
                args=args,
                kwargs=kwargs,
                retry=Retry(max=settings.JOB_RETRIES, interval=settings.JOB_RETRY_SECONDS),
                on_failure=Callback(job_failed),
                meta={"request_id": request_id_var.get()},
                description=func.__qualname__,
            )
        except RedisError:
            logger.warning("The job queue did not answer; running %s in this process", func.__qualname__)
    _run_here(func, args, kwargs)
    return None


def enqueue_later(seconds, func, *args, **kwargs):
    """Run `func(*args, **kwargs)` in `seconds` on a worker (the workers' scheduler puts it on
    the queue then), or, with no queue, in a thread of this process: never in the request that
    asked for it."""
    job_queue = queue()
    if job_queue is not None:
        try:
            return job_queue.enqueue_in(
                datetime.timedelta(seconds=seconds),
                func,
                *args,
                **kwargs,
                retry=Retry(max=settings.JOB_RETRIES, interval=settings.JOB_RETRY_SECONDS),
                on_failure=Callback(job_failed),
                meta={"request_id": request_id_var.get()},
                description=func.__qualname__,
            )
        except RedisError:
            logger.warning("The job queue did not answer; running %s in a thread", func.__qualname__)
    timer = threading.Timer(seconds, _run_in_thread, args=(func, args, kwargs))
    # Not a daemon: a command that changed the programme builds the exports before it exits.
    timer.daemon = False
    timer.start()
    return None


def _run_in_thread(func, args, kwargs):
    try:
        _run_here(func, args, kwargs)
    finally:
        # The thread's own database connection, which nothing else would close.
        connections.close_all()


def _run_here(func, args, kwargs):
    try:
        func(*args, **kwargs)
    except Exception as error:
        # As on a worker, the job's failure is not the request's (whose changes are saved by
        # now): a dead letter, with nobody to retry it.
        dead_letters.exception(
            "Job %s failed in this process, with no queue to retry it: %r",
            func.__qualname__,
            error,
            extra={"job": func.__qualname__},
        )


class Worker(SimpleWorker):
    """Runs jobs in its own process (no fork per job: Django stays set up, and an e-mail is too
    small a job to isolate), renewing the database connection around each one as a request
    would (a worker lives for days)."""

    def perform_job(self, job, *args, **kwargs):
        # The job's log lines carry the id of the request that queued it.
        token = request_id_var.set(job.meta.get("request_id", ""))
        close_old_connections()
        try:
            return super().perform_job(job, *args, **kwargs)
        finally:
            close_old_connections()
            request_id_var.reset(token)


def job_failed(job, connection, exception_type, exception, traceback):
    """RQ calls this on every failure; the last one, with no retry left, is a dead letter."""
    path = job.func_name
    if job.retries_left:
        logger.warning("Job %s (%s) failed, %d retries left: %r", job.id, path, job.retries_left, exception)
        return
    dead_letters.error(
        "Job %s (%s) failed for good after %d attempts: %r",
        job.id,
        path,
        settings.JOB_RETRIES + 1,
        exception,
        extra={"job_id": job.id, "job": path},
    )
