"""Segmenting the content of a document into atomic provisions.

The content of a memorandum reaches us as one run of tokens: "1) a ceasefire ...; 2) several
measures, including the return of X, Y, and the exchange of Z; ..." or "recognition of X as well as
Y, and the complete withdrawal of Z". The statistical parser attaches long coordinations badly, so
the split is decided on the surface, token by token, with the tags as evidence:

1. :func:`content_end` cuts the run where comment starts (", but ...", ", he said");
2. :func:`enumerate_items` splits at list markers ("1)", "(b)", "2.") and numbers the items;
3. :func:`split_coordination` splits each item where a new provision starts after a comma, a
   semicolon, "and", "or" or "as well as": a determiner or possessive, a verb in a list of verbs, a
   nominalisation ("termination of"), a new clause subject, or a repeat of the list's first word;
   it does not split inside one clause ("the rights, freedoms, and interests of ...", "Luhansk,
   Donetsk and Kherson regions", "deployments or infrastructure");
4. headers are dropped: "several measures, including A, B" gives A and B; "two paths to a
   ceasefire -- either A or B" gives A and B; "an agreement in which A and B" gives A and B.

Every function works on token indices of one Doc and returns :class:`Segment` objects whose
character offsets index the Doc text, so the provisions keep exact offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .grammar import (
    AFTER_BUT_GOES_ON,
    AND_OR,
    AS_WELL_AS,
    BE_FORMS,
    BEFORE_BUT_GOES_ON,
    FOR_THAT,
    FOR_TO,
    HEADER_PREPOSITIONS,
    ITEM_OPENERS,
    LEAD_STRIP,
    NO_ANY,
    NOMINAL_PREPOSITIONS,
    QUANTIFIERS,
    SEPARATOR_TOKENS,
    SEPARATORS,
    SKIP_AFTER_SEPARATOR,
    SUBORDINATORS,
    TO_THAT,
    TRAILING_CONNECTIVES,
    WHICH_WHEREBY,
)
from .rules import RuleData

DETERMINER_TAGS = {"DT", "PDT", "PRP$", "CD", "WP$"}  # Penn tags of determiners, possessives and numbers
VERB_TAGS = {"VB", "VBP", "VBZ"}  # Penn tags of a bare or present verb: an item of a list of verbs
DASHES = {"–", "—", "--", "-"}
MARKER = re.compile(r"^(?:\d{1,2}|[a-h]|[ivx]{1,4})$")
BULLET_LINE = re.compile(r"^[ \t]*(?:[-*•·▪‣+]\s|\d{1,3}[.)]\s|\([a-z0-9]{1,3}\)\s|[a-h][.)]\s)")


@dataclass
class Segment:
    start: int  # first token
    end: int  # token after the last
    item: str | None = None

    def span(self, doc: Doc):
        return doc[self.start : self.end]


# ---------------------------------------------------------------- helpers


def _lower(tok: Token) -> str:
    return tok.lower_


def _seq_at(doc: Doc, i: int, end: int, words: list[str]) -> bool:
    if i + len(words) > end:
        return False
    return all(doc[i + k].lower_ == w for k, w in enumerate(words))


def phrase_tokens(phrases: list[str]) -> list[list[str]]:
    """Split cue phrases into token lists the way the tokenizer does for these simple strings."""
    out = []
    for p in phrases:
        toks = re.findall(r"[\w'’-]+|[^\w\s]", p.lower())
        # the tokenizer keeps hyphenated words apart: "all-for-all" -> all - for - all
        flat: list[str] = []
        for t in toks:
            if "-" in t and len(t) > 1 and not t.startswith("-"):
                parts = t.split("-")
                for k, part in enumerate(parts):
                    if k:
                        flat.append("-")
                    if part:
                        flat.append(part)
            else:
                flat.append(t)
        out.append(flat)
    return out


def content_end(doc: Doc, start: int, end: int, data: RuleData) -> int:
    """First token of comment after the content (", but ...", ", he said"), or ``end``."""
    by_first = _stoppers_by_first(data)
    lows = [t.lower_ for t in doc[start:end]]  # one Token per token; lows[i - start] is token i
    depth = 0
    for i in range(start + 1, end):
        j = i - start
        low = lows[j]
        if low in ("(", "["):
            depth += 1
        elif low in (")", "]"):
            depth = max(0, depth - 1)
        if depth:
            continue
        for words in by_first.get(low, ()):
            n = len(words)
            if i + n > end or lows[j : j + n] != words:
                continue
            if "but" in words and i + n < end and lows[j + n] in AFTER_BUT_GOES_ON:
                continue  # "but also", "but only if Russia does the same" (a condition)
            if words[0] == "but" and i > start and lows[j - 1] in BEFORE_BUT_GOES_ON:
                continue
            return i
    return end


_STOPPER_CACHE: dict[int, dict[str, list[list[str]]]] = {}
_EXCHANGE_CACHE: dict[int, list[list[str]]] = {}


def _stoppers_by_first(data: RuleData) -> dict[str, list[list[str]]]:
    """The stopper phrases as token lists, by first token (in file order within each)."""
    key = id(data)
    if key not in _STOPPER_CACHE:
        by_first: dict[str, list[list[str]]] = {}
        for words in phrase_tokens(data.cues.stoppers):
            if words:
                by_first.setdefault(words[0], []).append(words)
        _STOPPER_CACHE[key] = by_first
    return _STOPPER_CACHE[key]


# ---------------------------------------------------------------- enumerations


def _marker_at(doc: Doc, i: int, end: int) -> tuple[str, int] | None:
    """A list marker at token i: '1)', '(1)', 'a)', '2.' -> (label, tokens it spans)."""
    tok = doc[i]
    prev = doc[i - 1] if i > 0 else None
    opens_item = prev is None or prev.text in ITEM_OPENERS or prev.is_space or prev.lower_ in AND_OR
    if tok.text == "(" and i + 2 < end and MARKER.match(doc[i + 1].lower_) and doc[i + 2].text == ")":
        return doc[i + 1].lower_, 3
    if MARKER.match(tok.lower_) and i + 1 < end and doc[i + 1].text == ")" and (opens_item or i == 0):
        return tok.lower_, 2
    m = re.match(r"^(\d{1,2})[.)]$", tok.text)
    if m and (opens_item or i == 0):
        return m.group(1), 1
    if (
        re.match(r"^\d{1,2}$", tok.text)
        and i + 1 < end
        and doc[i + 1].text == "."
        and (opens_item or i == 0)
        and i + 2 < end
        and (doc[i + 2].is_title or doc[i + 2].is_space)
    ):
        return tok.text, 2
    return None


def _sequence_ok(labels: list[str]) -> bool:
    """Markers must count up from 1 (or a, or i): '1) 2) 3)' is a list, '5) 9)' is not."""

    def rank(lab: str) -> int | None:
        if lab.isdigit():
            return int(lab)
        if len(lab) == 1 and lab in "abcdefgh":
            return ord(lab) - ord("a") + 1
        roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
        return roman.get(lab)

    ranks = [rank(lab) for lab in labels]
    if None in ranks or len(ranks) < 2:
        return False
    return ranks[0] in (1, ranks[0]) and all(b == a + 1 for a, b in zip(ranks, ranks[1:]))


def enumerate_items(doc: Doc, start: int, end: int) -> list[Segment]:
    """Split at list markers; without a list of at least two markers, one unnumbered segment."""
    found: list[tuple[int, str, int]] = []
    i = start
    while i < end:
        m = _marker_at(doc, i, end)
        if m:
            found.append((i, m[0], m[1]))
            i += m[1]
        else:
            i += 1
    if len(found) < 2 or not _sequence_ok([f[1] for f in found]):
        return [Segment(start, end)]
    segs = []
    if found[0][0] > start:
        segs.append(Segment(start, found[0][0], None))  # text before the first marker (a header)
    for k, (i, label, n) in enumerate(found):
        stop = found[k + 1][0] if k + 1 < len(found) else end
        segs.append(Segment(i + n, stop, label if not label.isalpha() or len(label) > 1 else label))
    return segs


def marker_label(doc: Doc, start: int, end: int) -> tuple[str | None, int]:
    """A bullet or number that opens a line ('- ', '* ', '3. ', '(b)'): (number or None, tokens to skip)."""
    i = start
    while i < end and doc[i].is_space:
        i += 1
    if i >= end:
        return None, i - start
    m = _marker_at(doc, i, end)
    if m and (i == 0 or "\n" in doc[i - 1].text or doc[i - 1].is_space or i == start):
        return m[0], i - start + m[1]
    if doc[i].text in {"-", "*", "•", "·", "▪", "‣", "+", "–", "—"}:
        return None, i - start + 1
    return None, i - start


# ---------------------------------------------------------------- coordination


def _is_verb_list(doc: Doc, start: int, j: int) -> bool:
    return any(doc[k].tag_.startswith("VB") for k in range(start, j))


def _starts_new_item(
    doc: Doc, k: int, end: int, first: int, sep: set[str], data: RuleData, in_sublist: bool, seg_start: int
) -> bool:
    """Does a new provision start at token k, after the separator tokens ``sep``? The tests are tried in this
    order; inside a sub-list ("..., including A, B") only those before ``in_sublist`` apply."""
    if ";" in sep or "as well as" in sep:
        return True
    if (
        _repeats_first_word(doc, k, first)
        or _next_verb_of_list(doc, k, seg_start)
        or doc[k].tag_ == "VBG"
        and doc[first].tag_ == "VBG"
        and doc[k].lower_ not in data.cues.sublist_markers
        or _own_subject(doc, k, seg_start)
    ):
        return True
    if in_sublist:
        return False
    if "or" in sep and "," not in sep and "and" not in sep:
        return _alternative(doc, k, first)
    determined = _determined_item(doc, k, end, sep)
    if determined is not None:
        return determined
    return (
        _possessor_item(doc, k, end)
        or _nominalisation(doc, k, end, data)
        or doc[k].lower_ not in data.cues.sublist_markers
        and _phrase_item(doc, k, end, seg_start, sep)
    )


def _repeats_first_word(doc: Doc, k: int, first: int) -> bool:
    """A repeat of the list's first word: "continued talks, continued work"; "by A or by B"."""
    tok = doc[k]
    return (
        tok.lower_ == doc[first].lower_
        and (tok.is_alpha and not tok.is_stop and tok.pos_ != "PROPN" or tok.pos_ == "ADP")
        and k > first + 1
    )


