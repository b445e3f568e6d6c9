"""Search: one index per language, accent-, case- and inflection-tolerant, with glossary keywords and
acronym ↔ expansion aliases; a Python replica of the browser search for the golden-set evaluation.

- ``text``: tokens, folding, light stemming, query rewriting (mirrored in docs/assets/search/worker.js);
- ``index``: the mixed MkDocs index → one index per language (keywords, aliases, glossary page shaping);
- ``engine``: the browser's search replayed in Python (lunr + Material's worker logic);
- ``golden``: the golden set (tests/search/golden.yml) and its evaluation (recall@5, MRR);
- ``html``: page HTML adjustments (the source line kept out of the index).
"""
