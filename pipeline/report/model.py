"""What the report shows, computed from the output files: articles, memoranda, comparisons, groups, timeline.

Nothing here renders HTML (see :mod:`.build`); everything here resolves a link. A record shown in an
article gets an :class:`Item`: its article page and its anchor (``p-<start>`` for a provision,
``q-`` a quote, ``e-`` an entity, ``d-`` a date, ``m-`` a mention of a memorandum), so every other page
links to the very span. Memoranda and provisions are merged across articles with the functions of
:mod:`pipeline.stages.provisions.tables`, as the Markdown and CSV tables are, so the report and
``tables/`` always agree.

Long lists are cut into pages (``page_rows``), and the page that lists them links every page, so that
any provision, quote or entity is at most three clicks from the index: index -> memorandum -> provision,
index -> speakers -> speaker -> quote, index -> entities -> entity -> mention.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any, Iterable

from ..core.names import slug
from ..stages.provisions.tables import (
    GROUP_ORDER,
    change_text,
    memo_title,
    merge_memoranda,
    merge_provisions,
    negotiation_name,
    negotiations,
    provisions_by_memorandum,
)
from .inputs import RunOutputs

PAGE_ROWS = 1000  # rows of a list page (articles, entities, speakers, ...) before it is split
GROUP_ITEMS = 1000  # mentions on one page of a group (one speaker's quotes, one entity's mentions)
SNIPPET = 70  # characters of context either side of a mention on a group page
SPAN_KINDS = {"provisions": "p", "quotes": "q", "memoranda": "m", "dates": "d", "entities": "e"}
KIND_NAMES = {"p": "provision", "q": "quote", "m": "memorandum mention", "d": "date", "e": "entity"}
SAFE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,100}$")
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
HASHED = re.compile(r"-[0-9a-f]{8}$")


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def safe_name(text: str) -> str:
    """A file name for an id: the id itself when it is already a lower-case slug ('russia-memorandum-2025-06-02'),
    else a cleaned prefix and a hash of the id ('news/a b' -> 'news_a_b-1f0e3c2a'), so that ids differing
    only in case or punctuation never share a file, on any file system."""
    if SAFE.match(text) and not HASHED.search(text) and text not in ("index",):
        return text
    return (UNSAFE.sub("_", text).strip("._")[:60] or "x") + "-" + _hash(text)


def article_href(doc_id: str) -> str:
    return f"articles/{safe_name(doc_id)}.html"


def pages(items: list, size: int) -> list[list]:
    """``items`` cut into pages of ``size`` (one empty page for no items)."""
    size = max(int(size), 1)
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def page_href(base: str, n: int) -> str:
    """'articles.html' for the first page, 'articles-2.html' for the second."""
    stem, ext = base.rsplit(".", 1)
    return base if n == 1 else f"{stem}-{n}.{ext}"


def safe_url(url: Any) -> str | None:
    """An article's URL as a link only when it is http(s): a 'javascript:' source stays text."""
    if isinstance(url, str) and re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.I):
        return url.strip()
    return None


def parse_day(value: Any) -> Date | None:
    if not isinstance(value, str):
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(eq=False)
class Item:
    """A record shown in an article: kind letter, the record, its article, anchor and index in the article."""

    kind: str
    rec: dict[str, Any]
    doc_id: str
    anchor: str
    index: int
    href: str = ""

    @property
    def start(self) -> int:
        return self.rec["start"]

    @property
    def end(self) -> int:
        return self.rec["end"]


@dataclass(eq=False)
class Article:
    doc: dict[str, Any]
    href: str
    items: dict[str, list[Item]] = field(default_factory=dict)  # by kind letter
    problems: list[dict[str, Any]] = field(default_factory=list)  # errors.jsonl records and offset problems
    memoranda: list["Memo"] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.doc["doc_id"]

    @property
    def title(self) -> str:
        return str(self.doc.get("title") or self.doc_id)

    @property
    def date(self) -> str | None:
        return self.doc.get("date")

    @property
    def url(self) -> str | None:
        return safe_url(self.doc.get("url")) or safe_url(self.doc.get("source"))

    def count(self, kind: str) -> int:
        return len(self.items.get(kind, []))

    @property
    def n_errors(self) -> int:
        return sum(1 for p in self.problems if p.get("severity") == "error")


@dataclass(eq=False)
class Source:
    """One article's report of a provision: the link to the span, and the article's title and date."""

    doc_id: str
    href: str
    label: str
    date: str | None
    start: int
    end: int