def _next_verb_of_list(doc: Doc, k: int, seg_start: int) -> bool:
    """A verb in a list of verbs: "end martial law, organize elections"."""
    tok = doc[k]
    return (
        tok.tag_ in VERB_TAGS
        and tok.dep_ not in ("aux", "auxpass")
        and tok.lower_ not in BE_FORMS
        and _is_verb_list(doc, seg_start, k)
        and not _bare_verb_before(doc, k)
    )


def _own_subject(doc: Doc, k: int, seg_start: int) -> bool:
    """A clause with its own subject: "and that Ukraine elect ...", "and Russia would ..."."""
    tok = doc[k]
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and tok.head.i > k
        and tok.head.tag_.startswith(("VB", "MD"))
        and any(doc[x].tag_.startswith("VB") for x in range(seg_start, k))
        and not any(
            c.lower_ in SUBORDINATORS for c in tok.head.children if c.dep_ in ("mark", "advmod", "prep") and c.i < k
        )
    )


def _alternative(doc: Doc, k: int, first: int) -> bool:
    """After a bare "or": "either by A or by B", or a determiner ("the A or the B"); else one phrase
    ("deployments or infrastructure")."""
    tok = doc[k]
    if any(doc[x].lower_ == "either" for x in range(max(0, first - 2), k)):
        return True  # "either by A or by B"
    return tok.tag_ in DETERMINER_TAGS and tok.lower_ not in NO_ANY and not tok.like_num


