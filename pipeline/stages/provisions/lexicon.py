"""The stage's rule files compiled once per pipeline: the prefilter, the category matcher, word sets.

:class:`Lexicon` is built by the component when the pipeline is built and shared, read-only, by
every article's :class:`~.reading.Reading`: the frames look words up here, never in the YAML.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .categories import CategoryMatcher
from .rules import RuleData, phrase_forms
from .segment import phrase_tokens


class Lexicon:
    """Rule data with the matchers and look-up sets the frames need (see the module docstring)."""

    def __init__(self, nlp: Language, data: RuleData):
        self.data = data
        c = data.cues
        self.prefilter = _prefilter(nlp, data)
        self.categories = CategoryMatcher(nlp, data)
        self.under = phrase_tokens(c.under_phrases)
        self.exchange = phrase_tokens(c.exchange_phrases)
        self.self_deciding = set(data.parties.self_deciding)
        self.cond_markers = sorted(phrase_tokens(c.condition_markers), key=len, reverse=True)
        self.putting_verbs = set(data.documents.presenting_verbs) | set(c.party_verbs) | set(c.putting_verbs)
        self.refusals = set(c.refusal_verbs)
        self.phrasal_refusals = {tuple(v.split()) for v in c.refusal_verbs if len(v.split()) == 2}
        self.signals = SignalWords(data, self.under)

    def cue_starts(self, doc: Doc) -> set[int]:
        """Tokens where a prefilter word starts: a sentence without one (and without a document named just
        before) cannot hold a provision and is not read."""
        return {s for _, s, _ in self.prefilter(doc)}


class SignalWords:
    """The word classes of ``signals.yaml`` and the cue classes of verbs (``cues.yaml``), built once per pipeline."""

    def __init__(self, data: RuleData, under: list[list[str]]):
        w = data.signals
        self.deontic = frozenset(w.deontic_modals)
        self.hedge = frozenset(w.hedge_modals)
        self.semi = frozenset(w.semi_modals)
        self.classes = {
            "analysis": frozenset(w.analysis_cues),
            "reaction": frozenset(w.reaction_cues),
            "event": frozenset(w.event_cues),
            "list": frozenset(w.list_cues),
            "revision": frozenset(w.revision_cues),
        }
        self.event_verbs = frozenset(w.event_verbs)
        self.joint = frozenset(w.joint_words) | frozenset(data.parties.joint)
        cues = data.cues
        cls: dict[str, str] = {}
        for names, label in (
            (cues.report_verbs, "report"),
            (list(cues.content_verbs), "content"),
            (cues.party_verbs, "party"),
            (cues.agreement_verbs, "agree"),
            ([v.split()[0] for v in cues.refusal_verbs], "refuse"),
        ):
            for lemma in names:
                cls[lemma] = label
        self.cue_class = cls
        self.doc_kind = data.doc_kind
        self.under = under


def _prefilter(nlp: Language, data: RuleData) -> PhraseMatcher:
    """The words that can open a frame on their own: document words, frame verbs, position nouns. Verbs that
    only a document can say ("includes", "says") are not here: they need a document in the sentence or one
    named just before, which the component checks per sentence."""
    c = data.cues
    doc_words = list(data.doc_kind) + list(data.part_kind) + list(data.documents.general_nouns)
    verbs = (
        set(c.party_verbs)
        | set(c.agreement_verbs)
        | set(c.refusal_verbs)
        | set(c.party_object_verbs)
        | set(c.party_goal_verbs)
        | set(c.truce_verbs)
        | set(c.condition_verbs)
        | set(c.prefilter_verbs)
    )
    verbs = {v.split()[0] for v in verbs}  # "rule out": its verb
    words = {f for w in doc_words for f in phrase_forms(w)} | {f for v in verbs for f in phrase_forms(v)}
    words |= {f for w in c.position_nouns for f in phrase_forms(w)}
    words |= set(c.prefilter_words)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TRIGGER", [nlp.make_doc(w) for w in sorted(words)])
    return matcher
