"""French typography in rendered HTML: non-breaking spaces where French requires them.

Authors type ordinary spaces (see CONTRIBUTING.md); this turns them into
- U+202F (narrow no-break space) before ; ! ? and inside « », and between digit groups (3 750 €);
- U+00A0 (no-break space) before : and before %, € and other units after a number.
Only text nodes are touched: never tags, attributes, <code>, <pre>, <script>, <style>, <kbd>, <svg>.
"""
from __future__ import annotations

import re

NNBSP = "\u202f"
NBSP = "\u00a0"

_SKIP = ("code", "pre", "script", "style", "kbd", "svg", "textarea")
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG_NAME = re.compile(r"^</?\s*([a-zA-Z0-9]+)")

_RULES = [
    (re.compile(r"[ \u00a0\u202f]+([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=\S)[ \u00a0\u202f]+:(?=\s|$|<)"), NBSP + ":"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NNBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NNBSP + "»"),
    (re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), NNBSP),
    (re.compile(r"(?<=\d) (?=(?:%|€|euros?\b|g/l\b|mg\b|ans\b))"), NBSP),
]


def _fix_text(text: str) -> str:
    for rx, repl in _RULES:
        text = rx.sub(repl, text)
    # "?!" sequences and "»" at the very start of a text node keep no leading space
    return text


def french_spacing(html: str) -> str:
    """Apply French non-breaking spaces to the text of an HTML fragment."""
    out: list[str] = []
    skip_depth = 0
    for piece in _TOKEN.split(html):
        if not piece:
            continue
        if piece.startswith("<"):
            m = _TAG_NAME.match(piece)
            if m and m.group(1).lower() in _SKIP and not piece.endswith("/>"):
                skip_depth += -1 if piece.startswith("</") else 1
                skip_depth = max(skip_depth, 0)
            out.append(piece)
        elif skip_depth:
            out.append(piece)
        else:
            out.append(_fix_text(piece))
    return "".join(out)
