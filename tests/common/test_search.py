from common import search


def test_terms_of_chinese_are_neighbouring_pairs():
    assert search.terms_of("智慧城市") == {"智慧", "慧城", "城市"}


def test_terms_of_chinese_titles_keep_single_characters_too():
    assert search.terms_of("王建清", single=True) == {"王建", "建清", "王", "建", "清"}


def test_terms_of_a_lone_chinese_character_is_kept():
    assert search.terms_of("与") == {"与"}


def test_terms_of_latin_words_drop_stop_words_and_single_letters_and_ignore_case():
    assert search.terms_of("The Internet of Things, a Guide") == {"internet", "things", "guide"}


def test_terms_of_codes_keep_their_parts_and_the_joined_form():
    assert search.terms_of("GB/T 36333-2018") == {"gb", "gbt", "36333", "2018", "363332018"}
    assert search.terms_of("A-101") == {"101", "a101"}


def test_terms_of_full_width_forms_read_as_half_width():
    assert search.terms_of("Ａ－１０１") == {"101", "a101"}


def test_terms_of_with_prefixes_keeps_the_beginnings_of_words():
    assert search.terms_of("Smart", prefixes=True) == {"sm", "sma", "smar", "smart"}


def test_query_terms_cut_like_the_index_and_codes_count_whole():
    assert search.query_terms("智慧城市 camera") == ["智慧", "慧城", "城市", "camera"]
    assert search.query_terms("a-101") == ["a101"]
    assert search.query_terms("王") == ["王"]
    assert search.query_terms("the of") == []
    assert search.query_terms("城市 城市") == ["城市"]


def test_query_terms_are_capped():
    assert len(search.query_terms("智" * 100)) == 1
    assert len(search.query_terms(" ".join(f"word{n}" for n in range(40)))) == search.MAX_QUERY_TERMS


def test_pinyin_of_a_chinese_name_gives_syllables_and_the_joined_name():
    assert search.pinyin_of("王建清") == "wang jian qing wangjianqing"
    assert search.pinyin_of("Acme") == ""


def test_highlight_words_are_pairs_of_characters_and_words_as_typed():
    assert search.highlight_words("智慧城市 A-101 x") == ["智慧", "慧城", "城市", "a-101"]


def test_a_document_keeps_the_highest_weight_of_a_term_and_half_for_a_beginning():
    document = search.Document(object_id=1, slug="x", title={})
    document.add("smart city", search.BODY)
    document.add("Smart", search.TITLE, prefixes=True)

    assert document.terms == {"smart": 8, "city": 1, "sm": 4, "sma": 4, "smar": 4}


def test_plain_excerpt_drops_markdown_and_html_and_shortens():
    assert (
        search.plain_excerpt("## Title\n\n**bold** <b>tag</b> " + "word " * 50, 30)
        == "Title bold tag word word word…"
    )
