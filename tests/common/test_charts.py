import re

from django.template import Context, Template


def chart(rows, arguments):
    template = Template(
        "{% load charts %}{% bar_chart rows name='c' title=title label='label' " + arguments + " %}"
    )
    return template.render(Context({"rows": rows, "title": "Booths <b>", "a": "Held <i>", "b": "Free"}))


def test_bar_chart_is_an_image_with_its_title_escaped():
    html = chart([{"label": "A", "x": 1}], "x=a")

    assert '<svg class="chart-bars" width="100%" height="34" role="img" aria-labelledby="c-title">' in html
    assert '<title id="c-title">Booths &lt;b&gt;</title>' in html


def test_bar_chart_escapes_labels_and_series_names():
    html = chart([{"label": "<script>alert(1)</script>", "x": 2, "y": 1}], "stacked=True x=a y=b")

    assert "<script>" not in html
    assert "<i>" not in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;: Held &lt;i&gt;: 2; Free: 1</title>" in html


def test_bar_chart_stacks_segments_in_proportion_to_the_largest_row():
    html = chart([{"label": "A", "x": 2, "y": 1}, {"label": "B", "x": 1, "y": 0}], "stacked=True x=a y=b")

    assert re.findall(r'<rect x="([\d.%]+)" y="\d+" width="([\d.%]+)"', html) == [
        ("0.000%", "66.667%"),
        ("66.667%", "33.333%"),
        ("0.000%", "33.333%"),
    ]
    assert re.findall(r'class="chart-value">([^<]*)<', html) == ["3", "1"]


def test_bar_chart_groups_series_side_by_side_with_their_numbers():
    html = chart([{"label": "A", "x": 4, "y": 2}], "x=a y=b")

    assert re.findall(r'class="chart-value">([^<]*)<', html) == ["4 / 2"]
    assert re.findall(r'width="([\d.%]+)" height="9" class="chart-(\w+)"', html) == [
        ("100.000%", "solid"),
        ("50.000%", "hatched"),
    ]
    assert html.count('<li><svg width="14" height="14" aria-hidden="true"') == 2


def test_bar_chart_without_numbers_says_so():
    assert (
        chart([{"label": "A", "x": 0}], "x=a empty='Nothing yet.'")
        == '<p class="chart-empty">Nothing yet.</p>'
    )
    assert chart([], "x=a empty='Nothing yet.'") == '<p class="chart-empty">Nothing yet.</p>'
