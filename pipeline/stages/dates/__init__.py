"""The dates stage: temporal expressions normalised to TIMEX3 values against the publication date.

- :mod:`.stage`         ``STAGE``: the components and the records function
- :mod:`.component`     ``timex``: candidates widened, normalised in the article's context, stored
- :mod:`.candidates`    candidate spans: grouped Matchers on trigger windows, fixed expressions, model spans
- :mod:`.false_friends` candidates that are not dates ('may' the verb, '2000 troops', 'a 6-year-old')
- :mod:`.widening`      modifiers added to a span ('early', 'at least', 'or so'), edges trimmed
- :mod:`.surroundings`  words outside a span that change its reading ('within', 'the year ended', 'may one day')
- :mod:`.tense`         the tense of the governing verb (past / present / future)
- :mod:`.anchors`       the event a duration counts from ('within 100 days of ending martial law')
- :mod:`.patterns`      the pattern notation of ``data/dates/patterns.yaml``, compiled and grouped
- :mod:`.timex`         the TIMEX3 normaliser (pure Python: words + context -> type, value, mod)
- :mod:`.records`       ``DateRecord``
- :mod:`.rules`         ``data/dates/lexicon.yaml`` and ``patterns.yaml``
"""