def _determined_item(doc: Doc, k: int, end: int, sep: set[str]) -> bool | None:
    """A determiner or possessive opens an item: "all civilians", "its annexation", "the exchange of"; but
    "18, 19 and 20 year-olds" stays together. None when k holds no determiner."""
    tok = doc[k]
    if not (tok.tag_ in DETERMINER_TAGS and tok.dep_ != "nummod" or tok.lower_ in QUANTIFIERS):
        return None
    return not (tok.like_num and k + 1 < end and doc[k + 1].tag_ in ("NNS", "NN") and "," in sep and "and" not in sep)


def _possessor_item(doc: Doc, k: int, end: int) -> bool:
    """A name with a possessive: ", Ukraine's accession to ..." (not "Trump's and Putin's agreement")."""
    tok = doc[k]
    return tok.tag_ in ("NNP", "NNPS") and k + 1 < end and doc[k + 1].tag_ == "POS" and not _after_possessive(doc, k)


def _nominalisation(doc: Doc, k: int, end: int, data: RuleData) -> bool:
    """A nominalisation with its preposition: "termination of", "protection of", "preparation for"."""
    tok = doc[k]
    low = tok.lower_
    return (
        tok.tag_ in ("NN", "NNS")
        and any(low.endswith(s) for s in data.cues.nominal_suffixes)
        and len(low) > 5
        and (k + 1 < end and doc[k + 1].lower_ in NOMINAL_PREPOSITIONS)
    )


