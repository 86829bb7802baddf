"""What the quotes passes read from the parse, by name: dependency labels, parts of speech, punctuation.

These are grammar, not vocabulary: they name the parser's label scheme (spaCy's English dependency
labels and universal POS tags) and the punctuation of a sentence, so an analyst has nothing to add
here. The English words the rules look for (cue verbs, titles, prepositions, pronouns) are data in
``pipeline/data/quotes/*.yaml``, compiled by :mod:`.lexicon`. The few single function words kept here
each define one construction ("according" of "according to", the complementizer "that").
"""

from __future__ import annotations

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Token

from ...core.docs import id_array

# universal POS ids, for the scan of a doc's token arrays (cues.CueFinder.find)
VERB_POS = {POS_IDS["VERB"], POS_IDS["AUX"]}
NOUN_POS = POS_IDS["NOUN"]
ADJ_POS = POS_IDS["ADJ"]

# dependency labels of a subject ("Smith said", "it was said", "what he said matters", "there is")
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
# dependents that share their head's subject ("X said ..., adding that", "X vowed to ...")
INHERIT_SUBJECT = {"xcomp", "advcl", "conj", "ccomp", "pcomp", "acl"}
# dependents that, set off by a comma at the end of a content, are not part of what was said
# (", echoing a memo", ", which includes", ", the latter a reference")
CUT_AFTER_COMMA = {"advcl", "relcl", "acl", "appos", "npadvmod", "conj", "parataxis", "dep"}
# dependents of a speech verb that are not what was said: punctuation, coordination, the addressee,
# adverbs and adverbial nouns, particles, the agent ("told reporters on Monday", "said again")
NOT_REPORTED = {"punct", "cc", "conj", "dative", "npadvmod", "advmod", "prt", "agent"}
# dependents after a cue's direct object that complete it ("called him a liar", "criticized X for Y")
OBJECT_TAIL = {"dobj", "oprd", "attr", "acomp", "ccomp", "xcomp", "dative"}
# entity labels of a named speaker: a person or an organisation (the NER's label scheme)
NAME_LABELS = ("PERSON", "ORG")

# punctuation that sets off a trailing modifier (", which ...", "— a swipe at ...")
CUT_PUNCT = {",", ";", "—", "–", "--"}
# quotation-mark characters, as tokens between a quotation and its cue
QUOTE_CHARS = set("\"“”„«»‘’'")
# sentence-final punctuation: a cue is never looked for across it
SENT_END = {".", "!", "?"}
# punctuation that ends an attribution's lead, not its content (trim)
LEAD_PUNCT = ",;:—–-"
TRAIL_PUNCT = ",;:—–-("
# dashes and punctuation that may stand between the quotations of a direct content
QUOTE_GLUE_PUNCT = ("--", "—", "–", "-")

# single words that each define one construction
COMPLEMENTIZER = "that"  # "said that ...", a lead-in "agreed that “...”"
ACCORDING = "according"  # "..., according to X"
COPULA = "be"  # "her view is that ..."
INFINITIVE_TO = "to"  # "his promise to ..."
DUMMY_IT = "it"  # "made it clear that ..."
WHO = "who"  # "aides who applauded him": a person, whatever the noun
OF = "of"  # "most of the farmers", "the head of the council"
AS_MARK = "as"  # "as X noted, ..."
# what joins a participle or conjunct to the clause before: ", noting that", "and asked whether"
JOINERS = {",", "and", ";", "—", "--"}

# token-array ids of the candidates where tidy() may cut a content
CUT_DEP_IDS = id_array(get_string_id(d) for d in CUT_AFTER_COMMA | {"conj"})
ACCORDING_ID = get_string_id(ACCORDING)


def mark_of(tok: Token) -> str | None:
    """The subordinating word of a clause ("that", "if", "whether", "as"), lower case, or None."""
    for c in tok.children:
        if c.dep_ == "mark":
            return c.lower_
    return None
