import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from standards.models import Article, Publication
from standards.services import article_publish
from tests.factories import ArticleFactory, StandardFactory
from tests.utils import image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def test_organiser_group_runs_standards_news_and_publications():
    codenames = set(Group.objects.get(name="Organiser").permissions.values_list("codename", flat=True))

    assert {
        f"{a}_{m}"
        for a in ("add", "change", "delete", "view")
        for m in ("standard", "article", "publication")
    } <= (codenames)


@pytest.mark.parametrize("model", ["standard", "article", "publication"])
def test_changelists_and_add_forms_open(organiser_client, model):
    assert organiser_client.get(reverse(f"admin:standards_{model}_changelist")).status_code == 200
    assert organiser_client.get(reverse(f"admin:standards_{model}_add")).status_code == 200


def test_standard_autocomplete_for_related_standards(organiser_client):
    StandardFactory(code="GB/T 36333-2018")

    response = organiser_client.get(
        "/admin/autocomplete/",
        {
            "term": "36333",
            "app_label": "standards",
            "model_name": "article",
            "field_name": "related_standards",
        },
    )

    assert [result["text"] for result in response.json()["results"]] == [
        str(StandardFactory._meta.model.objects.get())
    ]


def test_publish_action_publishes_now_and_keeps_a_scheduled_time(organiser_client):
    draft = ArticleFactory(status="draft", published_at=None)
    later = timezone.now() + datetime.timedelta(days=3)
    scheduled = ArticleFactory(status="draft", published_at=later)

    organiser_client.post(
        reverse("admin:standards_article_changelist"),
        {"action": "publish", "_selected_action": [draft.pk, scheduled.pk]},
    )

    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert (draft.status, draft.is_live) == ("published", True)
    assert (scheduled.status, scheduled.published_at, scheduled.is_live) == ("published", later, False)


def test_unpublish_action(organiser_client):
    article = ArticleFactory()

    organiser_client.post(
        reverse("admin:standards_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )

    assert Article.objects.get().status == "draft"


def test_publishing_twice_changes_nothing():
    article = ArticleFactory()

    assert article_publish(articles=[article]) == 0


def article_form(**extra):
    data = {
        "title_zh_hans": "新闻",
        "title_en": "News",
        "slug": "news",
        "summary_zh_hans": "",
        "summary_en": "",
        "body_zh_hans": "",
        "body_en": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
    }
    data.update(extra)
    return data


def test_article_cover_is_re_encoded_with_a_thumbnail(organiser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    response = organiser_client.post(
        reverse("admin:standards_article_add"),
        article_form(cover=upload(content=image_bytes(size=(2400, 1200)))),
    )

    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.cover.width, article.cover_thumbnail.width) == (1600, 480)


def test_published_article_without_a_time_is_a_form_error(organiser_client):
    response = organiser_client.post(reverse("admin:standards_article_add"), article_form(status="published"))

    assert response.status_code == 200
    assert list(response.context["adminform"].form.non_field_errors()) == ["已发布的文章必须有发布时间。"]
    assert not Article.objects.exists()


def publication_form(pdf):
    return {
        "title_zh_hans": "白皮书",
        "title_en": "Whitepaper",
        "slug": "whitepaper",
        "year": "2018",
        "publisher_zh_hans": "",
        "publisher_en": "",
        "released_on": "2018-06-20",
        "abstract_zh_hans": "",
        "abstract_en": "",
        "table_of_contents_zh_hans": "",
        "table_of_contents_en": "",
        "pdf": pdf,
    }


def test_publication_pdf_is_stored_under_a_new_name(organiser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("../../evil name.pdf", pdf_bytes(), "application/pdf")

    response = organiser_client.post(reverse("admin:standards_publication_add"), publication_form(pdf))

    assert response.status_code == 302
    name = Publication.objects.get().pdf.name
    assert name.startswith("publications/document-")
    assert name.endswith(".pdf")


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an executable", b"<html>not a pdf</html>", b"%PDF-1.7 but never ends", image_bytes()],
    ids=["exe", "html", "truncated", "jpeg"],
)
def test_publication_fake_pdf_is_a_form_error_and_nothing_is_saved(
    organiser_client, settings, tmp_path, content
):
    settings.MEDIA_ROOT = tmp_path

    response = organiser_client.post(
        reverse("admin:standards_publication_add"),
        publication_form(SimpleUploadedFile("report.pdf", content, "application/pdf")),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["pdf"] == [
        "该文件不是 PDF。请将文档导出为 PDF 后再上传。"
    ]
    assert not Publication.objects.exists()
    assert list(tmp_path.rglob("*.*")) == []


def test_publication_pdf_over_the_limit_is_refused(organiser_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024) + b"\n%%EOF", "application/pdf"
    )

    response = organiser_client.post(reverse("admin:standards_publication_add"), publication_form(big))

    assert list(response.context["adminform"].form.errors) == ["pdf"]
    assert not Publication.objects.exists()
