"""The report of the sample outputs, read as files: pages, links, escaping, agreement with tables/, bad input."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html
from report_sample import ARTICLES, MEMO_NAMES, records, write_outputs

from pipeline.cli import main
from pipeline.report import build_report
from pipeline.report.model import article_href, safe_name
from pipeline.stages.provisions.tables import write_tables

ROOT = Path(__file__).resolve().parents[2]


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


KIND_OF = {"provisions": "p", "quotes": "q", "entities": "e", "dates": "d"}


def pages_of(report: Path) -> list[Path]:
    return sorted(report.rglob("*.html"))


def links(page: Path) -> list[tuple[Path, str]]:
    """(target file, fragment) of every link on the page to another page of the report."""
    out = []
    for el in parse(page).iter("a"):
        href = el.get("href")
        assert href is not None, f"{page}: a link without href"
        parts = urlsplit(href)
        if parts.scheme:  # an article's own web address
            assert parts.scheme in ("http", "https"), (page, href)
            continue
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
        out.append((target, unquote(parts.fragment)))
    return out


def test_every_page_is_there(report):
    names = {p.relative_to(report).as_posix() for p in pages_of(report)}
    for name in (
        "index.html",
        "articles.html",
        "articles-2.html",
        "provisions.html",
        "comparisons.html",
        "speakers.html",
        "entities.html",
        "dates.html",
        "timeline.html",
        "problems.html",
    ):
        assert name in names, name
    assert {n for n in names if n.startswith("articles/")} == {article_href(d) for d in ARTICLES}
    assert len([n for n in names if n.startswith("memoranda/")]) == 4  # three with provisions, one named only
    assert len([n for n in names if n.startswith("compare/")]) == 1
    assert (report / "assets" / "report.js").is_file() and (report / "assets" / "report.css").is_file()


def test_file_names_stay_inside_the_report(report):
    for page in pages_of(report):
        assert report.resolve() in page.resolve().parents
        assert all(c.isalnum() or c in "._-" for c in page.name), page.name


def test_index_lists_the_memoranda_with_links_to_their_tables(report):
    doc = parse(report / "index.html")
    rows = doc.get_element_by_id("memo-table").findall("tbody/tr")
    assert sorted(r.findall("td")[0].text_content() for r in rows) == sorted(MEMO_NAMES.values())
    northland = next(r for r in rows if r.findall("td")[0].text_content() == "Northland plan")
    cells = [td.text_content() for td in northland.findall("td")]
    assert cells == ["Northland plan", "plan", "Northland", "2030-04-08", "proposed", "2", "2"]
    assert [t.text_content() for t in doc.get_element_by_id("named-table").findall("tbody/tr/td[1]")] == ["Talks"]


def test_what_a_revision_did_shows_on_the_memorandum_page_and_in_the_comparison(report):
    """A clause that a counter-proposal changed says so in a Change column (only where a row has one) and
    in the side-by-side comparison; the Northland plan, with no revision, has no such column."""
    pages = {p.name: parse(p) for p in (report / "memoranda").glob("*.html")}
    south = next(d for d in pages.values() if "Southland proposal" in d.findtext(".//h1"))
    heads = [th.text_content() for th in south.get_element_by_id("provision-table").findall("thead/tr/th")]
    assert "Change" in heads
    cells = [td.text_content() for td in south.get_element_by_id("provision-table").findall("tbody/tr/td")]
    assert "changed in northland-plan-2030" in cells
    north = next(d for d in pages.values() if "Northland plan" in d.findtext(".//h1"))
    assert "Change" not in [
        th.text_content() for th in north.get_element_by_id("provision-table").findall("thead/tr/th")
    ]
    comparisons = [parse(p) for p in (report / "compare").glob("*.html")]
    marks = [s.text_content() for d in comparisons for s in d.find_class("change")]
    assert marks == ["(changed)"]


def test_every_link_resolves_to_a_page_and_every_fragment_to_an_element(report):
    assert_links_resolve(report)


def assert_links_resolve(report: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for page in pages_of(report):
        for target, frag in links(page):
            assert target.is_file(), f"{page.relative_to(report)} links to missing {target}"
            if frag:
                if target not in ids:
                    ids[target] = {el.get("id") for el in parse(target).iter() if el.get("id")}
                assert frag in ids[target], f"{page.relative_to(report)}: no #{frag} in {target.name}"


def _reached_in_three_clicks(report: Path) -> set[tuple[Path, str]]:
    """Every (page, fragment) a link on a page at most two clicks from the index points at."""
    seen = {(report / "index.html").resolve()}
    frontier, reached = list(seen), set()
    for _click in range(3):
        nxt = []
        for page in frontier:
            for target, frag in links(page):
                reached.add((target, frag))
                if target not in seen and target.suffix == ".html":
                    seen.add(target)
                    nxt.append(target)
        frontier = nxt
    return reached


def test_every_provision_quote_and_entity_is_three_clicks_from_the_index(report):
    reached = _reached_in_three_clicks(report)
    recs = records()
    for kind, k in KIND_OF.items():
        for rec in recs[kind]:
            page = (report / article_href(rec["doc_id"])).resolve()
            el = [
                e
                for e in parse(page).iter("span")
                if (e.get("data-k"), e.get("data-s"), e.get("data-e")) == (k, str(rec["start"]), str(rec["end"]))
                and e.get("id")
            ]
            assert len(el) == 1, (kind, rec["text"])
            assert (page, el[0].get("id")) in reached, f"{kind} {rec['text']!r} is more than three clicks away"


def test_every_highlighted_span_is_a_record_and_its_text_is_the_records(report):
    recs = records()
    for doc_id, body in ARTICLES.items():
        doc = parse(report / article_href(doc_id))
        pieces: dict[tuple[str, str], list] = {}
        for el in doc.get_element_by_id("body").iter("span"):
            pieces.setdefault((el.get("data-k"), el.get("data-i")), []).append(el)
        assert doc.get_element_by_id("body").text_content() == body
        shown = []
        for (k, _), els in pieces.items():
            s, e = int(els[0].get("data-s")), int(els[0].get("data-e"))
            assert "".join(x.text_content() for x in els) == body[s:e]
            shown.append((k, s, e))
        wanted = [
            (k, r["start"], r["end"])
            for kind, k in {**KIND_OF, "memoranda": "m"}.items()
            for r in recs[kind]
            if r["doc_id"] == doc_id
        ]
        wanted += [("b", s, e) for d in recs["documents"] if d["doc_id"] == doc_id for s, e in d["boilerplate"]]
        assert sorted(shown) == sorted(wanted)


def test_a_provision_reported_twice_is_one_row_with_both_sources(report):
    doc = parse(report / "memoranda" / "northland-plan-2030.html")
    rows = doc.get_element_by_id("provision-table").findall("tbody/tr")
    assert [r.find("td[@class='provision']").text_content() for r in rows] == [
        "a ceasefire along the river",
        "the release of all detainees",
    ]
    sources = rows[0].findall(".//ol[@class='sources']/li/a")
    assert [a.text_content() for a in sources] == ["Envoys trade draft plans in Geneva", "Northland repeats its offer"]
    for a in sources:
        path, frag = a.get("href").split("#")
        el = parse(report / "memoranda" / path).get_element_by_id(frag)
        assert el.text_content() == "a ceasefire along the river"


def test_hostile_text_is_escaped_everywhere(report):
    hostile = (report / article_href('evil"<x>/../a b')).read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned = 3&lt;/script&gt;" in hostile
    assert "javascript:" not in hostile.replace(">javascript:", "")  # shown as text, never as a link
    for page in pages_of(report):
        doc = parse(page)
        scripts = [s.get("src") for s in doc.iter("script")]
        assert scripts == ["../" * page.relative_to(report).as_posix().count("/") + "assets/report.js"], page
        for el in doc.iter():
            bad = [a for a in el.attrib if a.lower().startswith("on")]
            assert not bad, (page, el.tag, bad)
            assert not (el.get("href") or "").lower().startswith("javascript"), page
            assert el.get("style") is None, (page, el.tag)  # the Content-Security-Policy allows no inline style
    assert "<img" not in (report / "articles.html").read_text(encoding="utf-8")


def test_every_count_is_a_link_to_what_it_counts(report):
    for page in pages_of(report):
        for el in parse(page).find_class("count"):
            if "zero" in el.get("class"):
                assert el.text_content() == "0"
            else:
                assert el.tag == "a" and el.get("href"), (page, el.text_content())
    index = parse(report / "index.html")
    counts = {
        a.getnext().text_content().split()[0] if a.getnext() is not None else "": a.text_content()
        for a in index.find_class("count")
    }
    assert counts["articles"] == "4" and counts["comparisons"] == "1"


def test_report_agrees_with_the_provision_tables(report, tmp_path):
    """The comparison page shows what tables/comparisons.csv lists, cell for cell."""
    recs = records()
    write_tables(tmp_path, {"memoranda": recs["memoranda"], "provisions": recs["provisions"]})
    with open(tmp_path / "tables" / "comparisons.csv", encoding="utf-8") as fh:
        want = sorted((r["group"], r["memorandum_id"], r["provision"]) for r in csv.DictReader(fh))
    mid_of = {f"../memoranda/{safe_name(m['memorandum_id'])}.html": m["memorandum_id"] for m in recs["memoranda"]}
    comp = parse(next((report / "compare").glob("*.html")))
    heads = [mid_of[a.get("href")] for a in comp.findall(".//thead//a")]
    got = []
    for tr in comp.findall(".//tbody/tr"):
        for mid, td in zip(heads, tr.findall("td")):
            for li in td.findall(".//li"):
                label = [x.text_content() + " " for x in li.find_class("item")]
                cell = "".join(label) + li.find("a").text_content() + f" [{li.find_class('cat')[0].text_content()}]"
                got.append((tr.find("th").text_content(), mid, cell))
    assert sorted(got) == want and want


def test_a_run_of_some_stages_only_builds(tmp_path):
    out = write_outputs(tmp_path / "out", skip=("quotes", "memoranda", "provisions", "entities"))
    summary = build_report(out)
    assert summary.pages > 5 and not summary.problems
    speakers = (out / "report" / "speakers.html").read_text(encoding="utf-8")
    assert "no quotes.jsonl" in speakers
    assert "no provisions.jsonl" in (out / "report" / "index.html").read_text(encoding="utf-8")


def test_bad_records_are_left_out_and_reported(tmp_path):
    out = write_outputs(tmp_path / "out")
    with open(out / "entities.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"doc_id": "wire-repeat", "start": "3", "end": 9}) + "\n")
        fh.write(json.dumps({"doc_id": "nowhere", "start": 0, "end": 3, "text": "abc"}) + "\n")
        fh.write(json.dumps({"doc_id": "wire-repeat", "start": 0, "end": 9999, "text": "x", "label": "ORG"}) + "\n")
        fh.write(
            json.dumps({"doc_id": "wire-repeat", "start": 0, "end": 9, "text": "Southland", "label": "GPE"}) + "\n"
        )
    summary = build_report(out)
    text = "\n".join(summary.problems)
    assert "entities.jsonl:15: not valid JSON" in text
    assert "entities.jsonl:16: start/end are not integers" in text
    assert "'nowhere', which is not in documents.jsonl" in text
    assert "outside the body" in text and "is not the body's 'Northland'" in text
    article = (out / "report" / article_href("wire-repeat")).read_text(encoding="utf-8")
    assert "outside the body" in article
    assert "which is not in documents.jsonl" in (out / "report" / "problems.html").read_text(encoding="utf-8")
    assert_links_resolve(out / "report")  # no link to the span that could not be shown


def test_a_new_report_replaces_the_old_one_whole(tmp_path, monkeypatch):
    out = write_outputs(tmp_path / "out")
    build_report(out)
    (out / "report" / "stale.html").write_text("old")
    build_report(out)
    assert not (out / "report" / "stale.html").exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    (out / "report" / "stale.html").write_text("old")

    from pipeline.report import build

    calls = {"n": 0}
    page = build.Writer.page

    def failing(self, *a, **kw):
        calls["n"] += 1
        if calls["n"] > 5:
            raise RuntimeError("disk full")
        return page(self, *a, **kw)

    monkeypatch.setattr(build.Writer, "page", failing)
    with pytest.raises(RuntimeError):
        build_report(out)
    assert (out / "report" / "stale.html").read_text() == "old"  # the old report is intact
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_cli_report_and_its_exit_status(tmp_path, capsys):
    out = write_outputs(tmp_path / "out")
    assert main(["report", str(out), "--out", str(tmp_path / "site"), "--title", "Desk <review>"]) == 0
    assert "Desk &lt;review&gt;" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "pages" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing")]) == 2
    assert "holds no documents.jsonl" in capsys.readouterr().err


def test_the_report_imports_no_spacy(sample_outputs, tmp_path):
    code = (
        "import sys; from pipeline.cli import main; "
        f"rc = main(['report', {str(sample_outputs)!r}, '--out', {str(tmp_path / 'r')!r}]); "
        "assert rc == 0; assert 'spacy' not in sys.modules, 'spacy imported'; print('ok')"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0 and "ok" in res.stdout, res.stderr


def test_extract_report_builds_the_report_of_the_run(tmp_path):
    out = tmp_path / "out"
    rc = main(["extract", str(ROOT / "corpus"), "--outputs", str(out), "--quiet", "--n-process", "1", "--report"])
    assert rc == 0
    index = parse(out / "report" / "index.html")
    assert index.get_element_by_id("memo-table").findall("tbody/tr")
    assert len(list((out / "report" / "articles").glob("*.html"))) == len(
        (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    )


def test_pages_read_without_the_script(report):
    """Filters and toggles are hidden until the script shows them; tables are plain tables with header cells."""
    for name in ("index.html", "articles.html", article_href("wire-repeat")):
        doc = parse(report / name)
        assert all(p.get("hidden") is not None for p in doc.find_class("filter")), name
        assert all(box.get("hidden") is not None for box in doc.iter("input") if box.get("data-toggle")), name
        assert not doc.find_class("sort"), name  # sort buttons are the script's
        for table in doc.iter("table"):
            assert table.find("thead/tr/th") is not None and table.find("thead/tr/th").get("scope") == "col", name
