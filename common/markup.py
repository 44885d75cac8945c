"""Markdown from organisers and imported programmes, made safe to show: rendered, then
sanitised with nh3. News bodies and session abstracts and descriptions go through it."""

import re

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "hr", "img", "li", "ol",
    "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
# The page's own h1 is the title; headings in the body start one level down.
HEADING = re.compile(r"<(/?)h([1-5])\b")


def _local_images_only(tag, attribute, value):
    # Images load from this site only: no visitor's browser reaches another host.
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


def render_markdown(text, *, line_breaks=False):
    """HTML for a Markdown text with scripts, styles, event handlers and unsafe links removed.
    `line_breaks`: a single line break is a line break (as in programme texts written plain)."""
    extensions = ["extra", "sane_lists", *(["nl2br"] if line_breaks else [])]
    html = markdown.markdown(text or "", extensions=extensions)
    html = HEADING.sub(lambda match: f"<{match[1]}h{min(int(match[2]) + 1, 4)}", html)
    return mark_safe(  # noqa: S308 (nh3 has just sanitised it)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=_local_images_only,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
    )
