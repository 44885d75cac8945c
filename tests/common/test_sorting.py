import pytest
from django.utils import translation

from common.sorting import pinyin_key, sorted_by_pinyin
from exhibitors.models import Exhibitor
from tests.factories import ExhibitorFactory, SessionSpeakerFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

NAMES = ["王建清", "孙超智", "宋建清", "戴红"]


def test_chinese_names_sort_by_pinyin_not_by_code_point():
    assert sorted(NAMES) == ["孙超智", "宋建清", "戴红", "王建清"]
    assert sorted(NAMES, key=pinyin_key) == ["戴红", "宋建清", "孙超智", "王建清"]


def test_regions_sort_by_pinyin_in_chinese_and_by_name_in_english():
    with translation.override("zh-hans"):
        assert sorted_by_pinyin(["上海", "北京", "深圳", "广州"]) == ["北京", "广州", "上海", "深圳"]
    with translation.override("en"):
        assert sorted_by_pinyin(["shanghai", "Beijing"]) == ["Beijing", "shanghai"]


def test_the_speaker_list_is_in_pinyin_order_in_chinese_and_by_name_in_english(client, conference):
    english = {
        "王建清": "Wang Jianqing",
        "孙超智": "Sun Chaozhi",
        "宋建清": "Song Jianqing",
        "戴红": "Dai Hong",
    }
    for name in NAMES:
        SessionSpeakerFactory(
            session__conference=conference,
            speaker=SpeakerFactory(conference=conference, name_zh_hans=name, name_en=english[name]),
        )

    chinese = [speaker.name_zh_hans for speaker in client.get("/speakers/").context["speakers"]]
    in_english = [speaker.name_en for speaker in client.get("/en/speakers/").context["speakers"]]

    assert chinese == ["戴红", "宋建清", "孙超智", "王建清"]
    assert in_english == ["Dai Hong", "Song Jianqing", "Sun Chaozhi", "Wang Jianqing"]


def test_the_exhibitor_list_and_its_regions_are_in_pinyin_order_in_chinese(client, conference):
    for name, region in [("王氏科技", "上海"), ("北辰智能", "北京"), ("东方数据", "广州")]:
        ExhibitorFactory(
            conference=conference, name_zh_hans=name, region_zh_hans=region, review_status="approved"
        )

    response = client.get("/exhibitors/")

    assert [exhibitor.name_zh_hans for exhibitor in response.context["object_list"]] == [
        "北辰智能",
        "东方数据",
        "王氏科技",
    ]
    regions = [label for value, label in response.context["filter"].form.fields["region"].choices if value]
    assert regions == ["北京", "广州", "上海"]


def test_a_renamed_exhibitor_gets_a_new_sort_key(conference):
    exhibitor = ExhibitorFactory(conference=conference, name_zh_hans="王氏科技")
    exhibitor.name_zh_hans = "艾克米"
    exhibitor.save()

    assert Exhibitor.objects.get(pk=exhibitor.pk).name_sort == "ai ke mi 艾克米"