@dataclass(eq=False)
class Row:
    """A provision merged across articles (a row of :func:`tables.merge_provisions`) with its sources linked."""

    p: dict[str, Any]
    sources: list[Source]

    @property
    def label(self) -> str:
        return ".".join(str(x) for x in (self.p.get("section"), self.p.get("item")) if x)

    def get(self, key: str) -> Any:
        value = change_text(self.p) if key == "change" else self.p.get(key)
        return " ".join(str(value).split()) if value is not None else ""

    @property
    def change(self) -> str | None:
        """What a revision did to this clause ('removed', 'changed', 'added'), or None."""
        return self.p.get("change") or None


@dataclass(eq=False)
class Memo:
    mid: str
    m: dict[str, Any]
    href: str
    title: str
    rows: list[Row] = field(default_factory=list)
    mentions: list[Item] = field(default_factory=list)  # the memoranda records: where each article names it
    doc_ids: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    comparisons: list["Comparison"] = field(default_factory=list)


@dataclass(eq=False)
class Comparison:
    name: str
    href: str
    memos: list[Memo]
    groups: list[tuple[str, list[list[Row]]]]  # (category group, one list of rows per memorandum)


@dataclass(eq=False)
class Group:
    """The items of one speaker, entity or date value across articles, on one page or several."""

    kind: str  # speakers, entities, dates
    key: str
    name: str
    section: str  # speakers: named / mention / none; entities: label; dates: TIMEX type
    detail: str
    items: list[Item]
    hrefs: list[str] = field(default_factory=list)
    by_page: list[list[tuple[Article, list[Item]]]] = field(default_factory=list)

    @property
    def href(self) -> str:
        """The group's first page; for a group of one, the one item itself (no page of its own)."""
        return self.hrefs[0] if self.hrefs else self.items[0].href

    @property
    def n_articles(self) -> int:
        return len({it.doc_id for it in self.items})


@dataclass(eq=False)
class ListPages:
    """A long list (articles, provisions, groups, problems) cut into pages; ``hrefs`` of every page."""

    base: str
    rows: list[Any]
    size: int

    @property
    def chunks(self) -> list[list[Any]]:
        return pages(self.rows, self.size)

    @property
    def hrefs(self) -> list[str]:
        return [page_href(self.base, n) for n in range(1, len(self.chunks) + 1)]


# ---------------------------------------------------------------- the site


