"""The quotes stage: direct, mixed and indirect quotations with speaker, cue and offsets.

- :mod:`.stage`       ``STAGE``: the component and the records function
- :mod:`.component`   ``quote_attribution``: builds the passes once, runs them per Doc, writes the spans (pass 4)
- :mod:`.context`     per-article state: ``Attribution`` (one being assembled) and ``DocContext`` (indexes)
- :mod:`.cues`        pass 1: cue verbs, adjectives, nouns, phrases and speaker labels -> attributions
- :mod:`.content`     a cue's content: clause, infinitive, object, prep, passive ... rules and ``tidy``
- :mod:`.sources`     a cue's source: the subject through passives, participles, relatives; who may be one
- :mod:`.quotations`  pass 2: quotation marks <-> cues (direct, mixed, split, follow-on, floating), nesting
- :mod:`.speakers`    pass 3: source mention -> speaker name (entities, pronouns, titles, groups)
- :mod:`.quotemarks`  the quotation-mark scanner (pure Python)
- :mod:`.lexicon`     the rule files compiled for look-ups (word sets, id arrays, cue classes of a token)
- :mod:`.grammar`     dependency labels, POS and punctuation the passes read, by name
- :mod:`.records`     ``QuoteRecord``
- :mod:`.rules`       ``data/quotes/cues.yaml``, ``speakers.yaml``, ``patterns.yaml``
"""
