"""Diagrams: flowcharts kept as text (``diagrams/<id>.yml``), drawn at build time by Graphviz into inline SVG.

- ``model``: load and check a diagram file (nodes, arrows, groups, care tags, links; both languages);
- ``dot``: diagram → DOT source in one language (placeholder colours and links);
- ``svg``: DOT → small themable SVG with ``dot``, cached by content hash;
- ``links``: where box links point, URLs relative to the page, checks against the glossary and the pages;
- ``html``: the ``<figure>``: title, source, SVG with ``<title>``/``<desc>``, legend, table, text version;
- ``extension``: the Python-Markdown extension (``::: diagram <id>``);
- ``pages``: the generated « Schémas » page.

No MkDocs import: ``hooks/diagrams.py`` wires this into the build.
"""
