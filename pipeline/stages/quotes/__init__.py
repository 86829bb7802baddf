"""The quotes stage: direct, mixed and indirect quotations with speaker, cue and offsets.

- :mod:`.stage`      ``STAGE``: the component and the records function
- :mod:`.component`  ``quote_attribution``: cues, quotations, speakers, spans
- :mod:`.quotemarks` the quotation-mark scanner (pure Python)
- :mod:`.records`    ``QuoteRecord``
- :mod:`.rules`      ``data/quotes/cues.yaml``, ``speakers.yaml``, ``patterns.yaml``
"""
