"""Page HTML adjustments for the search (plain string functions, no MkDocs import)."""
from __future__ import annotations

import re

# The « Source : guide …, p. 36 » line that hooks/site.py puts under each title (soins_obliges.provenance):
# it is the same on every page, so indexed it would make « guide », « addictologie » or « soins obligés »
# match every page. Material's search skips any element marked ``data-search-exclude``.
_SOURCE_LINE = re.compile(r'<p class="so-source"(?![^>]*data-search-exclude)')


def exclude_source_line(html: str) -> str:
    return _SOURCE_LINE.sub('<p class="so-source" data-search-exclude', html, count=1)
