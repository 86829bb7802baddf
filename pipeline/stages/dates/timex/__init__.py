"""TIMEX3 normaliser: the words of a temporal expression -> type, value, mod (TimeML).

Pure Python, no spaCy: :func:`normalise` takes the expression's words (as the tokenizer split
them), a :class:`Context` (publication date, tense of the governing verb, the last date the text
mentioned) and the :class:`Lexicon` of ``data/dates/lexicon.yaml``, and returns a :class:`Timex`
or ``None`` when the words are not a temporal expression after all.

The interpretation is compositional rather than one function per pattern: the words are read
into features (modifiers, numbers, units, month, day, year, weekday, season, quarter, part of
day, clock time, deictic and relative words, offsets such as "ago"), and a small decision list
turns features into a value. News conventions: the publication date is the reference for deictic
words ("yesterday", "last week", "three years ago"); "earlier/later/the following" words are
anaphoric (relative to the last date mentioned); bare weekdays, months and month-days lean to the
past for past-tense verbs and forward for future ones. Without a publication date, relative
expressions keep X's in the value, as TimeML does.

Where things live, in the order an expression goes through them:

- :mod:`.normaliser`      the entry point (memoised): split, read, decide
- :mod:`.words`           the words as the reader sees them; modifier phrases taken off the ends
- :mod:`.reading`         the features (:class:`.features.Reading`) and the order of the word readers
- :mod:`.read_calendar`   word readers: holidays, months, weekdays, seasons, quarters, ordinals, decades
- :mod:`.read_clock`      word reader: clock times
- :mod:`.read_quantities` word readers: numbers, fractions, ranges, units, offsets, relative words
- :mod:`.decide`          the decision list (an ordered table of rules) and its one-rule builders
- :mod:`.periods`         values of named calendar periods (month-days, months, years, quarters, ...)
- :mod:`.units`           values built on a unit (durations, "three years ago", "last week")
- :mod:`.clock`           TIME values
- :mod:`.resolve`         news conventions for a weekday, month or season named without a year
- :mod:`.holidays`        holiday dates
- :mod:`.points`          calendar points (:class:`Point`) and their arithmetic
- :mod:`.durations`       duration values (:func:`duration_value`)
- :mod:`.context`         :class:`Context` in, :class:`Timex` out
"""

from __future__ import annotations

from ..rules import Lexicon, load_lexicon
from .context import Context, Timex
from .durations import duration_value
from .normaliser import normalise
from .points import Point
from .resolve import resolve_weekday

__all__ = ["Context", "Lexicon", "Point", "Timex", "duration_value", "load_lexicon", "normalise", "resolve_weekday"]
