"""Uploads in an S3-compatible object store: a real one, moto's server started here, reached by
django-storages over HTTP as a production bucket would be (no mock of the client)."""

import json
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import EndpointConnectionError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.utils import translation
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

from common.middleware import StoreUnavailableMiddleware
from events.models import Speaker
from exhibitors.enums import EquipmentStatus
from exhibitors.models import Exhibitor
from tests.factories import EquipmentFactory, ExhibitorFactory
from tests.utils import company_form, image_bytes, member_client, pdf_bytes, upload

pytestmark = pytest.mark.django_db

CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server, for this module: in this process, on a port the system picks as it
    binds, so no other run can have taken it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings):
    """A new bucket whose policy lets anyone read `public/` and nobody else `private/`, as the
    docs/deploying.md asks of a production bucket; the site's storages pointed at it."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=name)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/public/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
    common = {
        "bucket_name": name,
        "endpoint_url": s3_server,
        "region_name": "us-east-1",
        "signature_version": "s3v4",
        **CREDENTIALS,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "common.storage.PublicMediaStorage",
            "OPTIONS": {
                **common,
                "location": "public",
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
        "private": {
            "BACKEND": "common.storage.PrivateMediaStorage",
            "OPTIONS": {
                **common,
                "location": "private",
                "querystring_expire": 300,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
    }
    return {"name": name, "endpoint": s3_server, "client": client}


def fetch(url):
    """(status, Cache-Control, body) of an anonymous GET, as a visitor's browser would make it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the test's server
            return response.status, response.headers.get("Cache-Control"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, None, b""


def test_a_logo_is_stored_in_the_bucket_and_readable_by_anyone_cacheable_for_a_year(bucket, conference):
    exhibitor = ExhibitorFactory(conference=conference)

    exhibitor.logo.save("acme.png", ContentFile(b"\x89PNG logo"))

    assert exhibitor.logo.url == f"/media/public/{exhibitor.logo.name}"
    status, cache_control, body = fetch(default_storage.direct_url(exhibitor.logo.name))
    assert (status, body) == (200, b"\x89PNG logo")
    assert cache_control == "public, max-age=31536000, immutable"
    keys = [item["Key"] for item in bucket["client"].list_objects_v2(Bucket=bucket["name"])["Contents"]]
    assert keys == [f"public/{exhibitor.logo.name}"]


def test_a_second_upload_under_the_same_name_never_rewrites_the_first(bucket):
    first = default_storage.save("exhibitors/logo.png", ContentFile(b"one"))
    second = default_storage.save("exhibitors/logo.png", ContentFile(b"two"))

    assert first != second
    assert fetch(default_storage.direct_url(first))[2] == b"one"


def test_a_spec_sheet_is_private_in_the_bucket_and_handed_out_by_a_signed_link(bucket, client, conference):
    equipment = EquipmentFactory(exhibitor__conference=conference)
    equipment.spec_sheet.save("spec.pdf", ContentFile(pdf_bytes()))
    key = f"private/{equipment.spec_sheet.name}"

    unsigned = fetch(f"{bucket['endpoint']}/{bucket['name']}/{key}")
    response = client.get(equipment.spec_sheet.url)

    assert equipment.spec_sheet.url == f"/private-media/{equipment.spec_sheet.name}"
    assert unsigned[0] == 403
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    signed = response["Location"]
    assert signed.startswith(f"{bucket['endpoint']}/{bucket['name']}/{key}?")
    assert "X-Amz-Expires=300" in signed
    status, _cache_control, body = fetch(signed)
    assert (status, body) == (200, pdf_bytes())


def test_a_draft_listings_spec_sheet_gets_no_signed_link(bucket, client, conference):
    equipment = EquipmentFactory(exhibitor__conference=conference, status=EquipmentStatus.DRAFT)
    equipment.spec_sheet.save("spec.pdf", ContentFile(pdf_bytes()))

    assert client.get(equipment.spec_sheet.url).status_code == 404
    assert storages["private"].exists(equipment.spec_sheet.name)


def test_healthz_reports_the_bucket(bucket, client):
    assert client.get("/healthz").json()["store"] == "ok"


def test_healthz_is_503_when_the_bucket_is_gone(bucket, client):
    bucket["client"].delete_bucket_policy(Bucket=bucket["name"])
    bucket["client"].delete_bucket(Bucket=bucket["name"])

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["store"] == "error"


@pytest.fixture
def store_down(bucket, settings, refused_port):
    """The site's storages pointed at a port where nothing answers, as when the store is down."""
    nowhere = f"http://127.0.0.1:{refused_port}"
    settings.STORAGES = {
        **settings.STORAGES,
        **{
            name: {
                **settings.STORAGES[name],
                "OPTIONS": {
                    **settings.STORAGES[name]["OPTIONS"],
                    "endpoint_url": nowhere,
                    "client_config": Config(connect_timeout=1, retries={"max_attempts": 1}),
                },
            }
            for name in ("default", "private")
        },
    }


def post_logo(client, language="en"):
    prefix = "/en" if language == "en" else ""
    return client.post(
        f"{prefix}/exhibit/company/",
        company_form(logo=upload(content=image_bytes(format="PNG"))),
    )


def test_a_logo_sent_while_the_store_is_down_is_a_503_saying_to_try_again_and_saves_nothing(
    store_down, newcomer, caplog
):
    response = post_logo(newcomer)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    content = response.content.decode()
    assert "The file store is not answering" in content
    assert "nothing you sent was saved" in content
    assert not Exhibitor.objects.exists()
    assert "The media store did not answer" in caplog.text


def test_the_store_down_page_is_in_chinese_by_default(store_down, newcomer):
    response = post_logo(newcomer, language="zh-hans")

    assert response.status_code == 503
    assert "文件存储服务暂无响应" in response.content.decode()


def test_a_store_refusing_the_upload_is_the_same_503(bucket, newcomer):
    # The bucket gone (a ClientError, not a connection error).
    bucket["client"].delete_bucket_policy(Bucket=bucket["name"])
    bucket["client"].delete_bucket(Bucket=bucket["name"])

    response = post_logo(newcomer)

    assert response.status_code == 503
    assert not Exhibitor.objects.exists()


def test_an_edit_with_a_new_logo_while_the_store_is_down_keeps_the_old_profile(store_down, conference):
    exhibitor = ExhibitorFactory(conference=conference, name_en="Acme Sensing")
    client = member_client(exhibitor, "li@acme.example")

    response = client.post("/en/exhibit/company/", company_form(name_en="Renamed", logo=upload()))

    exhibitor.refresh_from_db()
    assert response.status_code == 503
    assert exhibitor.name_en == "Acme Sensing"
    assert not exhibitor.logo


def test_a_speaker_photo_sent_in_the_back_office_while_the_store_is_down_saves_nothing(
    store_down, organiser_client, conference
):
    response = organiser_client.post(
        "/admin/events/speaker/add/",
        {
            "conference": conference.pk,
            "name_zh_hans": "王工",
            "name_en": "Wang Gong",
            "slug": "wang-gong",
            "photo": upload(),
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 503
    assert not Speaker.objects.exists()


def test_a_page_that_reads_the_store_while_it_is_down_says_to_try_again(store_down, rf):
    # No page reads the store as it renders; this stands for one that would.
    request = rf.get("/en/")
    request.LANGUAGE_CODE = "en"
    with translation.override("en"):
        response = StoreUnavailableMiddleware(lambda request: None).process_exception(
            request, EndpointConnectionError(endpoint_url="http://127.0.0.1:1")
        )

    content = response.content.decode()
    assert response.status_code == 503
    assert "The store that keeps uploaded files did not answer. Try again in a minute." in content
    assert "nothing you sent was saved" not in content


def test_other_errors_are_left_to_the_500_page(rf):
    assert StoreUnavailableMiddleware(lambda request: None).process_exception(rf.get("/"), OSError()) is None
