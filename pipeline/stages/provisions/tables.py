"""Provision tables: one CSV and one Markdown table per memorandum, an index, and comparisons.

The runner calls :func:`write_tables` with the records of every article. A memorandum reported by
several articles has one id (party + kind + date, or name), so its records are merged here: one row
per provision id, each row keeping every article and offset it was read from. Memoranda of
different parties put on the table in the same negotiation (see :func:`negotiations`) get a
side-by-side comparison by category group (ceasefire, territory, security, humanitarian,
political, economic).

Files under ``OUTPUTS/tables/``:

- ``index.md`` -- every memorandum with its party, date, status, provisions and articles, then the
  documents named without provisions (``n_provisions`` 0 in ``memoranda.jsonl``);
- ``<memorandum_id>.md`` / ``.csv`` -- its provisions (section, item, provision, category, actor,
  conditions, deadline, status, sources);
- ``compare_<negotiation>.md`` / ``.csv`` -- the comparison tables;
- ``provisions.csv`` -- all merged rows of all memoranda (for spreadsheets and pandas);
- ``comparisons.csv`` -- the comparisons in long form (negotiation, group, memorandum, provision).
"""

from __future__ import annotations

import csv
import io
import re
from collections import OrderedDict, defaultdict
from datetime import date as Date
from pathlib import Path
from typing import Any, Callable, Iterable

from ...core.files import atomic_write_text
from ...core.names import slug
from .rules import rule_data, split_party

COLUMNS = [
    "section",
    "item",
    "provision",
    "category",
    "actor",
    "conditions",
    "deadline",
    "status",
    "change",
    "sources",
]
YEARLY_PLAN = re.compile(r"^(.+)-plan-(\d{4})$")  # party, year: ids v2 of an undated plan, proposal or draft
NUMBERED_PLAN = re.compile(r"^(.+)-\d{1,3}-point-plan$")
CHANGES = ("removed", "changed", "added")  # what a revision does to a clause (ProvisionRecord.change)
GROUP_ORDER = ["ceasefire", "territory", "security", "humanitarian", "political", "economic"]
NEGOTIATION_WINDOW_DAYS = 14


# ---------------------------------------------------------------- merging


def merge_memoranda(memoranda: Iterable[dict[str, Any]]) -> "OrderedDict[str, dict[str, Any]]":
    """One entry per memorandum id; names, dates and sources gathered from every article."""
    merged: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for m in sorted(memoranda, key=lambda r: (str(r.get("date") or "9999"), str(r["doc_id"]), r.get("start", 0))):
        mid = m["memorandum_id"]
        cur = merged.setdefault(
            mid,
            {
                "memorandum_id": mid,
                "name": m.get("name"),
                "kind": m.get("kind"),
                "party": m.get("party"),
                "date": m.get("date"),
                "status": m.get("status"),
                "sources": [],
                "names": [],
                "revises": m.get("revises"),
            },
        )
        cur["sources"].append({"doc_id": m["doc_id"], "start": m.get("start"), "end": m.get("end")})
        for name in [m.get("name")] + list(m.get("aliases") or []):
            if name and name not in cur["names"]:
                cur["names"].append(name)
        for key in ("party", "date", "status", "revises"):
            if not cur.get(key) and m.get(key):
                cur[key] = m[key]
    return merged


def unified_ids(memoranda: list[dict[str, Any]], provisions: list[dict[str, Any]]) -> dict[str, str]:
    """Ids of one document across the corpus: a numbered document whose party no article gave
    (``unknown-12-point-plan``) is the one numbered document of that number and family a party has
    (``china-12-point-plan``), and a party's plan of a year without a number (``china-plan-2023``) is that
    party's one numbered plan presented that year, when there is exactly one. The records keep the id their
    article gave."""
    ids = {r["memorandum_id"] for r in memoranda + provisions if r.get("memorandum_id")}
    years: dict[str, set[str]] = defaultdict(set)  # the years a document was presented in, by id
    for m in memoranda:
        if m.get("date"):
            years[m["memorandum_id"]].add(str(m["date"])[:4])
    out = {}
    for mid in ids:
        if mid.startswith("unknown-") and "-point-" in mid:
            tail = mid[len("unknown-") :]
            owners = [x for x in ids if x != mid and x.endswith("-" + tail) and not x.startswith("unknown-")]
        else:  # "china-plan-2023": the party's one numbered plan presented that year ("china-12-point-plan")
            m = YEARLY_PLAN.match(mid)
            if not m or m.group(1) == "unknown":
                continue
            party, year = m.group(1), m.group(2)
            owners = [x for x in ids if NUMBERED_PLAN.match(x) and x.startswith(party + "-") and year in years[x]]
            owners = [x for x in owners if NUMBERED_PLAN.match(x).group(1) == party]  # type: ignore[union-attr]
        if len(owners) == 1:
            out[mid] = owners[0]
    return out


