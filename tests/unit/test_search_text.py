"""How the search reads words: folding, stemming, keys, query rewriting (soins_obliges.search.text)."""
import re
from pathlib import Path

import pytest

from soins_obliges.search import stopwords, text

FR = text.stopword_set("fr")
EN = text.stopword_set("en")


@pytest.mark.parametrize("raw, folded", [
    ("Récidive", "recidive"), ("ŒUVRE", "oeuvre"), ("thérapeutique", "therapeutique"), ("Ça", "ca"),
    ("naïf", "naif"), ("élève", "eleve"), ("Straße", "strasse"), ("ex-æquo", "ex-aequo"),
])
def test_fold_removes_case_accents_ligatures(raw, folded):
    assert text.fold(raw) == folded


@pytest.mark.parametrize("words", [
    ("récidive", "récidives", "RECIDIVE", "recidives"),
    ("juge", "juges", "Juges"),
    ("pénal", "pénale", "pénaux", "pénales"),
    ("condamné", "condamnée", "condamnés", "condamnées"),
    ("professionnel", "professionnelle", "professionnels", "professionnelles"),
    ("thérapeutique", "thérapeutiques", "therapeutique"),
    ("médical", "médicaux", "médicale"),
    ("réseau", "réseaux"),
])
def test_french_inflections_share_one_key(words):
    assert len({text.key(w, "fr", FR) for w in words}) == 1, {w: text.key(w, "fr", FR) for w in words}


@pytest.mark.parametrize("words", [
    ("judge", "judges"), ("policy", "policies"), ("offence", "offences"), ("relapse", "relapses"),
    ("address", "addresses"),
])
def test_english_plurals_share_one_key(words):
    assert len({text.key(w, "en", EN) for w in words}) == 1


@pytest.mark.parametrize("short, long", [
    ("addictologie", "addictologique"), ("obligé", "obligation"), ("usage", "usager"),
    ("professionn", "professionnel"), ("recid", "récidiviste"), ("condamne", "condamnation"),
])
def test_key_of_a_word_being_typed_is_a_prefix_of_the_longer_word(short, long):
    assert text.key(long, "fr", FR).startswith(text.key(short, "fr", FR))


def test_stemmers_leave_short_words_acronyms_and_numbers():
    assert text.key("JAP", "fr", FR) == "jap"
    assert text.key("SPIP", "fr", FR) == "spip"
    assert text.key("132-45", "fr", FR) == "13245"
    assert text.key("B2", "fr", FR) == "b2"
    assert text.stem_fr("bus") == "bus"
    assert text.stem_en("gas") == "gas"
    assert text.stem_en("focus") == "focus"


def test_stop_words_and_single_letters_have_no_key():
    for w in ("de", "la", "l", "d", "des", "été", "Été", "jusqu", "à"):
        assert text.key(w, "fr", FR) is None, w
    for w in ("the", "of", "and", "a"):
        assert text.key(w, "en", EN) is None, w


def test_glossary_acronyms_can_be_kept_out_of_the_stop_words():
    assert text.key("IT", "en", EN) is None                     # « it »
    assert text.key("IT", "en", text.stopword_set("en", {"IT"})) == "it"


def test_french_stop_words_are_those_of_material_lunr_fr():
    """The list is shipped (no download at run time); it must be lunr.fr's, as Material bundles it."""
    import material

    js = (Path(material.__file__).parent / "templates/assets/javascripts/lunr/min/lunr.fr.min.js").read_text()
    bundled = re.search(r'generateStopWordFilter\("([^"]+)"', js).group(1).split()
    assert stopwords.FR_LUNR == bundled


def test_english_stop_words_are_those_of_lunr():
    from lunr.stop_word_filter import WORDS

    assert set(stopwords.EN_LUNR) == set(WORDS)


def test_separator_splits_like_material_tokenizer_needs():
    assert text.tokens("L'injonction thérapeutique\u202f: l’article L. 3413-1 «\u00a0soins\u00a0» santé &amp; justice") == [
        "l", "injonction", "thérapeutique", "l", "article", "l", "3413", "1", "soins", "santé", "justice"]
    assert re.compile(text.SEPARATOR).groups == 0     # Material's highlighter numbers its own groups
    depth, escaped = 0, False                         # and splits the separator on "|": none inside a class
    for ch in text.SEPARATOR:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        else:
            assert not (ch == "|" and depth), "a '|' inside a character class"


def test_whole_token_joins_keys_behind_a_digit():
    keys = text.keys("juge de l'application des peines", "fr", FR)
    assert keys == ["jug", "application", "pein"]
    assert text.whole_token(keys) == "0jugapplicationpein"
    assert text.whole_token(text.keys("pre-trial", "en", EN)) == text.whole_token(text.keys("pretrial", "en", EN))
    assert text.key("0jugapplicationpein", "fr", FR) == "0jugapplicationpein"   # no stemmer touches it
    assert text.whole_token([]) is None


def test_rewrite_query_clauses():
    assert text.rewrite_query("Récidives", "fr", FR) == "recidiv*^10 recidiv^10 recidiv~1 0recidiv^100 0recidiv~1"
    assert text.rewrite_query("JAP", "fr", FR) == "jap*^10 jap^10 0jap^100"
    q = text.rewrite_query("juge de l'application des peines", "fr", FR)
    assert q.split() == ["jug*^10", "jug^10", "application*^10", "application^10", "application~1", "pein*^10",
                         "pein^10", "0jugapplicationpein^100", "0jugapplicationpein~2"]


def test_rewrite_query_keeps_a_lone_stop_word_as_a_prefix_being_typed():
    assert text.rewrite_query("dé", "fr", FR) == "de*^10 de^10"
    assert text.rewrite_query("de la", "fr", FR) == "la*^10 la^10"
    assert text.rewrite_query("", "fr", FR) == ""
    assert text.rewrite_query("   ", "fr", FR) == ""


def test_rewrite_query_drops_query_syntax_typed_by_mistake():
    assert text.rewrite_query('+"juge" -peine~2 ^3 title:spip*', "fr", FR) == text.rewrite_query(
        "juge peine 3 title spip", "fr", FR)
    assert not re.search(r"[\"+:-]", text.rewrite_query('+"juge" -peine', "fr", FR))


@pytest.mark.parametrize("k, d", [("jap", 0), ("recid", 1), ("injonction", 1), ("therapeutiqu", 2), ("13245", 0)])
def test_fuzzy_distance_grows_with_length(k, d):
    assert text.fuzzy_distance(k) == d
