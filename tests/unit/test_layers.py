"""The guard that a full test run collects every layer (tests/conftest.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def collect(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_full_run_collects_every_layer():
    proc = collect()
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    for layer in ("unit", "build", "browser"):
        line = next(ln for ln in proc.stdout.splitlines() if ln.startswith(layer + " "))
        assert int(line.split()[1]) > 0, line


def test_a_layer_that_collects_nothing_stops_the_run():
    """pytest's default norecursedirs (which holds `build`) once hid tests/build/ without a word."""
    proc = collect("-o", "norecursedirs=build .* fixtures")
    assert proc.returncode != 0
    assert "test layer(s) collected no test: build (tests/build/)" in proc.stdout + proc.stderr


def test_one_layer_on_purpose_is_allowed():
    proc = collect("-m", "unit")
    assert proc.returncode == 0, proc.stderr[-2000:]