def with_ids(records: list[dict[str, Any]], ids: dict[str, str], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    if not ids:
        return records
    return [{**r, **{k: ids.get(r.get(k), r.get(k)) for k in keys if r.get(k)}} for r in records]


def merge_provisions(provisions: Iterable[dict[str, Any]]) -> "OrderedDict[str, dict[str, Any]]":
    """One row per provision id (same memorandum, same place, same normalised text); all sources kept."""
    merged: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for p in provisions:
        pid = p["provision_id"]
        src = {"doc_id": p["doc_id"], "start": p["start"], "end": p["end"], "sentence": p.get("sentence")}
        if pid in merged:
            merged[pid]["sources"].append(src)
            for key in ("actor", "conditions", "deadline", "section", "item", "change", "revises"):
                if not merged[pid].get(key) and p.get(key):
                    merged[pid][key] = p[key]
            continue
        merged[pid] = {
            **{
                k: p.get(k)
                for k in (
                    "provision_id",
                    "memorandum_id",
                    "party",
                    "section",
                    "item",
                    "category",
                    "actor",
                    "modality",
                    "conditions",
                    "deadline",
                    "status",
                    "change",
                    "revises",
                )
            },
            "provision": " ".join(str(p.get("text", "")).split()),
            "sources": [src],
        }
    return merged


# ---------------------------------------------------------------- formatting


def _sources_text(sources: list[dict[str, Any]]) -> str:
    return "; ".join(f"{s['doc_id']}:{s['start']}-{s['end']}" for s in sources)


def _row(p: dict[str, Any]) -> dict[str, str]:
    return {
        "section": p.get("section") or "",
        "item": p.get("item") or "",
        "provision": p["provision"],
        "category": p.get("category") or "",
        "actor": p.get("actor") or "",
        "conditions": " ".join((p.get("conditions") or "").split()),
        "deadline": " ".join((p.get("deadline") or "").split()),
        "status": p.get("status") or "",
        "change": change_text(p),
        "sources": _sources_text(p["sources"]),
    }


def change_text(p: dict[str, Any]) -> str:
    """'removed from united-states-28-point-plan': what a revision did to the clause, and to which document's."""
    change = p.get("change")
    if not change:
        return ""
    return f"{change} {'from' if change == 'removed' else 'in'} {p['revises']}" if p.get("revises") else change


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in columns})
    return buf.getvalue()


def _md_cell(text: Any) -> str:
    return " ".join(str(text if text is not None else "").split()).replace("|", "\\|")


def to_markdown(rows: list[dict[str, Any]], columns: list[str], headers: list[str] | None = None) -> str:
    headers = headers or columns
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    for r in rows:
        out.append("| " + " | ".join(_md_cell(r.get(c, "")) for c in columns) + " |")
    return "\n".join(out) + "\n"


def memo_title(m: dict[str, Any]) -> str:
    name = m.get("name") or m["memorandum_id"]
    party = m.get("party")
    title = name if not party or party.split()[0].lower()[:5] in name.lower() else f"{name} ({party})"
    return f"{title}, {m['date']}" if m.get("date") else title


