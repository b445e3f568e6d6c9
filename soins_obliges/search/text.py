"""How the search reads words: tokens, folding, light stemming, and the rewriting of what a reader types.

The same functions run in two places and must stay identical:
- here, for the build (keywords, checks) and for the evaluation of the golden set (``engine.py``);
- in the browser, in ``docs/assets/search/worker.js`` (``soSearch``), which Material's search worker loads.
tests/browser/test_search.py runs both on the whole vocabulary of the built indexes and compares them.

Design (why it works with Material's lunr.js, which adds a trailing wildcard to every query term and does not
run the pipeline on wildcard terms):
- the *index* pipeline turns every token into a **key**: lower case, accents folded, stop words dropped, a light
  stemmer (plural and feminine endings only: « récidives » → ``recidiv``, « juges » → ``jug``);
- the *query* is rewritten into keys too, before Material's own processing: « Récidives » → ``recidiv*^10``
  (prefix match on keys, so a word being typed still matches), ``recidiv^10`` (the word itself weighs more
  than its longer forms), ``recidiv~1`` (one typo allowed, lower weight), ``0recidiv^100 0recidiv~1`` (the
  whole query as one token, which only a glossary entry having exactly that form carries). The stemmer only
  strips endings, so the key of a word is a prefix of the key of its longer forms.
"""
from __future__ import annotations

import re
import unicodedata

from .stopwords import BASE

# Word separator: whitespace (incl. no-break spaces), hyphens and dashes, punctuation, quotes and apostrophes,
# HTML entities. Written so that JavaScript's RegExp and Python's re read it the same way, with no capturing
# group and no "|" inside a class (Material's on-page highlighter splits it on "|"). Keep "*", "^", "~" out:
# they are query syntax.
SEPARATOR = (r"[\s\u00a0\u202f\u2009\ufeff\-\u2010\u2011\u2013\u2014,:;!?.\u2026\u00b7\u2022=\[\](){}"
             r"\"'\u00ab\u00bb\u201c\u201d\u2018\u2019/\\<>]+|&[a-z]+;|&#[0-9]+;")
SEPARATOR_RE = re.compile(SEPARATOR)
_QUERY_SPLIT = re.compile(SEPARATOR + r"|[*+^~]+")
_COMBINING = re.compile("[\u0300-\u036f]")
_NOT_ALNUM = re.compile("[^a-z0-9]")
_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"))

EXACT_BOOST = 10            # weight of the prefix clause of a query word, and of its exact clause
WHOLE_BOOST = 100           # weight of the whole-query clause (a glossary form typed in full)
FUZZY = ((5, 1), (12, 2))   # (minimum key length, edit distance): typo tolerance for longer words


def fold(text: str) -> str:
    """Lower case, accents and ligatures removed: « Œuvre Récidivé » → « oeuvre recidive »."""
    text = unicodedata.normalize("NFD", text.lower())
    text = _COMBINING.sub("", text)
    for a, b in _LIGATURES:
        text = text.replace(a, b)
    return text


def stem_fr(w: str) -> str:
    """Light French stemmer on a folded word: plural and feminine endings, nothing derivational.

    -aux → -al (pénaux → penal, but réseaux → reseau); then -s/-x; then -e twice (condamnée → condamn); then a doubled l/n/t
    (professionnelle → professionnel). Words under 4 letters and words with digits are left alone."""
    if len(w) < 4 or not w.isalpha():
        return w
    if w.endswith("aux") and len(w) > 4 and not w.endswith("eaux"):
        w = w[:-3] + "al"
    elif w[-1] in "sx":
        w = w[:-1]
    for _ in range(2):
        if len(w) > 3 and w.endswith("e"):
            w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] in "lnt":
        w = w[:-1]
    return w


def stem_en(w: str) -> str:
    """Light English stemmer on a folded word: plurals only (policies → policy, judges → judge)."""
    if len(w) < 4 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("s"):
        return w[:-1]
    return w


STEMMERS = {"fr": stem_fr, "en": stem_en}


def stopword_set(lang: str, keep: set[str] = frozenset()) -> set[str]:
    """The folded stop words of a language, minus the words in ``keep`` (e.g. the glossary's acronyms: the
    English acronym IT must not be dropped as the stop word « it »)."""
    return {fold(w) for w in BASE[lang]} - {fold(k) for k in keep}


def key(token: str, lang: str, stop: set[str]) -> str | None:
    """The index key of one token (None: not indexed)."""
    w = _NOT_ALNUM.sub("", fold(token))
    if len(w) < 2 or w in stop:
        return None
    return STEMMERS[lang](w)


def tokens(text: str) -> list[str]:
    """Split plain text (no HTML) on the separator; lower case, like Material's tokenizer."""
    return [t.lower() for t in SEPARATOR_RE.split(text) if t]


def keys(text: str, lang: str, stop: set[str]) -> list[str]:
    return [k for k in (key(t, lang, stop) for t in tokens(text)) if k]


def whole_token(key_list: list[str]) -> str | None:
    """One token for a whole form: "0" then its keys joined (« juge de l'application des peines » →
    ``0jugapplicationpein``). Glossary entries carry the whole token of each of their forms; the query carries
    its own, so an entry whose term, variant, acronym or hidden form is exactly what was typed comes first.
    The leading digit keeps it apart from word keys: no prefix clause (« jug* ») reaches it, no stemmer
    touches it, and spaces or hyphens in the form do not matter (« pretrial » = « pre-trial »)."""
    ks = list(dict.fromkeys(key_list))
    return "0" + "".join(ks) if ks else None


def is_whole_token(term: str) -> bool:
    return term.startswith("0")


def fuzzy_distance(k: str) -> int:
    if not k.isalpha():
        return 0
    d = 0
    for min_len, dist in FUZZY:
        if len(k) >= min_len:
            d = dist
    return d


def rewrite_query(query: str, lang: str, stop: set[str]) -> str:
    """What the reader typed → the lunr query that Material's worker runs (it appends nothing to our terms:
    each already ends with ``^n`` or ``~n``): per word a prefix clause, an exact clause and, for longer words, a
    typo-tolerant clause; then the whole-query token (see :func:`whole_token`), exact and typo-tolerant.

    Stop words are dropped; if nothing else is left, the last word is kept as a prefix (it may be a word being
    typed: « de » on the way to « dépendance »)."""
    words = [w for w in _QUERY_SPLIT.split(query) if w]
    found: list[str] = []
    for w in words:
        k = key(w, lang, stop)
        if k and k not in found:
            found.append(k)
    whole = bool(found)
    if not found and words:
        last = _NOT_ALNUM.sub("", fold(words[-1]))
        if last:
            found.append(last)
    clauses = []
    for k in found:
        clauses.append(f"{k}*^{EXACT_BOOST}")
        clauses.append(f"{k}^{EXACT_BOOST}")   # the word itself weighs more than its longer forms (rarer, so
        d = fuzzy_distance(k)                  # otherwise ranked higher: « prosecutor » vs « prosecutorial »)
        if d:
            clauses.append(f"{k}~{d}")
    if found and whole:
        token = whole_token(found)
        clauses.append(f"{token}^{WHOLE_BOOST}")
        d = fuzzy_distance(token[1:])
        if d:
            clauses.append(f"{token}~{d}")   # a typo in a glossary term still reaches its entry
    return " ".join(clauses)
