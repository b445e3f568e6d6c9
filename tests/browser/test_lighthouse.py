"""Lighthouse 12 (npm ``lighthouse@12.8.2``, installed once at test time into the cache folder; Node.js ≥ 18.16;
Debian's Chromium), mobile preset, on five page types in both editions, served with gzip as a static host would.

Accessibility, best practices and SEO must score 100 (they are checks, not speed). Performance is printed, not
asserted: speed is measured by the benchmarks (``python -m benchmarks.weight``), and a score under Lighthouse's
simulated slow 4G depends on the machine. The figures are printed in the test output (``pytest -s`` or ``-rP``).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from soins_obliges.offline import vendor

VERSION = "12.8.2"
PAGES = {"home": "", "chapter": "02-reponse-penale-et-addictions/spip/", "entry": "glossaire/rechute/",
         "comparison": "glossaire/faux-amis/recidive-rechute/", "diagrams": "schemas/"}
CHECKED = ("accessibility", "best-practices", "seo")
COMPRESS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text files, as GitHub Pages or nginx send them."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.is_file() and path.suffix in COMPRESS and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", (mimetypes.guess_type(path.name)[0] or "text/plain") + "; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def _lighthouse() -> Path:
    node = shutil.which("node")
    if not node:
        pytest.fail("node not found: Lighthouse needs Node.js ≥ 18.16 → apt-get install nodejs npm")
    major, minor = (int(x) for x in subprocess.run([node, "--version"], capture_output=True, text=True)
                    .stdout.strip().lstrip("v").split(".")[:2])
    if (major, minor) < (18, 16):
        pytest.fail(f"Node.js {major}.{minor} is too old for Lighthouse 12 (≥ 18.16)")
    prefix = vendor.cache_dir() / f"lighthouse-{VERSION}"
    cli = prefix / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        proc = subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--silent",
                               f"lighthouse@{VERSION}"], capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            pytest.fail(f"npm install lighthouse@{VERSION} failed (is the npm registry reachable?):\n{proc.stderr[-2000:]}")
    return cli


def _run(cli: Path, url: str, out: Path, env: dict, attempts: int = 2):
    """One Lighthouse run (its report, or None and why). A run that fails or hangs on a loaded machine (Chrome's
    start, a protocol timeout) is tried once more; the scores themselves are never retried."""
    why = ""
    for _ in range(attempts):
        out.unlink(missing_ok=True)
        try:
            proc = subprocess.run([str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
                                   "--form-factor=mobile", "--max-wait-for-load=90000",
                                   "--only-categories=performance,accessibility,best-practices,seo",
                                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                                   "--disable-background-networking --disable-component-update"],
                                  capture_output=True, text=True, env=env, timeout=240)
        except subprocess.TimeoutExpired:
            why = "no report after 240 s"
            continue
        if proc.returncode == 0 and out.exists():
            report = json.loads(out.read_text())
            if not report.get("runtimeError"):
                return report, ""
            why = str(report["runtimeError"])[:300]
        else:
            why = f"exit {proc.returncode}: {proc.stderr[-600:]}"
    return None, why


@pytest.fixture(scope="module")
def gzip_server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_lighthouse_mobile(gzip_server, tmp_path, capsys):
    cli = _lighthouse()
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    rows, failures = [], []
    for lang, prefix in (("fr", ""), ("en", "en/")):
        for name, path in PAGES.items():
            out = tmp_path / f"{lang}-{name}.json"
            report, why = _run(cli, gzip_server + prefix + path, out, env)
            if report is None:
                failures.append(f"{lang} {name}: Lighthouse did not finish: {why}")
                continue
            scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
            rows.append((lang, name, scores))
            for cat in CHECKED:
                if scores[cat] < 100:
                    below = [f"{r['id']} ({report['audits'][r['id']]['score']})"
                             for r in report["categories"][cat]["auditRefs"]
                             if r["weight"] and report["audits"][r["id"]]["score"] not in (None, 1)]
                    failures.append(f"{lang} {name}: {cat} {scores[cat]}: {', '.join(below)}")
    with capsys.disabled():
        print(f"\nLighthouse {VERSION}, mobile, gzip:  page          perf  a11y  b.p.  seo")
        for lang, name, s in rows:
            print(f"  {lang} {name:12} {s['performance']:5} {s['accessibility']:5} {s['best-practices']:5} {s['seo']:5}")
    assert not failures, "\n".join(failures)
