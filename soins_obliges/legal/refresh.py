"""Maintainer script: refresh the LEGI index (which articles are in force) from the Légifrance API or from a
LEGI dump, then report what changed for the articles the site cites.

    # from the Légifrance API (PISTE, OAuth client credentials from the environment)
    export LEGIFRANCE_CLIENT_ID=… LEGIFRANCE_CLIENT_SECRET=…
    python -m soins_obliges.legal.refresh --api [--date 2026-01-15] [--codes CP,CPP]

    # from a LEGI dump downloaded from DILA (a directory, or the .tar.gz as published)
    python -m soins_obliges.legal.refresh --dump Freemium_legi_global_….tar.gz [--date …]

    # no download: compare the reviewed registry with the current index
    python -m soins_obliges.legal.refresh --check

It rewrites ``soins_obliges/data/legi-index/<code>.tsv`` and ``index.json`` (``--out DIR`` writes elsewhere,
``--dry-run`` writes nothing) and prints: articles added and removed per code, the cited articles whose
presence changed (their status in ``soins_obliges/data/legal/articles.yaml`` must be reviewed), and, from the
API, the stable LEGIARTI id (``cid``) of each cited article, to verify and copy by hand into the registry with
its ``legiarti_source``. The reviewed registry is never edited by this script. See ``README.md`` beside it.

Network access is isolated in ``Transport`` (urllib); tests pass a fake transport that replays recorded
responses (``tests/fixtures/legal/``) and never touch the network.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import io
import json
import os
import re
import sys
import tarfile
import unicodedata
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .codes import CODES
from .registry import ARTICLES_FILE, INDEX_DIR, load_index, load_registry

OAUTH_URL = "https://oauth.piste.gouv.fr/api/oauth/token"
API_URL = "https://api.piste.gouv.fr/dila/legifrance/lf-engine-app"


def slug(title: str) -> str:
    """« Livre Ier : Dispositions générales » → ``livre-ier-dispositions-generales`` (the index's section slugs)."""
    t = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"['’]", "", t)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


# ----------------------------------------------------------------------------------------------- API

# (url, body bytes, headers) → response bytes. Raises on HTTP errors.
Transport = Callable[[str, bytes, dict], bytes]


def urllib_transport(url: str, data: bytes, headers: dict) -> bytes:  # pragma: no cover - network
    req = urllib.request.Request(url, data=data, headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=120) as resp:
        return resp.read()


@dataclass
class Api:
    client_id: str
    client_secret: str
    transport: Transport = urllib_transport
    oauth_url: str = OAUTH_URL
    api_url: str = API_URL
    _token: str | None = None

    @classmethod
    def from_env(cls, env=os.environ, transport: Transport = urllib_transport) -> "Api":
        cid, secret = env.get("LEGIFRANCE_CLIENT_ID"), env.get("LEGIFRANCE_CLIENT_SECRET")
        if not cid or not secret:
            raise SystemExit("set LEGIFRANCE_CLIENT_ID and LEGIFRANCE_CLIENT_SECRET (a PISTE application with the "
                             "Légifrance API; see soins_obliges/legal/README.md)")
        return cls(cid, secret, transport, env.get("PISTE_OAUTH_URL", OAUTH_URL), env.get("PISTE_API_URL", API_URL))

    def token(self) -> str:
        if self._token is None:
            body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": self.client_id,
                                           "client_secret": self.client_secret, "scope": "openid"}).encode()
            data = json.loads(self.transport(self.oauth_url, body, {"Content-Type": "application/x-www-form-urlencoded"}))
            if "access_token" not in data:
                raise RuntimeError(f"OAuth: no access_token in the response ({', '.join(data)})")
            self._token = data["access_token"]
        return self._token

    def post(self, path: str, body: dict) -> dict:
        raw = self.transport(self.api_url + path, json.dumps(body).encode(),
                             {"Authorization": f"Bearer {self.token()}", "Content-Type": "application/json",
                              "Accept": "application/json"})
        return json.loads(raw)

    def table_of_contents(self, legitext: str, date: str) -> dict:
        return self.post("/consult/code/tableMatieres", {"textId": legitext, "date": date})

    def article(self, legiarti: str) -> dict:
        return self.post("/consult/getArticle", {"id": legiarti}).get("article") or {}


@dataclass
class IndexedArticle:
    num: str
    section_path: str
    cid: str | None = None        # stable id of the article (first version): the one to link to
    id: str | None = None         # id of the version in force


