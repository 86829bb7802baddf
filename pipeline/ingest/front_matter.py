"""The one front matter reader: YAML between ``---`` lines at the top of a .txt or .md file.

A block is front matter when it is a YAML mapping (``title: ...``), or when it opens with a
``key:`` line but is not valid YAML (then it is read line by line, with a warning, so that title
and date survive). Anything else (a Markdown rule ``---`` above a paragraph) is body text.

Limits, because the file is untrusted: the block is at most :data:`MAX_CHARS` characters and uses
no aliases (``*name``: a 700-byte alias bomb expands to gigabytes); a block that may alias or is
longer than :data:`SMALL_BLOCK` is checked on the parser's events first, and refused when it holds
more than :data:`MAX_NODES` values or nests deeper than :data:`MAX_DEPTH` (a short block cannot
hold that many values; nesting deep enough to exhaust the recursion of the YAML constructor is an
error like any other). A block over a limit is read line by line, with a warning.

Only YAML's safe types are built (``!!python`` tags are refused); an impossible date
(``2025-13-45``) stays a string, a key that is not a string (``1:``, ``~:``) is read as text, and a
``!!binary`` value is decoded when it is UTF-8, else kept as base64: the metadata is always plain
JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .decode import normalise_newlines

MAX_CHARS = 65_536
MAX_NODES = 10_000
MAX_DEPTH = 20
SMALL_BLOCK = 4096  # a block this short without a '*' can neither alias nor hold MAX_NODES values

FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\n")
FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
KEY_LINE = re.compile(r"[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)")

Problems = list[tuple[int | None, str]]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: same results, ~9x faster


class FrontMatterLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, where a scalar that cannot become the value its form suggests (a date
    ``2025-13-45``, an integer of 5,000 digits) stays the string it is."""


def _lenient(construct):
    def build(loader, node):
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    return build


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient(SafeConstructor.construct_yaml_timestamp))
FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", _lenient(SafeConstructor.construct_yaml_int))
FrontMatterLoader.add_constructor("tag:yaml.org,2002:float", _lenient(SafeConstructor.construct_yaml_float))


class Refused(ValueError):
    """The block is over a limit; the message says which."""


def opens_like_front_matter(raw: str) -> bool:
    """The first non-blank line is a ``key:`` line."""
    for line in raw.split("\n", 50)[:50]:
        if line.strip():
            return KEY_LINE.match(line.strip()) is not None
    return False


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int, Problems]:
    """Split YAML front matter from the body.

    Returns (meta, body, first_body_line, problems) where problems are (line, message) warnings.
    Newlines are normalised first (CRLF or lone CR front matter is front matter). Without front
    matter the body is the whole text."""
    text = normalise_newlines(text)
    m = FRONT_MATTER_OPEN.match(text)
    if not m:
        return {}, text, 1, []
    close = FRONT_MATTER_CLOSE.search(text, m.end())
    if not close:
        if opens_like_front_matter(text[m.end() :]):
            return (
                {},
                text,
                1,
                [(1, "front matter opened with '---' is never closed; the whole file is read as the body")],
            )
        return {}, text, 1, []
    raw = text[m.end() : close.start()]
    meta, problems = read_block(raw)
    if meta is None:  # not front matter: a rule above the first paragraph
        return {}, text, 1, []
    body = text[close.end() :]
    if body.startswith("\n"):
        body = body[1:]
    first_body_line = text.count("\n", 0, close.end()) + 2
    return meta, body, first_body_line, problems


def read_block(raw: str) -> tuple[dict[str, Any] | None, Problems]:
    """(metadata, warnings) of the text between the ``---`` lines; metadata None when the block is
    not front matter."""
    if not raw.strip():
        return {}, []
    key_like = opens_like_front_matter(raw)
    if len(raw) > MAX_CHARS:
        if not key_like:
            return None, []
        return lenient_front_matter(raw), [
            (2, f"front matter of {len(raw):,} characters is over the limit of {MAX_CHARS:,}; read line by line")
        ]
    try:
        if "*" in raw or len(raw) > SMALL_BLOCK:
            check_limits(raw)
        data = yaml.load(raw, Loader=FrontMatterLoader)
    except Refused as exc:
        return (lenient_front_matter(raw), [(2, f"front matter {exc}; read line by line")]) if key_like else (None, [])
    except yaml.YAMLError as exc:
        if not key_like:
            return None, []
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        what = getattr(exc, "problem", None) or exc
        return lenient_front_matter(raw), [(line, f"front matter is not valid YAML ({what}); read line by line")]
    except Exception as exc:  # noqa: BLE001 - untrusted input: whatever the constructors raise
        if not key_like:
            return None, []
        return lenient_front_matter(raw), [
            (2, f"front matter could not be read ({type(exc).__name__}: {exc}); read line by line")
        ]
    if data is None:  # comments only
        return {}, []
    if not isinstance(data, dict):
        return None, []
    return json_safe_mapping(data)


def check_limits(raw: str) -> None:
    """Raise :class:`Refused` when the YAML uses aliases, or holds too many values or too deep.

    Reads the parser's events only (libyaml's parser is iterative and caps flow nesting itself),
    so nothing is built before the block is known to be small."""
    loader = FrontMatterLoader(raw)
    try:
        depth = nodes = 0
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                raise Refused("uses YAML aliases (*name), which front matter does not need")
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise Refused(f"holds more than {MAX_NODES:,} values")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise Refused(f"is nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


def lenient_front_matter(raw: str) -> dict[str, Any]:
    """``key: value`` lines of a block that is not valid YAML (or is over a limit)."""
    meta: dict[str, Any] = {}
    for line in raw.splitlines():
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z_][\w-]*", key.strip()):
            meta[key.strip()] = value.strip().strip("'\"")
    return meta


# ---------------------------------------------------------------- YAML values -> plain JSON


def key_text(key: Any) -> str:
    """A mapping key as JSON can hold it: ``1`` -> "1", ``~`` -> "null", a date -> ISO."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, (dt.date, dt.datetime)):
        return key.isoformat()
    return str(key)


def json_safe(value: Any, notes: list[str] | None = None) -> Any:
    """A YAML (or JSON) value as plain JSON: dates to ISO strings, sets to lists, non-finite floats
    to strings, bytes to text (UTF-8) or base64, keys to strings. ``notes`` collects what was
    changed in a way a user may want to know."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            if notes is not None:
                notes.append("a !!binary value is not UTF-8 text; it is kept as base64")
            return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str) and notes is not None:
                notes.append(f"key {k!r} is not a string; read as {key_text(k)!r}")
            out[key_text(k)] = json_safe(v, notes)
        return out
    if isinstance(value, (list, tuple)):
        return [json_safe(v, notes) for v in value]
    if isinstance(value, (set, frozenset)):
        return [json_safe(v, notes) for v in sorted(value, key=repr)]
    return str(value)


def json_safe_mapping(data: dict[Any, Any]) -> tuple[dict[str, Any], Problems]:
    notes: list[str] = []
    meta = json_safe(data, notes)
    problems: Problems = []
    if notes:
        shown = "; ".join(dict.fromkeys(notes[:5]))
        more = f" (and {len(notes) - 5} more)" if len(notes) > 5 else ""
        problems.append((2, f"front matter: {shown}{more}"))
    return meta, problems
