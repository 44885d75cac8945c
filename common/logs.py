"""Structured logs: one JSON object a line, each carrying the id of the request (or job) it
belongs to, so that one visitor's request can be followed from nginx through the app to the
worker that sent its e-mail."""

import contextvars
import json
import logging
import re
import time
import uuid

request_id_var = contextvars.ContextVar("request_id", default="")

# What a proxy may hand us as a request id; anything else is replaced by our own.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
HEADER = "X-Request-ID"

requests_log = logging.getLogger("requests")


def logging_config(log_format, level):
    """The LOGGING setting: every record to stdout, as JSON lines or plain lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "common.logs.RequestIdFilter"}},
        "formatters": {
            "plain": {"format": "{asctime} {levelname} {name} [{request_id}] {message}", "style": "{"},
            "json": {"()": "common.logs.JsonFormatter"},
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["request_id"],
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            # pypdf logs each repair it makes while reading an uploaded PDF; the uploader of a
            # broken file gets a form error, and operators need not hear of it.
            "pypdf": {"level": "ERROR"},
        },
    }


def new_request_id():
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (empty outside a request or a job)."""

    def filter(self, record):
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


# The attributes every LogRecord has; anything else was passed in `extra` and is kept.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            (key, value)
            for key, value in vars(record).items()
            if key not in STANDARD_ATTRIBUTES and not key.startswith("_")
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


JsonFormatter.converter = time.gmtime


# Path parts that are someone's secret (a badge link, a confirmation or password-reset link).
SECRET_PARAMETERS = {"token", "uidb64"}


def logged_path(request):
    """The path, or its URL pattern where the path holds a secret that logs must not keep."""
    match = request.resolver_match
    if match is not None and SECRET_PARAMETERS & set(match.kwargs):
        return "/" + match.route
    return request.path


class RequestIdMiddleware:
    """Takes the proxy's request id (nginx's $request_id in X-Request-ID) or makes one, answers
    with it, and logs one line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get(HEADER, "")
        request_id = offered if REQUEST_ID.match(offered) else new_request_id()
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            path = logged_path(request)
            requests_log.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
