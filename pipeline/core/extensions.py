"""Every Doc and Span extension of the pipeline, declared in one place.

``Doc._.article``
    the article's metadata (doc_id, date, title, path, date_source, source), set by
    :func:`pipeline.run.nlp.make_doc`; the dates stage reads the publication date from it.
``Span._.canonical``, ``kb_id``, ``kb_name``, ``role``, ``affiliation``, ``ent_source``
    entities: set on the spans of ``doc.ents`` by the entities stage.
``Span._.timex``
    dates: the TIMEX3 fields of a span of ``doc.spans["timex"]``.
``Span._.quote``
    quotes: the attribution fields of a span of ``doc.spans["quotes"]``.
``Span._.memorandum``, ``Span._.provision``
    provisions: the record fields of the spans of ``doc.spans["memoranda"]`` / ``["provisions"]``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = ("article",)
SPAN_EXTENSIONS = (
    "canonical",
    "kb_id",
    "kb_name",
    "role",
    "affiliation",
    "ent_source",
    "timex",
    "quote",
    "memorandum",
    "provision",
)

for _name in DOC_EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
