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
