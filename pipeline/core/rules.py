"""The one loader of rule files: YAML under ``pipeline/data/``, validated strictly on load.

Every rule file has a pydantic model (a :class:`RuleModel`: unknown keys are refused) declared in
the ``rules.py`` of the stage that reads it and registered here with :func:`rule_file`. A file
with a typo key, a wrong type or broken YAML stops the run with a :class:`RuleFileError` that
names the file and the key::

    pipeline/data/quotes/cues.yaml: key 'verbs.0.lemas': Extra inputs are not permitted

so an analyst who adds a pattern learns at once where the mistake is. YAML is read with the safe
loader only (no ``!!python`` tags).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader: same results, ~9x faster

M = TypeVar("M", bound=BaseModel)


class RuleModel(BaseModel):
    """Base of every rule-file model: a key the model does not know is an error, not ignored."""

    model_config = ConfigDict(extra="forbid")


class RuleFileError(ValueError):
    """A rule file that cannot be used: its path, the key at fault (if any) and why."""

    def __init__(self, path: Path | str, message: str, key: str | None = None):
        self.path, self.key = str(path), key
        where = f"key {key!r}: " if key else ""
        super().__init__(f"{display_path(path)}: {where}{message}")


def display_path(path: Path | str) -> str:
    """The path as a user would type it: relative to the package's parent when inside it."""
    p = Path(path).resolve()
    try:
        return p.relative_to(DATA_DIR.parent.parent).as_posix()
    except ValueError:
        return str(path)


def read_yaml(path: Path | str) -> Any:
    """The YAML data of a file (an empty file is ``{}``); RuleFileError on unreadable files or bad YAML."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, f"cannot be read: {exc}") from None
    try:
        data = yaml.load(text, Loader=YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise RuleFileError(path, f"{line}not valid YAML: {getattr(exc, 'problem', None) or exc}") from None
    return {} if data is None else data


def _key_path(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


def validate(path: Path | str, data: Any, model: type[M]) -> M:
    """``data`` read from ``path`` as a ``model``; RuleFileError naming the first key at fault."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise RuleFileError(path, first["msg"] + more, key=_key_path(first["loc"]) or None) from None


def load_rule_file(path: Path | str, model: type[M]) -> M:
    """Read and validate one rule file."""
    return validate(path, read_yaml(path), model)


# ---------------------------------------------------------------- which model reads which file

SCHEMAS: dict[str, type[BaseModel]] = {}  # glob under DATA_DIR ("quotes/cues.yaml") -> its model


def rule_file(pattern: str) -> Callable[[type[M]], type[M]]:
    """Class decorator: ``@rule_file("quotes/cues.yaml")`` registers the model of the files under
    ``pipeline/data`` that match the glob, so that tests can check every shipped file."""

    def register(model: type[M]) -> type[M]:
        SCHEMAS[pattern] = model
        return model

    return register


def schema_for(path: Path | str) -> type[BaseModel] | None:
    """The registered model of a shipped rule file, or None."""
    try:
        rel = Path(path).resolve().relative_to(DATA_DIR).as_posix()
    except ValueError:
        return None
    return next((m for pattern, m in SCHEMAS.items() if fnmatch.fnmatchcase(rel, pattern)), None)


def shipped_rule_files() -> list[Path]:
    """Every YAML file under ``pipeline/data``, in a stable order."""
    return sorted(p for p in DATA_DIR.rglob("*") if p.suffix in (".yaml", ".yml"))
