"""The provisions stage: memoranda, plans and agreements an article reports, and their clauses.

- :mod:`.stage`       ``STAGE``: the component and the records function ``extract_provisions``
- :mod:`.component`   ``provision_finder``: builds the look-ups once; per Doc a Reading, sentence by sentence
- :mod:`.reading`     ``Reading`` (the state of one article while it is read) and ``Sentence``
- :mod:`.frames`      where a sentence reports content: ``FRAME_ORDER``, ``VERB_FRAMES``, one module per family
  (lists, content, agreements, refusals, conditions, modal, complements, positions; ``base`` is the interface)
- :mod:`.memoranda`   ``Memo`` and the article's memoranda: a mention resolved to its document, ids
- :mod:`.mentions`    what one document mention says: kind, party, number, name, date, generic or not
- :mod:`.parties`     the party a token names
- :mod:`.dates`       the dates stage's expressions inside a range of the article
- :mod:`.segment`     a frame's content cut into atomic provisions
- :mod:`.spans`       provisions kept (duplicates, markup, trade), fields given, memoranda worth a record
- :mod:`.fields`      actor, conditions, deadline, status of a provision
- :mod:`.categories`  the category matcher (strong and weak triggers of the 22 labels)
- :mod:`.lexicon`     the rule data compiled once: prefilter, category matcher, word sets
- :mod:`.grammar`     the function words the rules use, named (vocabulary is in ``data/provisions/``)
- :mod:`.rules`       ``data/provisions/*.yaml``: parties, documents (kinds and their roles), cues, categories
- :mod:`.records`     ``MemorandumRecord``, ``ProvisionRecord``
- :mod:`.tables`      the provision table per memorandum, merged across articles, and comparisons
"""
