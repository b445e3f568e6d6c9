"""Run every benchmark: .venv/bin/python -m benchmarks (bash manage.sh bench)."""
import importlib
import pkgutil
import sys
from pathlib import Path

for mod in sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])):
    if mod.startswith("_"):
        continue
    print(f"== benchmarks.{mod}")
    sys.argv = [f"benchmarks.{mod}"]
    importlib.import_module(f"benchmarks.{mod}").main()
