"""Citations in raw Markdown, with their line numbers: what the references page lists before the build renders
anything. The Markdown extension finds the same citations in the rendered tree (a build test compares them).

What is masked (kept as spaces, so offsets and line numbers stay true): the front matter, fenced and indented
code, inline code, HTML comments, link destinations ``](…)``, attribute lists ``{: … }``, raw HTML tags, and the
references page's own content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .parser import Citation, ParseState, find_citations

_FRONT = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_LINK_DEST = re.compile(r"\]\([^)\n]*\)")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#:][^}\n]*\}")
_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def _blank(m) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def mask(markdown: str) -> str:
    """The Markdown with everything that is not running text replaced by spaces (same length, same lines)."""
    text = _FRONT.sub(_blank, markdown)
    for rx in (_SCRIPT, _COMMENT, _FENCE, _INLINE_CODE, _LINK_DEST, _ATTR_LIST, _TAG):
        text = rx.sub(_blank, text)
    return text


def front_matter_lines(markdown: str) -> int:
    m = _FRONT.match(markdown)
    return m.group(0).count("\n") if m else 0


@dataclass
class Found:
    line: int            # 1-based line in the file (front matter included)
    citation: Citation


def scan_markdown(markdown: str, lang: str = "fr") -> list[Found]:
    """Every citation in a Markdown file, with its line. The body is read in one piece, so a citation that
    wraps across lines of a paragraph is found, and « du même code » follows the page's order."""
    text = mask(markdown)
    state = ParseState()
    out = []
    for c in find_citations(text, state, lang):
        out.append(Found(text.count("\n", 0, c.start) + 1, c))
    return out
