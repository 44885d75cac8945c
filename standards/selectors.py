from django.db.models import Prefetch

from .models import Article, Standard


def standard_with_news(queryset):
    """Standards with their published news, newest first, as `published_articles`."""
    return queryset.prefetch_related(
        Prefetch("articles", queryset=Article.objects.published(), to_attr="published_articles")
    )


def article_for_listing(queryset):
    """Articles with their related standards, for lists and feeds."""
    return queryset.prefetch_related(
        Prefetch("related_standards", queryset=Standard.objects.order_by("code"))
    )


def issue_years():
    """The years in which catalogued standards were issued, newest first."""
    return [
        day.year
        for day in Standard.objects.filter(issued_on__isnull=False).dates("issued_on", "year", order="DESC")
    ]
