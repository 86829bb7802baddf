"""The tense of the verb that governs a temporal expression: past, present, future or unknown.

The normaliser leans a bare "Friday" or "May 16" to the past in a past-tense sentence and
forward in a future one ("talks resumed on Friday" / "talks will resume on Friday").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .rules import Lexicon, load_lexicon

# Grammar, not vocabulary: the English auxiliaries that make a tense (closed classes).
FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}  # "will meet", "won't" (wo + n't), "they'll"
PERFECT_AUX = {"has", "have", "'ve", "had"}  # "has signed": a past event
BE_AUX = {"is", "are", "am", "be", "'s", "'re"}  # "is expected": a present passive
PROGRESSIVE_BE = {"is", "are", "am", "'s", "'re"}  # "are meeting Friday": a planned future
PAST_PERFECT_AUX = ("had", "'d")  # "had been scheduled": a plan overtaken


def tense_of(span: Span, lex: Lexicon | None = None) -> str | None:
    """past / present / future of the verb that governs the expression (None when unknown).

    Reduced participles ('a summit held in April') and infinitives say nothing about tense, so
    the search goes on to the verb above them; scheduling verbs ('set for Friday', 'due in
    June', lexicon ``future_verbs``) point forward whatever their tense."""
    lex = lex or load_lexicon()
    tok = span.root
    if tok.head is not tok and tok.head.lower_ in lex.preposition_tense:
        return lex.preposition_tense[tok.head.lower_]
    future_verbs = lex.future_verbs
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.lemma_ in future_verbs:
            if tok.lemma_ in future_verbs:
                # "had been scheduled for Friday": a plan that was overtaken, in the past
                return (
                    "past" if any(c.lower_ in PAST_PERFECT_AUX and c.dep_ == "aux" for c in tok.children) else "future"
                )
            tense = verb_tense(tok)
            if tense is not None:
                return tense
            if tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and any(c.lower_ == "to" for c in tok.children):
                return "future"  # "the bank is to resume trading Tuesday": be + to-infinitive
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def verb_tense(tok: Token) -> str | None:
    """The tense a verb and its auxiliaries express, from the Penn tags (None: not finite)."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX or tok.lower_ in FUTURE_AUX or "going" in lowers:
        return "future"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBN":
        if lowers & PERFECT_AUX:
            return "past"
        return "present" if lowers & BE_AUX else None
    if "to" in lowers:
        return None
    if tok.tag_ == "VBG":
        return "future" if lowers & PROGRESSIVE_BE else None
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    return None
