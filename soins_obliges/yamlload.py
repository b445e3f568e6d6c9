"""YAML loading that keeps line numbers, for error messages that say where.

PyYAML's C parser composes the node tree (with the line of every key and item) and constructs the values:
fast enough to load hundreds of glossary files on every build. Duplicate keys, which YAML loaders accept
silently (the last one wins), are reported as errors here: no content is dropped without a word.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import ContentError

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class YamlError(Exception):
    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


class Located:
    """A parsed YAML document: ``data`` (plain Python) and ``line(path)`` for any key or item in it."""

    def __init__(self, data, lines: dict[tuple, int]):
        self.data = data
        self._lines = lines

    def line(self, path, default: int = 1) -> int:
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return self._lines.get((), default)


def error_line(exc) -> int:
    """1-based line of a YAML syntax error: where an unclosed ``[``/``{``/quote began, else where it was found."""
    mark = exc.problem_mark or exc.context_mark
    context = getattr(exc, "context", "") or ""
    if exc.context_mark is not None and ("flow" in context or "quoted" in context):
        mark = exc.context_mark
    return mark.line + 1 if mark else 1


def _marked_error(display: str, text: str, exc) -> ContentError:
    """A YAML syntax error at its line, in words a content editor understands."""
    line = error_line(exc)
    problem = (exc.problem or str(exc)).strip().splitlines()[0]
    lines = text.splitlines()
    tab_lines = [i + 1 for i, ln in enumerate(lines) if "\t" in ln]
    if "\\t" in problem or "\t" in problem or line in tab_lines:     # libyaml: "found character '\\t' that cannot…"
        near = min(tab_lines, key=lambda n: abs(n - line)) if tab_lines else line
        return ContentError(display, near, "a tab character in the YAML (YAML indents with spaces only)",
                            "replace the tab with spaces (2 per level, as in the other lines)")
    return ContentError(display, line, f"invalid YAML: {problem}",
                        "check indentation, and quote text that contains ': ' or starts with a special character")


def _walk(node, path: tuple, lines: dict, dupes: list):
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                dupes.append((key, key_node.start_mark.line + 1))
            seen.add(key)
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines, dupes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1
            _walk(item, path + (i,), lines, dupes)


def load_located(path: Path, display: str | None = None) -> Located:
    """Parse a YAML file fast (libyaml); a syntax error or a duplicate key raises YamlError with file:line."""
    display = display or str(path)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_marked_error(display, text, exc)) from None
    except yaml.YAMLError as exc:
        raise YamlError(ContentError(display, 1, f"invalid YAML: {exc}".splitlines()[0], "fix the YAML syntax")) from None
    lines: dict[tuple, int] = {}
    dupes: list = []
    if node is not None:
        _walk(node, (), lines, dupes)
    if dupes:
        key, line = dupes[0]
        raise YamlError(ContentError(display, line, f"invalid YAML: duplicate key `{key}` (the second would silently replace the first)",
                                     f"keep one `{key}:`"))
    return Located(data, lines)


# ---- round-trip nodes (ruamel.yaml): slower, but the nodes themselves carry their lines; for small files

def load(path: Path, display: str | None = None):
    """Parse a YAML file into ruamel round-trip nodes; errors raise YamlError with file:line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    display = display or str(path)
    rt = YAML(typ="rt")
    rt.allow_duplicate_keys = False
    text = path.read_text(encoding="utf-8")
    try:
        return rt.load(text)
    except MarkedYAMLError as exc:
        raise YamlError(_marked_error(display, text, exc)) from None
    except Exception as exc:
        raise YamlError(ContentError(display, 1, f"invalid YAML: {exc}".splitlines()[0], "fix the YAML syntax")) from None


def line_of(node, path: list, default: int = 1) -> int:
    """1-based line of the value at ``path`` (keys and indexes) inside a ruamel node, as close as can be found."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, Located):
        return node.line(path, default)
    line = default
    cur = node
    for key in path:
        try:
            if isinstance(cur, CommentedMap) and key in cur:
                line = cur.lc.key(key)[0] + 1
                nxt = cur[key]
            elif isinstance(cur, CommentedSeq) and isinstance(key, int) and key < len(cur):
                line = cur.lc.item(key)[0] + 1
                nxt = cur[key]
            else:
                break
        except Exception:
            break
        cur = nxt
    return line


def plain(node):
    """ruamel nodes → plain dicts, lists and strings."""
    if isinstance(node, Located):
        return node.data
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node
