"""The words the normaliser gives a role in code: the grammar of the reader, not vocabulary.

Each entry is a word (with its inflections) whose reading is implemented where it is used:
"half" adds a half to the number before it, "quarter" after an ordinal is a fiscal quarter,
"a" before a unit is one. Adding a word here would teach the reader nothing, so these stay in
code; vocabulary, words read the same way as the others of their list (units, months, time
zones, filler words, ...), lives in ``data/dates/lexicon.yaml``.
"""

from __future__ import annotations

ARTICLES = ("a", "an")  # 'a year' is one year, unless the article comes before a number ('a two-year truce')
ONE = ARTICLES + ("one",)  # a single unit: 'a week', 'one year'
A_IS_NOT_ONE_BEFORE = ("few", "couple", "while", "later", "dozen")  # 'a few days', 'a while', 'a day later'
A_COUNTS_BEFORE = ("half", "couple", "dozen", "hundred", "thousand")  # 'a half', 'a couple of', 'a hundred'
A_COUNTS_BEFORE_ALSO = ("quarter", "-", "fortnight", "decade")  # 'a quarter', 'a-year', 'a fortnight'
HALF_ADDS_AFTER = ("a", "and")  # 'two and a half years', 'a year and a half'
HALF_OF = ("of", "-")  # 'half of 2024' (the first half), 'half-year'
VAGUE_BEFORE = ("of", "more", "-")  # 'several of the days', 'several more weeks', 'few-day'
RANGE_WORDS = ("to", "or")  # between two numbers or units: 'two to three weeks', 'weeks or months'
DAY_RANGE_WORDS = ("-", "to", "and", "through", "until", "till")  # a second day: 'May 23-25', 'May 5 and 6'
NOT_COUNTED_UNITS = ("quarter", "second")  # '2024 quarter', '1990 second': a year, not 2024 quarters
CENTURY_WORDS = ("century", "centuries")  # '20th century': the ordinal is the century
QUARTER_WORDS = ("quarter", "quarters")  # a fiscal quarter after an ordinal, a year, 'fiscal', 'last'
HALF_WORDS = ("half", "halves")  # 'the first half'
LAST_ORDINALS = ("last", "final")  # ordinals only before a quarter or a half ('the final quarter')
LAST_BEFORE = ("quarter", "half", "quarters", "-")  # what makes 'last' an ordinal ('the last quarter of 1989')
SECOND_IS_ORDINAL_AFTER = ("the", "-")  # 'the second quarter' (after a number 'second' is the unit)
IRREGULAR_PLURAL_UNITS = ("centuries", "millennia")  # plurals the -s test misses ('millennia')
NIGHT_DEICTICS = ("tonight", "overnight")  # deictic days that are also the night (TIME ...TNI)
NIGHT_WORDS = ("night", "nights")  # a part of the day, but a unit after a number ('three nights')
YEAR_AGO_WORDS = ("ago", "earlier")  # 'year-ago', 'year-earlier': the same period a year before
BARE_OFFSETS = ("ago", "earlier")  # read as offsets even without a quantity ('the year-earlier', 'ago')
NOT_A_HOLIDAY_ALONE = ("new", "may")  # 'New Year's Day', 'May Day': the first word alone is no holiday
PAST_RELATIVES = ("past", "last")  # 'the past year', 'last year' -> the previous period (TimeBank)
NO_OFFSET_AFTER = ("the",) + PAST_RELATIVES  # 'the past two weeks before': a duration, not an offset
FORWARD_RELATIVES = ("next", "following")  # 'the following evening': the day after the last date
MOD_BEFORE_UNITS = ("week", "month", "year")  # 'earlier'/'later' before another unit is no modifier
