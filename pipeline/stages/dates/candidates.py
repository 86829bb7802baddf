"""Candidate spans: the Matcher rules of ``patterns.yaml`` run on windows around trigger tokens,
the lexicon's fixed expressions, and the base model's DATE/TIME entities where no rule matched.

Speed: the Matcher tries every pattern at every token, so the patterns are grouped by a word each
of them cannot match without (:func:`.patterns.group_patterns`), one Matcher per group, and a
window runs only the groups whose words it contains; a numpy prefilter over the token arrays
finds the windows (month and weekday names, units, four-digit numbers, clock times...).
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...core.docs import id_array, in_ids
from .false_friends import FalseFriends
from .patterns import group_patterns, load_patterns, longest_first
from .rules import Lexicon, load_pattern_file
from .timex.keywords import IRREGULAR_PLURAL_UNITS

MODEL_SPANS = "timex_model"  # doc.spans key of the base model's DATE/TIME entities (timex_model_spans)
MODEL_LABELS = ("DATE", "TIME")  # the base model's NER labels of temporal expressions


class CandidateFinder:
    """The candidate spans of a Doc, longest first and not overlapping (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        lex: Lexicon,
        false_friends: FalseFriends,
        patterns_path: str | None = None,
        lexicon_path: str | None = None,
        use_model_entities: bool = True,
    ):
        self.lex = lex
        self.false_friends = false_friends
        self.use_model_entities = use_model_entities
        self._init_matchers(nlp, load_patterns(patterns_path, lexicon_path))
        self.fixed = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.fixed.add("FIXED", [nlp.make_doc(k) for k in lex.fixed])
        self.plural_units = {u for u in lex.units if u.endswith("s")} | set(IRREGULAR_PLURAL_UNITS)
        self._init_triggers(nlp, patterns_path)

    def _init_matchers(self, nlp: Language, patterns: list[list[dict]]) -> None:
        """One Matcher per group of patterns needing the same words (:func:`group_patterns`);
        ``word_groups`` maps a word's LOWER id to the groups it unlocks, ``always`` lists the
        groups with no needed word."""
        self.matchers: list[Matcher] = []
        self.always: list[int] = []
        self.word_groups: dict[int, list[int]] = {}
        for g, (words, group) in enumerate(group_patterns(patterns)):
            matcher = Matcher(nlp.vocab)
            matcher.add("TIMEX", group)
            self.matchers.append(matcher)
            if words is None:
                self.always.append(g)
            for w in words or ():
                self.word_groups.setdefault(nlp.vocab.strings.add(w), []).append(g)

    def _init_triggers(self, nlp: Language, patterns_path: str | None) -> None:
        trig = load_pattern_file(patterns_path).triggers
        words = set(trig.words)
        for section in trig.lexicon_sections:
            for key in getattr(self.lex, section):
                if " " not in key:  # a phrase has a trigger word of its own ("good friday", "new year's day")
                    words.update((key, key + "."))
        # ambiguous month names ("may", "march") trigger only when capitalised
        ambiguous = self.false_friends.ambiguous
        cased = {v for w in ambiguous for v in (w.title(), w.title() + ".", w.upper())}
        words -= ambiguous | {w + "." for w in ambiguous}
        self.trigger_ids = id_array(nlp.vocab.strings.add(w) for w in words)
        self.cased_trigger_ids = id_array(nlp.vocab.strings.add(w) for w in cased)
        self.shape_re = re.compile(trig.shape) if trig.shape else None
        self.shape_ok: dict[int, bool] = {}  # shape id -> whether it triggers (the vocabulary's shapes, across Docs)
        self.window = (trig.window_before, trig.window_after)

    def match(self, window: Span, lower_ids: list[int]) -> list[tuple[int, int]]:
        """The rule matches in a window (offsets within it): only the groups whose needed words
        occur there run, and the union is filtered as ``greedy="LONGEST"`` would."""
        active = set(self.always)
        for i in set(lower_ids):
            active.update(self.word_groups.get(i, ()))
        pairs = [(s, e) for g in sorted(active) for _, s, e in self.matchers[g](window)]
        return longest_first(pairs)

    def windows(self, doc: Doc, arr: np.ndarray | None = None) -> list[tuple[int, int]]:
        """Token windows around trigger tokens (merged), where the Matcher has to look."""
        if not len(doc):
            return []
        if arr is None:
            arr = doc.to_array([LOWER, SHAPE, ORTH])
        hit = in_ids(arr[:, 0], self.trigger_ids) | in_ids(arr[:, 2], self.cased_trigger_ids)
        if self.shape_re is not None:
            shapes = arr[:, 1]
            for h in np.unique(shapes):
                ok = self.shape_ok.get(int(h))
                if ok is None:
                    ok = bool(self.shape_re.search(doc.vocab.strings[int(h)])) if int(h) in doc.vocab.strings else False
                    self.shape_ok[int(h)] = ok
                if ok:
                    hit |= shapes == h
        idx = np.flatnonzero(hit)
        before, after = self.window
        out: list[tuple[int, int]] = []
        for i in idx.tolist():
            s, e = max(0, i - before), min(len(doc), i + after + 1)
            if out and s <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], e))
            else:
                out.append((s, e))
        return out

    def find(self, doc: Doc) -> list[Span]:
        """The candidates in text order: rule matches and fixed expressions that are not false
        friends, longest first, then the model's spans where no rule matched."""
        plausible = self.false_friends.plausible
        spans = []
        arr = doc.to_array([LOWER, SHAPE, ORTH]) if len(doc) else None
        for ws, we in self.windows(doc, arr):
            spans += [Span(doc, ws + s, ws + e) for s, e in self.match(doc[ws:we], arr[ws:we, 0].tolist())]
        spans += [Span(doc, s, e) for _, s, e in self.fixed(doc)]
        spans = [s for s in spans if plausible(s)]
        found = filter_spans(spans)
        if self.use_model_entities:
            taken = {i for s in found for i in range(s.start, s.end)}
            model_spans = doc.spans[MODEL_SPANS] if MODEL_SPANS in doc.spans else doc.ents
            for ent in model_spans:
                if (
                    ent.label_ in MODEL_LABELS
                    and not any(i in taken for i in range(ent.start, ent.end))
                    and plausible(ent)
                    and not any(t.lower_ in self.false_friends.age_forms for t in ent)
                    and not (ent[0].lower_ == "the" and ent[-1].lower_ in self.plural_units)
                ):
                    # the model's spans, where no rule matched ("the days of" is not one, nor "52 years old")
                    found.append(ent)
            found.sort(key=lambda s: s.start)
        return found