def articles_from_toc(toc: dict) -> list[IndexedArticle]:
    """The in-force articles of a ``tableMatieres`` response, with the slugged path of their section."""
    out: list[IndexedArticle] = []

    def walk(node: dict, path: list[str]):
        for art in node.get("articles") or []:
            if art.get("etat") in ("VIGUEUR", None) and art.get("num"):
                out.append(IndexedArticle(art["num"].strip(), "/".join(path), art.get("cid"), art.get("id")))
        for sec in node.get("sections") or []:
            if sec.get("etat") not in (None, "VIGUEUR", "VIGUEUR_DIFF"):
                continue
            walk(sec, path + [slug(sec.get("title") or sec.get("titre") or "")])

    walk(toc, [])
    return out


# ----------------------------------------------------------------------------------------------- LEGI dump

_ART_PATH = re.compile(r"(LEGITEXT\d{12})/article/.*?(LEGIARTI\d{12})\.xml$")


def _dump_members(path: Path) -> Iterable[tuple[str, Callable[[], bytes]]]:
    if path.is_dir():
        for p in sorted(path.rglob("LEGIARTI*.xml")):
            yield p.as_posix(), p.read_bytes
    else:
        with tarfile.open(path, "r:*") as tar:
            for m in tar:
                if m.isfile() and m.name.endswith(".xml") and "/article/" in m.name:
                    data = tar.extractfile(m).read()
                    yield m.name, (lambda d=data: d)


def articles_from_dump(path: Path, legitexts: dict[str, str], date: str | None = None) -> dict[str, list[IndexedArticle]]:
    """In-force articles per code id from a LEGI dump (one XML file per article version).

    With ``date``: the versions whose [DATE_DEBUT, DATE_FIN) contains it; without: ETAT = VIGUEUR."""
    by_text = {v: k for k, v in legitexts.items()}
    out: dict[str, dict[str, IndexedArticle]] = {k: {} for k in legitexts}
    for name, read in _dump_members(path):
        m = _ART_PATH.search(name)
        if not m or m.group(1) not in by_text:
            continue
        code = by_text[m.group(1)]
        root = ET.fromstring(read())
        meta = root.find("META/META_SPEC/META_ARTICLE")
        if meta is None:
            continue
        num = (meta.findtext("NUM") or "").strip()
        etat = (meta.findtext("ETAT") or "").strip()
        start, end = meta.findtext("DATE_DEBUT") or "", meta.findtext("DATE_FIN") or "2999-01-01"
        if not num:
            continue
        if date:
            # the version whose validity window contains the date (a repealed article's last version ends on
            # the day of its repeal; a version not yet in force starts later)
            if not (start <= date < end) or etat == "ANNULE":
                continue
        elif etat != "VIGUEUR":
            continue
        tms = root.findall(".//CONTEXTE/TEXTE//TITRE_TM")
        path_ = "/".join(slug(t.text or "") for t in tms)
        aid = root.findtext("META/META_COMMUN/ID")
        out[code][num] = IndexedArticle(num, path_, None, aid)
    return {k: list(v.values()) for k, v in out.items()}


# ----------------------------------------------------------------------------------------------- writing, report

def normalise_index_num(num: str) -> str:
    """API and dump numbers → the index's spelling (``L. 3421-1`` → ``L3421-1``, ``R*131-1`` → ``R131-1``)."""
    n = num.replace("\u00a0", " ").strip().replace("*", "")
    n = re.sub(r"^(LO|L|R|D|A)\.?\s*", r"\1", n)
    return re.sub(r"\s+", "-", n)


def write_index(out_dir: Path, code: str, articles: list[IndexedArticle]) -> int:
    rows = sorted({normalise_index_num(a.num): a.section_path for a in articles}.items())
    text = "num\tsection_path\n" + "".join(f"{n}\t{p}\n" for n, p in rows)
    (out_dir / CODES[code].index_file).write_text(text, encoding="utf-8")
    return len(rows)


def verify_ids(api: Api, entries) -> tuple[list[str], int]:
    """Ask the API for every LEGIARTI id of the registry: it must name the same article (number), still in force."""
    lines, bad = [], 0
    for e in entries:
        if not e.legiarti:
            continue
        try:
            art = api.article(e.legiarti)
        except Exception as exc:  # noqa: BLE001 - reported, never fatal
            lines.append(f"ID {e.code} {e.num}: {e.legiarti} could not be checked ({exc})")
            bad += 1
            continue
        num, etat = normalise_index_num(art.get("num") or ""), art.get("etat")
        if num != e.num:
            lines.append(f"ID {e.code} {e.num}: {e.legiarti} is article {num or '?'} — wrong id, remove or fix it")
            bad += 1
        elif etat != "VIGUEUR":
            lines.append(f"ID {e.code} {e.num}: {e.legiarti} is {etat} — review the article's status")
            bad += 1
        else:
            lines.append(f"ID {e.code} {e.num}: {e.legiarti} verified (article {num}, in force)")
    return lines, bad


