"""Dates: temporal expressions normalised to TIMEX3 values against the publication date.

The ``timex`` component finds candidates with a spaCy Matcher compiled once from
``data/dates/patterns.yaml`` (a small notation over the word lists of ``data/dates/lexicon.yaml``),
run only on windows around trigger tokens (a numpy prefilter), and a PhraseMatcher over the
lexicon's fixed expressions ("now", "recently", "daily"), keeps the
longest non-overlapping ones, widens them with modifiers ("early", "at least", "the end of",
"or so"), and asks the normaliser (:mod:`pipeline.timex`) for type, value and mod. The context
it passes is the publication date (``doc._.article["date"]``), the tense of the governing verb
(so that a bare "Friday" or "May 16" leans to the past in a past-tense sentence and forward in a
future one), and the last date and fiscal quarter mentioned (for "a year earlier", "the
following day", "the quarter"). Durations followed by "of / after / before" + an event ("within
100 days of ending martial law") carry the event as ``anchor_text`` and a ``relation``, for the
provisions stage. Results: ``doc.spans["timex"]`` with ``span._.timex`` (a dict of the
:class:`DateRecord` fields).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

import numpy as np
from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ...core import extensions  # noqa: F401  (Span._.timex)
from ...core.docs import doc_text, id_array, in_ids
from ...core.guard import GuardedComponent, guarded
from .patterns import group_patterns, load_patterns, longest_first
from .rules import Lexicon, load_lexicon, load_pattern_file
from .timex import Context, Timex, normalise

log = logging.getLogger("pipeline")


# ---------------------------------------------------------------- tense

FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}


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
                return "past" if any(c.lower_ in ("had", "'d") and c.dep_ == "aux" for c in tok.children) else "future"
            tense = _verb_tense(tok)
            if tense is not None:
                return tense
            if tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and any(c.lower_ == "to" for c in tok.children):
                return "future"  # "the bank is to resume trading Tuesday": be + to-infinitive
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _verb_tense(tok) -> str | None:
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & FUTURE_AUX or tok.lower_ in FUTURE_AUX or "going" in lowers:
        return "future"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if tok.tag_ == "VBN":
        if lowers & {"has", "have", "'ve", "had"}:
            return "past"
        return "present" if lowers & {"is", "are", "am", "be", "'s", "'re"} else None
    if "to" in lowers:
        return None
    if tok.tag_ == "VBG":
        return "future" if lowers & {"is", "are", "am", "'s", "'re"} else None
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


# ---------------------------------------------------------------- the component

ANCHOR_PREPS = {
    "of": None,
    "after": "after",
    "before": "before",
    "following": "after",
    "from": "after",
    "since": "after",
    "prior": "before",
}
STOP_ANCHOR = {",", ";", ":", ".", "(", ")", "—", "–", "and", "but", "or", "which", "when", "while"}


class TimexFinder(GuardedComponent):
    """Find, normalise and store temporal expressions (see the module docstring)."""

    stage, component = "dates", "timex"

    def __init__(
        self,
        nlp: Language,
        patterns_path: str | None = None,
        lexicon_path: str | None = None,
        use_model_entities: bool = True,
    ):
        self.lex = load_lexicon(lexicon_path)
        self.ambiguous = set(self.lex.ambiguous_months)
        self._init_matchers(nlp, load_patterns(patterns_path, lexicon_path))
        self.fixed = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.fixed.add("FIXED", [nlp.make_doc(k) for k in self.lex.fixed])
        self.premods = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.postmods = PhraseMatcher(nlp.vocab, attr="LOWER")
        pre = [k for k in self.lex.mods if not k.startswith("or ") and self.lex.mods[k] not in self.lex.needs_number]
        quantity = [k for k in self.lex.mods if not k.startswith("or ") and self.lex.mods[k] in self.lex.needs_number]
        post = [k for k in self.lex.mods if k.startswith("or ")] + ["ahead", "to date", "from now"]
        self.premods.add("PRE", [nlp.make_doc(k) for k in pre])
        self.premods.add("THE", [nlp.make_doc("the")])
        self.premods.add("QUANTITY", [nlp.make_doc(k) for k in quantity])
        self.postmods.add("POST", [nlp.make_doc(k) for k in post])
        self.the_id = nlp.vocab.strings.add("THE")
        self.quantity_id = nlp.vocab.strings.add("QUANTITY")
        self.pos_only = dict(self.lex.pos_only)
        self.period_end = set(self.lex.period_end_words)
        self.not_year_after = set(self.lex.not_year_after)
        self.not_year_before = set(self.lex.not_year_before)
        self.rate_units = {u for u in self.lex.units if not u.endswith("s")}
        self.plural_units = {u for u in self.lex.units if u.endswith("s")} | {"centuries", "millennia"}
        self._init_triggers(nlp, patterns_path)
        self.use_model_entities = use_model_entities

    # -------------------------------------------------------- candidates

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

    def _match(self, window: Span, lower_ids: list[int]) -> list[tuple[int, int]]:
        """The rule matches in a window (offsets within it): only the groups whose needed words
        occur there run, and the union is filtered as ``greedy="LONGEST"`` would."""
        active = set(self.always)
        for i in set(lower_ids):
            active.update(self.word_groups.get(i, ()))
        pairs = [(s, e) for g in sorted(active) for _, s, e in self.matchers[g](window)]
        return longest_first(pairs)

    def _init_triggers(self, nlp: Language, patterns_path: str | None) -> None:
        trig = load_pattern_file(patterns_path).triggers
        words = set(trig.words)
        for section in trig.lexicon_sections:
            for key in getattr(self.lex, section):
                if " " not in key:  # a phrase has a trigger word of its own ("good friday", "new year's day")
                    words.update((key, key + "."))
        # ambiguous month names ("may", "march") trigger only when capitalised
        cased = {v for w in self.ambiguous for v in (w.title(), w.title() + ".", w.upper())}
        words -= self.ambiguous | {w + "." for w in self.ambiguous}
        self.trigger_ids = id_array(nlp.vocab.strings.add(w) for w in words)
        self.cased_trigger_ids = id_array(nlp.vocab.strings.add(w) for w in cased)
        self.shape_re = re.compile(trig.shape) if trig.shape else None
        self.shape_ok: dict[int, bool] = {}
        self.window = (trig.window_before, trig.window_after)

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

    def candidates(self, doc: Doc) -> list[Span]:
        spans = []
        arr = doc.to_array([LOWER, SHAPE, ORTH]) if len(doc) else None
        for ws, we in self.windows(doc, arr):
            spans += [Span(doc, ws + s, ws + e) for s, e in self._match(doc[ws:we], arr[ws:we, 0].tolist())]
        spans += [Span(doc, s, e) for _, s, e in self.fixed(doc)]
        spans = [s for s in spans if self._plausible(s)]
        found = filter_spans(spans)
        if self.use_model_entities:
            taken = {i for s in found for i in range(s.start, s.end)}
            model_spans = doc.spans[MODEL_SPANS] if MODEL_SPANS in doc.spans else doc.ents
            for ent in model_spans:
                if (
                    ent.label_ in ("DATE", "TIME")
                    and not any(i in taken for i in range(ent.start, ent.end))
                    and self._plausible(ent)
                    and not any(t.lower_ in ("old", "-old") for t in ent)
                    and not (ent[0].lower_ == "the" and ent[-1].lower_ in self.plural_units)
                ):
                    found.append(ent)  # the model's spans, where no rule matched ("the days of" is not one)
            found.sort(key=lambda s: s.start)
        return found

    def _plausible(self, span: Span) -> bool:
        """Reject the common false friends: 'may' the verb, 'March' the verb, '2000 troops'."""
        first, last = span[0], span[-1]
        if len(span) == 1:
            low = first.lower_.rstrip(".")
            if low in self.ambiguous and (
                not first.is_title or first.tag_ not in ("NNP", "NNPS") or len(low) <= 3 and low != "may"
            ):
                return False
            if first.like_num and re.fullmatch(r"\d{4}", first.text):
                nxt = first.nbor(1) if first.i + 1 < len(span.doc) else None
                prev = first.nbor(-1) if first.i > 0 else None
                if prev is not None and prev.lower_ in self.not_year_after:
                    return False
                if nxt is not None and nxt.lower_ in self.not_year_before:
                    return False
                if (
                    nxt is not None
                    and nxt.tag_ == "NNS"
                    and not (prev is not None and prev.pos_ in ("DET", "PRON", "ADJ", "PART"))
                ):
                    return False  # "2000 troops"; but "the 1992 protests"
        doc = span.doc
        if last.lower_ in ("of", "on", "at", "in", "for"):
            return False  # a fragment: "the night of [Friday, Oct. 23]"
        if len(span) == 1 and first.lower_ in ("period", "periods"):
            return False  # "the transition period": only "the latest period", "the year-ago period" are dates
        if self._an_age(span):
            return False
        after = [t.lower_ for t in doc[span.end : span.end + 2]]
        if after[:1] == ["old"] or after == ["-", "old"] or after[:1] == ["-old"]:
            return False  # an age: "a 6-year-old boy", "52 years old"
        if (
            len(span) <= 2
            and first.lower_ in ("a", "an")
            and last.lower_ in self.rate_units
            and span.start > 0
            and (doc[span.start - 1].pos_ in ("NUM", "NOUN", "PROPN", "SYM") or doc[span.start - 1].like_num)
        ):
            return False  # a rate: "$1.76 a year", "four flights a week"
        if (
            last.lower_ in ("quarter", "half", "quarters", "halves", "thirds")
            and after[:1] == ["of"]
            and not any(t.lower_ in ("the", "first", "second", "third", "fourth", "last") for t in span)
        ):
            return False  # a fraction: "more than a quarter of the market"
        if last.lower_ == "second" and len(span) <= 2 and (len(span) == 1 or first.lower_ in ("a", "the")):
            return False  # an ordinal: "a second group"
        if self._in_title(span) or self._not_a_season(span):
            return False
        if len(span) == 1 and first.lower_ in self.pos_only and first.pos_ != self.pos_only[first.lower_]:
            return False
        if last.lower_ in ("may", "march") and not last.is_title:
            return False
        if first.lower_ == "fall" and first.pos_ == "VERB":
            return False
        return True

    def _an_age(self, span: Span) -> bool:
        """'in his 30s', 'in their early twenties': an age, not a decade (a two-digit decade after
        a possessive, lexicon ``age_before``)."""
        words = [t.lower_ for t in span if t.lower_ not in ("the", "'", "’")]
        if not words or not (re.fullmatch(r"'?\d0s", words[-1]) or words[-1] in self.lex.decade_words):
            return False
        i = span.end - 2  # the model's span may hold the possessive itself: "her early thirties"
        while i >= 0 and span.doc[i].lower_ in ("early", "mid", "late", "-", "the"):
            i -= 1
        return i >= 0 and span.doc[i].lower_ in self.lex.age_before

    def _widen(self, doc: Doc, span: Span, pre: dict[int, list[tuple[int, str]]], post: dict[int, int]) -> Span:
        """Add modifiers before and after a span ('early', 'about', 'the end of', 'or so'); a
        bare "the" only comes along with a modifier ('the early 1980s')."""
        start, end = span.start, span.end
        modified = False
        if self._adjectival(span):  # "a two-year [contract]": no modifiers
            return span
        numeric = any(t.like_num or t.lower_ in ("a", "an", "several", "few", "couple") for t in span)
        weekday = span[-1].lower_.rstrip(".") in self.lex.weekdays
        while True:
            ends = pre.get(start, [])
            if start > 0 and doc[start - 1].text == "-" and doc[start - 1].whitespace_ == "":
                ends = ends + pre.get(start - 1, [])  # "mid-November", "early-1990s"
            options = [
                (s, label)
                for s, label in ends
                if s < start
                and (label == "PRE" and not weekday or label == "THE" and modified or label == "QUANTITY" and numeric)
            ]
            if not options:
                break
            start = min(s for s, _ in options)
            modified = True
        if end in post:
            end = post[end]
        return Span(doc, start, end)

    def _not_a_season(self, span: Span) -> bool:
        """'the Winter War', 'the fall of Avdiivka' (but 'the fall of 2024')."""
        last, doc = span[-1], span.doc
        if last.lower_ not in self.lex.seasons or span.end >= len(doc):
            return False
        nxt = doc[span.end]
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if last.is_title and nxt.is_title and not last.is_sent_start:
            return True
        return nxt.lower_ == "of" and not (after is not None and after.like_num)

    def _in_title(self, span: Span) -> bool:
        """Part of a name or title: 'March for Life', "ABC's 'This Week'", 'High Noon', 'VOA Today'."""
        doc = span.doc
        if any(t.like_num for t in span) or not all(t.is_title or t.is_punct for t in span):
            return False
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        names_a_day = any(
            t.lower_.rstrip(".") in self.lex.weekdays or t.lower_.rstrip(".") in self.lex.months for t in span
        )
        ambiguous = len(span) == 1 and span[0].lower_ in self.ambiguous  # "March for Life"
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        named_event = bool(
            nxt is not None and nxt.lower_ in ("for", "of", "with") and after is not None and after.is_title
        )
        if named_event and (ambiguous or not names_a_day):
            return True
        if (
            ambiguous
            and prev is not None
            and prev.is_title
            and prev.pos_ == "PROPN"
            and not prev.is_sent_start
            and not (nxt is not None and nxt.like_num)
        ):
            return True  # "the Bataan Death March"
        if span[0].is_sent_start or prev is None:
            return False
        if not names_a_day and (
            prev.is_title and not prev.is_sent_start and prev.pos_ == "PROPN" or prev.text in ('"', "“", "``", "'", "‘")
        ):
            return True  # "High Noon", "VOA Today", '"This Week"'
        if names_a_day and prev.text in ('"', "“", "``", "'", "‘") and nxt is not None and nxt.is_title:
            return True
        return False

    def _reporting_year(self, doc: Doc, span: Span, timex: Timex) -> Timex:
        """'the year ended March 31' is a reporting period: a duration (TimeBank), not this year."""
        if (
            span.end < len(doc)
            and doc[span.end].lower_ in self.period_end
            and span[-1].lower_ == "year"
            and span[0].lower_ == "the"
            and timex.type == "DATE"
        ):
            return Timex("DURATION", "P1Y")
        return timex

    def _after_modal(self, doc: Doc, span: Span, timex: Timex) -> Timex:
        """'the two sides may one day sign': after a modal, 'one day' is a vague future (lexicon
        ``after_modal``), not a duration."""
        key = span.text.lower()
        if key in self.lex.after_modal and span.start > 0 and doc[span.start - 1].tag_ == "MD":
            return Timex(**self.lex.after_modal[key])
        return timex

    @staticmethod
    def _adjectival(span: Span) -> bool:
        """A hyphenated duration used as an adjective: 'a two-year contract'."""
        return (
            len(span) >= 3
            and span[-2].text in ("-", "–")
            and span.end < len(span.doc)
            and span.doc[span.end].pos_ in ("NOUN", "PROPN", "ADJ")
        )

    def _outside_mod(self, doc: Doc, span: Span) -> tuple[bool, str | None, str | None]:
        """A modifier word just before the span that stays outside it ('within', 'about')."""
        if span.start == 0:
            return False, None, None
        w = doc[span.start - 1].lower_
        if w in self.lex.outside_mods:
            return True, self.lex.outside_mods[w], w
        return False, None, None

    # -------------------------------------------------------- the component

    def process(self, doc: Doc) -> Doc:
        doc.spans["timex"] = self.find(doc)
        return doc

    def fallback(self, doc: Doc) -> None:
        doc.spans["timex"] = []

    def find(self, doc: Doc) -> list[Span]:
        article = doc._.article or {}
        dct = _parse_date(article.get("date"))
        pre: dict[int, list[tuple[int, str]]] = {}
        for match_id, s, e in self.premods(doc):
            pre.setdefault(e, []).append(
                (s, "THE" if match_id == self.the_id else "QUANTITY" if match_id == self.quantity_id else "PRE")
            )
        post = {s: e for _, s, e in self.postmods(doc)}
        ctx = Context(dct=dct)
        out: list[Span] = []
        last_end = 0
        for cand in self.candidates(doc):
            if cand.start < last_end:
                continue
            cand = self._drop_count(cand)
            span = self._widen(doc, cand, pre, post)
            if span.start < last_end:
                span = Span(doc, max(last_end, span.start), span.end)
            ctx.tense = tense_of(span, self.lex)
            timex = self._normalise(span, ctx)
            if timex is None and span is not cand:
                span = cand
                timex = self._normalise(span, ctx)
            if timex is None:
                continue
            span = self._trim(span)
            if span is None:
                continue
            timex = self._reporting_year(doc, span, timex)
            timex = self._after_modal(doc, span, timex)
            has_outside, outside_mod, outside_word = self._outside_mod(doc, span)
            if has_outside and timex.mod is None and timex.type in ("DURATION", "TIME", "DATE"):
                timex.mod = outside_mod
            info = self._record(doc, span, timex, outside_word)
            span._.timex = info
            out.append(span)
            last_end = span.end
            self._update_context(ctx, timex)
        return out

    def _normalise(self, span: Span, ctx: Context) -> Timex | None:
        words = [t.text for t in span if not t.is_space]
        return normalise(words, ctx, self.lex)

    @staticmethod
    def _drop_count(span: Span) -> Span:
        """A count just before 'a'/'an' belongs to the sentence, not the expression: 'up from
        seven [a year ago]', 'twelve [a day]'."""
        start = span.start
        while start + 2 < span.end and span.doc[start].like_num and span.doc[start + 1].lower_ in ("a", "an"):
            start += 1
        return span if start == span.start else Span(span.doc, start, span.end)

    @staticmethod
    def _trim(span: Span) -> Span | None:
        """Drop punctuation and possessives at the edges of a span."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (
            doc[start].is_punct
            or doc[start].is_space
            or doc[start].lower_ in ("a", "an")
            and start + 1 < end
            and doc[start + 1].like_num
            and doc[start + 1].lower_ not in ("hundred", "thousand", "dozen", "million")
        ):
            start += 1
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s")):
            end -= 1
        if (
            end - start >= 3
            and doc[start].lower_ == "the"
            and doc[end - 2].text in ("-", "–")
            and end < len(doc)
            and doc[end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")
        ):
            start += 1  # a hyphenated modifier: "the [third-quarter] results"
        return Span(doc, start, end) if end > start else None

    @staticmethod
    def _update_context(ctx: Context, timex: Timex) -> None:
        p = timex.point
        if p is None or timex.type not in ("DATE", "TIME"):
            return
        if timex.sets_quarter and ctx.quarter is None:
            ctx.quarter = p  # the reporting quarter: the first one the article names
        if p.gran in ("day", "month", "year", "quarter", "week") and not timex.anaphoric:
            ctx.ref = p

    def _record(self, doc: Doc, span: Span, timex: Timex, before: str | None = None) -> dict:
        info = {
            "type": timex.type,
            "value": timex.value,
            "mod": timex.mod,
            "anchor": timex.anchor,
            "relative": timex.relative,
            "range_start": timex.range_start,
            "range_end": timex.range_end,
            "anchor_text": None,
            "anchor_start": None,
            "anchor_end": None,
            "relation": None,
        }
        if timex.type == "DURATION":
            info.update(self._event_anchor(doc, span, before))
        return info

    def _event_anchor(self, doc: Doc, span: Span, before: str | None = None) -> dict:
        """'within 100 days of ending martial law' -> anchor_text 'ending martial law', relation within."""
        first = before or span[0].lower_
        if span.end >= len(doc):
            return {}
        prep = doc[span.end]
        p = prep.lower_
        if p == "prior" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "to":
            p, skip = "prior", 2
        else:
            skip = 1
        if p not in ANCHOR_PREPS or (p == "of" and first != "within"):
            return {}
        relation = "within" if first == "within" else ANCHOR_PREPS[p]
        if relation is None:
            return {}
        start = span.end + skip
        end = self._anchor_end(doc, prep, start)
        if end <= start:
            return {}
        a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        return {"anchor_text": doc_text(doc)[a:b], "anchor_start": a, "anchor_end": b, "relation": relation}

    @staticmethod
    def _anchor_end(doc: Doc, prep, start: int) -> int:
        """End token of the event phrase after the preposition: its syntactic subtree, capped."""
        limit = min(len(doc), start + 15)
        sent_end = prep.sent.end if doc.has_annotation("SENT_START") else len(doc)
        limit = min(limit, sent_end)
        # subtree of the preposition's object, or of the clause it marks
        heads = [c for c in prep.children if c.i >= start]
        if not heads and prep.dep_ == "mark" and prep.head.i >= start:
            heads = [prep.head]
        end = start
        if heads:
            end = max(max(t.i for t in h.subtree) for h in heads) + 1
        if end <= start:
            end = start
            while end < limit and doc[end].text not in STOP_ANCHOR and not doc[end].is_space:
                end += 1
        end = min(end, limit)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        for i in range(start, end):  # stop at a clause break inside the subtree
            if doc[i].text in (",", ";", ":", "(", "—"):
                return i
            if i > start and doc[i].dep_ == "cc" and doc[i].head.pos_ in ("VERB", "AUX"):
                return i  # "... takes effect and that Ukraine elects ...": the first clause only
        return end


def _parse_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


MODEL_SPANS = "timex_model"


def _no_model_spans(doc: Doc) -> None:
    doc.spans[MODEL_SPANS] = []


@Language.component("timex_model_spans")
@guarded("dates", "timex_model_spans", _no_model_spans)
def timex_model_spans(doc: Doc) -> Doc:
    """Keep the base model's DATE/TIME entities (right after the NER) before the entities stage
    rewrites ``doc.ents``: the dates stage uses them as fallback candidates."""
    doc.spans[MODEL_SPANS] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    return doc


@Language.factory("timex", default_config={"patterns_path": None, "lexicon_path": None, "use_model_entities": True})
def make_timex(
    nlp: Language, name: str, patterns_path: str | None, lexicon_path: str | None, use_model_entities: bool
) -> TimexFinder:
    return TimexFinder(nlp, patterns_path, lexicon_path, use_model_entities)