def _bare_verb_before(doc: Doc, k: int) -> bool:
    """'to suspend or remove the countermeasures': two verbs sharing one object are one provision."""
    j = k - 1
    while j > 0 and (doc[j].lower_ in SEPARATORS or doc[j].is_space):
        j -= 1
    return doc[j].tag_ in VERB_TAGS


def _after_possessive(doc: Doc, k: int) -> bool:
    """'Trump's and Putin's agreement': the separator before k follows a possessive, one phrase."""
    j = k - 1
    while j > 0 and (doc[j].lower_ in SEPARATORS or doc[j].is_space):
        j -= 1
    return doc[j].tag_ == "POS" or doc[j].text in ("'s", "’s", "’", "'")


def _phrase_item(doc: Doc, k: int, end: int, seg_start: int, sep: set[str]) -> bool:
    """'A of X, B of Y, C in Z, and D': after a comma, a noun or gerund phrase of three words or more
    following a phrase of three words or more is an item of its own; single words ('the rights,
    freedoms, and interests of ...') and names ('Luhansk, Donetsk and Kherson regions') stay together."""
    tok = doc[k]
    if "," not in sep or tok.tag_ not in ("NN", "NNS", "VBG") or tok.ent_type_:
        return False
    nxt = k
    while nxt < end and doc[nxt].text not in (",", ";") and doc[nxt].lower_ not in AND_OR:
        nxt += 1
    j = k - 1
    while j > seg_start and (doc[j].lower_ in SEPARATORS or doc[j].is_space):
        j -= 1  # back over the separator
    p = j
    while p > seg_start and doc[p - 1].text not in (",", ";"):
        p -= 1
    prev = [t for t in doc[p : j + 1] if not (t.is_punct or t.is_space)]
    return (
        nxt - k >= 3
        and len(prev) >= 3
        and any(doc[x].pos_ == "ADP" or doc[x].tag_ in ("NN", "NNS") for x in range(k + 1, nxt))
    )


def _new_main_clause(doc: Doc, sep_at: int, k: int) -> bool:
    """A clause with its own subject and a finite present or past verb, not introduced by 'that':
    a new statement of the writer, not one more item of the content."""
    tok = doc[k]
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i <= k:
        return False
    if any(doc[x].lower_ == "that" for x in range(sep_at, k)):
        return False
    verb = tok.head
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBD") and not aux:
        return True
    return verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)  # ", and NATO has coordinated ..."


def split_coordination(doc: Doc, start: int, end: int, data: RuleData) -> list[Segment]:
    """Split a run of tokens into provisions at coordination points (see the module docstring)."""
    if end - start < 2:
        return [Segment(start, end)]
    sublist = set(data.cues.sublist_markers)
    cuts: list[tuple[int, int]] = []  # (end of previous segment, start of next)
    header_end: int | None = None
    seg_start = start
    in_sublist = False
    depth = 0
    dashes = [x for x in range(start, end) if doc[x].text in ("—", "–", "--")]
    paired = set(range(dashes[0], dashes[1] + 1)) if len(dashes) >= 2 else set()
    i = start + 1
    while i < end:
        tok = doc[i]
        if tok.text in ("(", "["):
            depth += 1
        elif tok.text in (")", "]"):
            depth = max(0, depth - 1)
        if depth or i in paired:
            i += 1
            continue
        low = tok.lower_
        # a sub-list: "..., including A, B" (its items are provisions only after a header)
        if low in sublist or (low == "such" and i + 1 < end and doc[i + 1].lower_ == "as"):
            if _is_header(doc, seg_start, i, data):
                header_end = i
                in_sublist = False
                skip = 2 if low == "such" else 1
                cuts.append((i, i + skip))
                seg_start = i + skip
                i += skip
                continue
            in_sublist = True
        is_sep = low in SEPARATOR_TOKENS or _seq_at(doc, i, end, AS_WELL_AS)
        if not is_sep:
            i += 1
            continue
        j = i
        sep: set[str] = set()
        while j < end:
            if _seq_at(doc, j, end, AS_WELL_AS):
                sep.add("as well as")
                j += 3
            elif doc[j].lower_ in SKIP_AFTER_SEPARATOR or doc[j].is_space:
                if doc[j].lower_ in SEPARATORS:
                    sep.add(doc[j].lower_)
                if doc[j].lower_ in TO_THAT and not sep:
                    break
                j += 1
            else:
                break
        if not sep or j >= end:
            i = max(j, i + 1)
            continue
        # "either by A or by B": skip a repeated preposition after the separator
        k = j
        if _starts_new_item(doc, k, end, start, sep, data, in_sublist, seg_start):
            if _new_main_clause(doc, i, k):
                end = i  # ", and NATO coordinates ...": a new statement, no longer the content
                break
            cuts.append((i, k))
            seg_start = k
            if ";" in sep or doc[k].tag_ in VERB_TAGS:
                in_sublist = False
            elif in_sublist and doc[k].dep_ in ("nsubj", "nsubjpass"):
                in_sublist = False
        i = max(j, i + 1)
    segs = []
    prev = start
    for a, b in cuts:
        segs.append(Segment(prev, a))
        prev = b
    segs.append(Segment(prev, end))
    if header_end is not None:
        segs = [s for s in segs if not (s.start <= header_end - 1 < s.end and s.end <= header_end)]
    return [s for s in segs if s.end > s.start]


