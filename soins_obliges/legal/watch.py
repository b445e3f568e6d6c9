"""Legal watch: what changed in the law the site cites since the LEGI index it was checked against, and which
pages say it. Run weekly by ``.github/workflows/legal-watch.yml`` where the Légifrance API credentials are set
as repository secrets; it refreshes the index (``refresh``) and writes the body of a pull request.

    export LEGIFRANCE_CLIENT_ID=… LEGIFRANCE_CLIENT_SECRET=…
    python -m soins_obliges.legal.watch --api --report legal-watch.md [--date 2027-01-04]

For every article of the reviewed registry (``articles.yaml``) that the site cites, it reports:
- **gone**: in force in the registry, absent from the code's table of contents on the date (repealed, renumbered
  or moved: the entry needs status ``abroge`` or ``deplace``);
- **back**: marked gone in the registry, in force again (renumbering reused the number: check what it says);
- **modified**: its version in force started after the index date (the Légifrance API's ``dateDebut``; only for
  entries with a verified id);
- **moved within the code**: its section in the table of contents changed;
each with the pages and glossary entries that cite it (file and line). Exit status: 0 nothing changed, 10 changes
to review (the workflow then opens a pull request with the refreshed index and this report), 1 an error.

Nothing here edits the reviewed registry: a person reads the articles and updates it in the pull request.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import refresh
from .codes import CODES
from .registry import ARTICLES_FILE, INDEX_DIR, Entry, load_index, load_registry
from .scan import scan_markdown

ROOT = Path(__file__).resolve().parents[2]
CHANGES = 10


@dataclass
class Change:
    kind: str                  # gone | back | modified | moved
    code: str
    num: str
    detail: str
    cited_in: list[str] = field(default_factory=list)


def citing_files(docs_dir: Path, glossary_dir: Path) -> dict[tuple[str, str], list[str]]:
    """(code, number) → ``file:line`` of every citation in the pages (French and English) and the glossary."""
    out: dict[tuple[str, str], list[str]] = {}
    files = [(p, "en" if p.name.endswith(".en.md") else "fr") for p in sorted(docs_dir.rglob("*.md"))
             if "glossaire" not in p.relative_to(docs_dir).parts and "references-juridiques" not in p.name]
    files += [(p, lang) for p in sorted(glossary_dir.rglob("*.yml")) for lang in ("fr", "en")]
    for path, lang in files:
        rel = path.relative_to(docs_dir.parent).as_posix()
        for found in scan_markdown(path.read_text(encoding="utf-8"), lang):
            if not found.citation.code:
                continue
            for num in found.citation.nums:
                where = out.setdefault((found.citation.code, num), [])
                if f"{rel}:{found.line}" not in where:
                    where.append(f"{rel}:{found.line}")
    return out


def _day(ms) -> _dt.date | None:
    try:
        return _dt.datetime.fromtimestamp(int(ms) / 1000, _dt.timezone.utc).date()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def changes(entries: list[Entry], old: dict[str, dict[str, str]], new: dict[str, dict[str, str]], since: str,
            articles: dict[str, dict] | None = None, refreshed: set[str] | None = None) -> list[Change]:
    """The registry's articles whose state differs between the index of ``since`` (``old``) and the refreshed
    one (``new``), for the codes refreshed; ``articles``: the API's answer per verified id (modification dates)."""
    out: list[Change] = []
    since_day = _dt.date.fromisoformat(since)
    refreshed = refreshed if refreshed is not None else set(new)
    for e in sorted(entries, key=lambda e: (e.code, e.num)):
        if e.code not in refreshed:
            continue
        now = new.get(e.code, {})
        if e.in_force and e.num not in now:
            out.append(Change("gone", e.code, e.num, "absent from the table of contents: repealed, renumbered or "
                                                     "moved → status abroge or deplace (with successors)"))
            continue
        if not e.in_force and e.num in now:
            out.append(Change("back", e.code, e.num, f"in force again (registry: {e.status}) → read what it says now"))
            continue
        if e.num in now and old.get(e.code, {}).get(e.num) not in (None, now[e.num]):
            out.append(Change("moved", e.code, e.num, f"section now « {now[e.num]} » (was « {old[e.code][e.num]} »)"))
        art = (articles or {}).get(e.legiarti or "")
        start = _day(art.get("dateDebut")) if art else None
        if start and start > since_day:
            out.append(Change("modified", e.code, e.num, f"version in force since {start.isoformat()} "
                                                         f"({art.get('id', '?')}) → read it, update the summary and "
                                                         "`changes`"))
    return out


