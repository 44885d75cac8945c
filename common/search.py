"""Search: the words of a text, the site's search index, and the older substring filters.

Chinese has no spaces between words, so the index keeps every pair of neighbouring Chinese
characters (智慧城市: 智慧, 慧城, 城市) and each Latin word or number; a query is cut the same way
and finds the entries holding all of its pieces, so 城市 finds 智慧城市 without a dictionary.
Titles and names also keep single characters and the beginnings of words (a name typed half
way), names keep their pinyin, and codes keep their joined form (A-101: a101).

Each app registers its kinds of page (sessions, equipment, news...) with a function that
writes their documents; saves and deletes re-index through signals connected in the apps'
ready(), and services that write with update() say so with reindex(). Looking up a query costs
the same few queries at any size: one read of the terms' postings, grouped.
"""

import re
import threading
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from pypinyin import lazy_pinyin

from .models import SearchEntry, SearchTerm

# Field weights: a word of a title counts most, one deep in a description least.
TITLE = 8
NAME = 6
DETAIL = 3
BODY = 1
BODY_CHARS = 2_000
MAX_TERM = 32
MAX_QUERY_TERMS = 16
# Words in nearly every English text: looking them up would read most of the index.
STOP_WORDS = frozenset(
    [
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
    ]
)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = "0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_PIECES = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>[{_WORD}]+(?:[-/.][{_WORD}]+)*)")
_SEPARATORS = re.compile(r"[-/.]")


def _normal(text):
    # Full-width letters and digits (Ａ－１０１) read as A-101; case does not count.
    return unicodedata.normalize("NFKC", text or "").casefold()


def _pieces(text, prefixes, single):
    """(term, whole) pairs of a text; `whole` is False for a beginning of a word or a single
    character of a longer run, which count less."""
    for match in _PIECES.finditer(_normal(text)):
        if run := match["cjk"]:
            if len(run) == 1:
                yield run, True
                continue
            for i in range(len(run) - 1):
                yield run[i : i + 2], True
            if single:
                for character in run:
                    yield character, False
            continue
        parts = _SEPARATORS.split(match["word"])
        if len(parts) > 1:
            yield "".join(parts)[:MAX_TERM], True
        for part in parts:
            if len(part) < 2 or part in STOP_WORDS:
                continue
            yield part[:MAX_TERM], True
            if prefixes:
                for end in range(2, min(len(part), MAX_TERM)):
                    yield part[:end], False


def terms_of(text, *, prefixes=False, single=False):
    """The index terms of a text: pairs of Chinese characters (and, with `single`, each
    character), Latin words and numbers of two or more characters (and, with `prefixes`, their
    beginnings), and codes joined without their dashes and slashes."""
    return {term for term, whole in _pieces(text, prefixes, single)}


