"""The entities stage: people, organisations and places, with canonical names, ids, roles.

- :mod:`.stage`      ``STAGE``: the components and the records function
- :mod:`.gazetteer`  ``entity_gazetteer``: the model's entities combined with the gazetteer matches
- :mod:`.cleaning`   model entities trimmed to their names and relabelled from their shape
- :mod:`.bylines`    the author of a byline as a PERSON
- :mod:`.canonical`  ``entity_canonical``: one label, canonical name and id per entity of an article
- :mod:`.linking`    which mentions are one entity (gazetteer ids, name keys, surnames, acronyms)
- :mod:`.roles`      roles and affiliations of people from the words around them
- :mod:`.names`      a name's clean text and keys
- :mod:`.grammar`    entity labels, punctuation and shapes (what stays in code)
- :mod:`.records`    ``EntityRecord``
- :mod:`.rules`      the gazetteers and rules of ``data/entities/`` (every word list)
"""
