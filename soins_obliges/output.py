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


class StagedOutput:
    """``final``: the output folder readers (or the server) use. ``staging``: where the build writes."""

    def __init__(self, final: Path | str):
        self.final = Path(final).absolute()
        self.staging = self.final.parent / f".{self.final.name}.partial"
        self.old = self.final.parent / f".{self.final.name}.old"
        self.active = False

    def begin(self, keep_previous: bool = False) -> Path:
        """Prepare an empty staging folder (or a copy of the current output, for incremental builds)."""
        if self.final.exists() and not self.final.is_dir():
            raise NotADirectoryError(f"{self.final} exists and is not a folder → remove it or build elsewhere (-d)")
        self.final.parent.mkdir(parents=True, exist_ok=True)
        for stale in (self.staging, self.old):     # left by a build that was killed
            shutil.rmtree(stale, ignore_errors=True)
        if keep_previous and self.final.is_dir():
            shutil.copytree(self.final, self.staging, symlinks=True, copy_function=shutil.copy2)
        else:
            self.staging.mkdir()
        self.active = True
        return self.staging

    def commit(self) -> None:
        """Put the staged build in place of the output folder."""
        if not self.active:
            return
        self.active = False
        if self.final.is_dir() and _exchange(self.staging, self.final):
            shutil.rmtree(self.staging, ignore_errors=True)   # it now holds the previous output
            return
        if self.final.exists():
            os.rename(self.final, self.old)
        os.rename(self.staging, self.final)
        shutil.rmtree(self.old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the staged build; the output folder is not touched."""
        self.active = False
        shutil.rmtree(self.staging, ignore_errors=True)
