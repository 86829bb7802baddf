"""What the entity components take as grammar rather than vocabulary: labels, punctuation, shapes.

These sets name spaCy's entity labels, the tokenizer's punctuation and clitics, and the shapes of
web addresses and initials: they do not grow with the news. Every English word list the components
use (titles, role words, name particles, noise ...) is vocabulary and lives in
``data/entities/rules.yaml`` (see :mod:`.rules`).
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- spaCy entity labels (OntoNotes scheme)

# the labels this stage writes as records
LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"}
# names of people, organisations, places and groups: the gazetteer's and the cleaning rules' domain
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# places (a place suffix "region", "Oblast" is dropped from their canonical name)
PLACE = {"GPE", "LOC", "FAC"}
# other proper names the model finds, which may hold a known name ("the Istanbul Process")
OTHER_NAMED = {"EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
# model entities that may hold a gazetteer name (a DATE or CARDINAL over a known name gives way to it)
NAMED = NAME_LABELS | OTHER_NAMED
# model entities trimmed of titles and split at commas before they are kept
CLEANED = NAME_LABELS | {"EVENT", "LAW"}
# model labels that a name starting with a given name turns into PERSON ("Yurii Ihnat" ORG)
MAY_BE_PERSON = {"ORG", "GPE", "LOC", "FAC", "NORP"}
# model labels that a village name turns into GPE ("Novopavlivka" PERSON)
MAY_BE_VILLAGE = {"PERSON", "ORG", "NORP"}
# what a person may be affiliated with: a country, a people, an organisation
AFFILIATION_LABELS = {"GPE", "NORP", "ORG"}
# what the model may have tagged a role word as and it still be one ("Foreign" NORP, "Defense" ORG)
ROLE_WORD_ENT_TYPES = {"", "ORG", "NORP", "GPE"}

# ---------------------------------------------------------------- tokens and shapes

# the possessive clitic as the tokenizer splits it, straight or curly ("Ukraine's", "Zelenskyy’s", "Allies'")
POSSESSIVE = {"'s", "’s", "'", "’"}
# punctuation that ends a name inside a model entity ("Kyiv, Ukraine", "Reuters/AP", "(KhPG)")
CUT_TOKENS = {",", "/", ";", "|", "(", ")", "[", "]"}
# punctuation that ends a web address written without spaces
URL_STOP = {"[", "]", "(", ")", "<", ">", '"', "“", "”"}
# web addresses, e-mail handles and clock times that the model tags as names
NOT_A_NAME = re.compile(r"https?:|www\.|\.com\b|@|\d:\d\d")
# a middle initial ("R." in "David R. Cameron")
INITIAL = re.compile(r"[A-Z]\.?")
SPACES = re.compile(r"\s+")
TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
