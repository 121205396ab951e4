"""The lookup API over the place and spelling packs (newslint.names_data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.names_data import (
    Gazetteer,
    Role,
    SpellingVariants,
    likely_same_name,
    skeleton,
)
from newslint.packs import PackError


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def spelling() -> SpellingVariants:
    return SpellingVariants.load()


# --- places: house style -------------------------------------------------------------------------


def test_a_house_spelling_is_preferred(gaz: Gazetteer) -> None:
    info = gaz.lookup("Kyiv")
    assert info is not None
    assert info.id == "kyiv" and info.role is Role.PREFERRED and info.source == "house"


def test_a_russian_derived_spelling_is_a_variant_naming_the_house_spelling(gaz: Gazetteer) -> None:
    info = gaz.lookup("Kharkov")
    assert info is not None
    assert info.is_variant and info.preferred == "Kharkiv" and info.spelling == "Kharkov"


def test_a_german_spelling_is_a_variant(gaz: Gazetteer) -> None:
    info = gaz.lookup("Pokrowsk")
    assert info is not None and info.is_variant and info.preferred == "Pokrovsk"


def test_a_former_name_is_reported_as_former_not_as_a_variant(gaz: Gazetteer) -> None:
    for old, new in [("Artemivsk", "Bakhmut"), ("Dnipropetrovsk", "Dnipro"), ("Kirovograd", "Kropyvnytskyi")]:
        info = gaz.lookup(old)
        assert info is not None, old
        assert info.is_former and info.preferred == new


def test_the_house_spelling_overrides_the_geonames_main_name(gaz: Gazetteer) -> None:
    info = gaz.lookup("Zaporizhzhya")  # GeoNames' main name
    assert info is not None and info.is_variant and info.preferred == "Zaporizhzhia"


def test_a_geonames_alternate_of_a_house_place_counts_as_its_variant(gaz: Gazetteer) -> None:
    info = gaz.lookup("Kiyv") or gaz.lookup("Kyjiw")  # listed by GeoNames only
    assert info is not None and info.id == "kyiv" and info.is_variant


def test_lookup_ignores_case_possessives_apostrophe_style_and_diacritics(gaz: Gazetteer) -> None:
    for token in ["KYIV", "Kyiv's", "Kyiv\u2019s", "kyiv"]:
        info = gaz.lookup(token)
        assert info is not None and info.id == "kyiv" and info.is_preferred, token
    assert gaz.same_place("Kijów", "Kijow")


def test_multi_word_names_match_at_a_word_position(gaz: Gazetteer) -> None:
    words = ["shelling", "near", "Chasiv", "Yar", "and", "Kryvyi", "Rih"]
    found = gaz.match_at(words, 2)
    assert found is not None and found[0].id == "chasiv-yar" and found[1] == 2
    found = gaz.match_at(words, 5)
    assert found is not None and found[0].preferred == "Kryvyi Rih"
    assert gaz.match_at(words, 0) is None
    assert gaz.max_words >= 2


def test_caution_spellings_are_recognised_but_marked(gaz: Gazetteer) -> None:
    info = gaz.lookup("Zhdanov")
    assert info is not None and info.is_former and info.caution
    plain = gaz.lookup("Artemivsk")
    assert plain is not None and not plain.caution


def test_exonym_and_fixed_phrases_are_listed_longest_first(gaz: Gazetteer) -> None:
    assert "chicken Kiev" in gaz.exonym_phrases
    assert "Odessa, Texas" in gaz.exonym_phrases
    assert "Dnipropetrovsk region" in gaz.fixed_phrases
    lengths = [len(p) for p in gaz.exempt_phrases]
    assert lengths == sorted(lengths, reverse=True)


# --- places: GeoNames ----------------------------------------------------------------------------


def test_a_place_only_geonames_knows_is_found_with_its_country(gaz: Gazetteer) -> None:
    info = gaz.lookup("Suzhou")
    assert info is not None and info.source == "geonames" and info.country == "CN"
    assert info.id.startswith("geonames:")


def test_a_main_name_wins_over_another_places_alternate_name(gaz: Gazetteer) -> None:
    info = gaz.lookup("Krakow")
    assert info is not None and info.is_preferred and info.preferred == "Kraków"
    variant = gaz.lookup("Cracow")
    assert variant is not None and variant.is_variant and variant.id == info.id


def test_every_reading_of_an_ambiguous_name_is_available(gaz: Gazetteer) -> None:
    readings = gaz.readings("Odessa")
    assert readings[0].id == "odesa"
    assert any(r.country == "US" for r in readings[1:])


def test_ordinary_words_are_not_places(gaz: Gazetteer) -> None:
    for word in ["the", "and", "reported", "Ministry"]:
        assert not gaz.is_place(word), word


# --- user configuration and user packs -----------------------------------------------------------


def test_config_preferences_switch_the_preferred_spelling(gaz: Gazetteer) -> None:
    custom = gaz.with_preferences({"Kyiv": "Kiev"})
    info = custom.lookup("Kyiv")
    assert info is not None and info.is_variant and info.preferred == "Kiev"
    original = gaz.lookup("Kyiv")
    assert original is not None and original.is_preferred  # the cached original is untouched


def test_a_user_pack_extends_the_house_names(tmp_path: Path) -> None:
    user = tmp_path / "house.toml"
    user.write_text(
        '[pack]\nkind = "place-names"\nextends = "place-names"\n'
        'exonyms = ["Kharkov Street"]\n'
        '[places.testville]\nprefer = "Testivka"\nvariants = ["Testowka"]\nformer = ["Oldtown Test"]\n',
        encoding="utf-8",
    )
    gaz = Gazetteer.load([user])
    info = gaz.lookup("Testowka")
    assert info is not None and info.preferred == "Testivka" and info.is_variant
    former = gaz.lookup("Oldtown Test")
    assert former is not None and former.is_former
    assert "Kharkov Street" in gaz.exonym_phrases and "chicken Kiev" in gaz.exonym_phrases
    assert gaz.lookup("Kyiv") is not None  # built-in places survive


def test_a_malformed_user_place_is_a_load_error(tmp_path: Path) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(
        '[pack]\nkind = "place-names"\nextends = "place-names"\n[places.x]\nprefered = "X"\n', encoding="utf-8"
    )
    with pytest.raises(PackError, match=r"places\.x"):
        Gazetteer.load([user])


def test_a_user_pack_adds_gazetteer_records(tmp_path: Path) -> None:
    user = tmp_path / "places.toml"
    user.write_text(
        '[pack]\nkind = "gazetteer"\nextends = "places"\n'
        "[gazetteer]\nextra = '''\nuser:1\tXX\tNewplace\tNeuort\n'''\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.load([user])
    info = gaz.lookup("Neuort")
    assert info is not None and info.preferred == "Newplace" and info.is_variant
    assert gaz.lookup("Kramatorsk") is not None


# --- skeletons -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pokrowsk", "Pokrovsk"),
        ("Dobropylija", "Dobropillia"),
        ("Charkiw", "Kharkiv"),
        ("Khan Younis", "Khan Yunis"),
        ("Deir el-Balah", "Deir al-Balah"),
        ("Sjewjerodonezk", "Sievierodonetsk"),
        ("Schytomyr", "Zhytomyr"),
        ("Kropywnyzkyj", "Kropyvnytskyi"),
        ("Donezk", "Donetsk"),
        ("Tschernihiw", "Chernihiv"),
    ],
)
def test_romanisations_of_one_name_share_a_skeleton_and_pass_the_strict_test(a: str, b: str) -> None:
    assert skeleton(a) == skeleton(b)
    assert likely_same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Golden", "Holden"),
        ("Suzhou", "Zhuzhou"),
        ("Sakharovo", "Zakharovo"),
        ("Zalisne", "Zalizne"),
        ("Austin", "Boston"),
        ("Marseille 08", "Marseille 14"),
    ],
)
def test_different_names_are_not_likely_the_same(a: str, b: str) -> None:
    assert not likely_same_name(a, b)


def test_the_strict_test_rejects_short_skeleton_collisions() -> None:
    assert skeleton("Lipa") == skeleton("Lypa")
    assert not likely_same_name("Lipa", "Lypa")


# --- British and American spelling ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "variety", "counterpart"),
    [
        ("colour", "en-GB", "color"),
        ("colors", "en-US", "colours"),
        ("defence", "en-GB", "defense"),
        ("Defense", "en-US", "Defence"),
        ("CENTRE", "en-GB", "CENTER"),
        ("traveled", "en-US", "travelled"),
        ("tyre", "en-GB", "tire"),
        ("gray", "en-US", "grey"),
    ],
)
def test_a_variety_marker_is_classified_with_its_counterpart_in_the_same_case(
    spelling: SpellingVariants, word: str, variety: str, counterpart: str
) -> None:
    found = spelling.classify(word)
    assert found is not None
    assert (found.variety, found.counterpart) == (variety, counterpart)


def test_ise_and_ize_pairs_are_flagged_as_oxford(spelling: SpellingVariants) -> None:
    for word in ["emphasised", "emphasized", "emphasises", "emphasising", "organisation"]:
        found = spelling.classify(word)
        assert found is not None and found.oxford, word
    analyse = spelling.classify("analyse")
    assert analyse is not None and not analyse.oxford  # Oxford spelling keeps -yse


@pytest.mark.parametrize("word", ["program", "license", "practice", "story", "disc", "tire", "check", "the", "meter"])
def test_words_both_varieties_write_are_not_classified(spelling: SpellingVariants, word: str) -> None:
    assert spelling.classify(word) is None


def test_a_word_accepted_in_both_varieties_still_has_its_other_spelling(spelling: SpellingVariants) -> None:
    assert spelling.classify("travelled") is None
    assert spelling.other_spelling("Travelled") == "Traveled"


def test_official_names_are_listed(spelling: SpellingVariants) -> None:
    assert "Pearl Harbor" in spelling.proper_names and "Labour Party" in spelling.proper_names


def test_a_user_pack_excludes_and_adds_pairs(tmp_path: Path) -> None:
    user = tmp_path / "spelling.toml"
    user.write_text(
        '[pack]\nkind = "spelling-variants"\nextends = "spelling-en"\n'
        'exclude = ["colour", "color"]\n[pairs]\nwoollies = "woolies"\n',
        encoding="utf-8",
    )
    variants = SpellingVariants.load([user])
    assert variants.classify("colour") is None and variants.classify("color") is None
    added = variants.classify("Woolies")
    assert added is not None and added.variety == "en-US" and added.counterpart == "Woollies"
    assert variants.classify("defence") is not None


# --- scanning helpers used by the rules ----------------------------------------------------------


def test_house_lookup_reads_only_the_house_list(gaz: Gazetteer) -> None:
    info = gaz.house_lookup("Pokrowsk")
    assert info is not None and info.preferred == "Pokrovsk"
    assert gaz.house_lookup("Suzhou") is None  # GeoNames only


def test_multiword_heads_match_house_names_of_several_words(gaz: Gazetteer) -> None:
    head = gaz.multiword_heads["chasiv"]
    match = head.match("Chasiv  Yar was shelled", 0)
    assert match is not None and match.group() == "Chasiv  Yar"
    assert gaz.multiword_heads["ivano"].match("Ivano-Frankivsk's mayor", 0) is not None


def test_house_skeletons_leave_out_former_names_and_caution_spellings(gaz: Gazetteer) -> None:
    assert ("dobropillia", "Dobropillia") in gaz.house_skeletons[skeleton("Dobropylija")]
    listed = {spelling for entries in gaz.house_skeletons.values() for _, spelling in entries}
    assert "Artemivsk" not in listed and "Chernobyl" not in listed


def test_word_pattern_matches_exactly_the_listed_words() -> None:
    import re

    from newslint.names_data import word_pattern

    pattern = re.compile(rf"\b(?:{word_pattern(['cat', 'cats', 'car', 'dog'])})\b")
    assert pattern.findall("cat cats car dog do ca carts") == ["cat", "cats", "car", "dog"]


def test_spelling_words_include_both_sides_of_every_pair(spelling: SpellingVariants) -> None:
    words = spelling.words()
    assert {"colour", "color", "travelled", "traveled"} <= words


def test_a_city_s_names_across_languages_are_one_place_with_the_english_exonym_as_house_form():
    gaz = Gazetteer.load()
    readings = [gaz.lookup(name) for name in ("Cologne", "Köln", "Kolonia", "KÖLN")]
    assert all(r is not None for r in readings)
    assert {r.id for r in readings if r} == {"geonames:2886242"}
    assert {r.preferred for r in readings if r} == {"Cologne"}
    assert gaz.geonames_id("geonames:2886242") == 2886242


def test_a_city_whose_own_name_is_the_house_form_keeps_its_diacritics():
    gaz = Gazetteer.load()
    danzig = gaz.lookup("Danzig")
    assert danzig is not None and danzig.preferred == "Gdańsk" and not danzig.is_preferred


def test_exonyms_of_a_curated_place_join_the_curated_entry():
    kijow = Gazetteer.load().lookup("Kijów")
    assert kijow is not None and kijow.id == "kyiv" and kijow.preferred == "Kyiv"


def test_former_names_carry_their_era_and_the_current_name():
    gaz = Gazetteer.load()
    breslau = gaz.lookup("Breslau")
    assert breslau is not None and breslau.is_former
    assert (breslau.preferred, breslau.era) == ("Wrocław", "until 1945")
    artemivsk = gaz.lookup("Artemivsk")
    assert artemivsk is not None and (artemivsk.id, artemivsk.era) == ("bakhmut", "1924-2016")


def test_a_user_pack_adds_a_city_s_names_and_a_former_name(tmp_path: Path) -> None:
    cities = tmp_path / "cities.toml"
    cities.write_text(
        '[pack]\nkind = "place-exonyms"\nextends = "place-exonyms"\n'
        "[exonyms]\nextra = '''\n900001\tXX\th\tRiverton\tFlussstadt\tRivière-Ville\n'''\n",
        encoding="utf-8",
    )
    former = tmp_path / "former.toml"
    former.write_text(
        '[pack]\nkind = "former-place-names"\nextends = "former-place-names"\n'
        '[former]\nOldriver = { geonames = 900001, current = "Riverton", until = 1920 }\n',
        encoding="utf-8",
    )
    gaz = Gazetteer.load([cities, former])
    variant = gaz.lookup("Riviere-Ville")
    assert variant is not None and (variant.id, variant.preferred) == ("geonames:900001", "Riverton")
    old = gaz.lookup("Oldriver")
    assert old is not None and old.is_former and old.era == "until 1920"
    assert gaz.lookup("Köln") is not None  # built-in cities survive


def test_a_former_name_without_its_era_is_a_load_error(tmp_path: Path) -> None:
    former = tmp_path / "former.toml"
    former.write_text(
        '[pack]\nkind = "former-place-names"\nextends = "former-place-names"\n'
        '[former]\nOldriver = { geonames = 900001, current = "Riverton" }\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match=r"former\.Oldriver"):
        Gazetteer.load([former]).lookup("Oldriver")


# --- GeoNames records: searched first, indexed after many names --------------------------------

_RECORDS = (
    "100\tPL\tGdańsk\tDanzig\tGdansk\tDantsig\n"
    "not a record\n"
    "\n"
    "200\tDE\tDanzig\tDanzig\tDantsig\n"  # a main name that is another record's alternate
    "300\tRU\tПоловинка\tPolovinka\n"  # a name in another script keeps its letters
    "400\tFR\tSaint-Étienne\tSaint Etienne\tŁódź Street\n",
    "500\tUS\tLodz\tLodz Street\n",  # a second block (a user pack's extra records)
)


def _every_way(geo: object, key: str) -> tuple[object, ...]:
    from newslint.places.records import GeoIndex

    assert isinstance(geo, GeoIndex)
    return geo.every(key), geo.main(key), geo.alternate(key)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("gdansk", ([(0, True)], 0, None)),
        ("danzig", ([(1, True), (0, False)], 1, 0)),
        ("dantsig", ([(0, False), (1, False)], None, 0)),
        ("половинка", ([(2, True)], 2, None)),
        ("saint-etienne", ([(3, True)], 3, None)),
        ("lodz street", ([(3, False), (4, False)], None, 3)),
        ("lodz", ([(4, True)], 4, None)),
        ("pl", ([], None, None)),  # a country code is not a name
        ("not a record", ([], None, None)),
    ],
)
def test_geonames_records_are_found_by_folded_name_searched_or_indexed(
    key: str, expected: tuple[object, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newslint.places import records

    assert _every_way(records.GeoIndex(_RECORDS), key) == expected
    monkeypatch.setattr(records, "_SEARCHES_BEFORE_INDEX", 0)
    indexed = records.GeoIndex(_RECORDS)
    assert _every_way(indexed, key) == expected
    assert indexed._index is not None
    assert indexed.record(4) == ("500", "US", "Lodz")
