"""Atomic output: a build writes into a staging folder beside the output folder, which replaces it only when the
whole build succeeded. A failed build, of any kind and at any moment, leaves the previous output as it was.

Host-free: the host (hooks/guard.py for MkDocs) points its output at ``StagedOutput.begin()`` and calls
``commit()`` or ``abort()``.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def _tree(root: Path) -> dict[str, tuple[bool, int, int]]:
    """Relative path → (is a folder, modification time, size), without following links."""
    out: dict[str, tuple[bool, int, int]] = {}
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(root / rel if rel else root) as it:
            for e in it:
                r = f"{rel}/{e.name}" if rel else e.name
                st = e.stat(follow_symlinks=False)
                is_dir = e.is_dir(follow_symlinks=False)
                out[r] = (is_dir, 0 if is_dir else st.st_mtime_ns, 0 if is_dir else st.st_size)
                if is_dir:
                    stack.append(r)
    return out


def sync(source: Path, target: Path) -> int:
    """Make ``target`` a copy of ``source`` by copying only the files whose date or size differ (dates are
    copied too) and removing what ``source`` does not have. Returns the number of files copied."""
    src, dst = _tree(source), _tree(target)
    for rel in sorted((r for r in dst if r not in src or src[r][0] != dst[r][0]), key=len, reverse=True):
        p = target / rel
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists() or p.is_symlink():
            p.unlink()
    copied = 0
    for rel in sorted(src, key=len):
        is_dir = src[rel][0]
        if is_dir:
            (target / rel).mkdir(exist_ok=True)
        elif dst.get(rel) != src[rel]:
            p = target / rel
            if p.is_symlink():
                p.unlink()
            shutil.copy2(source / rel, p, follow_symlinks=False)
            copied += 1
    return copied


class StagedOutput:
    """``final``: the output folder readers (or the server) use. ``staging``: where the build writes.

    An incremental build (``keep_previous``, i.e. ``mkdocs serve --dirty``) starts from a copy of the output. The
    staging folder is then kept between builds (it holds the output before last, or a failed build) and brought
    up to date by copying only what differs, instead of copying the whole site again after every edit."""

    def __init__(self, final: Path | str):
        self.final = Path(final).absolute()
        self.staging = self.final.parent / f".{self.final.name}.partial"
        self.old = self.final.parent / f".{self.final.name}.old"
        self.kept = self.final.parent / f".{self.final.name}.partial-kept"   # marks a staging folder kept on purpose
        self.active = False
        self.keep = False

    def begin(self, keep_previous: bool = False) -> Path:
        """Prepare an empty staging folder (or a copy of the current output, for incremental builds)."""
        if self.final.exists() and not self.final.is_dir():
            raise NotADirectoryError(f"{self.final} exists and is not a folder → remove it or build elsewhere (-d)")
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.keep = keep_previous
        reuse = keep_previous and self.final.is_dir() and self.kept.exists() and self.staging.is_dir()
        for stale in ((self.old,) if reuse else (self.staging, self.old)):     # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        if reuse:
            sync(self.final, self.staging)
        elif keep_previous and self.final.is_dir():
            shutil.copytree(self.final, self.staging, symlinks=True, copy_function=shutil.copy2)
        else:
            self.kept.unlink(missing_ok=True)
            self.staging.mkdir()
        if keep_previous:
            self.kept.touch()
        self.active = True
        return self.staging

    def commit(self) -> None:
        """Put the staged build in place of the output folder."""
        if not self.active:
            return
        self.active = False
        if self.final.is_dir() and _exchange(self.staging, self.final):
            if not self.keep:
                shutil.rmtree(self.staging, ignore_errors=True)   # it now holds the previous output
            return
        self.kept.unlink(missing_ok=True)
        if self.final.exists():
            os.rename(self.final, self.old)
        os.rename(self.staging, self.final)
        shutil.rmtree(self.old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the staged build; the output folder is not touched (an incremental build's staging folder is
        kept: the next build brings it up to date)."""
        self.active = False
        if not self.keep:
            shutil.rmtree(self.staging, ignore_errors=True)
