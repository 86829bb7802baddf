"""What every part of the pipeline may use, and which uses nothing else of it.

- :mod:`.records`    the record base classes and the offsets contract (``body[start:end] == text``)
- :mod:`.stage`      what a stage is (components + a pure Doc -> records function)
- :mod:`.rules`      the one rule-file loader (strict pydantic; errors name the file and the key)
- :mod:`.docs`       reading a processed Doc cheaply (text, token arrays, sentences, record fields)
- :mod:`.extensions` every Doc/Span extension, declared once
- :mod:`.guard`      the guarded component call: a component that raises costs its article alone
- :mod:`.names`      fold and slug, for ids and file names
- :mod:`.files`      atomic writes and JSON Lines

Modules here import only the standard library, pydantic, yaml, numpy and spaCy, never another
package of the pipeline.
"""
