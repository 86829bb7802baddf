"""Provision tables: merging across articles, one table per memorandum, comparisons, index."""

from __future__ import annotations

import csv

from pipeline.stages.provisions.tables import merge_memoranda, merge_provisions, negotiations, write_tables


def memo(doc, mid, party, kind="memorandum", date="2025-06-02", name=None):
    return {
        "doc_id": doc,
        "start": 0,
        "end": 10,
        "text": "x",
        "memorandum_id": mid,
        "name": name or f"{party} memorandum",
        "kind": kind,
        "party": party,
        "date": date,
        "status": "proposed",
    }


def prov(doc, mid, pid, text, cat, start, party, item=None, status="proposed"):
    return {
        "doc_id": doc,
        "start": start,
        "end": start + len(text),
        "text": text,
        "provision_id": pid,
        "memorandum_id": mid,
        "party": party,
        "section": None,
        "item": item,
        "category": cat,
        "actor": None,
        "modality": "demand",
        "conditions": None,
        "deadline": None,
        "status": status,
        "sentence": 0,
    }


def sample():
    memos = [
        memo("a", "ukraine-memorandum-2025-06-02", "Ukraine"),
        memo("a", "russia-memorandum-2025-06-02", "Russia"),
        memo("b", "ukraine-memorandum-2025-06-02", "Ukraine"),
    ]
    provs = [
        prov("a", "ukraine-memorandum-2025-06-02", "u1", "a full ceasefire", "CEASEFIRE", 5, "Ukraine", "1"),
        prov("b", "ukraine-memorandum-2025-06-02", "u1", "a full  ceasefire", "CEASEFIRE", 50, "Ukraine", "1"),
        prov(
            "a", "ukraine-memorandum-2025-06-02", "u2", "the return of children | all", "CHILDREN", 30, "Ukraine", "2"
        ),
        prov(
            "a",
            "russia-memorandum-2025-06-02",
            "r1",
            "recognition of annexed regions",
            "TERRITORY_SOVEREIGNTY",
            80,
            "Russia",
        ),
        prov("a", "russia-memorandum-2025-06-02", "r2", "a 30-day truce", "CEASEFIRE", 120, "Russia"),
    ]
    return memos, provs


def test_merge_keeps_all_sources():
    memos, provs = sample()
    merged = merge_provisions(provs)
    assert len(merged) == 4
    assert [s["doc_id"] for s in merged["u1"]["sources"]] == ["a", "b"]
    mm = merge_memoranda(memos)
    assert len(mm) == 2 and len(mm["ukraine-memorandum-2025-06-02"]["sources"]) == 2


def test_negotiation_groups_counter_proposals():
    memos, provs = sample()
    groups = negotiations(merge_memoranda(memos), merge_provisions(provs))
    assert groups == [["russia-memorandum-2025-06-02", "ukraine-memorandum-2025-06-02"]]
    far = [memo("a", "x-plan", "Ukraine", date="2023-01-01"), memo("a", "y-plan", "Russia", date="2025-01-01")]
    fp = [
        prov("a", "x-plan", "x1", "a truce", "CEASEFIRE", 0, "Ukraine"),
        prov("a", "y-plan", "y1", "a truce", "CEASEFIRE", 9, "Russia"),
    ]
    assert negotiations(merge_memoranda(far), merge_provisions(fp)) == []


def test_write_tables(tmp_path):
    memos, provs = sample()
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "stale-memo.md").write_text("old")
    names = write_tables(tmp_path, {"memoranda": memos, "provisions": provs})
    t = tmp_path / "tables"
    assert (t / "stale-memo.md").read_text() == "old"  # not ours to delete: the run removes what it wrote before
    assert "stale-memo.md" not in names and "index.md" in names
    rows = list(csv.DictReader(open(t / "ukraine-memorandum-2025-06-02.csv", encoding="utf-8")))
    assert rows[0]["provision"] == "a full ceasefire" and rows[0]["sources"] == "a:5-21; b:50-67"
    md = (t / "ukraine-memorandum-2025-06-02.md").read_text()
    assert "\\|" in md  # a pipe inside a cell is escaped
    comp = (t / "compare_russia-ukraine-2025-06-02.md").read_text()
    assert "| ceasefire |" in comp and "a 30-day truce" in comp and "| territory |" in comp
    index = (t / "index.md").read_text()
    assert "russia-memorandum-2025-06-02.md" in index and "compare_russia-ukraine-2025-06-02.md" in index
    assert (t / "provisions.csv").exists() and (t / "comparisons.csv").exists()


def test_write_tables_empty(tmp_path):
    write_tables(tmp_path, {"memoranda": [], "provisions": []})
    assert "0 memoranda" in (tmp_path / "tables" / "index.md").read_text()


