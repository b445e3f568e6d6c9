"""Atomic output: ``mkdocs build --strict`` writes into a staging folder and replaces the output folder only when
the whole build, both languages, succeeded. Each kind of failure leaves the previous output byte for byte.
(Content errors of every sort are in test_catalogue.py, each with this same check.)"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import MKDOCS, make_mini, replace, run_build, snapshot


@pytest.fixture
def built(tmp_path) -> tuple[Path, Path, dict]:
    project = make_mini(tmp_path / "project")
    out = tmp_path / "site"
    proc = run_build(project, out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (out / "a-file-from-before.txt").write_text("previous output", encoding="utf-8")
    return project, out, snapshot(out)


def _untouched(out: Path, before: dict):
    assert snapshot(out) == before
    assert not any(p.name.startswith(f".{out.name}.") for p in out.parent.iterdir())


def test_a_strict_warning_of_the_english_pass_keeps_the_output(built):
    """A warning MkDocs aborts on in strict mode (here: static-i18n ignoring an unknown English theme override),
    emitted when the English pass starts, after the French pages were written."""
    project, out, before = built
    replace(project / "mkdocs.yml", "          theme:\n            palette:", "          theme:\n            nope: 1\n"
            "            palette:")
    proc = run_build(project, out)
    assert proc.returncode == 1 and "Unknown 'en' config override 'theme.nope'" in proc.stderr, proc.stderr[-2000:]
    _untouched(out, before)


def test_an_exception_while_writing_pages_keeps_the_output(built):
    project, out, before = built
    (project / "overrides" / "main.html").write_text(
        (project / "overrides" / "main.html").read_text(encoding="utf-8") + "\n{% block footer %}{{ 1 // 0 }}{% endblock %}\n",
        encoding="utf-8")
    proc = run_build(project, out)
    assert proc.returncode == 1 and "ZeroDivisionError" in proc.stderr
    _untouched(out, before)


def test_a_killed_build_keeps_the_output_and_the_next_build_recovers(built):
    project, out, before = built
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([*MKDOCS, "build", "--strict", "-d", str(out)], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = out.parent / f".{out.name}.partial"
    deadline = time.monotonic() + 60
    while not (staging / "chapitre").exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(out) == before        # whatever the moment of the kill
    done = run_build(project, out)
    assert done.returncode == 0, done.stderr[-3000:]
    assert not staging.exists() and not (out / "a-file-from-before.txt").exists()


def test_a_successful_build_replaces_the_whole_output(built):
    project, out, before = built
    replace(project / "docs" / "chapitre.md", "La rechute n'est pas la récidive.", "Une phrase nouvelle.")
    proc = run_build(project, out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Une phrase nouvelle." in (out / "chapitre" / "index.html").read_text(encoding="utf-8")
    assert not (out / "a-file-from-before.txt").exists()        # a fresh build, not a merge
    assert not any(p.name.startswith(f".{out.name}.") for p in out.parent.iterdir())


def test_the_deploy_workflow_builds_with_the_guarded_command():
    """The deploy workflow and manage.sh use `mkdocs build --strict`, which the guard hook makes atomic."""
    root = Path(__file__).resolve().parents[2]
    assert "hooks/guard.py" in (root / "mkdocs.yml").read_text(encoding="utf-8").split("hooks:")[1].split("\n")[1]
    assert "mkdocs build --strict" in (root / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8") or \
        "manage.sh build" in (root / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8") or \
        "manage.sh pdf" in (root / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")   # builds, then prints
