"""Versions: of the pipeline (code, rule data, model, stages) and of one article's processing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from .. import __version__
from ..ingest import Article
from ..settings import Settings


def pipeline_fingerprint(settings: Settings) -> str:
    """Version of everything that shapes the output: package code, rule data, model, stages."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parents[1]  # the package: every module and rule file
    for path in sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.suffix in {".py", ".json", ".jsonl", ".yaml", ".yml", ".cfg", ".txt", ".csv"}
    ):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    h.update(json.dumps(settings.fingerprint_items(), sort_keys=True).encode())
    return f"{__version__}+{h.hexdigest()[:12]}"


def article_key(article: Article, fingerprint: str) -> str:
    payload = json.dumps(asdict(article), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((fingerprint + "\0" + payload).encode()).hexdigest()
