"""What the provisions rules take as English grammar rather than vocabulary.

These are closed classes of function words (conjunctions, prepositions, determiners, pronouns,
subordinators, auxiliaries), each named for the role it plays in a rule: they do not grow with the
news, so they stay in code. Every open-class word list (verbs, nouns, adjectives of the domain, and
the particles a particular verb takes) is vocabulary and lives in ``data/provisions/*.yaml``.
Dependency labels, part-of-speech and Penn tags stay inline where they are used: they are the
parser's own labels.
"""

from __future__ import annotations

# ---------------------------------------------------------------- conjunctions and list joints

AND_OR = ("and", "or")  # the conjunctions that join the items of a list
SEPARATORS = {",", ";", "and", "or", "as well as", "plus", "&"}  # where a list may be cut into items
SEPARATOR_TOKENS = (",", ";", "and", "or", "plus", "&")  # the one-token separators ("as well as" is three)
AS_WELL_AS = ["as", "well", "as"]  # the three-token separator, as tokens
# words skipped after a separator before the next item starts (", and then X", "; and also X")
SKIP_AFTER_SEPARATOR = {",", ";", "and", "or", "either", "also", "then", "finally", "plus", "that", "&", "to"}
LEAD_STRIP = {  # separators and connectives stripped at the start of a provision ("and also X" -> "X")
    ",", ";", ":", "and", "or", "either", "also", "then", "finally", "plus", "that", "-", "–", "—", "&", "both", "as",
    "well", "neither", "nor", "to",
}  # fmt: skip
LIST_JOINTS = ("and", "or", ",")  # what stands before the second "on" of "on X and on Y"
TRAILING_CONNECTIVES = ("and", "or", "as", "but", "either", "including")  # dropped at the end of a provision
ITEM_OPENERS = {";", ":", ",", "and", "(", "\n"}  # a list marker opens an item after one of these ("; 2) ...")
AFTER_BUT_GOES_ON = ("also", "only")  # "but also", "but only if ...": the content goes on after "but"
BEFORE_BUT_GOES_ON = ("not", "all", "anything", "nothing")  # "nothing but", "all but": no comment starts

# ---------------------------------------------------------------- prepositions

ON = ("on", "upon")  # "on" and its formal variant ("conditioned on", "agreed upon")
FOR_ON = ("for", "on")  # what a demand asks for: "calls for X", "calls on Kyiv to S", "provisions on X"
TO_ON = ("to", "on", "upon")  # the object of an agreement verb: "agreed to X", "agreed on X"
IN_TO = ("in", "to")  # before an agreement noun: "resulted in an agreement", "came to an agreement"
ON_TO = ("on", "to")  # after an agreement noun: "a deal on X", "an agreement to S"
COMPLEMENT_OPENERS = ("to", "that", "on", "upon")  # open a complement without being part of it ("agreed to S")
ADDITION_PREPOSITIONS = ("alongside", "including", "besides")  # "its provisions for X, alongside Y"
BETWEEN_PARTIES = ("between", "by", "with")  # the parties of a passive agreement ("agreed between X and Y")
OWNER_PREPOSITIONS = ("of", "by", "from")  # the party of a document: "the memorandum of/by/from X"
GOAL_PREPOSITIONS = ("toward", "towards", "for", "to")  # "a step toward a peace deal": a generic goal
RELATIVE_PREPOSITIONS = ("in", "under", "by")  # "an agreement under which S": the content follows
HEADER_PREPOSITIONS = ("in", "under", "by", "through")  # "a settlement in which S": the header is dropped
WHEREIN = ("wherein", "whereby")  # "a draft deal wherein S"
NOMINAL_PREPOSITIONS = ("of", "for", "to", "on", "from", "with", "by", "in")  # "termination of", "preparation for"

# ---------------------------------------------------------------- determiners

ARTICLES = ("the", "a", "an")  # left out of a document's name
INDEFINITE_ARTICLES = ("a", "an")
DEFINITE_DETERMINERS = ("the", "this", "that", "these", "those", "its", "their")  # "the memorandum" refers back
THE_THIS = ("the", "this")  # "the document", "this text": the document named just before
ITEM_DETERMINERS = ("the", "these", "those")  # "the provisions for X": the items of a known document
REFERRING_DETERMINERS = ("this", "these", "those", "that", "such")  # "rejected this condition": named before
REFERRING_OR_ANY = ("such", "this", "these", "those", "that", "any")  # "rejected any such concession"
QUANTIFIERS = ("no", "all", "every", "each")  # open a new item like a determiner ("all civilians")
NO_ANY = ("no", "any")  # "A or no B": not a second item
NEGATIVE_DETERMINERS = ("neither", "no")  # "no party agreed"

# ---------------------------------------------------------------- pronouns

NEGATIVE_PRONOUNS = ("neither", "none", "nobody", "no")  # "neither agreed": nothing was agreed
SPEAKER_PRONOUNS = ("we", "i", "you")  # the speaker or the reader, not a party at the table
REFERRING_PRONOUNS = ("it", "this", "that")  # a subject that refers back, not a provision
TAKE_UP_PRONOUNS = ("it", "they")  # take up the subject or document named before
DOCUMENT_PRONOUNS = ("it", "this")  # "It also calls for ...": the document named just before
SAYING_PRONOUNS = ("it", "which")  # "which lists ...": a document as subject
RELATIVE_PRONOUNS = ("which", "that")
GROUP_PRONOUNS = ("they", "we")  # take up the last joint party
PERSON_PRONOUNS = ("he", "she")  # the speaker of a reporting verb
PERSON_POSSESSIVES = ("his", "her")  # "his proposal": of the person named before
GROUP_POSSESSIVES = ("its", "their")  # "its insistence that ...": of the sentence's subject
THAT_FOR = ("that", "for")  # after a verb the tagger read as a noun: "the memorandum demands that ..."
TO_THAT = ("to", "that")  # infinitive and complementiser: not a separator of list items
FOR_TO = ("for", "to")  # "measures for X": a header noun with its content
FOR_THAT = ("for", "that")  # "calls for X", "demands that S"
WHICH_WHEREBY = ("which", "whereby")

# ---------------------------------------------------------------- subordinators and auxiliaries

SUBORDINATORS = {"before", "after", "until", "once", "if", "unless", "when", "while", "because", "so"}  # open no item
HYPOTHETICAL_MARKS = ("if", "unless", "whether", "once")  # "if the sides agree": no agreement reached
DO_FORMS = ("did", "do", "does")  # emphatic do: "did agree" is an agreement reached
BE_FORMS = ("is", "are", "be", "was", "were")  # a copula is no verb of a list of verbs
