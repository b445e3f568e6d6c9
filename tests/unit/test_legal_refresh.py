"""The maintainer script (soins_obliges.legal.refresh), offline: the Légifrance API is replayed from recorded
responses in tests/fixtures/legal/api/ by a fake transport, the LEGI dump is a small tree in the real layout.
Nothing here opens a network connection (the transport refuses any URL it has no fixture for)."""
import json
import shutil
import tarfile
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from soins_obliges.legal import refresh
from soins_obliges.legal.registry import ARTICLES_FILE, INDEX_DIR, load_index

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "legal"
ENV = {"LEGIFRANCE_CLIENT_ID": "id-from-env", "LEGIFRANCE_CLIENT_SECRET": "secret-from-env"}


class Replay:
    """A transport that answers from the fixtures and records every request."""

    def __init__(self):
        self.calls = []

    def __call__(self, url, data, headers):
        self.calls.append((url, data, headers))
        if url == refresh.OAUTH_URL:
            return (FIX / "api" / "token.json").read_bytes()
        assert headers.get("Authorization") == "Bearer fixture-access-token"
        body = json.loads(data)
        if url.endswith("/consult/code/tableMatieres"):
            path = FIX / "api" / f"tableMatieres-{body['textId']}.json"
        elif url.endswith("/consult/getArticle"):
            path = FIX / "api" / f"getArticle-{body['id']}.json"
        else:
            raise AssertionError(f"unexpected URL {url}")
        if not path.exists():
            raise OSError(f"no recorded response for {url} {body}")
        return path.read_bytes()


def test_oauth_client_credentials_from_the_environment():
    t = Replay()
    api = refresh.Api.from_env(ENV, t)
    assert api.token() == "fixture-access-token"
    url, data, headers = t.calls[0]
    form = parse_qs(data.decode())
    assert url == "https://oauth.piste.gouv.fr/api/oauth/token"
    assert form == {"grant_type": ["client_credentials"], "client_id": ["id-from-env"],
                    "client_secret": ["secret-from-env"], "scope": ["openid"]}
    api.token()
    assert len(t.calls) == 1            # the token is reused


def test_missing_credentials_stop_with_a_message():
    with pytest.raises(SystemExit) as exc:
        refresh.Api.from_env({}, Replay())
    assert "LEGIFRANCE_CLIENT_ID" in str(exc.value)


def test_table_of_contents_gives_in_force_articles_and_section_paths():
    toc = json.loads((FIX / "api" / "tableMatieres-LEGITEXT000006070719.json").read_text())
    arts = {a.num: a for a in refresh.articles_from_toc(toc)}
    assert "132-54" not in arts and "R131-46" not in arts          # ABROGE
    assert arts["222-39"].cid == "LEGIARTI000006417729"
    assert arts["222-39"].section_path == load_index()["CP"]["222-39"].replace("section-4", "section-7")
    assert arts["R131-35"].section_path == "partie-reglementaire-decrets-en-conseil-detat/livre-ier-dispositions-generales"


def test_recorded_article_response_verifies_an_id():
    api = refresh.Api.from_env(ENV, Replay())
    art = api.article("LEGIARTI000006417729")
    assert art["num"] == "222-39" and art["etat"] == "VIGUEUR" and art["cid"] == "LEGIARTI000006417729"


def test_api_refresh_writes_the_index_and_reports(tmp_path, capsys):
    out = tmp_path / "index"
    rc = refresh.main(["--api", "--codes", "CP", "--date", "2026-01-15", "--out", str(out)], transport=Replay(), env=ENV)
    text = capsys.readouterr().out
    tsv = (out / "code-penal.tsv").read_text().splitlines()
    assert tsv[0] == "num\tsection_path" and len(tsv) == 1 + 6
    assert json.loads((out / "index.json").read_text())["date"] == "2026-01-15"
    # the fixture's code pénal lacks most cited articles: each becomes a line to review, and the run fails
    assert "CP: 6 articles in force (+0 added, 1297 removed)" in text
    assert "REVIEW" in text and "226-14" in text and rc == 1
    # ids: the verified one is checked against the recorded response; the others have none recorded here
    assert "ID CP 222-39: LEGIARTI000006417729 verified (article 222-39, in force)" in text
    assert "ID CP 132-42: LEGIARTI000006417436 could not be checked" in text
    # the package's own index is untouched
    assert len(load_index(INDEX_DIR)["CP"]) == 1303


def test_dry_run_writes_nothing(tmp_path):
    out = tmp_path / "index"
    refresh.main(["--api", "--codes", "CP", "--dry-run", "--out", str(out)], transport=Replay(), env=ENV)
    assert not out.exists()


@pytest.mark.parametrize("as_tar", [False, True])
def test_dump_in_force_on_a_date(tmp_path, as_tar):
    src = FIX / "dump"
    if as_tar:
        tar = tmp_path / "Freemium_legi_global_test.tar.gz"
        with tarfile.open(tar, "w:gz") as t:
            t.add(src / "legi", arcname="legi")
        src = tar
    lt = {"CP": "LEGITEXT000006070719", "CPP": "LEGITEXT000006071154"}
    now = refresh.articles_from_dump(src, lt, "2023-12-06")
    assert sorted(a.num for a in now["CP"]) == ["132-45", "222-39"] and now["CPP"] == []
    then = refresh.articles_from_dump(src, lt, "2019-06-01")
    assert sorted(a.num for a in then["CP"]) == ["132-45", "222-39", "R131-46"]
    assert [a.num for a in then["CPP"]] == ["D581"]
    v = {a.num: a for a in then["CP"]}["132-45"]
    assert v.id == "LEGIARTI000000000204"          # the version in force in 2019, not today's
    assert {a.num: a for a in now["CP"]}["222-39"].section_path.endswith("section-7-du-trafic-de-stupefiants")


def test_dump_refresh_end_to_end(tmp_path, capsys):
    out = tmp_path / "index"
    rc = refresh.main(["--dump", str(FIX / "dump"), "--codes", "CP,CPP", "--date", "2023-12-06", "--out", str(out)])
    assert (out / "code-penal.tsv").read_text().splitlines()[1:] == [
        "132-45\tpartie-legislative/livre-ier-dispositions-generales/titre-iii-des-peines/chapitre-ii-du-regime-des-peines",
        "222-39\tpartie-legislative/livre-ii-des-crimes-et-delits-contre-les-personnes/titre-ii-des-atteintes-a-la-"
        "personne-humaine/chapitre-ii-des-atteintes-a-lintegrite-physique-ou-psychique-de-la-personne/"
        "section-7-du-trafic-de-stupefiants"]
    assert not (out / "code-de-procedure-penale.tsv").exists()      # nothing found: left unchanged
    assert rc == 1 and "REVIEW" in capsys.readouterr().out


def test_check_against_the_current_index_is_clean(capsys):
    assert refresh.main(["--check"]) == 0
    assert "CP: 1303 articles in force" in capsys.readouterr().out


def test_number_and_slug_normalisation():
    assert refresh.normalise_index_num("L. 3421-1") == "L3421-1"
    assert refresh.normalise_index_num("R*131-1") == "R131-1"
    assert refresh.slug("Chapitre II : Des atteintes à l'intégrité physique") == "chapitre-ii-des-atteintes-a-lintegrite-physique"
