import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from common import search

register = template.Library()


@register.filter
def in_language(entry, name):
    """A search entry's title, detail or excerpt in the visitor's language."""
    return search.in_language(entry, name)


@register.filter
def result_url(entry):
    return search.url_of(entry)


@register.filter
def highlight(text, query):
    """`text`, escaped, with the words of `query` marked (<mark>) wherever they occur."""
    # Safe: the text is escaped before the marks go in, and the marks hold only escaped text.
    text = escape(text)
    words = sorted({escape(word) for word in search.highlight_words(query)}, key=len, reverse=True)
    if not words:
        return mark_safe(text)  # noqa: S308 (escaped above)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda match: f"<mark>{match[0]}</mark>", text))  # noqa: S308 (escaped above)
