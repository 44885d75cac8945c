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

The package keeps the text side (text.py: terms, stop words, excerpts, pinyin), the index side
(index.py: documents, kinds, writing) and the query side (query.py: reading) apart; every name
an app uses is here, so that `from common import search` gives them all.
"""

from .index import (
    BODY,
    BODY_CHARS,
    DETAIL,
    KINDS,
    LANGUAGE_FIELDS,
    NAME,
    TITLE,
    Document,
    Kind,
    body,
    both,
    chosen,
    deferred,
    excerpts,
    in_each_language,
    joined,
    rebuild,
    register,
    reindex,
)
from .query import Query, by_slug_or_name, in_language, object_ids, search_words, url_of
from .text import (
    MAX_QUERY_TERMS,
    MAX_TERM,
    STOP_WORDS,
    highlight_words,
    pinyin_of,
    plain_excerpt,
    query_terms,
    terms_of,
)

__all__ = [
    "BODY",
    "BODY_CHARS",
    "DETAIL",
    "KINDS",
    "LANGUAGE_FIELDS",
    "MAX_QUERY_TERMS",
    "MAX_TERM",
    "NAME",
    "STOP_WORDS",
    "TITLE",
    "Document",
    "Kind",
    "Query",
    "body",
    "both",
    "by_slug_or_name",
    "chosen",
    "deferred",
    "excerpts",
    "highlight_words",
    "in_each_language",
    "in_language",
    "joined",
    "object_ids",
    "pinyin_of",
    "plain_excerpt",
    "query_terms",
    "rebuild",
    "register",
    "reindex",
    "search_words",
    "terms_of",
    "url_of",
]
