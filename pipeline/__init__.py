"""peace-pipeline: entities, dates, quotes and provisions from news about peace negotiations.

make extract                      # corpus/ -> outputs/
import pipeline
frames = pipeline.load("outputs")  # one pandas DataFrame per output kind
"""

__version__ = "0.1.0"


def load(outputs="outputs"):
    """Read an outputs folder into pandas DataFrames (see :func:`pipeline.load.load_outputs`)."""
    from .load import load_outputs

    globals()["load"] = _load  # importing the submodule pipeline.load has just rebound this name to it
    return load_outputs(outputs)


_load = load


__all__ = ["__version__", "load"]
