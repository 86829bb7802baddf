"""The report: a static HTML site of a run, built from its output files alone (no spaCy, no network).

``python -m pipeline report OUTPUTS`` (or ``make report``) writes ``OUTPUTS/report/``; open
``OUTPUTS/report/index.html`` in a browser. See :mod:`.build` for the pages, :mod:`.model` for what
they show, :mod:`.spans` for the highlighted article text.

- :mod:`.inputs`   the output files, read tolerantly (missing files, unknown fields, bad lines)
- :mod:`.model`    articles, memoranda (merged as in ``tables/``), comparisons, speakers, entities, dates
- :mod:`.spans`    an article body as nested highlight elements; crossing spans split, provisions whole
- :mod:`.timeline` the SVG time axis
- :mod:`.build`    the Jinja2 templates rendered into a folder swapped into place when complete
- :mod:`.bench`    build time and page sizes on a large run
"""

from .build import ReportSummary, build_report

__all__ = ["ReportSummary", "build_report"]