def report(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]], found: dict[str, list[IndexedArticle]],
           articles_file: Path = ARTICLES_FILE, index_date: str | None = None) -> tuple[list[str], int, "object"]:
    """Lines to print, and the number of cited articles whose status must be reviewed."""
    lines: list[str] = []
    for code in new:
        before, after = set(old.get(code, {})), set(new[code])
        lines.append(f"{code}: {len(after)} articles in force ({len(after - before):+d} added, "
                     f"{len(before - after)} removed)")
    kw = {"index_date": index_date} if index_date else {}
    reg, errors = load_registry(articles_file, index=new, **kw)
    for e in errors:
        lines.append(f"REVIEW {e}")
    by_num = {(code, normalise_index_num(a.num)): a for code, arts in found.items() for a in arts}
    for (code, num), entry in sorted(reg.entries.items()):
        a = by_num.get((code, num))
        if a and a.cid and entry.legiarti != a.cid and entry.in_force:
            lines.append(f"ID {code} {num}: cid {a.cid} (version in force {a.id}) — verify on Légifrance, then set "
                         f"legiarti and legiarti_source in articles.yaml")
    return lines, len(errors), reg


def main(argv: list[str] | None = None, transport: Transport | None = None, env=os.environ) -> int:
    ap = argparse.ArgumentParser(prog="python -m soins_obliges.legal.refresh", description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--api", action="store_true", help="read the codes' tables of contents from the Légifrance API")
    src.add_argument("--dump", type=Path, help="a LEGI dump (directory or .tar.gz)")
    src.add_argument("--check", action="store_true", help="only compare the registry with the current index")
    ap.add_argument("--date", default=_dt.date.today().isoformat(), help="state of the law (YYYY-MM-DD), default today")
    ap.add_argument("--codes", default=",".join(c for c, v in CODES.items() if v.legitext),
                    help="comma-separated code ids (CP,CPP,CSP,CR,CASF,CPEN)")
    ap.add_argument("--out", type=Path, default=INDEX_DIR, help="where to write the index (default: the package data)")
    ap.add_argument("--articles", type=Path, default=ARTICLES_FILE, help="the reviewed registry to report on")
    ap.add_argument("--dry-run", action="store_true", help="write nothing, only report")
    args = ap.parse_args(argv)
    codes = [c.strip() for c in args.codes.split(",") if c.strip()]
    unknown = [c for c in codes if c not in CODES or not CODES[c].legitext]
    if unknown:
        ap.error(f"unknown code(s) or no LEGITEXT id: {', '.join(unknown)}")
    old = load_index(INDEX_DIR)
    found: dict[str, list[IndexedArticle]] = {}
    if args.check:
        lines, n, _ = report(old, old, {}, args.articles)
        print("\n".join(lines))
        return 1 if n else 0
    if args.api:
        api = Api.from_env(env, transport or urllib_transport)
        for code in codes:
            found[code] = articles_from_toc(api.table_of_contents(CODES[code].legitext, args.date))
            print(f"{code}: {len(found[code])} articles read from the API", file=sys.stderr)
    else:
        found = articles_from_dump(args.dump, {c: CODES[c].legitext for c in codes}, args.date)
    new = dict(old)
    for code, arts in found.items():
        if not arts:
            print(f"{code}: no article found — index left unchanged", file=sys.stderr)
            continue
        new[code] = {normalise_index_num(a.num): a.section_path for a in arts}
    if not args.dry_run:
        args.out.mkdir(parents=True, exist_ok=True)
        for code, arts in found.items():
            if arts:
                write_index(args.out, code, arts)
        meta = {"date": args.date,
                "source": ("Légifrance API (PISTE), /consult/code/tableMatieres" if args.api
                           else f"DILA LEGI dump {args.dump.name}"),
                "licence": "Licence Ouverte 2.0", "codes": sorted(new)}
        (args.out / "index.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines, n, reg = report(old, new, found, args.articles, index_date=args.date)
    if args.api:
        id_lines, bad = verify_ids(api, reg.entries.values())
        lines += id_lines
        n += bad
    print("\n".join(lines))
    if n:
        print(f"{n} registry entr{'y' if n == 1 else 'ies'} to review in {args.articles} (status, successors, "
              f"index_date) before the next build", file=sys.stderr)
    return 1 if n else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
