from django import template

from common.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, option=""):
    """{{ text|markdown }}: rendered and sanitised; {{ text|markdown:"breaks" }} keeps single
    line breaks too (programme texts, often written as plain lines)."""
    return render_markdown(text, line_breaks=option == "breaks")
