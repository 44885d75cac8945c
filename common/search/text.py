"""The text side of the search: how a text is cut into the terms the index keeps and a query
looks for (Chinese in pairs of characters, Latin words and their beginnings, codes joined),
which words are too common to look up, the pieces of a query to mark in a result, a Chinese
name's pinyin, and a result's excerpt line. Plain functions of strings: no database.
"""

import re
import unicodedata

from django.utils.html import strip_tags
from django.utils.text import Truncator
from pypinyin import lazy_pinyin

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
