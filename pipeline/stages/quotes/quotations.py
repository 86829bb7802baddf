"""Pass 2, quotations: the spans in quotation marks matched with the cues of pass 1.

- A cue whose content lies inside a quotation makes it **direct**; a content holding a quotation
  and other words is **mixed** (:meth:`QuotationLinker.claim`).
- A quotation no cue claims is linked to a speech cue next to it: the one the parse hangs it on,
  one right after it ("“...,” he said") or right before it ("he said: “...”", the second half of
  a split quote), or the subject before a colon ("X told the Council: “...”")
  (:meth:`QuotationLinker.adjacent_cue`).
- A quotation right after an attributed one goes on with its cue: the next paragraph of a quotation
  over several, or "“...,” he said. “...”" (:meth:`QuotationLinker.follow_on`).
- A paragraph of quoted speech with no cue of its own is a **floating** quote of the previous
  speaker (:meth:`QuotationLinker.floating`). Short uncued quotations inside a sentence are scare
  quotes or titles, not speech.
- As in PolNeAR, a cue inside another attribution's content (inside a quotation, or "he said she
  wants ...") is no attribution of its own, nor one inside what a document says
  (:func:`drop_nested`).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from .context import Attribution, DocContext
from .cues import cue_chars
from .grammar import COMPLEMENTIZER, NAME_LABELS, QUOTE_CHARS, QUOTE_GLUE_PUNCT, SENT_END
from .lexicon import Lexicon
from .quotemarks import Quotation
from .sources import SourceFinder


class QuotationLinker:
    """Pass 2 (see the module docstring); built once, reads the Doc through a DocContext."""

    def __init__(self, lex: Lexicon, sources: SourceFinder):
        self.lex = lex
        self.sources = sources

    def link_quotations(self, ctx: DocContext, atts: list[Attribution]) -> list[Attribution]:
        """The attributions of pass 1 fitted to the quotations, with those made for quotations
        (next to a cue, following on, floating), without the nested ones."""
        if not ctx.quotes:
            return drop_nested(atts + ctx.extra, ctx.provision_spans)
        owner: dict[int, Attribution] = {}  # quotation index -> the attribution that has it
        for att in atts:
            if att.cue is not None:
                self.claim(ctx, att, owner)
        by_cue = {att.cue.i: att for att in atts if att.cue is not None}
        for k in range(len(ctx.quotes)):
            if k not in owner:
                att = self.adjacent_cue(ctx, k, by_cue)
                if att is not None:
                    owner[k] = att
        self.follow_on(ctx, owner)
        floating = self.floating(ctx, owner)
        return drop_nested(atts + ctx.extra + floating, ctx.provision_spans)

    def claim(self, ctx: DocContext, att: Attribution, owner: dict[int, Attribution]) -> None:
        """A cue whose content meets quotations takes them: its content becomes the quotations
        (direct) or the content with the quotations (mixed)."""
        cue_q = ctx.quote_at(att.cue.idx)
        a, b = att.parts[0]
        hit = [k for k in ctx.quotes_overlapping(a, b) if k != cue_q]
        if not hit:
            return
        att.parts, att.quotes, att.kind = self.fit_to_quotations(ctx, att.cue, a, b, hit)
        for k in att.quotes:
            owner.setdefault(k, att)
        if att.source is None and att.cue.pos_ in ("VERB", "AUX") and att.quotes:
            # the parse gave the cue no subject: the name next to it ("“...,” said X, who ...")
            att.source = self.adjacent_subject(ctx, ctx.quotes[att.quotes[0]], att.cue)

    def fit_to_quotations(
        self, ctx: DocContext, cue: Token, a: int, b: int, hit: list[int]
    ) -> tuple[list[tuple[int, int]], list[int], str]:
        """Parts, quotations and kind of a content [a, b) that meets the quotations ``hit``."""
        quotes = ctx.quotes
        adjacent = self.quote_right_before(ctx, cue)
        if (
            adjacent in hit
            and a < quotes[adjacent].start
            and ctx.text[a : quotes[adjacent].start].rstrip().endswith((":", ",", ".", "—", "--"))
        ):
            # "..., he declared: “...,” she said": the quotation next to the cue is its content;
            # but in 'the plan is "a disaster," she said' the words before it are content too
            return [(quotes[adjacent].start, quotes[adjacent].end)], [adjacent], "direct"
        inside = [k for k in hit if quotes[k].start <= a and b <= quotes[k].end]
        if inside and self.only_quotes(ctx, a, b, hit):
            k = inside[0]
            return [(quotes[k].start, quotes[k].end)], [k], "direct"
        if self.only_quotes(ctx, a, b, hit) or self.lead_in(ctx, a, b, hit):
            # nothing but quotations, or "he had agreed that “...”": a short lead-in framing one
            return [(quotes[k].start, quotes[k].end) for k in hit], list(hit), "direct"
        a = min(a, *(quotes[k].start for k in hit))
        b = max(b, *(quotes[k].end for k in hit))
        return [(a, b)], list(hit), "mixed"

    def follow_on(self, ctx: DocContext, owner: dict[int, Attribution]) -> None:
        """Parts of a quotation that runs over several paragraphs, and a quotation right after
        the cue clause of the one before ('“...,” he said. “...”'), go to that one's attribution."""
        quotes = ctx.quotes
        for k, q in enumerate(quotes):
            if k in owner or k == 0:
                continue
            j = self.previous_quotation(ctx, k, owner)
            if j in owner and (
                quotes[j].group == q.group
                or not self.title_like(ctx, q)
                and self.follows_cue_clause(ctx, j, k, owner[j])
            ):
                att = owner[j]
                owner[k] = att
                att.parts.append((q.start, q.end))
                att.quotes.append(k)

    def previous_quotation(self, ctx: DocContext, k: int, owner: dict[int, Attribution]) -> int:
        """The quotation before quotation k, over unattributed scare quotes (but not before the first)."""
        j = k - 1
        while (
            j > 0
            and j not in owner
            and ctx.words(ctx.quotes[j].start, ctx.quotes[j].end) <= self.lex.patterns.scare_max_words
        ):
            j -= 1
        return j

    def floating(self, ctx: DocContext, owner: dict[int, Attribution]) -> list[Attribution]:
        """Floating quotations: a paragraph of quoted speech (long enough to be speech) with no
        cue, within a paragraph of an attributed one, whose speaker it takes; the next floating
        paragraph takes it from this one."""
        last_att: Attribution | None = None
        floating = []
        for k, q in enumerate(ctx.quotes):
            if k in owner:
                last_att = owner[k]
                continue
            if q.single or ctx.words(q.start, q.end) < self.lex.patterns.floating_min_words:
                continue
            if not ctx.opens_paragraph(q.start):
                continue
            prev_att = last_att if last_att is not None and paragraphs_between(ctx, last_att, q.start) <= 1 else None
            att = Attribution(
                parts=[(q.start, q.end)],
                cue=None,
                cue_span=None,
                source=None,
                kind="direct",
                quotes=[k],
                floating_from=prev_att,
            )
            owner[k] = att
            floating.append(att)
            if prev_att is not None:
                last_att = att
        return floating

    def adjacent_cue(self, ctx: DocContext, k: int, by_cue: dict[int, Attribution]) -> Attribution | None:
        """A speech cue right after or right before quotation k; creates the attribution."""
        q = ctx.quotes[k]
        pat = self.lex.patterns
        if self.title_like(ctx, q):
            return None
        verb = (
            self.governing_cue(ctx, q)
            or self.cue_after(ctx, q.end, pat.cue_window_after)
            or self.cue_before(ctx, q.start, pat.cue_window_before)
        )
        if verb is None and ctx.text[max(q.start, q.end - 3) : q.end].rstrip("\"”'’»").endswith((",", "!", "?")):
            verb = self.cue_after(ctx, q.end, pat.cue_window_after, loose=True)
        if verb is None:
            return self.colon_intro(ctx, k)
        att = by_cue.get(verb.i)
        if att is not None and att.kind != "direct" and not any(a < q.end and q.start < b for a, b in att.parts):
            # the cue has its own reported clause on the other side: both are attributed to it
            twin = Attribution(
                parts=[(q.start, q.end)], cue=verb, cue_span=att.cue_span, source=att.source, kind="direct", quotes=[k]
            )
            ctx.extra.append(twin)
            return twin
        if att is not None and att.kind == "direct":
            att.parts.append((q.start, q.end))
            att.quotes.append(k)
            return att
        source = self.sources.source_of(verb)
        if source is not None and (source.lower_ in self.lex.non_speakers or ctx.quote_at(source.idx) is not None):
            source = None
        if source is None:
            source = self.adjacent_subject(ctx, q, verb)
        new = Attribution(
            parts=[(q.start, q.end)], cue=verb, cue_span=cue_chars(verb), source=source, kind="direct", quotes=[k]
        )
        if att is not None:  # the cue already had a non-quote content: the quotation replaces it
            att.parts, att.quotes, att.kind = new.parts, new.quotes, "direct"
            return att
        by_cue[verb.i] = new
        ctx.extra.append(new)
        return new

    def colon_intro(self, ctx: DocContext, k: int) -> Attribution | None:
        """'X told the Council: “...”', 'Jones: “...”': a quotation after a colon takes the
        subject of the clause before it, or the name right before the colon. The colon may end
        the paragraph before ('She said in a statement:' and the statement as its own paragraph)."""
        q = ctx.quotes[k]
        text = ctx.text
        j = q.start
        while j > 0 and text[j - 1] in " \t\u00a0\n" and q.start - j < 12:
            j -= 1
        if j == 0 or text[j - 1] != ":":
            return None
        colon = ctx.token_at(j - 1)
        if colon is None or colon.i == 0:
            return None
        before = ctx.doc[colon.i - 1]
        if "\n" in before.text:
            return None
        ent = ctx.entity_at(before.i)
        source = None
        if ent is not None and ent.label_ in NAME_LABELS and ent.end == colon.i:
            source = ent.root
        else:
            root = before
            steps = 0
            while root.head is not root and root.head.i < colon.i and steps < 50:
                root = root.head
                steps += 1
            source = self.sources.source_of(root) if root.pos_ in ("VERB", "AUX") else None
            if (
                source is None
                or source.lower_ in self.lex.non_speakers
                or source.lemma_.lower() in self.lex.provision_sources
            ):
                return None
        att = Attribution(
            parts=[(q.start, q.end)],
            cue=colon,
            cue_span=(colon.idx, colon.idx + 1),
            source=source,
            kind="direct",
            quotes=[k],
        )
        ctx.extra.append(att)
        return att

    # ------------------------------------------------------------------ what stands around a quotation

    @staticmethod
    def only_quotes(ctx: DocContext, a: int, b: int, ks: list[int]) -> bool:
        """True when [a, b) holds nothing but these quotations, punctuation and 'that'."""
        text = ctx.text
        rest = []
        pos = a
        for k in sorted(ks, key=lambda k: ctx.quotes[k].start):
            q = ctx.quotes[k]
            if q.start > pos:
                rest.append(text[pos : q.start])
            pos = max(pos, q.end)
        if pos < b:
            rest.append(text[pos:b])
        words = " ".join(rest).replace(",", " ").replace(".", " ").replace(":", " ").split()
        return all(w.lower() == COMPLEMENTIZER or w.lower() in QUOTE_GLUE_PUNCT for w in words)

    def lead_in(self, ctx: DocContext, a: int, b: int, ks: list[int]) -> bool:
        """True when [a, b) is a quotation that runs to the end, after a lead-in of at most
        five words ending in 'that' ("he had agreed that “...”")."""
        first = min(ctx.quotes[k].start for k in ks)
        last = max(ctx.quotes[k].end for k in ks)
        words = ctx.text[a:first].split()
        if not words or len(words) > 5 or words[-1].lower() != COMPLEMENTIZER:
            return False
        return self.only_quotes(ctx, first, b, ks) and last - first > 2 * (first - a)

    @staticmethod
    def quote_right_before(ctx: DocContext, cue: Token) -> int | None:
        """The quotation that ends just before a cue, with at most a short subject between
        ('“...,” the source said')."""
        k = bisect.bisect_right(ctx.q_starts, cue.idx) - 1
        if k < 0 or ctx.quotes[k].end > cue.idx:
            return None
        q = ctx.quotes[k]
        between = ctx.text[q.end : cue.idx]
        if len(between) > 80 or any(ch in between for ch in ".!?:;\n") or len(between.split()) > 8:
            return None
        # the quotation closes a clause ('“...,” she said', '“...”, she said'), it is not a word
        # inside one ('The party had “opened the door” for voters, she said')
        if not (
            between.lstrip().startswith(",")
            or ctx.text[q.start : q.end].rstrip("\"”'’»").rstrip().endswith((",", "!", "?", "."))
        ):
            return None
        return k

    def title_like(self, ctx: DocContext, q: Quotation) -> bool:
        """A short quotation after a preposition, article or possessive is a name or title
        ('said on “Face the Nation.”', 'the “Ted Cruz” pins'), not a quoted remark."""
        if ctx.words(q.start, q.end) > self.lex.patterns.scare_max_words:
            return False
        j = ctx.token_index(q.start) - 1
        while j >= 0 and ctx.doc[j].is_space:
            j -= 1
        return j >= 0 and ctx.doc[j].lower_ in self.lex.title_before

    @staticmethod
    def follows_cue_clause(ctx: DocContext, k_prev: int, k: int, att: Attribution) -> bool:
        """Quotation k comes right after the cue clause of quotation k_prev, same paragraph:
        '“...,” he said. “...”'."""
        prev, q = ctx.quotes[k_prev], ctx.quotes[k]
        if att.cue is None or not (prev.end <= att.cue.idx < q.start):
            return False
        between = ctx.text[prev.end : q.start]
        if "\n" in between or len(between) > 320:
            return False
        return between.rstrip().endswith((".", ",", ":"))

    # ------------------------------------------------------------------ cues near a quotation

    def governing_cue(self, ctx: DocContext, q: Quotation) -> Token | None:
        """The speech cue outside the quotation that the parse hangs the quoted words on
        ("joked, again using an accent, “...”", "“...” Trump went on")."""
        span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        steps = 0
        for tok in span:
            head = tok.head
            if head.i < span.start or head.i >= span.end:
                if (
                    self.lex.is_speech_cue(head)
                    and abs(head.i - (span.start if head.i < span.start else span.end)) <= 25
                ):
                    return head
                steps += 1
                if steps > 6:
                    break
        return None

    def cue_after(self, ctx: DocContext, char: int, window: int, loose: bool = False) -> Token | None:
        """A speech cue verb in the few tokens after a closing mark, in the same sentence.

        With ``loose``, any verb right after the quotation whose subject is a person will do
        ("“This is fantastic!” beamed a delegate", "“Come on,” he urged them")."""
        doc = ctx.doc
        i = ctx.token_index(char)
        if i < len(doc) and doc[i].idx < char:
            i += 1
        for n, tok in enumerate(doc[i : i + window]):
            if tok.text in SENT_END or "\n" in tok.text or tok.text in QUOTE_CHARS and tok.i > i or tok.text == "''":
                return None
            if self.lex.is_speech_cue(tok):
                return tok
            if loose and n <= 4 and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ") and self.person_subject(ctx, tok):
                return tok
        return None

    def cue_before(self, ctx: DocContext, char: int, window: int) -> Token | None:
        """A speech cue verb just before an opening mark ('he said: “', 'he said, “', 'said that “')."""
        doc = ctx.doc
        j = ctx.token_index(char)
        if j < len(doc) and doc[j].idx >= char:
            j -= 1
        steps = 0
        while j >= 0 and steps < window:
            tok = doc[j]
            if tok.text in SENT_END or "\n" in tok.text or tok.text in QUOTE_CHARS or tok.text == "''":
                return None
            if self.lex.is_speech_cue(tok):
                return tok
            if not (tok.is_punct or tok.is_space or tok.lower_ in self.lex.cue_gap_words):
                # words between the cue and the mark: allow an addressee or time ("told reporters:")
                if steps >= 3:
                    return None
            j -= 1
            steps += 1
        return None

    def person_subject(self, ctx: DocContext, verb: Token) -> bool:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        if subj.lower_ in self.lex.person_pronouns:
            return True
        ent = ctx.entity_at(subj.i)
        return ent is not None and ent.label_ in NAME_LABELS or subj.lemma_.lower() in self.lex.titles

    @staticmethod
    def adjacent_subject(ctx: DocContext, q: Quotation, verb: Token) -> Token | None:
        """When the parse gives a cue next to a quotation no subject: the name or pronoun
        between the quotation and the cue ("“...,” Bozell answers"), or right after the cue
        ("“...,” said Skelly")."""
        doc = ctx.doc
        if verb.idx >= q.end:
            between = doc[ctx.token_index(q.end) : verb.i]
            for tok in between:
                if tok.idx >= q.end and tok.pos_ in ("PROPN", "PRON", "NOUN") and ctx.quote_at(tok.idx) is None:
                    ent = ctx.entity_at(tok.i)
                    return ent.root if ent is not None else tok
        if verb.idx < q.end:
            return None
        for tok in doc[verb.i + 1 : verb.i + 4]:
            if tok.is_punct or tok.is_space:
                break
            if tok.pos_ in ("PROPN", "PRON", "NOUN") and ctx.quote_at(tok.idx) is None:
                ent = ctx.entity_at(tok.i)
                return ent.root if ent is not None else tok
        return None


def paragraphs_between(ctx: DocContext, att: Attribution, char: int) -> int:
    """Paragraph breaks between the end of an attribution's content and ``char``."""
    text = ctx.text
    end = max(b for _, b in att.parts)
    return text.count("\n\n", end, char) + (1 if text.count("\n", end, char) and "\n\n" not in text[end:char] else 0)


def drop_nested(atts: list[Attribution], provisions: list[tuple[int, int]] = ()) -> list[Attribution]:
    """Drop an attribution whose cue lies inside the content of another ("he said she
    wants ...", a cue inside a quotation): reported speech is attributed to the outer
    speaker, as in PolNeAR, which marks no nested attributions."""
    kept: list[Attribution] = []
    end = max([b for att in atts for _, b in att.parts] + [b for _, b in provisions] + [0])
    covered = bytearray(end + 1)  # characters inside an accepted content: O(1) look-ups
    for a, b in provisions:
        covered[a:b] = b"\x01" * (b - a)
    for att in sorted(atts, key=lambda a: -sum(b - s for s, b in a.parts)):
        if att.cue_span is not None and att.cue_span[0] <= end and covered[att.cue_span[0]]:
            continue
        kept.append(att)
        for a, b in att.parts:
            covered[a:b] = b"\x01" * (b - a)
    return kept
