"""Standards, news and publications in the site search."""

from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

from common import search

from .enums import ArticleStatus
from .models import Article, Publication, Standard


def standard_documents(ids):
    for standard in search.chosen(Standard.objects.all(), ids).iterator(chunk_size=500):
        document = search.Document(
            object_id=standard.pk,
            slug=standard.slug,
            title=search.both(standard, "title"),
            detail=search.joined(standard.code, search.in_each_language(standard.get_status_display)),
            excerpt=search.excerpts(standard, "summary"),
        )
        document.add(standard.code, search.TITLE)
        document.add(search.both(standard, "title"), search.TITLE, prefixes=True, single=True)
        document.add(search.both(standard, "issuing_bodies"), search.DETAIL)
        document.add(search.body(standard, "summary"), search.BODY)
        yield document


def article_documents(ids):
    # Scheduled articles are indexed with their publish time and found from then on.
    articles = search.chosen(Article.objects.filter(status=ArticleStatus.PUBLISHED), ids)
    for article in articles.iterator(chunk_size=500):
        document = search.Document(
            object_id=article.pk,
            slug=article.slug,
            title=search.both(article, "title"),
            detail=search.in_each_language(
                lambda article=article: date_format(article.published_at, "DATE_FORMAT")
            ),
            excerpt=search.excerpts(article, "summary"),
            available_from=article.published_at,
        )
        document.add(search.both(article, "title"), search.TITLE, prefixes=True, single=True)
        document.add(search.both(article, "summary"), search.DETAIL)
        document.add(search.body(article, "body"), search.BODY)
        yield document


def publication_documents(ids):
    for publication in search.chosen(Publication.objects.all(), ids).iterator(chunk_size=500):
        document = search.Document(
            object_id=publication.pk,
            slug=publication.slug,
            title=search.both(publication, "title"),
            detail=search.joined(str(publication.year), search.both(publication, "publisher")),
            excerpt=search.excerpts(publication, "abstract"),
        )
        document.add(search.both(publication, "title"), search.TITLE, prefixes=True, single=True)
        document.add(search.both(publication, "publisher"), search.DETAIL)
        document.add(search.body(publication, "abstract"), search.DETAIL)
        document.add(search.body(publication, "table_of_contents"), search.DETAIL)
        yield document


def register():
    search.register(
        search.Kind(
            "standard",
            pgettext_lazy("search results", "Standards"),
            "standards:standard_detail",
            standard_documents,
            Standard,
        )
    )
    search.register(
        search.Kind(
            "article",
            pgettext_lazy("search results", "News"),
            "standards:article_detail",
            article_documents,
            Article,
        )
    )
    search.register(
        search.Kind(
            "publication",
            pgettext_lazy("search results", "Publications"),
            "standards:publication_detail",
            publication_documents,
            Publication,
        )
    )