# ---------------------------------------------------------------- headers


def segment_head(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of a run of tokens: its first token whose head lies outside the run."""
    for t in doc[start:end]:
        if t.is_punct or t.is_space:
            continue
        if t.head.i == t.i or not (start <= t.head.i < end):
            return t
    return None


def _is_header(doc: Doc, start: int, end: int, data: RuleData) -> bool:
    """A run whose head noun is generic ('several measures', 'two sets of pre-conditions', 'its
    demands for ...'); a verb's object counts for the verb ('pursue one of two paths')."""
    head = segment_head(doc, start, end)
    if head is None:
        return False
    header = set(data.cues.header_nouns)
    if head.pos_ in ("VERB", "AUX"):
        objs = [c for c in head.children if c.dep_ in ("dobj", "attr") and start <= c.i < end]
        if not objs:
            return False
        head = objs[0]
        if any(
            c.i > head.i and c.i < end and (c.dep_ in ("acl", "relcl") or c.dep_ == "prep" and c.lower_ in FOR_TO)
            for c in head.children
        ):
            return False  # "develop measures for implementing X": the measures are said
    if head.pos_ not in ("NOUN", "NUM", "PRON", "ADJ"):
        return False
    return head.lemma_.lower() in header or head.lower_ in header


def drop_relative_header(doc: Doc, seg: Segment, data: RuleData) -> Segment:
    """'a settlement in which the smaller state obtains X' -> 'the smaller state obtains X'."""
    for i in range(seg.start, min(seg.end - 1, seg.start + 12)):
        tok = doc[i]
        if tok.lower_ in WHICH_WHEREBY and (tok.lower_ == "whereby" or doc[i - 1].lower_ in HEADER_PREPOSITIONS):
            head_words = [
                t for t in doc[seg.start : i] if t.lemma_.lower() in data.doc_kind or t.lower_ in data.doc_kind
            ]
            if head_words:
                return Segment(i + 1, seg.end, seg.item)
    return seg


def split_at_dash(doc: Doc, seg: Segment, data: RuleData) -> list[Segment]:
    """'one of two paths to a ceasefire -- either A or B': the header before the dash is dropped."""
    n_dashes = sum(1 for t in doc[seg.start : seg.end] if t.text in ("—", "–", "--"))
    for i in range(seg.start + 1, seg.end - 1):
        if (
            n_dashes == 1
            and doc[i].text in DASHES
            and doc[i].whitespace_
            and (i == 0 or doc[i - 1].whitespace_)
            or doc[i].text == ":"
        ):
            left, right = Segment(seg.start, i, seg.item), Segment(i + 1, seg.end, seg.item)
            if _is_header(doc, left.start, left.end, data) or doc[i].text == ":":
                return [right]
            return [left, right]
    return [seg]


# ---------------------------------------------------------------- trimming


def trim(doc: Doc, seg: Segment, data: RuleData) -> Segment:
    """Strip separators and connectives at the edges of a segment."""
    s, e = seg.start, seg.end
    while s < e and (
        doc[s].is_space
        or doc[s].lower_ in LEAD_STRIP
        and not (doc[s].lower_ == "both" and s + 1 < e and doc[s + 1].tag_.startswith("NN"))
        or doc[s].is_punct
        and doc[s].text not in ('"', "“", "(", "'")
    ):
        if doc[s].lower_ == "to" and not (s + 1 < e and doc[s + 1].tag_ == "VB"):
            break
        s += 1
    if s + 1 < e and doc[s].lower_ in data.cues.call_nouns and doc[s + 1].lower_ in FOR_THAT:
        s += 2  # "included calls for Kyiv to ...": the content is what is called for
    if s < e and doc[s].lower_ == "by":
        nxt = s + 1
        while nxt < e and doc[nxt].is_space:
            nxt += 1
        if nxt < e and doc[nxt].tag_ in ("DT", "NNP", "PRP$", "VBG"):
            s = nxt
    while e > s and (
        doc[e - 1].is_space
        or doc[e - 1].is_punct
        and doc[e - 1].text not in (")", '"', "”", "’")
        or doc[e - 1].lower_ in TRAILING_CONNECTIVES
    ):
        e -= 1
    # a closing bracket or quote without its opening one goes too
    text = doc[s:e].text if e > s else ""
    if e > s and doc[e - 1].text == ")" and text.count("(") < text.count(")"):
        e -= 1
    if e > s and doc[e - 1].text in ('"', "”") and text.count('"') % 2 == 1 and "“" not in text:
        e -= 1
    return Segment(s, e, seg.item)


def is_substantive(doc: Doc, seg: Segment, data: RuleData) -> bool:
    """Keep segments with some content: two words at least, not only names, not a bare header."""
    toks = [t for t in doc[seg.start : seg.end] if not (t.is_punct or t.is_space)]
    words = [t for t in toks if t.is_alpha]
    if len(words) < 2:
        return False
    if all(t.pos_ in ("PROPN", "NUM", "DET", "CCONJ", "ADP") or t.ent_type_ in ("DATE", "TIME", "GPE") for t in toks):
        return False
    content = [t for t in words if not t.is_stop]
    if not content:
        return False
    header = set(data.cues.header_nouns)
    if all(t.lemma_.lower() in header or t.pos_ in ("ADJ", "DET", "NUM") for t in content):
        return False
    return True


def segment_content(doc: Doc, start: int, end: int, data: RuleData, item: str | None = None) -> list[Segment]:
    """The provisions of a run of content tokens: enumerate, drop headers, split, trim, filter."""
    out: list[Segment] = []
    items = enumerate_items(doc, start, end)
    numbered = len(items) > 1
    if not numbered:
        items = enumerate_items(doc, start, content_end(doc, start, end, data))
    for it in items:
        if numbered and it.item is None:
            continue  # the words before "1)" are the list's header
        if numbered:  # comment after an item (", while retaining ...") ends that item, not the list
            it = Segment(it.start, content_end(doc, it.start, it.end, data), it.item)
        label = it.item if numbered else item
        for part in split_at_dash(doc, Segment(it.start, it.end, label), data):
            part = drop_relative_header(doc, trim(doc, part, data), data)
            for seg in _split_exchange(doc, split_coordination(doc, part.start, part.end, data), data):
                seg = trim(doc, Segment(seg.start, seg.end, label), data)
                if (
                    seg.end > seg.start
                    and is_substantive(doc, seg, data)
                    and not _is_header_only(doc, seg, data)
                    and not _is_header(doc, seg.start, seg.end, data)
                ):
                    out.append(seg)
    return out


def _split_exchange(doc: Doc, segs: list[Segment], data: RuleData) -> list[Segment]:
    """'a demilitarised zone in exchange for security guarantees': two provisions, the two sides of a bargain."""
    key = id(data)
    if key not in _EXCHANGE_CACHE:
        _EXCHANGE_CACHE[key] = phrase_tokens(data.cues.exchange_phrases)
    phrases = _EXCHANGE_CACHE[key]
    out: list[Segment] = []
    for seg in segs:
        cut = None
        for i in range(seg.start + 2, seg.end - 2):
            for words in phrases:
                if _seq_at(doc, i, seg.end, words):
                    cut = (i, i + len(words))
                    break
            if cut:
                break
        if cut and seg.end - cut[1] >= 2:
            out += [Segment(seg.start, cut[0], seg.item), Segment(cut[1], seg.end, seg.item)]
        else:
            out.append(seg)
    return out


def _is_header_only(doc: Doc, seg: Segment, data: RuleData) -> bool:
    """'several confidence-building measures' left alone (its sub-list was split off)."""
    toks = [t for t in doc[seg.start : seg.end] if not t.is_punct]
    if not toks or len(toks) > 5:
        return False
    last = toks[-1]
    return last.lemma_.lower() in set(data.cues.header_nouns) and last.pos_ == "NOUN"
