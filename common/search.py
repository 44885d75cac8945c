from django.db.models import Q


def search_words(queryset, text, fields):
    """Rows where every word of `text` (up to eight) is in at least one of `fields`."""
    for word in text.split()[:8]:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset
