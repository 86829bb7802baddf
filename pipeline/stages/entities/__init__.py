"""The entities stage: people, organisations and places, with canonical names, ids, roles.

- :mod:`.stage`      ``STAGE``: the components and the records function
- :mod:`.components` ``entity_gazetteer`` (gazetteer + model NER) and ``entity_canonical``
- :mod:`.records`    ``EntityRecord``
- :mod:`.rules`      the gazetteers and rules of ``data/entities/``
"""