def test_index_lists_documents_named_without_provisions(tmp_path):
    memos, provs = sample()
    memos.append(
        {
            **memo("c", "russia-proposal-2026", "Russia", kind="proposal", date=None, name="economic proposal"),
            "n_provisions": 0,
        }
    )
    write_tables(tmp_path, {"memoranda": memos, "provisions": provs})
    index = (tmp_path / "tables" / "index.md").read_text()
    assert "## Named without provisions" in index
    assert "economic proposal (`russia-proposal-2026`)" in index
    assert not (tmp_path / "tables" / "russia-proposal-2026.md").exists()  # no table without rows


def test_a_clause_a_revision_took_out_shows_in_the_tables(tmp_path):
    memos = [
        memo("a", "united-states-28-point-plan", "United States", kind="plan", date=None, name="28-point plan"),
        {
            **memo("a", "ukraine-plan-2025", "Ukraine", kind="plan", date=None, name="counter-proposal"),
            "revises": "united-states-28-point-plan",
        },
    ]
    provs = [
        prov(
            "a",
            "united-states-28-point-plan",
            "p1",
            "a cap on the army",
            "DEMOBILIZATION_FORCE_LIMITS",
            5,
            "United States",
        ),
        {
            **prov(
                "a",
                "ukraine-plan-2025",
                "p2",
                "the clause on frozen assets",
                "SANCTIONS_ASSETS",
                40,
                "Ukraine",
                status="rejected",
            ),
            "change": "removed",
            "revises": "united-states-28-point-plan",
        },
        prov("a", "ukraine-plan-2025", "p3", "a ceasefire along the line", "CEASEFIRE", 80, "Ukraine"),
    ]
    write_tables(tmp_path, {"memoranda": memos, "provisions": provs})
    table = (tmp_path / "tables" / "ukraine-plan-2025.md").read_text(encoding="utf-8")
    assert "| change |" in table and "removed from united-states-28-point-plan" in table
    assert "- revises: `united-states-28-point-plan`" in table
    assert "| change |" not in (tmp_path / "tables" / "united-states-28-point-plan.md").read_text(encoding="utf-8")
    compare = next((tmp_path / "tables").glob("compare_*.md")).read_text(encoding="utf-8")
    assert "the clause on frozen assets [SANCTIONS_ASSETS] (removed)" in compare
    with open(tmp_path / "tables" / "comparisons.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["provision"], r["change"]) for r in rows if "frozen" in r["provision"]} == {
        ("the clause on frozen assets [SANCTIONS_ASSETS]", "removed")
    }


def test_a_numbered_document_without_a_party_joins_the_one_of_that_number_in_the_corpus(tmp_path):
    memos = [
        memo("a", "china-12-point-plan", "China", kind="plan", date=None, name="12-point plan"),
        memo("b", "unknown-12-point-plan", None, kind="plan", date=None, name="12-point peace plan"),
        memo("c", "unknown-20-point-plan", None, kind="plan", date=None, name="20-point plan"),
    ]
    provs = [
        prov("a", "china-12-point-plan", "c1", "a ceasefire", "CEASEFIRE", 5, "China"),
        prov("b", "unknown-12-point-plan", "c2", "the resumption of talks", "NEGOTIATION_PROCESS", 5, None),
        prov("c", "unknown-20-point-plan", "c3", "a ceasefire", "CEASEFIRE", 5, None),
    ]
    write_tables(tmp_path, {"memoranda": memos, "provisions": provs})
    names = {p.name for p in (tmp_path / "tables").iterdir()}
    assert "china-12-point-plan.md" in names and "unknown-12-point-plan.md" not in names
    assert "unknown-20-point-plan.md" in names  # no owner of that number: left as it is
    china = (tmp_path / "tables" / "china-12-point-plan.md").read_text(encoding="utf-8")
    assert "the resumption of talks" in china and "12-point peace plan" in china


def test_a_partys_plan_of_a_year_joins_its_one_numbered_plan_of_that_year(tmp_path):
    memos = [
        memo("a", "china-12-point-plan", "China", kind="plan", date="2023-02-24", name="12-point plan"),
        memo("b", "china-plan-2023", "China", kind="proposal", date=None, name="China's proposal"),
        memo("c", "united-states-28-point-plan", "United States", kind="plan", date="2025-11-20"),
        memo("c", "united-states-20-point-plan", "United States", kind="plan", date="2025-12-01"),
        memo("d", "united-states-plan-2025", "United States", kind="proposal", date=None),
    ]
    provs = [
        prov("b", "china-plan-2023", "c1", "a ceasefire", "CEASEFIRE", 5, "China"),
        prov("d", "united-states-plan-2025", "u1", "a ceasefire", "CEASEFIRE", 5, "United States"),
    ]
    write_tables(tmp_path, {"memoranda": memos, "provisions": provs})
    names = {p.name for p in (tmp_path / "tables").iterdir()}
    assert "china-12-point-plan.md" in names and "china-plan-2023.md" not in names
    assert "united-states-plan-2025.md" in names  # two numbered US plans that year: which one is not known