class Site:
    """Everything the pages show; built once from :class:`RunOutputs`."""

    def __init__(
        self, outputs: RunOutputs, title: str | None = None, page_rows: int = PAGE_ROWS, group_items: int = GROUP_ITEMS
    ):
        self.outputs = outputs
        self.title = title or f"Report: {outputs.folder.resolve().name}"
        self.page_rows = page_rows
        self.group_items = group_items
        self.run = outputs.run
        self.problems: list[dict[str, Any]] = [
            {"stage": "report", "severity": "warning", "kind": "outputs", "message": m, "path": ""}
            for m in outputs.problems
        ]
        self.articles: dict[str, Article] = {}
        self._group_of: dict[int, Group] = {}
        self._anchor_of: dict[tuple[str, str, int, int], Item] = {}
        self._read_articles()
        self._read_items()
        self._items = {
            k: [it for art in self.articles.values() for it in art.items.get(k, [])] for k in SPAN_KINDS.values()
        }
        self._read_errors()
        self._memoranda()
        self._comparisons()
        self.speakers = self._groups("speakers", self.items("q"), _speaker_key)
        self.entities = self._groups("entities", self.items("e"), _entity_key)
        self.dates = self._groups("dates", self.items("d"), _date_key)
        self.article_list = ListPages("articles.html", self._articles_in_order(), page_rows)
        self.provision_list = ListPages(
            "provisions.html", [(memo, row) for memo in self.memo_list for row in memo.rows], page_rows
        )
        self.speaker_list = ListPages("speakers.html", self.speakers, page_rows)
        self.entity_list = ListPages("entities.html", self.entities, page_rows)
        self.date_list = ListPages("dates.html", self.dates, page_rows)
        self.problem_list = ListPages("problems.html", self._problems_in_order(), page_rows)

    # ------------------------------------------------------------ articles and their records

    def _read_articles(self) -> None:
        for doc in self.outputs["documents"]:
            if doc["doc_id"] in self.articles:
                self._problem(f"documents.jsonl: doc_id {doc['doc_id']!r} twice; the second is left out")
                continue
            self.articles[doc["doc_id"]] = Article(doc, article_href(doc["doc_id"]))

    def _problem(self, message: str, doc_id: str | None = None, kind: str = "outputs") -> None:
        rec = {"stage": "report", "severity": "warning", "kind": kind, "message": message, "path": "", "doc_id": doc_id}
        self.problems.append(rec)
        if doc_id in self.articles:
            self.articles[doc_id].problems.append(rec)

    def _read_items(self) -> None:
        for kind_file, k in SPAN_KINDS.items():
            by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
            unknown = Counter()
            for rec in self.outputs[kind_file]:
                if kind_file == "memoranda" and not isinstance(rec.get("start"), int):
                    rec = {**rec, "start": None, "end": None}
                if rec["doc_id"] in self.articles:
                    by_doc[rec["doc_id"]].append(rec)
                else:
                    unknown[rec["doc_id"]] += 1
            for doc_id, n in sorted(unknown.items()):
                self._problem(
                    f"{kind_file}.jsonl: {n} record(s) of {doc_id!r}, which is not in documents.jsonl; not shown"
                )
            for doc_id, recs in by_doc.items():
                art = self.articles[doc_id]
                recs.sort(key=lambda r: (r["start"] if r["start"] is not None else -1, r["end"] or 0))
                used: set[str] = set()
                items = []
                for rec in recs:
                    # a record whose offsets miss the body is listed, unhighlighted: links go to its article
                    shown = rec["start"] is not None and self._check_offsets(art, rec, k, kind_file)
                    anchor = self._anchor(k, rec, used) if shown else ""
                    item = Item(k, rec, doc_id, anchor, len(items), f"{art.href}#{anchor}" if anchor else art.href)
                    if shown:
                        self._anchor_of.setdefault((k, doc_id, rec["start"], rec["end"]), item)
                    items.append(item)
                art.items[k] = items

    @staticmethod
    def _anchor(k: str, rec: dict[str, Any], used: set[str]) -> str:
        if rec["start"] is None:
            return ""
        for cand in (f"{k}-{rec['start']}", f"{k}-{rec['start']}-{rec['end']}"):
            if cand not in used:
                used.add(cand)
                return cand
        n = 2
        while f"{k}-{rec['start']}-{rec['end']}-{n}" in used:
            n += 1
        used.add(f"{k}-{rec['start']}-{rec['end']}-{n}")
        return f"{k}-{rec['start']}-{rec['end']}-{n}"

    def _check_offsets(self, art: Article, rec: dict[str, Any], k: str, kind_file: str) -> bool:
        """True when the record's span is in the body; a problem is recorded when it is not, or when its
        ``text`` is not the body's slice (highlighted all the same: the offsets are what the span is)."""
        body = art.doc["text"]
        s, e = rec["start"], rec["end"]
        where = f"{kind_file}.jsonl: {KIND_NAMES[k]} at {s}-{e} of {art.doc_id!r}"
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(body)):
            self._problem(
                f"{where} is outside the body ({len(body)} characters); not highlighted", art.doc_id, "offsets"
            )
            return False
        if isinstance(rec.get("text"), str) and body[s:e] != rec["text"]:
            self._problem(
                f"{where}: its text {rec['text'][:60]!r} is not the body's {body[s:e][:60]!r}", art.doc_id, "offsets"
            )
        return True

    def items(self, k: str) -> list[Item]:
        """Every item of kind ``k`` in article order."""
        return self._items[k]

    def item_at(self, k: str, doc_id: str, start: Any, end: Any) -> Item | None:
        return self._anchor_of.get((k, doc_id, start, end))

    def _read_errors(self) -> None:
        by_path = {a.doc.get("path"): a for a in self.articles.values() if a.doc.get("path")}
        for err in self.outputs["errors"]:
            art = self.articles.get(err.get("doc_id") or "") or by_path.get(err.get("path"))
            if art is not None:
                art.problems.append(err)
        self.problems = list(self.outputs["errors"]) + self.problems

    def _articles_in_order(self) -> list[Article]:
        return sorted(self.articles.values(), key=lambda a: (a.date or "9999", a.doc_id))

    def _problems_in_order(self) -> list[dict[str, Any]]:
        return sorted(
            self.problems, key=lambda e: (e.get("severity") != "error", str(e.get("path") or ""), str(e.get("message")))
        )

    def article(self, doc_id: str) -> Article | None:
        return self.articles.get(doc_id)

    # ------------------------------------------------------------ memoranda and provisions

    def _memoranda(self) -> None:
        memo_recs = [it.rec for it in self.items("m")]
        prov_recs = [it.rec for it in self.items("p")]
        memos = merge_memoranda(memo_recs)
        provs = merge_provisions(prov_recs)
        rows_by_memo: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for mid, p in provisions_by_memorandum(memos, provs):  # as the tables: no memorandum is 'unassigned'
            rows_by_memo[mid].append(p)
        self._merged = (memos, provs)
        self.memos: dict[str, Memo] = {}
        for mid, m in memos.items():
            memo = Memo(mid, m, f"memoranda/{safe_name(mid)}.html", memo_title(m))
            rows = sorted(
                rows_by_memo.get(mid, []), key=lambda r: (r["sources"][0]["doc_id"], r["sources"][0]["start"])
            )
            memo.rows = [Row(p, [self._source(s) for s in p["sources"]]) for p in rows]
            self.memos[mid] = memo
        for it in self.items("m"):
            memo = self.memos.get(it.rec["memorandum_id"])
            if memo is not None:
                memo.mentions.append(it)
                art = self.articles[it.doc_id]
                if memo not in art.memoranda:
                    art.memoranda.append(memo)
        for memo in self.memos.values():
            memo.doc_ids = sorted(
                {s["doc_id"] for s in memo.m["sources"]} | {s.doc_id for r in memo.rows for s in r.sources},
                key=lambda d: (self.articles[d].date or "9999", d) if d in self.articles else ("", d),
            )
            memo.columns = _columns(memo.rows)
            memo.mentions.sort(key=lambda it: ((self.articles[it.doc_id].date or "9999"), it.doc_id, it.start or 0))
        for art in self.articles.values():
            for it in art.items.get("p", []):
                mid = it.rec.get("memorandum_id") or "unassigned"
                memo = self.memos.get(mid)
                if memo is not None and memo not in art.memoranda:
                    art.memoranda.append(memo)
        order = sorted(self.memos.values(), key=lambda mm: (mm.m.get("date") or "", mm.mid))
        self.memo_list = [mm for mm in order if mm.rows]
        self.memo_named = [mm for mm in order if not mm.rows]

    def _source(self, s: dict[str, Any]) -> Source:
        art = self.articles.get(s["doc_id"])
        item = self.item_at("p", s["doc_id"], s["start"], s["end"])
        href = item.href if item else (art.href if art else "")
        title = art.title if art else s["doc_id"]
        return Source(s["doc_id"], href, _short(title), art.date if art else None, s["start"], s["end"])

    def memo_docs(self, memo: Memo) -> list[Article]:
        return [self.articles[d] for d in memo.doc_ids if d in self.articles]

    def _comparisons(self) -> None:
        from ..stages.provisions.rules import rule_data

        memos, provs = self._merged
        group_of = rule_data().group_of
        order = GROUP_ORDER + sorted({g for g in group_of.values() if g not in GROUP_ORDER})
        self.comparisons: list[Comparison] = []
        for group in negotiations(memos, provs):
            name = negotiation_name(memos, group)
            cols = [self.memos[mid] for mid in group]
            rows = []
            for grp in order:
                cells = [[r for r in memo.rows if group_of.get(r.p.get("category") or "") == grp] for memo in cols]
                if any(cells):
                    rows.append((grp, cells))
            comp = Comparison(name, f"compare/{safe_name(name)}.html", cols, rows)
            self.comparisons.append(comp)
            for memo in cols:
                memo.comparisons.append(comp)

    # ------------------------------------------------------------ speakers, entities, dates

    def _groups(self, kind: str, items: Iterable[Item], key_of) -> list[Group]:
        buckets: dict[str, list[Item]] = defaultdict(list)
        info: dict[str, tuple[str, str]] = {}
        names: dict[str, Counter] = defaultdict(Counter)
        for it in items:
            key, section, name, detail = key_of(it.rec)
            buckets[key].append(it)
            info.setdefault(key, (section, detail))
            names[key][name] += 1
        groups = []
        for key, its in buckets.items():
            section, detail = info[key]
            name = sorted(names[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            its.sort(key=lambda it: (self.articles[it.doc_id].date or "9999", it.doc_id, it.start))
            g = Group(kind, key, name, section, detail, its)
            if len(its) > 1:  # a group of one links straight to its item: half the pages of a large run
                stem = f"{kind}/{slug(name, 40)}-{_hash(key)}"
                chunks = pages(its, self.group_items)
                g.hrefs = [f"{stem}.html" if n == 1 else f"{stem}-{n}.html" for n in range(1, len(chunks) + 1)]
                g.by_page = [_by_article(chunk, self.articles) for chunk in chunks]
            groups.append(g)
            for it in its:
                self._group_of[id(it)] = g
        if kind == "dates":
            groups.sort(key=lambda g: (g.section, g.name))
        else:
            groups.sort(key=lambda g: (-len(g.items), g.name.lower(), g.key))
        return groups

    def group_of(self, item: Item) -> Group | None:
        """The speaker, entity or date group of an item."""
        return self._group_of.get(id(item))

    def entity_summary(self, art: Article) -> list[tuple[Group, list[Item]]]:
        """The article's entities, in order of first mention, each with its mentions here."""
        out: dict[int, tuple[Group, list[Item]]] = {}
        for it in art.items.get("e", []):
            g = self.group_of(it)
            if g is not None:
                out.setdefault(id(g), (g, []))[1].append(it)
        return list(out.values())

    # ------------------------------------------------------------ counts and snippets

    def counts(self) -> dict[str, int]:
        n_err = sum(1 for p in self.problems if p.get("severity") == "error")
        return {
            "articles": len(self.articles),
            "memoranda": len(self.memo_list),
            "named": len(self.memo_named),
            "provisions": sum(len(m.rows) for m in self.memo_list),
            "provision_mentions": len(self.items("p")),
            "comparisons": len(self.comparisons),
            "quotes": len(self.items("q")),
            "speakers": sum(1 for g in self.speakers if g.section == "named"),
            "entity_mentions": len(self.items("e")),
            "entities": len(self.entities),
            "dates": len(self.items("d")),
            "date_values": len(self.dates),
            "errors": n_err,
            "warnings": len(self.problems) - n_err,
        }

    def snippet(self, item: Item) -> tuple[str, str, str]:
        """(before, the span, after): the span with up to :data:`SNIPPET` characters of context either side,
        cut at a space, on one line."""
        body = self.articles[item.doc_id].doc["text"]
        s, e = item.start, item.end
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(body)):
            return "", _norm(item.rec.get("text")), ""
        before, after = body[max(0, s - SNIPPET) : s], body[e : e + SNIPPET]
        if s > SNIPPET:
            before = "…" + before.split(" ", 1)[-1]
        if e + SNIPPET < len(body):
            after = after.rsplit(" ", 1)[0] + "…"
        lead = " " if before[-1:].isspace() else ""
        trail = " " if after[:1].isspace() else ""
        return _norm(before) + lead, _norm(body[s:e]), trail + _norm(after)


# ---------------------------------------------------------------- helpers


def _short(title: str, limit: int = 60) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _columns(rows: list[Row]) -> list[str]:
    """The provision table's columns, less section, item, conditions, deadline and change (what a revision
    did to the clause) where every row is empty (as in tables/*.md)."""
    cols = ["section", "item", "provision", "category", "actor", "conditions", "deadline", "status", "change"]
    for optional in ("section", "item", "conditions", "deadline", "change"):
        if not any(r.p.get(optional) for r in rows):
            cols.remove(optional)
    return cols


def _by_article(items: list[Item], articles: dict[str, Article]) -> list[tuple[Article, list[Item]]]:
    out: list[tuple[Article, list[Item]]] = []
    for it in items:
        if out and out[-1][0].doc_id == it.doc_id:
            out[-1][1].append(it)
        else:
            out.append((articles[it.doc_id], [it]))
    return out


def _norm(text: Any) -> str:
    return " ".join(str(text or "").split())


def _speaker_key(q: dict[str, Any]) -> tuple[str, str, str, str]:
    """Named speakers by entity id or canonical name; others by the words the article uses ('he', 'officials')."""
    canonical, kb = _norm(q.get("speaker_canonical")), _norm(q.get("speaker_kb_id"))
    if kb:
        return f"kb:{kb}", "named", canonical or _norm(q.get("speaker")) or kb, kb
    if canonical:
        return f"name:{canonical}", "named", canonical, ""
    said = _norm(q.get("speaker"))
    if said:
        return f"said:{said.lower()}", "mention", said, ""
    return "none", "none", "(no speaker found)", ""


def _entity_key(e: dict[str, Any]) -> tuple[str, str, str, str]:
    label, kb = _norm(e.get("label")) or "?", _norm(e.get("kb_id"))
    name = _norm(e.get("kb_name")) or _norm(e.get("canonical")) or _norm(e.get("text"))
    if kb:
        return f"kb:{kb}", label, name, kb
    return f"name:{label}:{name.lower()}", label, name, ""


def _date_key(d: dict[str, Any]) -> tuple[str, str, str, str]:
    typ, value = _norm(d.get("type")) or "?", _norm(d.get("value"))
    if value:
        return f"value:{typ}:{value}", typ, value, ""
    return f"text:{typ}:{_norm(d.get('text')).lower()}", typ, _norm(d.get("text")), "no value"
