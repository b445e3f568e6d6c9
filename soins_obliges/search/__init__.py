"""Search: one index per language, accent-, case- and inflection-tolerant, with glossary keywords and
acronym ↔ expansion aliases; a Python replica of the browser search for the golden-set evaluation.

- ``text``: tokens, folding, light stemming, query rewriting (mirrored in docs/assets/search/worker.js);
- ``index``: the mixed MkDocs index → one index per language (keywords, aliases, glossary page shaping);
- ``engine``: lunr on the whole index, with Material's worker logic (the reference the pieces are checked against);
- ``sharded``: the index cut in pieces for the browser, and the worker's search on them, in Python;
- ``golden``: the golden set (tests/search/golden.yml) and its evaluation (recall@5, MRR);
- ``html``: page HTML adjustments (the source line kept out of the index).
"""
