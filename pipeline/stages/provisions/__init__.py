"""The provisions stage: memoranda, plans and agreements an article reports, and their clauses.

- :mod:`.stage`     ``STAGE``: the component and the records function
- :mod:`.component` ``provision_finder``: frames, content, fields
- :mod:`.memoranda` the documents an article reports: kinds, parties, names, ids
- :mod:`.segment`   a frame's content cut into atomic provisions
- :mod:`.records`   ``MemorandumRecord``, ``ProvisionRecord``
- :mod:`.rules`     ``data/provisions/*.yaml``: parties, document words, cues, categories
- :mod:`.tables`    the provision table per memorandum, merged across articles, and comparisons
"""
