"""The dates stage: temporal expressions normalised to TIMEX3 values against the publication date.

- :mod:`.stage`     ``STAGE``: the components and the records function
- :mod:`.component` ``timex``: candidates from the Matcher, widened with modifiers, normalised
- :mod:`.patterns`  the pattern notation of ``data/dates/patterns.yaml``, compiled
- :mod:`.timex`     the TIMEX3 normaliser (pure Python: words + context -> type, value, mod)
- :mod:`.records`   ``DateRecord``
- :mod:`.rules`     ``data/dates/lexicon.yaml`` and ``patterns.yaml``
"""
