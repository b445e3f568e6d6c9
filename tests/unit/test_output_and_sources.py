"""Staged output, encoding and file-name checks, translation parity, YAML tabs, malformed citations."""
from __future__ import annotations

from pathlib import Path

import pytest

from soins_obliges import sourcefiles, translations, yamlload
from soins_obliges.legal.parser import find_malformed
from soins_obliges.output import StagedOutput, sync


def test_staged_output_replaces_the_folder_only_on_commit(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "old.html").write_text("old")
    out = StagedOutput(final)
    staging = out.begin()
    assert staging != final and staging.parent == final.parent and list(staging.iterdir()) == []
    (staging / "new.html").write_text("new")
    assert (final / "old.html").read_text() == "old"       # nothing visible before the commit
    out.commit()
    assert sorted(p.name for p in final.iterdir()) == ["new.html"]
    assert not staging.exists() and not out.old.exists()


def test_abort_leaves_the_folder_and_removes_the_staging(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "a.html").write_text("a")
    out = StagedOutput(final)
    (out.begin() / "half.html").write_text("half")
    out.abort()
    assert [p.name for p in final.iterdir()] == ["a.html"] and not out.staging.exists()


def test_first_build_and_stale_staging(tmp_path):
    final = tmp_path / "nouveau"
    out = StagedOutput(final)
    out.staging.mkdir()
    (out.staging / "stale").write_text("left by a killed build")
    staging = out.begin()
    assert list(staging.iterdir()) == []
    (staging / "index.html").write_text("x")
    out.commit()
    assert (final / "index.html").exists()


def test_incremental_builds_start_from_a_copy(tmp_path):
    final = tmp_path / "site"
    final.mkdir()
    (final / "a.html").write_text("a")
    staging = StagedOutput(final).begin(keep_previous=True)
    assert (staging / "a.html").read_text() == "a"


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_incremental_builds_keep_their_staging_and_bring_it_up_to_date(tmp_path):
    final = tmp_path / "site"
    (final / "sub").mkdir(parents=True)
    (final / "a.html").write_text("a1")
    (final / "sub" / "b.html").write_text("b1")
    out = StagedOutput(final)
    staging = out.begin(keep_previous=True)
    (staging / "a.html").write_text("a2")                     # build 1 rewrites a, adds c
    (staging / "c.html").write_text("c2")
    out.commit()
    assert _snapshot(final) == {"a.html": b"a2", "sub/b.html": b"b1", "c.html": b"c2"}
    assert out.staging.is_dir()                               # kept: it holds the output before last
    staging = out.begin(keep_previous=True)                   # build 2 starts from an up-to-date copy
    assert _snapshot(staging) == _snapshot(final)
    (staging / "sub" / "b.html").write_text("b3")
    (staging / "junk.html").write_text("half written")
    out.abort()                                               # failed: the output is untouched
    assert _snapshot(final) == {"a.html": b"a2", "sub/b.html": b"b1", "c.html": b"c2"}
    staging = out.begin(keep_previous=True)                   # build 3: the failed build's files are gone
    assert _snapshot(staging) == _snapshot(final)
    out.abort()
    plain = StagedOutput(final)                               # a plain build does not reuse it
    staging = plain.begin()
    assert list(staging.iterdir()) == [] and not plain.kept.exists()
    plain.abort()
    assert not plain.staging.exists()


def test_sync_copies_only_what_differs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "d" / "e").mkdir(parents=True)
    for i in range(5):
        (a / "d" / f"{i}.txt").write_text(str(i))
    (a / "d" / "e" / "x.txt").write_text("x")
    assert sync(a, b.parent / "b" if b.mkdir() is None else b) == 6
    assert _snapshot(a) == _snapshot(b)
    (a / "d" / "3.txt").write_text("three")
    (b / "d" / "e").rename(b / "d" / "was-e")                  # extra folder in the target
    (b / "d" / "e").write_text("a file where a folder should be")
    assert sync(a, b) == 2                                    # 3.txt, and x.txt in the folder made again
    assert _snapshot(a) == _snapshot(b)
    assert not (b / "d" / "was-e").exists()


def test_not_utf8_is_named_with_its_line(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ok.md").write_text("é\n", encoding="utf-8")
    (tmp_path / "docs" / "bad.md").write_bytes("ligne 1\nligne 2 é\n".encode("latin-1"))
    errors = sourcefiles.utf8_errors([tmp_path / "docs"], tmp_path)
    assert [str(e) for e in errors] == [
        "docs/bad.md:2: not UTF-8 (byte 0xe9 on line 2) → save it as UTF-8 (in most editors: « Enregistrer sous… » "
        "→ encodage UTF-8)"]


@pytest.mark.parametrize("stem,good", [("Mon Concept", "mon-concept"), ("injonction_thérapeutique", "injonction-therapeutique"),
                                       ("CSAPA", "csapa"), ("  ", "nouvel-id")])
def test_file_names_suggest_an_id(stem, good, tmp_path):
    assert sourcefiles.suggest_id(stem) == good
    err = sourcefiles.name_error(Path(f"{stem}.yml"), f"glossary/{stem}.yml", "concept")
    assert err and f"rename it to {good}.yml" in err.fix
    assert sourcefiles.name_error(Path("rechute.yml"), "glossary/rechute.yml", "concept") is None


def test_yaml_tab_is_called_a_tab(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("id: x\nfr:\n\tterm: a\n", encoding="utf-8")
    for loader in (yamlload.load_located, yamlload.load):
        with pytest.raises(yamlload.YamlError) as exc:
            loader(path, "glossary/x.yml")
        assert str(exc.value).startswith("glossary/x.yml:3: a tab character in the YAML")


def test_translation_parity(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    fm = '---\ntitle: T\nsource_pages: "{p}"\n{extra}---\n\n# T\n{body}'
    (docs / "a.md").write_text(fm.format(p="3-4", extra="", body="::: diagram x\n"), encoding="utf-8")
    (docs / "a.en.md").write_text(fm.format(p="3-5", extra="", body=""), encoding="utf-8")
    (docs / "b.md").write_text(fm.format(p="6", extra="", body=""), encoding="utf-8")
    (docs / "c.md").write_text(fm.format(p="7", extra="translation: pending\n", body=""), encoding="utf-8")
    (docs / "d.en.md").write_text(fm.format(p="8", extra="", body=""), encoding="utf-8")
    got = {(e.file, e.problem.split(" (")[0][:40]) for e in translations.parity_errors(docs)}
    assert got == {("docs/a.en.md", "source_pages « 3-5 » differs from the Fr"),
                   ("docs/a.en.md", "the English edition lacks the diagram(s)"),
                   ("docs/b.md", "no English edition"), ("docs/d.en.md", "English page without a French page")}


@pytest.mark.parametrize("text,bad", [
    ("l'article L. du code de la santé publique", "article L. du code de la santé publique"),
    ("art. 132- du code pénal", "art. 132- du code pénal"),
    ("Article R. of the Code of Criminal Procedure", "Article R. of the Code of Criminal Procedure"),
    ("les articles L du CSP", "articles L du CSP"),
])
def test_malformed_citations_are_found(text, bad):
    assert [m[2] for m in find_malformed(text)] == [bad]


@pytest.mark.parametrize("text", ["article L. 3413-1 du code de la santé publique", "l'article 132-45, 3°",
                                  "cet article du code pénal", "Article 64 of the Constitution", "article L.3421-1 CSP"])
def test_well_formed_or_vague_citations_are_not_malformed(text):
    assert find_malformed(text) == []