def memo_markdown(m: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """The table an analyst would write: what each clause demands, of whom, on what terms, how far it got."""
    docs = sorted({s["doc_id"] for s in m["sources"]} | {s["doc_id"] for r in rows for s in r["sources"]})
    head = [
        f"# {memo_title(m)}",
        "",
        f"- id: `{m['memorandum_id']}`",
        f"- kind: {m.get('kind') or ''}; party: {m.get('party') or 'unknown'}; date: {m.get('date') or 'unknown'}; "
        f"status: {m.get('status') or ''}",
        f"- reported by: {', '.join(docs)}",
    ]
    if len(m.get("names") or []) > 1:
        head.append(f"- named: {'; '.join(m['names'])}")
    if m.get("revises"):
        head.append(f"- revises: `{m['revises']}`")
    head += ["", ""]
    cols = list(COLUMNS)
    if not any(r.get("section") for r in rows):
        cols.remove("section")
    if not any(r.get("item") for r in rows):
        cols.remove("item")
    for empty in ("conditions", "deadline", "change"):
        if not any(r.get(empty) for r in rows):
            cols.remove(empty)
    flat = [
        {**r, "sources": _sources_text(r["sources"]) if isinstance(r["sources"], list) else r["sources"]} for r in rows
    ]
    return "\n".join(head) + to_markdown(flat, cols)


# ---------------------------------------------------------------- negotiations


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((Date.fromisoformat(a) - Date.fromisoformat(b)).days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def negotiations(memos: dict[str, dict[str, Any]], provisions: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Groups of memoranda from one negotiation: documents (memoranda, plans, proposals, drafts) of
    *different* parties reported together by one article, presented within two weeks of each other
    (or undated). Demands stated in prose join only where no two documents make a group. A group
    holds two memoranda at least; agreements are outcomes, not positions, and are left out."""
    with_provs = {p["memorandum_id"] for p in provisions.values()}
    documents, positions = rule_data().kinds_with_role("document"), rule_data().kinds_with_role("position")
    docs = [mid for mid, m in memos.items() if mid in with_provs and m.get("kind") in documents and m.get("party")]
    groups = _group(memos, provisions, docs)
    grouped = {mid for g in groups for mid in g}
    rest = [
        mid
        for mid, m in memos.items()
        if mid in with_provs and m.get("kind") in documents | positions and m.get("party") and mid not in grouped
    ]
    return groups + _group(memos, provisions, rest)


def _group(
    memos: dict[str, dict[str, Any]], provisions: dict[str, dict[str, Any]], cands: list[str]
) -> list[list[str]]:
    docs_of = {mid: {s["doc_id"] for s in memos[mid]["sources"]} for mid in cands}
    for p in provisions.values():
        if p["memorandum_id"] in docs_of:
            docs_of[p["memorandum_id"]] |= {s["doc_id"] for s in p["sources"]}
    parent = {mid: mid for mid in cands}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(cands):
        for b in cands[i + 1 :]:
            ma, mb = memos[a], memos[b]
            if set(split_party(ma["party"])) & set(split_party(mb["party"])):
                continue
            if not docs_of[a] & docs_of[b]:
                continue
            gap = _days(ma.get("date"), mb.get("date"))
            if gap is not None and gap > NEGOTIATION_WINDOW_DAYS:
                continue
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for mid in cands:
        groups[find(mid)].append(mid)
    return [sorted(g, key=lambda x: (memos[x].get("date") or "", x)) for g in groups.values() if len(g) >= 2]


def negotiation_name(memos: dict[str, dict[str, Any]], group: list[str]) -> str:
    parties = sorted({p for mid in group for p in split_party(memos[mid].get("party"))})
    dates = sorted(d for d in (memos[mid].get("date") for mid in group) if d)
    return "-".join(slug(p) for p in parties) + (f"-{dates[0]}" if dates else "")


def comparison_rows(
    memos: dict[str, dict[str, Any]], group: list[str], rows_by_memo: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """One row per category group; one column per memorandum; cells list that memorandum's provisions, each as
    (text, what a revision did to it or None)."""
    groups = rule_data().group_of
    order = GROUP_ORDER + sorted({g for g in groups.values() if g not in GROUP_ORDER})
    out = []
    for grp in order:
        row: dict[str, Any] = {"group": grp}
        any_cell = False
        for mid in group:
            cells = []
            for r in rows_by_memo.get(mid, []):
                if groups.get(r.get("category") or "") != grp:
                    continue
                label = ".".join(x for x in (r.get("section"), r.get("item")) if x)
                text = (f"{label}) " if label else "") + r["provision"] + f" [{r.get('category')}]"
                change = (r.get("change") or "").split(" ")[0]  # "removed from <id>" in a row
                cells.append((text, change if change in CHANGES else None))
            row[mid] = cells
            any_cell = any_cell or bool(cells)
        if any_cell:
            out.append(row)
    return out


# ---------------------------------------------------------------- writing


Put = Callable[[str, str], None]  # writes one file under tables/ by name


def write_tables(outputs: Path, records: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Write every table under ``outputs/tables`` from the corpus's ``memoranda`` and ``provisions``
    records; return the names written (the run removes the tables of earlier runs it no longer writes)."""
    memoranda, provisions = records.get("memoranda", []), records.get("provisions", [])
    ids = unified_ids(memoranda, provisions)
    memoranda = with_ids(memoranda, ids, ("memorandum_id", "revises"))
    provisions = with_ids(provisions, ids, ("memorandum_id", "revises"))
    tables = Path(outputs) / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    memos = merge_memoranda(memoranda)
    provs = merge_provisions(provisions)
    rows_by_memo = rows_of_memoranda(memos, provs)
    written: set[str] = set()

    def put(name: str, text: str) -> None:
        atomic_write_text(tables / name, text)
        written.add(name)

    write_memo_tables(put, memos, rows_by_memo)
    links = write_comparisons(put, memos, provs, rows_by_memo)
    put("index.md", index_markdown(memos, rows_by_memo, len(provs), len(provisions), links))
    return sorted(written)


def rows_of_memoranda(
    memos: dict[str, dict[str, Any]], provs: dict[str, dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The table rows of each memorandum; a provision whose memorandum has no record gets a bare entry
    (``unassigned`` without an id)."""
    rows_by_memo: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mid, p in provisions_by_memorandum(memos, provs):
        rows_by_memo[mid].append({**p, **_row(p), "provision": p["provision"], "sources": p["sources"]})
    return rows_by_memo


def provisions_by_memorandum(
    memos: dict[str, dict[str, Any]], provs: dict[str, dict[str, Any]]
) -> Iterable[tuple[str, dict[str, Any]]]:
    """(memorandum id, merged provision) for every provision, in order; a provision whose memorandum has no
    record goes under a bare entry added to ``memos`` (``unassigned`` when it has no id either)."""
    for p in provs.values():
        mid = p["memorandum_id"] or "unassigned"
        if mid not in memos:
            memos[mid] = {
                "memorandum_id": mid,
                "name": mid,
                "kind": None,
                "party": p.get("party"),
                "date": None,
                "status": p.get("status"),
                "sources": [],
                "names": [],
            }
        yield mid, p


def write_memo_tables(put: Put, memos: dict[str, dict[str, Any]], rows_by_memo: dict[str, list[dict[str, Any]]]):
    """``<memorandum_id>.csv`` / ``.md`` for each memorandum, and ``provisions.csv`` with all rows."""
    all_rows = []
    for mid, rows in rows_by_memo.items():
        rows.sort(key=lambda r: (r["sources"][0]["doc_id"], r["sources"][0]["start"]))
        flat = [{**r, "sources": _sources_text(r["sources"])} for r in rows]
        put(f"{mid}.csv", to_csv(flat, COLUMNS))
        put(f"{mid}.md", memo_markdown(memos[mid], rows))
        all_rows += [{"memorandum_id": mid, "provision_id": r["provision_id"], **r} for r in flat]
    put("provisions.csv", to_csv(all_rows, ["memorandum_id", "provision_id"] + COLUMNS))


def write_comparisons(
    put: Put,
    memos: dict[str, dict[str, Any]],
    provs: dict[str, dict[str, Any]],
    rows_by_memo: dict[str, list[dict[str, Any]]],
) -> list[str]:
    """``compare_<negotiation>.md`` / ``.csv`` per negotiation and ``comparisons.csv`` (long form); the index's
    links to them."""
    comp_long = []
    compare_links = []
    for group in negotiations(memos, provs):
        name = negotiation_name(memos, group)
        rows = comparison_rows(memos, group, rows_by_memo)
        titles = [memo_title(memos[mid]) for mid in group]
        put(f"compare_{name}.md", comparison_markdown(group, rows, titles))
        csv_rows = [
            {"group": r["group"], **{mid: "; ".join(_marked(c) for c in r[mid]) for mid in group}} for r in rows
        ]
        put(f"compare_{name}.csv", to_csv(csv_rows, ["group"] + group))
        compare_links.append(f"- [{', '.join(titles)}](compare_{name}.md)")
        comp_long += [
            {"negotiation": name, "group": r["group"], "memorandum_id": mid, "provision": text, "change": change or ""}
            for r in rows
            for mid in group
            for text, change in r[mid]
        ]
    put("comparisons.csv", to_csv(comp_long, ["negotiation", "group", "memorandum_id", "provision", "change"]))
    return compare_links


def _marked(cell: tuple[str, str | None]) -> str:
    """A comparison cell as read: "... [SANCTIONS_ASSETS] (removed)" for a clause a revision took out."""
    text, change = cell
    return f"{text} ({change})" if change else text


def comparison_markdown(group: list[str], rows: list[dict[str, Any]], titles: list[str]) -> str:
    md_rows = [
        {"group": r["group"], **{mid: "<br>".join(" ".join(_marked(c).split()) for c in r[mid]) for mid in group}}
        for r in rows
    ]
    md = [
        f"# Comparison: {', '.join(titles)}",
        "",
        "Provisions side by side by category group; each cell lists the memorandum's provisions "
        "(section.item, text, category; what a revision did to it: removed, changed, added).",
        "",
        to_markdown(md_rows, ["group"] + group, ["category group"] + titles),
    ]
    return "\n".join(md)


def index_markdown(
    memos: dict[str, dict[str, Any]],
    rows_by_memo: dict[str, list[dict[str, Any]]],
    n_merged: int,
    n_mentions: int,
    compare_links: list[str],
) -> str:
    """``index.md``: the memoranda with provisions, then those named without provisions, then the comparisons."""
    index = [
        "# Provision tables",
        "",
        f"{len(rows_by_memo)} memoranda, plans and agreements with {n_merged} provisions "
        f"(from {n_mentions} provision mentions in the articles).",
        "",
        "| memorandum | kind | party | date | status | provisions | articles |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    by_date = sorted(memos.items(), key=lambda kv: (kv[1].get("date") or "", kv[0]))
    for mid, m in by_date:
        if mid not in rows_by_memo:
            continue
        docs = sorted(
            {s["doc_id"] for s in m["sources"]} | {s["doc_id"] for r in rows_by_memo[mid] for s in r["sources"]}
        )
        index.append(
            f"| [{_md_cell(m.get('name') or mid)}]({mid}.md) | {m.get('kind') or ''} | "
            f"{_md_cell(m.get('party') or '')} | "
            f"{m.get('date') or ''} | {m.get('status') or ''} | {len(rows_by_memo[mid])} | "
            f"{_md_cell(', '.join(docs))} |"
        )
    mentioned = [(mid, m) for mid, m in by_date if mid not in rows_by_memo and m.get("sources")]
    if mentioned:  # a plan an article names without reporting its clauses is still worth knowing of
        index += [
            "",
            "## Named without provisions",
            "",
            "| memorandum | kind | party | date | status | articles |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for mid, m in mentioned:
            docs = sorted({s["doc_id"] for s in m["sources"]})
            index.append(
                f"| {_md_cell(m.get('name') or mid)} (`{mid}`) | {m.get('kind') or ''} | "
                f"{_md_cell(m.get('party') or '')} | "
                f"{m.get('date') or ''} | {m.get('status') or ''} | {_md_cell(', '.join(docs))} |"
            )
    if compare_links:
        index += ["", "## Comparisons", ""] + compare_links
    return "\n".join(index) + "\n"
