"""Search benchmark: quality on the golden set, index size per language, and speed in Chromium on a throttled phone.

    .venv/bin/python -m benchmarks.search [--site DIR] [--no-browser] [--rounds N] [--throttle 4]

Without --site, the site is built first (mkdocs build --strict) into a temporary folder. Prints:
- recall@5 and MRR per language on tests/search/golden.yml (the browser's search replayed in Python,
  soins_obliges.search.engine), with the queries that miss;
- each language's index: entries, raw and gzip size (gzip -6, a web server's usual level);
- in Chromium (Debian's /usr/bin/chromium), phone emulation (390×844, touch) with the CPU slowed down N times
  (CDP Emulation.setCPUThrottlingRate): the time from opening the search to a ready search (index fetched and built in
  the worker), and the time from the last keystroke of a query to its first result painted, for the golden
  set's browser queries; and whether the browser's first five results match the Python replica's.
Asserts nothing (targets are in the issue, not in tests).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from soins_obliges.search import golden  # noqa: E402
from soins_obliges.search import sharded  # noqa: E402
from soins_obliges.search.engine import SearchEngine  # noqa: E402

GOLDEN = ROOT / "tests" / "search" / "golden.yml"
SEARCH = {"fr": "search", "en": "en/search"}                    # each edition's search folder
INDEX = {lang: f"{rel}/so/index.json" for lang, rel in SEARCH.items()}   # the whole index (lunr reference)
PROBE = {"fr": "injonction", "en": "injunction"}
PAGE = {"fr": "02-reponse-penale-et-addictions/spip/", "en": "en/glossaire/"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

# Installed before any page script: notes when the search worker is ready (Material's READY message, type 1).
INIT_SCRIPT = """
(() => {
  const Native = window.Worker;
  window.__soReady = null;
  window.Worker = function (url, options) {
    const worker = new Native(url, options);
    worker.addEventListener("message", ev => {
      if (ev.data && ev.data.type === 1 && window.__soReady === null) window.__soReady = performance.now();
    });
    return worker;
  };
  window.Worker.prototype = Native.prototype;
})();
"""

# Times the next result list: t0 at the keydown, t1 at the first animation frame after a result item is added.
ARM = """
() => {
  const list = document.querySelector(".md-search-result__list");
  window.__soT0 = null; window.__soT1 = null;
  const input = document.querySelector(".md-search__input");
  input.addEventListener("keydown", () => { window.__soT0 = performance.now(); window.__soT1 = null; },
                         { capture: true, once: true });
  const obs = new MutationObserver(records => {
    if (window.__soT0 === null || window.__soT1 !== null) return;
    if (records.some(r => Array.from(r.addedNodes).some(n => n.classList && n.classList.contains("md-search-result__item")))) {
      requestAnimationFrame(() => { if (window.__soT1 === null) window.__soT1 = performance.now(); });
      obs.disconnect();
    }
  });
  obs.observe(list, { childList: true });
}
"""

TOP_TITLES = """
() => Array.from(document.querySelectorAll(".md-search-result__item")).slice(0, 5).map(li =>
  Array.from(li.querySelectorAll("h1, h2")).map(h => h.textContent.trim()))
