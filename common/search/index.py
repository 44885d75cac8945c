"""The index side of the search: the Document an app writes for each public page, the Kind of
page it registers (with the signals that index an object again when it or what it shows
changes), and the writing itself: reindex() for a few objects, deferred() to index a batch of
changes once, rebuild() for everything. Also the field weights and the helpers apps use to
write a document's lines in both languages.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import translation

from ..models import SearchEntry, SearchTerm
from .text import _pieces, plain_excerpt

# Field weights: a word of a title counts most, one deep in a description least.
TITLE = 8
NAME = 6
DETAIL = 3
BODY = 1
BODY_CHARS = 2_000

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
        _lock_entries(kind, ids)
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
        _write(kind, KINDS[kind].documents(ids))


def _lock_entries(kind, ids):
    """Two transactions indexing one object again (a booth reserved while an organiser edits the
    company) would each delete the old entry and insert a new one, and the second would find the
    first's new entry in its way. On PostgreSQL the second waits here for the first to commit,
    then deletes what that one wrote; SQLite lets one writer in at a time anyway. Ids in order,
    so two transactions never wait for each other."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for pk in sorted(ids):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"search:{kind}:{pk}"])


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
