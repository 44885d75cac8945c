"""The floor bench/pages.py compares the portal with: a bare Django "Hello, world".

One view, no database, no templates, one middleware; served from bench/ by the same gunicorn
command as the portal (`gunicorn hello -w 2 -b 127.0.0.1:PORT`).
"""

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    # Nothing is signed here; each worker may hold its own key.
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
)


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("", hello)]

application = get_wsgi_application()
