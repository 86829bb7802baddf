"""Why a run stops before its end, and the exit status each reason gets (see ``pipeline.cli``).

A problem with one article never stops a run: it is an error record (exit status 1). These are
the problems that stop it, before any output is replaced."""

from __future__ import annotations


class RunStopped(Exception):
    """The run stopped: an I/O error such as a full disk, or a bug (exit status 4). The outputs are
    those of the last complete run; articles finished before the stop are cached."""

    exit_status = 4


class SetupError(RunStopped, ValueError):
    """The run cannot start: the corpus folder is missing, the outputs folder is unusable, a
    setting is invalid (exit status 2)."""

    exit_status = 2


class OutputsLocked(RunStopped):
    """Another run holds the outputs folder (exit status 3)."""

    exit_status = 3
