"""A small outputs folder written record by record (no NLP): four invented articles, one of them hostile.

The texts are the team's own; offsets are found in them, so ``body[start:end] == text`` holds for every
record. What the report must cope with is here on purpose: an article id with a slash, a provision two
articles report (one row, two sources), two memoranda of different parties in one article (a
comparison), a quote that crosses a provision, an unresolved speaker, an article without a date,
warnings and an error in errors.jsonl, a field the report does not know (``future_field``), a clause a
revision changed (``change``), and an article
whose title, source, text, memorandum name and entity fields try to inject HTML and script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

GENEVA = (
    "Envoys trade draft plans in Geneva\n\n"
    "Negotiators from Northland and Southland met in Geneva on Monday. The Northland plan calls for a ceasefire "
    "along the river and the release of all detainees. The Southland proposal demands the withdrawal of foreign "
    "troops within 30 days.\n\n"
    '"We will not give up the valley," said Mara Olsen, the Southland envoy. Officials said the talks would '
    "resume next week.\n"
)
REPEAT = (
    "Northland repeats its offer\n\n"
    "Northland said on Tuesday that its plan still offers a ceasefire along the river. Mara Olsen called the "
    "offer too small.\n"
)
HOSTILE = (
    "<b>Hostile</b> page\n\n"
    'The text holds markup: <script>window.__pwned = 3</script> and <img src=x onerror="window.__pwned=4"> '
    "and a closing </div></span> tag, an &amp; entity and a 'quote'. "
    "The <i>Evil</i> plan calls for <script>alert(5)</script> removal of all checkpoints.\n"
)
UNDATED = (
    "Talks to go on\n\n"
    "Subscribe to our newsletter\n"
    "The Southland envoy said on Friday that talks with Northland would go on.\n"
)

ARTICLES = {
    "talks/geneva round": GENEVA,
    "wire-repeat": REPEAT,
    'evil"<x>/../a b': HOSTILE,
    "undated": UNDATED,
}
MEMO_NAMES = {  # memoranda with provisions, as the index must list them
    "northland-plan-2030": "Northland plan",
    "southland-proposal-2030": "Southland proposal",
    "../escape": "<i>Evil</i> plan",
}


def span(doc_id: str, text: str, nth: int = 0) -> dict[str, Any]:
    body = ARTICLES[doc_id]
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return {"doc_id": doc_id, "start": start, "end": start + len(text), "text": text, "sentence": None}


def _documents() -> list[dict[str, Any]]:
    meta = {
        "talks/geneva round": {
            "title": "Envoys trade draft plans in Geneva",
            "date": "2030-04-08",
            "date_source": "front_matter",
            "source": "Example Desk",
            "url": "https://example.org/g",
        },
        "wire-repeat": {
            "title": "Northland repeats its offer",
            "date": "2030-04-09",
            "date_source": "jsonl",
            "source": "Example Wire",
            "url": None,
        },
        'evil"<x>/../a b': {
            "title": '<img src=x onerror="window.__pwned=1">Hostile',
            "date": "2031-01-05",
            "date_source": "front_matter",
            "source": "javascript:window.__pwned=2",
            "url": "javascript:alert(1)",
        },
        "undated": {"title": "Talks to go on", "date": None, "date_source": None, "source": None, "url": None},
    }
    docs = []
    for n, (doc_id, body) in enumerate(ARTICLES.items()):
        docs.append(
            {
                "doc_id": doc_id,
                "path": f"{doc_id}.md",
                "format": "md",
                **meta[doc_id],
                "author": None,
                "meta": {"desk": "<script>x</script>"},
                "text": body,
                "n_chars": len(body),
                "n_words": len(body.split()),
                "sentences": [],
                "sha256": "0" * 64,
                "boilerplate": [[body.index("Subscribe"), body.index("newsletter") + 10]]
                if doc_id == "undated"
                else [],
                "pipeline_version": "test",
                "model": "none",
                "future_field": {"nested": [1, 2]},
            }
        )
    return docs


def _entities() -> list[dict[str, Any]]:
    def ent(doc, text, label, canonical, kb=None, nth=0, **kw):
        return {
            **span(doc, text, nth),
            "label": label,
            "canonical": canonical,
            "kb_id": kb,
            "kb_name": canonical,
            "role": kw.get("role"),
            "affiliation": None,
            "source": "rule",
        }

    g, r, h, u = "talks/geneva round", "wire-repeat", 'evil"<x>/../a b', "undated"
    return [
        ent(g, "Geneva", "GPE", "Geneva", "local:place/geneva"),
        ent(g, "Northland", "GPE", "Northland", "local:place/northland"),
        ent(g, "Southland", "GPE", "Southland", "local:place/southland"),
        ent(g, "Geneva", "GPE", "Geneva", "local:place/geneva", nth=1),
        ent(g, "Northland", "GPE", "Northland", "local:place/northland", nth=1),
        ent(g, "Southland", "GPE", "Southland", "local:place/southland", nth=1),
        ent(g, "Mara Olsen", "PERSON", "Mara Olsen", "local:person/mara-olsen", role="envoy"),
        ent(g, "Southland", "GPE", "Southland", "local:place/southland", nth=2),
        ent(r, "Northland", "GPE", "Northland", "local:place/northland"),
        ent(r, "Northland", "GPE", "Northland", "local:place/northland", nth=1),
        ent(r, "Mara Olsen", "PERSON", "Mara Olsen", "local:person/mara-olsen"),
        {
            **ent(h, "Hostile", "ORG", "<script>window.__pwned=6</script>"),
            "label": '"><script>window.__pwned=7</script>',
        },
        ent(u, "Southland", "GPE", "Southland", "local:place/southland"),
        ent(u, "Northland", "GPE", "Northland", "local:place/northland"),
    ]


def _dates() -> list[dict[str, Any]]:
    def date(doc, text, value, typ="DATE"):
        return {**span(doc, text), "type": typ, "value": value, "mod": None, "anchor": None, "relative": True}

    return [
        date("talks/geneva round", "Monday", "2030-04-08"),
        date("talks/geneva round", "within 30 days", "P30D", "DURATION"),
        date("talks/geneva round", "next week", "2030-W16"),
        date("wire-repeat", "Tuesday", "2030-04-09"),
        date("undated", "Friday", "XXXX-WXX-5"),
    ]


def _quotes() -> list[dict[str, Any]]:
    g, r, h = "talks/geneva round", "wire-repeat", 'evil"<x>/../a b'

    def quote(doc, text, kind, speaker, canonical, cue, nth=0):
        return {
            **span(doc, text, nth),
            "kind": kind,
            "speaker": speaker,
            "speaker_canonical": canonical,
            "speaker_kb_id": "local:person/mara-olsen" if canonical == "Mara Olsen" else None,
            "cue": cue,
            "quote_id": 0,
            "part": 0,
            "floating": False,
        }

    return [
        quote(g, '"We will not give up the valley,"', "direct", "Mara Olsen", "Mara Olsen", "said"),
        quote(g, "the talks would resume next week", "indirect", "Officials", None, "said"),
        # crosses the provision 'a ceasefire along the river': starts before it, ends inside it
        quote(r, "its plan still offers a ceasefire", "indirect", "Northland", "Northland", "said"),
        quote(r, "the offer too small", "indirect", "Mara Olsen", "Mara Olsen", "called"),
        quote(h, "'quote'", "direct", "<script>window.__pwned=8</script>", None, "<b>said</b>"),
    ]


def _memoranda() -> list[dict[str, Any]]:
    def memo(doc, text, mid, name, kind, party, date, n):
        return {
            **span(doc, text),
            "memorandum_id": mid,
            "name": name,
            "kind": kind,
            "party": party,
            "date": date,
            "status": "proposed",
            "n_provisions": n,
            "mentions": [],
        }

    g = "talks/geneva round"
    return [
        memo(g, "The Northland plan", "northland-plan-2030", "Northland plan", "plan", "Northland", "2030-04-08", 2),
        memo(
            g,
            "The Southland proposal",
            "southland-proposal-2030",
            "Southland proposal",
            "proposal",
            "Southland",
            "2030-04-08",
            1,
        ),
        memo("wire-repeat", "its plan", "northland-plan-2030", "Northland plan", "plan", "Northland", None, 1),
        memo(
            'evil"<x>/../a b',
            "The <i>Evil</i> plan",
            "../escape",
            "<i>Evil</i> plan",
            "plan",
            "<script>window.__pwned=9</script>",
            None,
            1,
        ),
        memo("undated", "talks with Northland", "talks-2030", "Talks", "agreement", None, None, 0),
    ]


def _provisions() -> list[dict[str, Any]]:
    def prov(doc, text, pid, mid, party, cat, item=None, **kw):
        return {
            **span(doc, text),
            "provision_id": pid,
            "memorandum_id": mid,
            "party": party,
            "section": None,
            "item": item,
            "category": cat,
            "actor": kw.get("actor"),
            "modality": "demand",
            "conditions": None,
            "deadline": kw.get("deadline"),
            "status": "proposed",
            "frame": "content",
            "cue": "calls for",
            "sentence_start": None,
            "sentence_end": None,
            "change": kw.get("change"),
            "revises": kw.get("revises"),
            "future_field": "a field the report does not know",
        }

    g = "talks/geneva round"
    return [
        prov(
            g,
            "a ceasefire along the river",
            "northland-plan-2030-aaaa",
            "northland-plan-2030",
            "Northland",
            "CEASEFIRE",
            "1",
        ),
        prov(
            g,
            "the release of all detainees",
            "northland-plan-2030-bbbb",
            "northland-plan-2030",
            "Northland",
            "PRISONERS_DETAINEES",
            "2",
        ),
        prov(
            g,
            "the withdrawal of foreign troops within 30 days",
            "southland-proposal-2030-cccc",
            "southland-proposal-2030",
            "Southland",
            "WITHDRAWAL_DISENGAGEMENT",
            deadline="P30D",
            change="changed",
            revises="northland-plan-2030",
        ),
        prov(
            "wire-repeat",
            "a ceasefire along the river",
            "northland-plan-2030-aaaa",
            "northland-plan-2030",
            "Northland",
            "CEASEFIRE",
            "1",
        ),
        prov(
            'evil"<x>/../a b',
            "<script>alert(5)</script> removal of all checkpoints",
            "evil-dddd",
            "../escape",
            "<b>party</b>",
            "CEASEFIRE",
            actor="<img src=x onerror=alert(1)>",
        ),
    ]


def _errors() -> list[dict[str, Any]]:
    return [
        {
            "path": "broken.txt",
            "line": None,
            "doc_id": None,
            "stage": "ingest",
            "severity": "error",
            "kind": "binary",
            "message": "broken.txt: a binary file, not text; skipped",
        },
        {
            "path": "undated.md",
            "line": None,
            "doc_id": "undated",
            "stage": "ingest",
            "severity": "warning",
            "kind": "no_date",
            "message": "undated.md: no publication date found; relative dates stay unresolved",
        },
    ]


def records() -> dict[str, list[dict[str, Any]]]:
    return {
        "documents": _documents(),
        "entities": _entities(),
        "dates": _dates(),
        "quotes": _quotes(),
        "memoranda": _memoranda(),
        "provisions": _provisions(),
        "errors": _errors(),
    }


def write_outputs(folder: Path, skip: tuple[str, ...] = ()) -> Path:
    """The sample as an outputs folder (leaving out the kinds in ``skip``), with a run.json."""
    folder.mkdir(parents=True, exist_ok=True)
    recs = records()
    for kind, rows in recs.items():
        if kind in skip:
            continue
        with open(folder / f"{kind}.jsonl", "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    run = {
        "articles": len(ARTICLES),
        "stages": ["entities", "dates", "quotes", "provisions"],
        "model": "none",
        "pipeline_version": "test",
    }
    (folder / "run.json").write_text(json.dumps(run), encoding="utf-8")
    return folder
