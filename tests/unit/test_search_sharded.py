"""The index in pieces (soins_obliges.search.sharded): what it writes, and that searching the pieces finds what
lunr finds on the whole index, fetching only the pieces a query needs."""
import json

import pytest

from soins_obliges.search import sharded
from soins_obliges.search.engine import SearchEngine

from tests.unit.test_search_engine import small_indexes  # noqa: F401  (the fixture)

QUERIES = ["recidive", "Récidives", "rechute", "csapa", "CSAPA", "centre de soins d'accompagnement", "ivresse manifeste",
           "recidivve", "relaspe", "relapse", "récidive", "peine", "de", "re", "zzzz", "", "  ",
           "juge de l'application", "contravention delit"]


@pytest.fixture(scope="module")
def both(small_indexes):  # noqa: F811
    return {lang: (SearchEngine(idx), sharded.ShardedSearch(sharded.export(idx).files()))
            for lang, idx in small_indexes.items()}


@pytest.mark.parametrize("query", QUERIES)
def test_pieces_rank_like_lunr_on_the_whole_index(both, query):
    for lang, (whole, cut) in both.items():
        a, b = whole.search(query), cut.search(query)
        assert [g.page.location for g in a] == [g.page.location for g in b], (lang, query)
        for ga, gb in zip(a, b):
            assert [s.location for s in ga.sections] == [s.location for s in gb.sections], (lang, query)
            assert ga.page.score == pytest.approx(gb.page.score, rel=1e-3), (lang, query)


def test_a_query_fetches_only_the_pieces_it_reaches(small_indexes):  # noqa: F811
    files = sharded.export(small_indexes["fr"]).files()
    cut = sharded.ShardedSearch(files)
    groups = cut.search("rechute")
    postings = [p for p in cut.loaded if p.startswith("so/t/")]
    # the words « rechut… », and the whole-form token « 0rechut »; typo tolerance reaches no other file here
    assert sorted(postings) == ["so/t/0r.json", "so/t/re.json"]
    snippets = [p for p in cut.loaded if p.startswith("so/d/")]
    assert len(snippets) == len(groups) and len(snippets) < len([k for k in files if k.startswith("so/d/")])
    cut.loaded = []
    cut.search("rechutes")
    assert cut.loaded == []                  # what was fetched is kept


def test_one_letter_waits_for_the_second(small_indexes):  # noqa: F811
    """lunr would expand « r » to every word in r: that is most of the postings files, for a word being typed.
    The search waits for a second letter (a one-letter word still matches itself)."""
    cut = sharded.ShardedSearch(sharded.export(small_indexes["fr"]).files())
    assert cut.search("r") == [] and [p for p in cut.loaded if p.startswith("so/t/")] == []
    assert cut.search("re")


def test_files_are_small_and_complete(small_indexes):  # noqa: F811
    files = sharded.export(small_indexes["fr"]).files()
    manifest = json.loads(files["search_index.json"])
    assert manifest["docs"] == [] and len(manifest["config"]["so"]["version"]) == 12
    assert manifest["config"]["so"]["fields"][:2] == ["title", "text"]
    lexicon = json.loads(files["so/lexicon.json"])
    terms = sharded.front_decode(lexicon["terms"])
    assert terms == sorted(terms) and "recidiv" in terms
    pages = {loc for _, loc, _ in lexicon["pages"]}
    assert "glossaire/recidive/" in pages and not any("#" in p for p in pages)
    # every page has its snippets; sections are anchors after their page's address
    for page, loc, _ in lexicon["pages"]:
        snippets = json.loads(files[f"so/d/{page}.json"])
        assert snippets[str(page)][0] == loc
        assert all(v[0].startswith("#") for k, v in snippets.items() if k != str(page))
    # the version changes when any piece changes
    other = dict(small_indexes["fr"], docs=small_indexes["fr"]["docs"][:-1])
    assert json.loads(sharded.export(other).files()["search_index.json"])["config"]["so"]["version"] != \
        manifest["config"]["so"]["version"]


def test_snippets_are_plain_text_cut_at_a_word():
    assert sharded.plain("<p>Le <code>CSAPA</code> &amp; la\n justice</p>") == "Le CSAPA & la justice"
    assert sharded.plain("<p>En français : rechute</p><h3>Définition</h3><p>Retour</p>") == \
        "En français : rechute Définition Retour"
    assert sharded.plain("l'<em>injonction</em>s<br>fin") == "l'injonctions fin"
    long = "<p>" + "mot " * 200 + "</p>"
    s = sharded.snippet(long, 50)
    assert s.endswith(" …") and len(s) <= 52 and "mo …" not in s
    assert sharded.snippet("<p>court</p>") == "court"


@pytest.mark.parametrize("words", [["a"], ["abc", "abd", "abde", "b", "ba", "zzz"], [], ["x" * 60, "x" * 61 + "y"]])
def test_front_coding_round_trip(words):
    assert sharded.front_decode(sharded.front_code(sorted(words))) == sorted(words)


@pytest.mark.parametrize("a,b,d,ok", [
    ("recidive", "recidive", 0, True), ("recidivve", "recidive", 1, True), ("relaspe", "relapse", 1, True),
    ("relapse", "rlapse", 1, True), ("abc", "xyz", 2, False), ("sevrrage", "sevrag", 2, True),
    ("sevrrage", "sevrag", 1, False), ("ab", "ba", 1, True), ("abcd", "ab", 1, False)])
def test_typo_distance(a, b, d, ok):
    assert sharded.osa_within(a, b, d) is ok
