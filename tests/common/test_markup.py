import pytest

from common.markup import render_markdown


def test_markdown_is_rendered():
    assert render_markdown("Some **bold** and a [link](https://example.org/).") == (
        "<p>Some <strong>bold</strong> and a "
        '<a href="https://example.org/" rel="noopener noreferrer nofollow">link</a>.</p>'
    )


def test_headings_start_below_the_page_title():
    assert render_markdown("# One\n\n## Two") == "<h2>One</h2>\n<h3>Two</h3>"


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
