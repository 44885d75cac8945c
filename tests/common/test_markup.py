import pytest

from common.markup import render_markdown


def test_markdown_is_rendered():
    assert render_markdown("Some **bold** and a [link](https://example.org/).") == (
        "<p>Some <strong>bold</strong> and a "
        '<a href="https://example.org/" rel="noopener noreferrer nofollow">link</a>.</p>'
    )


def test_headings_start_below_the_page_title():
    assert render_markdown("# One\n\n## Two") == "<h2>One</h2>\n<h3>Two</h3>"


def test_headings_start_below_the_page_title_whatever_level_the_author_began_at():
    assert render_markdown("## Two\n\n#### Four\n\n## Two again") == (
        "<h2>Two</h2>\n<h3>Four</h3>\n<h2>Two again</h2>"
    )


def test_headings_below_the_third_level_stay_headings():
    assert (
        render_markdown("# 1\n\n## 2\n\n### 3\n\n###### 6")
        == "<h2>1</h2>\n<h3>2</h3>\n<h4>3</h4>\n<h4>6</h4>"
    )


def test_headings_of_a_text_in_a_section_start_at_the_third_level():
    assert render_markdown("# One\n\n## Two", top_heading=3) == "<h3>One</h3>\n<h4>Two</h4>"


def test_tables_are_in_the_tab_order_to_scroll_sideways_by_keyboard():
    html = render_markdown("| Code | Status |\n| --- | --- |\n| GB/T 36333-2018 | In force |")

    assert html.startswith('<table tabindex="0">\n<thead>')


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt:alert(1)">click</a>',
        '<a href="&#106;avascript:alert(1)">click</a>',
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
        "<style>body { display: none }</style>",
        '<iframe src="https://evil.example/"></iframe>',
        '<svg onload="alert(1)"><circle /></svg>',
        '<form action="https://evil.example/"><input name="password"></form>',
        '<div onmouseover="alert(1)">hover</div>',
        '<a href="vbscript:msgbox(1)">x</a>',
        "<object data='x.swf'></object><embed src='x.swf'>",
        "<!-- <script>alert(1)</script> -->",
        '<img src="https://tracker.example/pixel.gif">',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ],
)
def test_hostile_markup_is_rendered_harmless(hostile):
    html = render_markdown(hostile).lower()

    for dangerous in [
        "<script",
        "javascript:",
        "vbscript:",
        "data:text",
        "onerror",
        "onclick",
        "onload",
        "onmouseover",
        "<style",
        "style=",
        "<iframe",
        "<svg",
        "<form",
        "<input",
        "<object",
        "<embed",
        "<!--",
        "tracker.example",
        "<math",
        "evil.example",
    ]:
        assert dangerous not in html, (hostile, html)


def test_local_images_are_kept():
    assert (
        render_markdown("![Plan](/media/news/plan.png)")
        == '<p><img alt="Plan" src="/media/news/plan.png"></p>'
    )


def test_empty_body_renders_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""
