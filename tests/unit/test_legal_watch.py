"""The legal watch (soins_obliges.legal.watch), offline: the Légifrance API is replayed from the recorded answers
of tests/fixtures/legal/api/ (the fixture's code pénal holds 6 articles, so most cited articles look repealed)."""
import json

import pytest

from soins_obliges.legal import watch
from soins_obliges.legal.registry import INDEX_DIR, Entry, default_registry, load_index

from .test_legal_refresh import ENV, FIX, Replay


def _entry(code, num, status="en_vigueur", legiarti=None):
    return Entry(code=code, num=num, summary={"fr": "r", "en": "s"}, status=status, changes=None, successors=[],
                 legiarti=legiarti, legiarti_source="test" if legiarti else None, verified_on="2026-01-01",
                 source="test")


def test_changes_sorts_gone_back_moved_and_modified():
    old = {"CP": {"1-1": "a", "1-2": "a", "1-3": "a"}}
    new = {"CP": {"1-1": "b", "1-3": "a", "1-4": "a"}}
    entries = [_entry("CP", "1-1"), _entry("CP", "1-2"), _entry("CP", "1-4", status="abroge"),
               _entry("CP", "1-3", legiarti="LEGIARTI1"), _entry("CPP", "9")]
    api = {"LEGIARTI1": {"id": "LEGIARTI2", "dateDebut": 1735689600000}}     # 2025-01-01
    found = {(c.kind, c.num) for c in watch.changes(entries, old, new, "2023-12-06", api, {"CP"})}
    assert found == {("moved", "1-1"), ("gone", "1-2"), ("back", "1-4"), ("modified", "1-3")}
    earlier = {"LEGIARTI1": {"dateDebut": 1173225600000}}                   # 2007: before the index
    assert not [c for c in watch.changes(entries, old, old, "2023-12-06", earlier, {"CP"})]


def test_citing_files_finds_pages_and_glossary_entries_with_lines():
    root = watch.ROOT
    cites = watch.citing_files(root / "docs", root / "glossary")
    where = cites[("CP", "132-45")]
    assert any(w.startswith("docs/") and w.endswith(tuple(f":{n}" for n in range(1, 2000))) for w in where)
    assert any(w.startswith("docs/") and ".en.md:" in w for w in where), "English pages are scanned too"
    assert all(not w.startswith("docs/glossaire/") for ws in cites.values() for w in ws), \
        "generated glossary pages are read from glossary/*.yml"
    assert any(w.startswith("glossary/") for ws in cites.values() for w in ws)


def test_watch_end_to_end_on_recorded_answers(tmp_path, capsys):
    out, body = tmp_path / "index", tmp_path / "legal-watch.md"
    rc = watch.main(["--api", "--codes", "CP", "--date", "2026-01-15", "--out", str(out), "--report", str(body)],
                    transport=Replay(), env=ENV)
    assert rc == watch.CHANGES
    text = body.read_text()
    assert text.startswith("## Legal watch: the law cited by the site, 2023-12-06 → 2026-01-15")
    assert "### No longer in force" in text and "**Code pénal 226-14**" in text
    line = next(x for x in text.splitlines() if "**Code pénal 132-45**" in x)
    assert "Cited in: `docs/" in line
    # 222-39 is in force in the recorded table of contents, under a renumbered section (section 7 since 2023)
    moved = text.split("### Moved within its code")[1].split("###")[0]
    assert "**Code pénal 222-39**: section now « partie-legislative/" in moved and "section-7-du-trafic" in moved
    assert "Code pénal 222-39" not in text.split("### Moved within its code")[0], "not listed as gone"
    assert json.loads((out / "index.json").read_text())["date"] == "2026-01-15"
    assert len((out / "code-penal.tsv").read_text().splitlines()) == 1 + 6
    assert len(load_index(INDEX_DIR)["CP"]) == 1303, "the package's own index is untouched"
    assert "change(s) to review" in capsys.readouterr().out


def test_a_modified_article_is_reported_with_its_new_version(tmp_path):
    recorded = json.loads((FIX / "api" / "getArticle-LEGIARTI000006417729.json").read_text())
    recorded.setdefault("article", recorded)["dateDebut"] = 1767225600000       # 2026-01-01

    class Modified(Replay):
        def __call__(self, url, data, headers):
            if url.endswith("/consult/getArticle") and json.loads(data)["id"] == "LEGIARTI000006417729":
                self.calls.append((url, data, headers))
                return json.dumps(recorded).encode()
            return super().__call__(url, data, headers)

    body = tmp_path / "r.md"
    watch.main(["--api", "--codes", "CP", "--date", "2026-01-15", "--out", str(tmp_path / "i"), "--report", str(body)],
               transport=Modified(), env=ENV)
    line = next(x for x in body.read_text().splitlines() if "**Code pénal 222-39**" in x)
    assert "version in force since 2026-01-01" in line


def test_without_credentials_the_watch_says_what_to_set(tmp_path):
    with pytest.raises(SystemExit) as exc:
        watch.main(["--api", "--report", str(tmp_path / "r.md")], transport=Replay(), env={})
    assert "LEGIFRANCE_CLIENT_ID" in str(exc.value)


def test_the_registry_is_never_written(tmp_path):
    before = default_registry
    from soins_obliges.legal.registry import ARTICLES_FILE
    text = ARTICLES_FILE.read_text()
    watch.main(["--api", "--codes", "CP", "--date", "2026-01-15", "--out", str(tmp_path / "i"),
                "--report", str(tmp_path / "r.md")], transport=Replay(), env=ENV)
    assert ARTICLES_FILE.read_text() == text and before is default_registry


def test_the_weekly_workflow_runs_the_watch_and_opens_a_pull_request():
    import yaml

    wf = yaml.safe_load((watch.ROOT / ".github" / "workflows" / "legal-watch.yml").read_text())
    assert wf[True]["schedule"][0]["cron"].split()[-1] == "1"          # weekly, on Mondays ("on" reads as True)
    assert "workflow_dispatch" in wf[True]
    steps = wf["jobs"]["watch"]["steps"]
    text = "\n".join(s.get("run", "") for s in steps)
    assert "python -m soins_obliges.legal.watch --api --report" in text
    assert f'"$rc" -eq {watch.CHANGES}' in text, "the workflow must read the watch's 'changes' exit status"
    assert "gh pr create" in text and "git add soins_obliges/data/legi-index" in text
    env = {k for s in steps for k in (s.get("env") or {})}
    assert {"LEGIFRANCE_CLIENT_ID", "LEGIFRANCE_CLIENT_SECRET", "GH_TOKEN"} <= env
    assert wf["permissions"] == {"contents": "write", "pull-requests": "write"}