LABELS = {"gone": "No longer in force", "back": "In force again", "modified": "Modified",
          "moved": "Moved within its code"}


def report_markdown(found: list[Change], since: str, date: str, index_lines: list[str]) -> str:
    lines = [f"## Legal watch: the law cited by the site, {since} → {date}", "",
             f"The LEGI index was refreshed from the Légifrance API on {date} (previous state: {since}). "
             "The reviewed registry (`soins_obliges/data/legal/articles.yaml`) is not changed by this pull request: "
             "read each article below on Légifrance, update its entry (status, summary, `changes`, successors, "
             "`verified_on`, `text_checked`) and the pages that cite it, then set `index_date`.", ""]
    if not found:
        lines.append("No cited article changed.")
    for kind in LABELS:
        group = [c for c in found if c.kind == kind]
        if not group:
            continue
        lines += [f"### {LABELS[kind]} ({len(group)})", ""]
        for c in group:
            cited = ", ".join(f"`{w}`" for w in c.cited_in[:8]) + (" …" if len(c.cited_in) > 8 else "")
            lines.append(f"- **{CODES[c.code].title('fr')} {c.num}**: {c.detail}. Cited in: {cited or 'no page (registry only)'}")
        lines.append("")
    lines += ["<details><summary>Index refresh</summary>", "", *[f"    {x}" for x in index_lines], "", "</details>", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None, transport: refresh.Transport | None = None, env=os.environ,
         root: Path = ROOT) -> int:
    ap = argparse.ArgumentParser(prog="python -m soins_obliges.legal.watch", description=__doc__.split("\n\n")[0])
    ap.add_argument("--api", action="store_true", required=True, help="read the codes from the Légifrance API")
    ap.add_argument("--date", default=_dt.date.today().isoformat(), help="state of the law (YYYY-MM-DD)")
    ap.add_argument("--codes", default=",".join(c for c, v in CODES.items() if v.legitext))
    ap.add_argument("--out", type=Path, default=INDEX_DIR, help="where to write the refreshed index")
    ap.add_argument("--articles", type=Path, default=ARTICLES_FILE)
    ap.add_argument("--report", type=Path, required=True, help="the pull request body to write (Markdown)")
    args = ap.parse_args(argv)
    codes = [c.strip() for c in args.codes.split(",") if c.strip()]
    reg, errors = load_registry(args.articles)
    if errors:
        print("\n".join(map(str, errors)), file=sys.stderr)
        print("error: the registry has errors; fix them before the watch can compare", file=sys.stderr)
        return 1
    old = load_index(INDEX_DIR)
    api = refresh.Api.from_env(env, transport or refresh.urllib_transport)
    new = dict(old)
    lines, refreshed = [], set()
    for code in codes:
        arts = refresh.articles_from_toc(api.table_of_contents(CODES[code].legitext, args.date))
        if not arts:
            lines.append(f"{code}: no article read — left as it was")
            continue
        before = set(old.get(code, {}))
        new[code] = {refresh.normalise_index_num(a.num): a.section_path for a in arts}
        refreshed.add(code)
        lines.append(f"{code}: {len(new[code])} articles in force ({len(set(new[code]) - before):+d} added, "
                     f"{len(before - set(new[code]))} removed)")
        args.out.mkdir(parents=True, exist_ok=True)
        refresh.write_index(args.out, code, arts)
    if refreshed:
        meta = {"date": args.date, "source": "Légifrance API (PISTE), /consult/code/tableMatieres",
                "licence": "Licence Ouverte 2.0", "codes": sorted(new)}
        (args.out / "index.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    details = {}
    for e in reg.entries.values():
        if e.legiarti and e.code in refreshed:
            try:
                details[e.legiarti] = api.article(e.legiarti)
            except Exception as exc:  # noqa: BLE001 - one unreadable article is reported, not fatal
                lines.append(f"{e.code} {e.num}: {e.legiarti} could not be read ({exc})")
    found = changes(list(reg.entries.values()), old, new, reg.index_date, details, refreshed)
    cites = citing_files(root / "docs", root / "glossary")
    for c in found:
        c.cited_in = cites.get((c.code, c.num), [])
    args.report.write_text(report_markdown(found, reg.index_date, args.date, lines), encoding="utf-8")
    print(f"legal watch: {len(found)} change(s) to review, report in {args.report}")
    return CHANGES if found else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
