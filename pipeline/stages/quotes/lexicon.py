"""The quotes stage's rule files compiled for look-ups, once per pipeline.

:class:`Lexicon` is what the passes ask of ``data/quotes/cues.yaml``, ``speakers.yaml`` and
``patterns.yaml`` (validated by :mod:`.rules`): word sets for membership tests, the cue words as
sorted id arrays for the scan of a doc's token arrays, the quotation marks, and the cue classes of
a token. It is built once by the component and holds no per-article state.
"""

from __future__ import annotations

import re

from spacy.strings import get_string_id
from spacy.tokens import Token

from ...core.docs import id_array
from .grammar import VERB_POS
from .quotemarks import MarkSet
from .rules import CueClass, CueLexicon, QuotePatterns, SpeakerLexicon

SPEECH = "speech"  # the cue class of verbs of saying (cues.yaml), which any subject may use


def tally_regex(words: list[str]) -> re.Pattern:
    """A paragraph that is a tally: numbers and punctuation with at most one of ``words``
    ("1,204.", "48 percent", "(+3) points")."""
    unit = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[\d\s,.%$()+-]*(?:{unit})?[\d\s,.%$()+-]*\.?", re.I)


class Lexicon:
    """The word lists of the three rule files, as sets, id arrays and look-ups."""

    def __init__(self, cues: CueLexicon, speakers: SpeakerLexicon, patterns: QuotePatterns):
        self.cues, self.speakers, self.patterns = cues, speakers, patterns
        # cues.yaml
        self.classes: dict[str, CueClass] = dict(cues.classes)
        self.by_lemma = cues.classes_of()
        self.phrasal_lemmas = {k.split()[0] for k in self.by_lemma if " " in k}
        self.nouns = set(cues.nouns)
        self.light_verbs = set(cues.light_verbs)
        # the cue words as sorted id arrays, for the scan of a doc's token attributes (CueFinder.find)
        self.cue_id_array = id_array(
            get_string_id(k.split()[0]) for k, names in self.by_lemma.items() if self._has_pos(names, "VERB")
        )
        self.adj_id_array = id_array(
            get_string_id(k) for k, names in self.by_lemma.items() if self._has_pos(names, "ADJ")
        )
        self.noun_id_array = id_array(get_string_id(n) for n in cues.nouns)
        self.verb_pos_array = id_array(VERB_POS)
        self.noun_preps = set(cues.noun_preps)
        self.light_verb_preps = set(cues.light_verb_preps)
        self.object_preps = set(cues.object_preps)
        self.rest_preps = set(cues.rest_preps)
        self.addressee_verbs = set(cues.addressee_verbs)
        self.question_words = set(cues.question_words)
        self.patient_preps = set(cues.patient_preps)
        self.passive_non_subjects = set(cues.passive_non_subjects)
        self.patient_non_subjects = set(cues.patient_non_subjects)
        # speakers.yaml
        self.titles = set(speakers.person_titles)
        self.groups = set(speakers.group_nouns)
        self.pronouns = {k.lower(): set(v) for k, v in speakers.pronouns.items()}
        self.relative = set(speakers.relative)
        self.speaker_labels = set(speakers.speaker_labels)
        self.first_person = set(speakers.first_person)
        self.non_agents = set(speakers.non_agents)
        self.generic_pronouns = set(speakers.generic_pronouns)
        self.source_preps = set(speakers.source_preps)
        self.name_preps = set(speakers.name_preps)
        self.person_pronouns = set(speakers.person_pronouns)
        self.definite_determiners = set(speakers.definite_determiners)
        # patterns.yaml
        self.provision_sources = set(patterns.provision_sources)
        self.evidence_sources = set(patterns.evidence_sources)
        self.non_speakers = set(patterns.non_speakers)
        self.non_labels = set(patterns.non_labels)
        self.document_pronouns = set(patterns.document_pronouns)
        self.title_before = set(patterns.title_before)
        self.cue_gap_words = set(patterns.cue_gap_words)
        self.trailing_conjunctions = tuple(" " + w for w in patterns.trailing_conjunctions)  # as text endings
        self.tally = tally_regex(patterns.tally_words)
        m = patterns.marks
        self.marks = MarkSet(
            tuple(m.open), tuple(m.close), tuple(m.either), tuple(m.single_open), tuple(m.single_close)
        )

    def _has_pos(self, names: list[str], pos: str) -> bool:
        return any(self.classes[n].pos == pos for n in names)

    def cue_classes(self, tok: Token) -> list[str]:
        """Names of the cue classes of a verb or adjective: by its lemma (or its lower-cased form,
        where the lemmatizer errs), or by lemma and particle for a phrasal cue listed as "go on"."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "ADJ":  # "critical of", "eager to", "confident that"
            return [n for n in self.by_lemma.get(lemma, []) if self.classes[n].pos == "ADJ"]
        if tok.pos_ not in ("VERB", "AUX"):
            return []
        names = [
            n for n in self.by_lemma.get(lemma) or self.by_lemma.get(tok.lower_) or [] if self.classes[n].pos == "VERB"
        ]
        if lemma in self.phrasal_lemmas:
            for child in tok.rights:
                if child.i <= tok.i + 2 and child.dep_ in ("prt", "prep", "advmod"):
                    more = self.by_lemma.get(f"{lemma} {child.lower_}")
                    if more:
                        return more + [n for n in names if n not in more]
        return names

    def takes_quotes(self, tok: Token) -> bool:
        """Whether one of the token's cue classes may take a quotation next to it ("“...,” he said")."""
        return any(self.classes[n].quotes for n in self.cue_classes(tok))

    def is_speech_cue(self, tok: Token) -> bool:
        """A verb that may introduce a quotation next to it."""
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        return self.takes_quotes(tok)

    def is_speech(self, tok: Token) -> bool:
        """A verb of saying (the ``speech`` class)."""
        return SPEECH in self.cue_classes(tok)
