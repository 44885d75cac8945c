"""The query side of the search: Query reads the entries a visitor may see for a query (the
best of each kind, the counts, a page of one kind), object_ids() serves a list's own search
box, in_language() and url_of() show a found entry, and the older substring filters
(search_words, by_slug_or_name) serve the lists' filter boxes.
"""

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import get_language

from ..models import SearchEntry, SearchTerm
from .index import KINDS, LANGUAGE_FIELDS
from .text import query_terms


class Query:
    """A visitor's query over the entries they may see: those of the edition (and those of no
    edition), and news from its publish time on.

    Each read is one SQL statement, written out because the ORM cannot group a subquery before
    joining it: the postings of the query's terms are grouped by entry first (narrow rows, read
    from the covering index), keeping entries that hold every term with the sum of their
    weights as `score`; only those are joined to the entries. Plain SQL that SQLite and
    PostgreSQL both run."""

    def __init__(self, text, *, edition_id, now):
        self.terms = query_terms(text)
        self.edition_id = edition_id
        self.now = now

    def _matched(self, select, *, where="", tail="", params=()):
        terms, entries = SearchTerm._meta.db_table, SearchEntry._meta.db_table
        placeholders = ", ".join(["%s"] * len(self.terms))
        # Only table names and placeholders go into the text; every value is a parameter.
        sql = f"""
            SELECT {select}
            FROM (
                SELECT entry_id, SUM(weight) AS score FROM {terms}
                WHERE term IN ({placeholders}) GROUP BY entry_id HAVING COUNT(*) = %s
            ) matched
            JOIN {entries} entry ON entry.id = matched.entry_id
            WHERE (entry.edition_id = %s OR entry.edition_id IS NULL)
              AND (entry.available_from IS NULL OR entry.available_from <= %s) {where}
            {tail}"""  # noqa: S608
        moment = connection.ops.adapt_datetimefield_value(self.now)
        return sql, [*self.terms, len(self.terms), self.edition_id, moment, *params]

    def best_of_each_kind(self, per_kind):
        """The best `per_kind` entries of each kind, each with `score` and `kind_count` (how
        many of its kind matched), best first."""
        if not self.terms:
            return []
        inner, params = self._matched(
            """matched.entry_id, matched.score,
               ROW_NUMBER() OVER (PARTITION BY entry.kind ORDER BY matched.score DESC, entry.id) AS place,
               COUNT(*) OVER (PARTITION BY entry.kind) AS kind_count"""
        )
        sql = f"""
            SELECT entry.*, ranked.score, ranked.kind_count
            FROM ({inner}) ranked JOIN {SearchEntry._meta.db_table} entry ON entry.id = ranked.entry_id
            WHERE ranked.place <= %s ORDER BY ranked.score DESC, entry.id"""  # noqa: S608
        return list(SearchEntry.objects.raw(sql, [*params, per_kind]))

    def counts(self):
        """{kind: how many entries of it matched}."""
        if not self.terms:
            return {}
        sql, params = self._matched("entry.kind, COUNT(*)", tail="GROUP BY entry.kind")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def page(self, kind, *, offset, limit):
        """Entries of one kind, best first, with `score`."""
        if not self.terms:
            return []
        sql, params = self._matched(
            "entry.*, matched.score",
            where="AND entry.kind = %s",
            tail="ORDER BY matched.score DESC, entry.id LIMIT %s OFFSET %s",
            params=(kind, limit, offset),
        )
        return list(SearchEntry.objects.raw(sql, params))


def object_ids(kind, text, *, now):
    """The ids of a kind's objects (a kind without editions) that hold every term of the query,
    as a subquery: a list's own search box, such as the news page's."""
    terms = query_terms(text)
    return (
        SearchEntry.objects.filter(kind=kind, terms__term__in=terms)
        .filter(Q(available_from__isnull=True) | Q(available_from__lte=now))
        .order_by()
        .values("object_id")
        .annotate(found=Count("terms"))
        .filter(found=max(len(terms), 1))
        .values("object_id")
    )


def in_language(entry, name):
    """An entry's title, detail or excerpt in the visitor's language, Chinese where the other
    language has none."""
    suffix = LANGUAGE_FIELDS.get(get_language(), "zh_hans")
    return getattr(entry, f"{name}_{suffix}") or getattr(
        entry, f"{name}_{LANGUAGE_FIELDS[settings.LANGUAGE_CODE]}"
    )


def url_of(entry):
    return reverse(KINDS[entry.kind].url_name, kwargs={"slug": entry.slug})


def search_words(queryset, text, fields):
    """Rows where every word of `text` (up to eight) is in at least one of `fields`."""
    for word in text.split()[:8]:
        condition = Q()
        for field_name in fields:
            condition |= Q(**{f"{field_name}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def by_slug_or_name(queryset, text):
    """Rows (with `slug` and a name in both languages) whose slug is `text`, as a page's link
    gives it, or whose name contains it, as a visitor types it. A box with this behind it
    takes the place of a list of every speaker or company, which grows with the data."""
    text = text.strip()
    return queryset.filter(Q(slug=text) | Q(name_zh_hans__icontains=text) | Q(name_en__icontains=text))
