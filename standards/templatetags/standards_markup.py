from django import template

from standards.rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """{{ article.body|markdown }}: rendered and sanitised."""
    return render_markdown(text)
