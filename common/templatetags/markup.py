from django import template

from common.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, options=""):
    """{{ text|markdown }}: rendered and sanitised. Options, comma-separated: "breaks" keeps
    single line breaks too (programme texts, often written as plain lines); "h3" starts the
    text's headings at h3 (a text in a section headed by an h2)."""
    options = set(options.split(","))
    return render_markdown(text, line_breaks="breaks" in options, top_heading=3 if "h3" in options else 2)
