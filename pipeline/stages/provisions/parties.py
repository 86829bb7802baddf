"""The party a token names: a name, demonym, capital or leader of ``parties.yaml`` ("Ukrainian", "the
Kremlin", "Zelensky"), through the entity the token is part of or its hyphenated parts ("U.S.-proposed")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .rules import RuleData


def party_of_token(tok: Token, data: RuleData) -> str | None:
    """Party named by one token, its entity or its hyphenated parts ('U.S.-proposed', 'Russian-drafted')."""
    p = data.party_of(tok.text)
    if p:
        return p
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        ent = _entity_of(tok)
        if ent is not None:
            canon = ent._.canonical if Span.has_extension("canonical") and ent._.canonical else None
            aff = ent._.affiliation if Span.has_extension("affiliation") and ent._.affiliation else None
            for cand in (canon, ent.text, aff):
                if cand:
                    p = data.party_of(cand)
                    if p:
                        return p
    if "-" in tok.text:
        for part in tok.text.split("-"):
            p = data.party_of(part)
            if p:
                return p
    return None


def _entity_of(tok: Token) -> Span | None:
    """The entity holding a token (a per-doc index, built once)."""
    doc = tok.doc
    index = doc.user_data.get("_prov_ent_index")
    if index is None:
        index = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                index[i] = ent
        doc.user_data["_prov_ent_index"] = index
    return index.get(tok.i)


def parties_in(tokens, data: RuleData) -> list[str]:
    """Distinct parties named in a run of tokens, in order."""
    out: list[str] = []
    for t in tokens:
        p = party_of_token(t, data)
        if p and p not in out:
            out.append(p)
    return out
