from django.db.models import Q


def search_words(queryset, text, fields):
    """Rows where every word of `text` (up to eight) is in at least one of `fields`."""
    for word in text.split()[:8]:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def by_slug_or_name(queryset, text):
    """Rows (with `slug` and a name in both languages) whose slug is `text`, as a page's link
    gives it, or whose name contains it, as a visitor types it. A box with this behind it
    takes the place of a list of every speaker or company, which grows with the data."""
    text = text.strip()
    return queryset.filter(Q(slug=text) | Q(name_zh_hans__icontains=text) | Q(name_en__icontains=text))
