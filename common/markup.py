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
# The text's highest heading takes the level the page gives it (h2 under the page's h1) and
# the levels it uses follow without gaps (an author's "##" first, then "####" gives h2 then
# h3), so that screen reader users moving by heading do not wonder what they missed.
HEADING = re.compile(r"<(/?)h([1-6])\b")
LOWEST_HEADING = 4


def _local_images_only(tag, attribute, value):
    # Images load from this site only: no visitor's browser reaches another host.
    if tag == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


def render_markdown(text, *, line_breaks=False, top_heading=2):
    """HTML for a Markdown text with scripts, styles, event handlers and unsafe links removed.
    `line_breaks`: a single line break is a line break (as in programme texts written plain);
    `top_heading`: the level of the text's highest heading (3 in a section headed by an h2)."""
    extensions = ["extra", "sane_lists", *(["nl2br"] if line_breaks else [])]
    html = markdown.markdown(text or "", extensions=extensions)
    used = sorted({match[2] for match in HEADING.finditer(html)})
    level = {digit: min(top_heading + rank, LOWEST_HEADING) for rank, digit in enumerate(used)}
    html = HEADING.sub(lambda match: f"<{match[1]}h{level[match[2]]}", html)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_local_images_only,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # A wide table scrolls sideways inside the text on a phone (the stylesheet): in the tab
    # order, a keyboard can scroll it too.
    return mark_safe(html.replace("<table>", '<table tabindex="0">'))  # noqa: S308 (sanitised)
