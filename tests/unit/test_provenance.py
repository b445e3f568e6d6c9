import pytest

from soins_obliges import provenance as pv


@pytest.mark.parametrize("value, pages", [
    ("36-38", [36, 37, 38]),
    ("30, 62-63", [30, 62, 63]),
    (25, [25]),
    ("52–53", [52, 53]),          # en dash
    (" 3 - 5 ", [3, 4, 5]),
    ("none", None),
    ("None", None),
])
def test_parse_source_pages(value, pages):
    assert pv.parse_source_pages(value) == pages


@pytest.mark.parametrize("value, message", [
    ("38-36", "goes backwards"),
    ("p. 36", "cannot read"),
    ("2", "outside the guide"),
    ("84-86", "outside the guide"),
    (None, "empty"),
    (True, "must be pages"),
    ([36, 37], "must be a string"),
    ("36,,38", "cannot read"),
])
def test_parse_source_pages_errors(value, message):
    with pytest.raises(pv.SourcePagesError, match=message):
        pv.parse_source_pages(value)


def test_compact_ranges():
    assert pv.compact([36, 37, 38, 40, 42, 43]) == "36-38, 40, 42-43"
    assert pv.compact([5], "–") == "5"


def test_source_line_french_and_english():
    fr = pv.source_line_html([36, 37, 38], "fr")
    assert "Source\u00a0:" in fr and "p.\u00a036-38" in fr
    en = pv.source_line_html([36, 37], "en")
    assert "pp.\u00a036–37" in en
    assert pv.source_line_html([25], "en").count("p.\u00a025") == 1
    assert pv.source_line_html(None, "fr") == ""


def test_missing_source_pages_is_an_error_with_a_fix():
    pages, errors = pv.check_page_meta({"title": "x"}, {"title": 2}, "docs/x.md")
    assert pages is None and len(errors) == 1
    msg = str(errors[0])
    assert msg.startswith("docs/x.md:1: no `source_pages`") and "source_pages: none" in msg


def test_bad_source_pages_points_at_its_line():
    _, errors = pv.check_page_meta({"source_pages": "abc"}, {"source_pages": 3}, "docs/x.md")
    assert str(errors[0]).startswith("docs/x.md:3: cannot read 'abc'")


def test_front_matter_lines():
    meta, lines = pv.front_matter("---\ntitle: T\nsource_pages: \"36\"\n---\n# T\n")
    assert meta == {"title": "T", "source_pages": "36"}
    assert lines == {"title": 2, "source_pages": 3}
    assert pv.front_matter("# no front matter\n") == ({}, {})


def test_scan_and_concordance(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p1.md").write_text('---\ntitle: Un\nsource_pages: "3-4"\n---\n')
    (tmp_path / "a" / "p1.en.md").write_text('---\ntitle: One\nsource_pages: "3-4"\n---\n')
    (tmp_path / "p2.md").write_text('---\nsource_pages: "4, 6"\n---\n# Deux\n')
    (tmp_path / "bad.md").write_text('---\ntitle: [unclosed\n---\n')
    found, errors = pv.scan_docs(tmp_path)
    assert [p.src_uri for p in found] == ["a/p1.md", "p2.md"]
    assert found[1].title == "Deux"
    assert len(errors) == 1 and "bad.md" in str(errors[0]) and "not valid YAML" in str(errors[0])
    table = pv.concordance(found)
    assert [p.src_uri for p in table[4]] == ["a/p1.md", "p2.md"]
    assert 5 in pv.uncovered(table) and 3 not in pv.uncovered(table)
