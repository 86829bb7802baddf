"""Layout of an article body, read before the stages run (components added before the parser).

- :mod:`.sentences`   ``paragraph_sentences``: sentence boundaries at line breaks, hard wraps, bullets
- :mod:`.boilerplate` ``boilerplate_lines``: captions, prompts and link lists that extractors skip
"""
