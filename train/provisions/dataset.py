"""The training rows of the decision model: gold articles parsed once, read by the rules, candidates and labels.

Corpora (each with its gold, in the format of ``../shared/data/news-gold/provisions.json``):

- ``news``: the gold articles of ``../shared/data/news`` (``news-gold/provisions.json``);
- ``seed``: ``../shared/seed`` (``seed-gold/provisions.json``);
- ``team``: the team's own examples, ``train/provisions/articles`` (``train/provisions/gold.json``).

Parses are cached under ``--cache`` (default ``/tmp/peace-eval/provisions-train``): the base model and the layout
run once per article and code version (the key hashes every file of the package outside the provisions stage);
the stages' components run again on every load, and the rows are rebuilt whenever the provisions code changes.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
from pathlib import Path

from spacy.tokens import DocBin

from pipeline.ingest import read_corpus
from pipeline.run.nlp import build_nlp, make_doc
from pipeline.run.process import article_context
from pipeline.stages.provisions.decide import article_candidates, candidate_frame
from pipeline.stages.provisions.fields import status
from pipeline.stages.provisions.learn import ArticleRows, gold_anchors, label_rows

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pipeline"
TEAM = ROOT / "train" / "provisions"
STAGE_PIPES = ("entity_gazetteer", "entity_canonical", "timex", "quote_attribution")
FINDER = "provision_finder"
DEFAULT_CACHE = Path("/tmp/peace-eval/provisions-train")


def corpora(shared: Path) -> list[tuple[str, Path, Path]]:
    """(name, corpus folder, gold file) of every training corpus."""
    return [
        ("news", shared / "data" / "news", shared / "data" / "news-gold" / "provisions.json"),
        ("seed", shared / "seed", shared / "data" / "seed-gold" / "provisions.json"),
        ("team", TEAM / "articles", TEAM / "gold.json"),
    ]


def code_hash(*, provisions: bool) -> str:
    """sha256 of the package's code and rule files (with or without the provisions stage; never the model)."""
    h = hashlib.sha256()
    skip = ("stages/provisions/", "data/provisions/")
    for p in sorted(PACKAGE.rglob("*")):
        rel = p.relative_to(PACKAGE).as_posix()
        if not p.is_file() or p.suffix not in (".py", ".yaml", ".json", ".txt", ".cfg") or "__pycache__" in rel:
            continue
        if rel == "data/provisions/model.json" or not provisions and rel.startswith(skip):
            continue
        h.update(rel.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def load_gold(path: Path) -> dict[str, dict]:
    return {d["doc_id"]: d for d in json.loads(path.read_text(encoding="utf-8"))}


def parsed(nlp, name: str, folder: Path, doc_ids: set[str], cache: Path):
    """(article, Doc) of the gold articles of one corpus, every component but the provision finder run."""
    arts = sorted((a for a in read_corpus(folder, []) if a.doc_id in doc_ids), key=lambda a: a.doc_id)
    key = hashlib.sha256((code_hash(provisions=False) + "".join(a.doc_id + a.text for a in arts)).encode())
    path = cache / f"{name}-{key.hexdigest()[:16]}.spacy"
    if path.exists():
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    else:
        db = DocBin(store_user_data=True)
        with nlp.select_pipes(disable=list(STAGE_PIPES) + [FINDER]):
            docs = list(nlp.pipe((make_doc(nlp, a.text, article_context(a)) for a in arts), batch_size=16))
        for d in docs:
            db.add(d)
        cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(db.to_bytes())
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))  # as a cached load sees them
    out = []
    for a, doc in zip(arts, docs):
        for pipe in STAGE_PIPES:
            doc = nlp.get_pipe(pipe)(doc)
        out.append((a, doc))
    return out


def article_rows(finder, doc, corpus: str, doc_id: str, gold_doc: dict) -> ArticleRows:
    """The rows of one article: its relevant sentences and candidates, their signals, fields and labels."""
    from pipeline.core.docs import doc_text

    text = doc_text(doc)
    rows = ArticleRows(corpus, doc_id, text)
    read = finder.read(doc)
    if read is not None:
        reading, outcomes = read
        ac, _ = article_candidates(reading, outcomes, finder.lex.signals)
        ctx = ac.ctx
        for si in sorted(ac.sentences):
            rows.sentences.append(si)
            rows.sentence_signals.append(ac.sentences[si])
            rows.sentence_bounds.append((ctx.sents[si].start_char, ctx.sents[si].end_char))
        for c, sig in zip(ac.candidates, ac.signals):
            fr = candidate_frame(reading, ctx, c)
            if fr is None:
                continue  # whose it would be is unknown: no provision the component could write
            rs = c.rule
            span = rs.span if rs is not None and rs.span is not None else doc[c.start : c.end]
            rows.cand_si.append(c.si)
            rows.spans.append((c.start_char, c.end_char))
            rows.cand_signals.append(sig)
            rows.rule_kept.append(rs is not None and rs.outcome == "kept")
            rows.fields.append(
                {
                    "party": fr.memo.party,
                    "category": rs.category
                    if rs is not None and rs.category
                    else finder.lex.categories.category(span)[0],
                    "status": status(finder.lex, span, fr),
                    "memorandum_id": fr.memo.memorandum_id(),
                    "frame": fr.kind,
                    "text": text[c.start_char : c.end_char],
                }
            )
    label_rows(rows, gold_anchors(gold_doc, text))
    return rows


def build(shared: Path, cache: Path = DEFAULT_CACHE, quiet: bool = False) -> tuple[list[ArticleRows], dict]:
    """The rows of every gold article of every corpus (cached by code and gold), and the gold by doc_id."""
    gold: dict[str, dict] = {}
    key = hashlib.sha256(code_hash(provisions=True).encode())
    for name, folder, gold_path in corpora(shared):
        g = load_gold(gold_path)
        gold.update(g)
        key.update(gold_path.read_bytes())
    path = cache / f"rows-{key.hexdigest()[:16]}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes()), gold
    nlp = build_nlp()
    nlp.max_length = 2_000_000
    finder = nlp.get_pipe(FINDER)
    finder.model = None  # the rows are what the rules read, whatever model is committed
    rows: list[ArticleRows] = []
    for name, folder, gold_path in corpora(shared):
        g = load_gold(gold_path)
        for a, doc in parsed(nlp, name, folder, set(g), cache):
            rows.append(article_rows(finder, doc, name, a.doc_id, g[a.doc_id]))
        if not quiet:
            print(f"{name}: {sum(r.corpus == name for r in rows)} articles read", file=sys.stderr)
    rows.sort(key=lambda r: (r.corpus, r.doc_id))
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(rows))
    return rows, gold