def query_terms(text):
    """The terms a query must all find: as terms_of() cuts it, except that a code counts only
    in its joined form (A-101 is one thing to look for, not "101")."""
    terms = []
    for match in _PIECES.finditer(_normal(text)):
        if run := match["cjk"]:
            pieces = [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        elif len(parts := _SEPARATORS.split(match["word"])) > 1:
            pieces = ["".join(parts)]
        else:
            pieces = [match["word"]] if len(match["word"]) > 1 and match["word"] not in STOP_WORDS else []
        terms.extend(piece[:MAX_TERM] for piece in pieces if piece[:MAX_TERM] not in terms)
    return terms[:MAX_QUERY_TERMS]


def highlight_words(text):
    """The pieces of a query to mark in a result: its pairs of Chinese characters (neighbouring
    marks read as one) and its words and codes as typed."""
    words = []
    for match in _PIECES.finditer(_normal(text)):
        if run := match["cjk"]:
            words.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        elif len(match["word"]) > 1:
            words.append(match["word"])
    return words


def pinyin_of(name):
    """A Chinese name in pinyin, syllable by syllable and joined (王军: "wang jun wangjun"), so
    that a visitor without a Chinese keyboard finds it."""
    syllables = [piece for piece in lazy_pinyin(name or "") if piece.strip()]
    if not any(re.search(f"[{_CJK}]", character) for character in name or ""):
        return ""
    return " ".join([*syllables, "".join(syllables)])


def plain_excerpt(text, characters=120):
    """A line of plain text from Markdown or HTML, for a result's excerpt."""
    text = re.sub(r"[#*_`>\[\]]+", " ", strip_tags(text or ""))
    return Truncator(" ".join(text.split())).chars(characters, truncate="…")


LANGUAGE_FIELDS = {"zh-hans": "zh_hans", "en": "en"}


def both(instance, name):
    """A translated field's value in each language, as {"zh_hans": ..., "en": ...}."""
    return {suffix: getattr(instance, f"{name}_{suffix}") or "" for suffix in LANGUAGE_FIELDS.values()}


def excerpts(instance, name):
    """A translated field as a result's excerpt line in each language."""
    return {suffix: plain_excerpt(text) for suffix, text in both(instance, name).items()}


def body(instance, name):
    """A long translated field's beginning in each language, for the index."""
    return [text[:BODY_CHARS] for text in both(instance, name).values()]


def in_each_language(write):
    """{"zh_hans": write(), "en": write()}, each written with that language active."""
    lines = {}
    for language, suffix in LANGUAGE_FIELDS.items():
        with translation.override(language):
            lines[suffix] = write()
    return lines


def joined(*parts):
    """Lines in each language joined by dots, from {"zh_hans": ..., "en": ...} dicts and plain
    strings; an empty English part falls back to the Chinese one."""
    lines = {}
    for suffix in LANGUAGE_FIELDS.values():
        texts = [part if isinstance(part, str) else part.get(suffix) or part.get("zh_hans") for part in parts]
        lines[suffix] = " · ".join(text for text in texts if text)
    return lines


def chosen(queryset, ids):
    """The rows of `ids`, or all of them when ids is None (a rebuild)."""
    return queryset if ids is None else queryset.filter(pk__in=ids)


@dataclass
class Document:
    """What the index keeps of one public page: the result's lines in each language (by field
    suffix) and the weighted terms it is found by."""

    object_id: int
    slug: str
    title: dict
    detail: dict = field(default_factory=dict)
    excerpt: dict = field(default_factory=dict)
    edition_id: int | None = None
    available_from: object = None
    terms: dict = field(default_factory=dict)

    def add(self, text, weight, *, prefixes=False, single=False):
        """Index a text (or several: a dict or list of them) at a weight; a term found in
        several fields keeps its highest weight, and a word's beginnings count half."""
        texts = text.values() if isinstance(text, dict) else [text] if isinstance(text, str) else text
        part = max(weight // 2, 1)
        terms = self.terms
        for one in texts:
            for term, whole in _pieces(one, prefixes, single):
                term_weight = weight if whole else part
                if terms.get(term, 0) < term_weight:
                    terms[term] = term_weight
        return self

    def entry(self, kind):
        values = {"kind": kind, "object_id": self.object_id, "slug": self.slug[:150]}
        values.update(edition_id=self.edition_id, available_from=self.available_from)
        for name in ("title", "detail", "excerpt"):
            for suffix in LANGUAGE_FIELDS.values():
                values[f"{name}_{suffix}"] = (getattr(self, name).get(suffix) or "")[:300]
        return SearchEntry(**values)


@dataclass(frozen=True)
class Kind:
    """A kind of page the search finds. `documents(ids)` yields the documents of the public
    objects among those ids (of every public object when ids is None)."""

    name: str
    label: str
    url_name: str
    documents: object
    model: object


KINDS = {}


def register(kind, *, follows=()):
    """Keep `kind` in the index: a save or delete of its model indexes that object again, and
    of each (model, ids_of) in `follows` those of its objects ids_of(instance) names (a
    speaker's sessions show the speaker's name)."""
    KINDS[kind.name] = kind

    def changed(sender, instance, **kwargs):
        reindex(kind.name, [instance.pk])

    uid = f"search:{kind.name}"
    post_save.connect(changed, sender=kind.model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=kind.model, weak=False, dispatch_uid=uid)
    for model, ids_of in follows:

        def related_saved(sender, instance, ids_of=ids_of, **kwargs):
            reindex(kind.name, ids_of(instance))

        # The objects to index again are named before the delete (its links go with it) and
        # indexed after it, when they no longer show what was deleted.
        def related_deleting(sender, instance, ids_of=ids_of, **kwargs):
            instance.__dict__.setdefault("_search_follows", {})[kind.name] = list(ids_of(instance))

        def related_deleted(sender, instance, **kwargs):
            reindex(kind.name, instance.__dict__.get("_search_follows", {}).get(kind.name, ()))

        uid = f"search:{kind.name}:{model._meta.label}"
        post_save.connect(related_saved, sender=model, weak=False, dispatch_uid=uid)
        pre_delete.connect(related_deleting, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(related_deleted, sender=model, weak=False, dispatch_uid=uid)


_batch = threading.local()


@contextmanager
def deferred():
    """Index what changes inside the block once, at its end (an import saving a thousand
    sessions, each with its speakers, indexes each session once)."""
    outer = getattr(_batch, "pending", None)
    if outer is not None:
        yield
        return
    _batch.pending = defaultdict(set)
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    for kind, ids in pending.items():
        _index(kind, ids)


def reindex(kind, ids):
    """Index these objects of a kind again (dropping those no longer public)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending[kind].update(ids)
    else:
        _index(kind, ids)


def _index(kind, ids):
    with transaction.atomic():
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
        _write(kind, KINDS[kind].documents(ids))


def rebuild():
    """Index every public object of every kind anew (after bulk inserts, or a restore)."""
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchEntry.objects.all().delete()
        for kind in KINDS.values():
            _write(kind.name, kind.documents(None))
    return SearchEntry.objects.count()


def _write(kind, documents, chunk=500):
    documents = iter(documents)
    while batch := [document for _, document in zip(range(chunk), documents, strict=False)]:
        entries = SearchEntry.objects.bulk_create([document.entry(kind) for document in batch])
        # A million rows at full size: plain rows, not model instances, which cost ten times more.
        table = SearchTerm._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (term, entry_id, weight) VALUES (%s, %s, %s)",  # noqa: S608
                [
                    (term, entry.pk, weight)
                    for document, entry in zip(batch, entries, strict=True)
                    for term, weight in document.terms.items()
                ],
            )


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
