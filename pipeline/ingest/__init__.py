"""Reading a corpus folder into articles.

Every file is read defensively: an empty, binary, mis-encoded, oversized or malformed file yields
an :class:`~pipeline.core.records.ErrorRecord` naming it (and the line, where one applies) and the
walk goes on. Whatever can be salvaged is salvaged: a cp1252 file is decoded with a warning, a
UTF-8 file with a bad byte keeps its UTF-8, front matter that is not valid YAML is read line by
line, a bad JSONL line costs only that line.

The body of an article is the text after the front matter, decoded, with ``\\r\\n`` and ``\\r``
turned into ``\\n``. Every offset the pipeline writes indexes into that body.

- :mod:`.corpus`       the walk (order, hidden files, symlinks, unreadable folders, outputs folders)
- :mod:`.formats`      .txt/.md, .jsonl (through ``jsonlines``), .html; the size limit
- :mod:`.decode`       the one decoder (BOMs, UTF-8, UTF-16 without BOM, cp1252, binary)
- :mod:`.front_matter` the one front matter reader, with limits
- :mod:`.dates`        publication dates from metadata, file names, URLs and the text
- :mod:`.article`      :class:`Article` and how its fields are filled in
"""

from .article import Article, build_article, guess_title, source_of
from .corpus import iter_files, read_corpus
from .dates import date_from_filename, date_from_text, date_from_url, normalise_date
from .decode import decode, decode_bytes, looks_binary, normalise_newlines
from .formats import DEFAULT_MAX_BYTES
from .front_matter import split_front_matter

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Article",
    "build_article",
    "date_from_filename",
    "date_from_text",
    "date_from_url",
    "decode",
    "decode_bytes",
    "guess_title",
    "iter_files",
    "looks_binary",
    "normalise_date",
    "normalise_newlines",
    "read_corpus",
    "source_of",
    "split_front_matter",
]