"""


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"strict build failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")


def sizes(site: Path) -> dict[str, dict]:
    """The whole index, and what the browser fetches: the lexicon when the search opens, then per query."""
    gz = lambda b: len(gzip.compress(b, compresslevel=6))   # noqa: E731
    out = {}
    for lang, rel in SEARCH.items():
        files = sharded.read_folder(site / rel)
        whole = (site / INDEX[lang]).read_bytes()
        shards = sorted(gz(v) for k, v in files.items() if k.startswith("so/t/"))
        probe = sharded.ShardedSearch(files)
        probe.search(PROBE[lang])
        out[lang] = {"entries": len(json.loads(whole)["docs"]), "whole_gzip": gz(whole),
                     "open": gz(files["search_index.json"]) + gz(files["so/lexicon.json"]),
                     "shards": len(shards), "shard_median": shards[len(shards) // 2], "shard_max": shards[-1],
                     "probe": sum(gz(files[k]) for k in probe.loaded), "probe_files": len(probe.loaded)}
    return out


def quality(site: Path):
    cases, errors = golden.load(GOLDEN)
    if errors:
        sys.exit("golden set errors:\n" + "\n".join(map(str, errors)))
    indexes = {lang: json.loads((site / rel).read_text(encoding="utf-8")) for lang, rel in INDEX.items()}
    engines = {lang: sharded.ShardedSearch(sharded.read_folder(site / rel)) for lang, rel in SEARCH.items()}
    reference = {lang: SearchEngine(idx) for lang, idx in indexes.items()}
    stale = golden.check_titles(cases, indexes, GOLDEN.relative_to(ROOT).as_posix())
    return cases, engines, golden.evaluate(cases, engines), golden.evaluate(cases, reference), stale


def serve(site: Path):
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def browser_timings(site: Path, cases, engines, rounds: int, throttle: float) -> dict:
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    res: dict = {"ready": {}, "keystroke": {}, "parity": []}
    try:
        with sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                   args=CHROMIUM_ARGS)
            for lang in ("fr", "en"):
                mine = [c for c in cases if c.lang == lang and c.browser]
                ready, keys = [], []
                for r in range(rounds):
                    ctx = b.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                        is_mobile=True, has_touch=True)
                    ctx.add_init_script(INIT_SCRIPT)
                    page = ctx.new_page()
                    cdp = ctx.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                    page.goto(f"{base}/{PAGE[lang]}")
                    page.wait_for_load_state("networkidle")
                    opened = page.evaluate("performance.now()")     # search loads when opened (overrides/main.html)
                    page.tap("label.md-header__button[for=__search]")
                    page.wait_for_function("window.__soReady !== null", timeout=60000)
                    ready.append(page.evaluate("window.__soReady") - opened)
                    for case in mine:
                        page.fill(".md-search__input", case.query[:-1])
                        page.wait_for_timeout(300)
                        page.evaluate(ARM)
                        page.keyboard.press(case.query[-1])
                        page.wait_for_function("window.__soT1 !== null", timeout=30000)
                        keys.append(page.evaluate("window.__soT1 - window.__soT0"))
                        if r == 0:
                            page.wait_for_timeout(200)
                            shown = page.evaluate(TOP_TITLES)
                            py = [g.titles for g in engines[lang].search(case.query)[:5]]
                            res["parity"].append((lang, case.query, [s[0] for s in shown] == [p[0] for p in py],
                                                  golden.rank_of_titles(shown, case.expect)))
                    ctx.close()
                res["ready"][lang] = ready
                res["keystroke"][lang] = keys
            b.close()
    finally:
        httpd.shutdown()
    return res


def fmt(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):6.0f} ms   p90 {p90:6.0f} ms   max {ms[-1]:6.0f} ms   (n={len(ms)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="an already built site (default: build one)")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    ap.add_argument("--rounds", type=int, default=3, help="page loads per language (default 3)")
    ap.add_argument("--throttle", type=float, default=4, help="CPU slow-down factor (default 4)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)

        cases, engines, outcomes, reference, stale = quality(site)
        print("Quality on the golden set (tests/search/golden.yml), Python replica of the browser search "
              "(sharded index, as shipped; in brackets: lunr on the whole index)")
        ref = golden.summary(reference)
        for lang, s in golden.summary(outcomes).items():
            print(f"  {lang}: {s['queries']:3d} queries   recall@5 {s['recall@5']:6.1%}   MRR {s['mrr']:.3f}   "
                  f"[{ref[lang]['recall@5']:.1%}, {ref[lang]['mrr']:.3f}]")
        for o in outcomes:
            if not o.hit:
                print(f"  miss [{o.case.lang}] {o.case.query!r} (rank {o.rank}) expected {o.case.expect}; "
                      f"shown {[t[0] for t in o.shown]}")
        for e in stale:
            print(f"  stale: {e}")

        print("\nIndex per language, gzip -6 (issue 14: a first query ≤ 60 KB; the worker adds ≈ 5 KB)")
        for lang, s in sizes(site).items():
            print(f"  {lang}: {s['entries']} entries; whole index {s['whole_gzip'] / 1024:.0f} KB (never fetched); "
                  f"on opening {s['open'] / 1024:.1f} KB; {s['shards']} postings files (median "
                  f"{s['shard_median'] / 1024:.1f} KB, max {s['shard_max'] / 1024:.1f} KB); first query "
                  f"« {PROBE[lang]} » {s['probe'] / 1024:.1f} KB in {s['probe_files']} files")

        if args.no_browser:
            return
        res = browser_timings(site, cases, engines, args.rounds, args.throttle)
        print(f"\nChromium, phone emulation 390×844, CPU slowed down {args.throttle:g}× (target ≤ 300 ms)")
        for lang in ("fr", "en"):
            print(f"  {lang}: search opened → ready         {fmt(res['ready'][lang])}")
            print(f"  {lang}: last keystroke → 1st result   {fmt(res['keystroke'][lang])}")
        same = sum(1 for p in res["parity"] if p[2])
        hits = sum(1 for p in res["parity"] if p[3] is not None)
        print(f"\nBrowser ground truth: {hits}/{len(res['parity'])} queries show an expected title in the first 5; "
              f"first result identical to the Python replica for {same}/{len(res['parity'])}")
        for lang, q, identical, rank in res["parity"]:
            if not identical or rank is None:
                print(f"  [{lang}] {q!r}: first result {'same' if identical else 'differs'}, rank {rank}")


if __name__ == "__main__":
    main()
