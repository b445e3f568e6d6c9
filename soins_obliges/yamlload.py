"""YAML loading that keeps line numbers (ruamel.yaml), for error messages that say where."""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .errors import ContentError


class YamlError(Exception):
    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


def load(path: Path, display: str | None = None):
    """Parse a YAML file; a syntax error or a duplicate key raises YamlError with file:line."""
    display = display or str(path)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(path.read_text(encoding="utf-8"))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = (exc.problem or str(exc)).strip().splitlines()[0]
        raise YamlError(ContentError(display, line, f"invalid YAML: {problem}",
                                     "check indentation, and quote text that contains ': ' or starts with a special character")) from None
    except Exception as exc:  # e.g. ruamel DuplicateKeyError subclasses differ across versions
        raise YamlError(ContentError(display, 1, f"invalid YAML: {exc}".splitlines()[0], "fix the YAML syntax")) from None


def line_of(node, path: list, default: int = 1) -> int:
    """1-based line of the value at ``path`` (keys and indexes) inside a ruamel node, as close as can be found."""
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
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if node is not None and type(node).__name__ in ("ScalarFloat", "ScalarInt", "ScalarBoolean"):
        return node
    if isinstance(node, str):
        return str(node)
    return node
