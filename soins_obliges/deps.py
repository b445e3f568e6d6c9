"""What each built page depends on, for rebuilds that redo only what an edit touches (``mkdocs serve``).

A page's HTML depends on its own source, and also on data it shows: the glossary concepts it links (their short
definitions ride with the page, for the popovers) and the diagrams it embeds. The host records, for each output
file, the concepts and diagrams it used; when a concept's or a diagram's file changes, ``dependents`` names the
pages to rebuild. What a build records becomes the reference only when that build succeeded (``commit``): a
failed build changes nothing, like its output.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Dependencies:
    uses: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)     # output → kind → keys
    _pending: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    def begin(self) -> None:
        self._pending = {}

    def record(self, output: str, kind: str, keys) -> None:
        self._pending.setdefault(output, {})[kind] = frozenset(keys)

    def commit(self, full: bool) -> None:
        """Make this build's records the reference (a full build replaces them all)."""
        if full:
            self.uses = {}
        for output, kinds in self._pending.items():
            self.uses.setdefault(output, {}).update(kinds)
        self._pending = {}

    def dependents(self, kind: str, keys) -> set[str]:
        keys = set(keys)
        return {out for out, kinds in self.uses.items() if kinds.get(kind, frozenset()) & keys}


def stamps(paths) -> dict[str, tuple[int, int]]:
    """File → (modification time, size): what tells that a file changed."""
    out = {}
    for p in paths:
        p = Path(p)
        if p.is_file():
            st = p.stat()
            out[p.as_posix()] = (st.st_mtime_ns, st.st_size)
    return out


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def changed(before: dict, after: dict) -> set[str]:
    """Keys added, removed or changed."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
