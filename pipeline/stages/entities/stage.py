"""The entities stage: its components and the records function (Doc -> EntityRecord)."""

from __future__ import annotations

from spacy.tokens import Doc

from ...core.docs import doc_id_of, doc_text, sentence_index
from ...core.stage import Stage
from . import canonical, gazetteer  # noqa: F401  (registers the entity_gazetteer and entity_canonical factories)
from .grammar import LABELS, SPACES
from .records import EntityRecord


def extract_entities(doc: Doc) -> dict[str, list[EntityRecord]]:
    """Records of the final entities outside boilerplate lines (the fields of ``span_fields``,
    with the doc's id, text and boilerplate lines read once per doc, not once per mention)."""
    records = []
    ents = doc.ents
    if not ents:
        return {"entities": records}
    text, doc_id = doc_text(doc), doc_id_of(doc)
    boiler = [(s.start_char, s.end_char) for s in doc.spans.get("boilerplate", [])]
    for ent in ents:
        start, end = ent.start_char, ent.end_char
        if ent.label_ not in LABELS or any(a <= start and end <= b for a, b in boiler):
            continue
        ext = ent._
        records.append(
            EntityRecord(
                doc_id=doc_id,
                start=start,
                end=end,
                text=text[start:end],
                sentence=sentence_index(doc, start),
                label=ent.label_,
                canonical=ext.canonical or SPACES.sub(" ", text[start:end]),
                kb_id=ext.kb_id,
                kb_name=ext.kb_name,
                role=ext.role,
                affiliation=ext.affiliation,
                source=ext.ent_source or "model",
            )
        )
    return {"entities": records}


STAGE = Stage(
    name="entities",
    components=[("entity_gazetteer", {}), ("entity_canonical", {})],
    outputs={"entities": EntityRecord},
    extract=extract_entities,
)
