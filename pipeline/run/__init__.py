"""A run over a corpus: read, check the cache, process what changed, write the outputs.

- :mod:`.extract`     :func:`extract`, the run itself, and its summary
- :mod:`.lock`        one run per outputs folder (an advisory lock naming the holder's pid)
- :mod:`.errors`      why a run stops before its end, and the exit status of each reason
- :mod:`.nlp`         the spaCy pipeline: base model + the components of the requested stages
- :mod:`.process`     the unit of work: plain articles in, plain records out
- :mod:`.results`     one article's records and errors
- :mod:`.cache`       the per-article cache (sealed entries of output lines behind a header)
- :mod:`.fingerprint` the version of the pipeline and the key of an article
- :mod:`.pool`        the local engine (one process or a pool of workers)
- :mod:`.dask`        the Dask engine
- :mod:`.outputs`     the output files, streamed from the cache, and the manifest of the files written
- :mod:`.timing`      per-phase timings for the benchmark

Importing this package, :mod:`.extract`, the cache or the outputs does not import spaCy: a
no-change rerun never loads the model.
"""

from .extract import RunSummary, extract

__all__ = ["RunSummary", "extract"]
