"""The quote_attribution component (quotes/component.py): odd input, random text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# the pieces of random text (as in test_quote_marks.py), with words the passes react to
MARKS = st.sampled_from(['"', "“", "”", "‘", "’", "'", "''", "«", "»", "„"])
WORDS = st.sampled_from(
    ["he", "said", "We", "will", "win", ".", ",", ":", " ", "\n", "\n\n", "told", "Putin", "…", "—"]
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        '"',
        '""',
        "“”",
        "“",
        "”",
        "''",
        '"a',
        'a"',
        "« »",
        "‘’",
        "He said:",
        "said",
        '\u00a0"\n"',
        '"' * 50,
        "“" * 20 + "”" * 3,
        "He said, “" + "word " * 400,
        "according to",
        "according to\n\nthe",
    ],
)
def test_odd_input_never_raises(quotes_of, text):
    quotes_of(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(MARKS, WORDS, st.sampled_from(["Lavrov", "the minister", "according", "to", "that", "asked"])),
        max_size=40,
    )
)
def test_component_never_raises_on_random_text(quotes_of, parts):
    quotes_of(" ".join(parts))


def test_the_passes_keep_no_per_article_state(quotes_nlp, quotes_of):
    """The component and its passes are built once; what an article needs lives in a DocContext
    made for it, so reading articles changes none of their attributes."""
    component = quotes_nlp.get_pipe("quote_attribution")
    parts = [
        component,
        component.lex,
        component.cues,
        component.cues.content,
        component.cues.sources,
        component.quotations,
        component.speakers,
    ]

    def snapshot():
        return [{k: (id(v), len(v) if hasattr(v, "__len__") else None) for k, v in vars(p).items()} for p in parts]

    before = snapshot()
    quotes_of("“We will rebuild the pier,” the harbor master said. She added that the work would start soon.")
    quotes_of("The council said on Monday that the bridge would reopen in May.")
    assert snapshot() == before


def test_an_article_reads_the_same_after_another(quotes_of):
    first = "“The ferry will run again in June,” Mayor Ana Holt said. “We owe it to the island.”"
    other = "“No,” he said. The union said the offer was too low, according to its chair."
    alone = quotes_of(first)
    quotes_of(other)
    assert quotes_of(first) == alone and alone


def test_the_quotes_modules_import_without_a_cycle():
    """Each module of the stage imports only modules below it (the parse of their relative imports)."""
    import ast
    from pathlib import Path

    import pipeline.stages.quotes as package

    folder = Path(package.__file__).parent
    graph = {}
    for path in folder.glob("*.py"):
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                deps |= {node.module} if node.module else {a.name for a in node.names}
        graph[path.stem] = deps - {"__init__"}
    done: set[str] = set()
    while len(done) < len(graph):
        ready = {m for m, deps in graph.items() if m not in done and deps <= done}
        assert ready, f"import cycle among {sorted(set(graph) - done)}"
        done |= ready
    assert {"cues", "content", "sources", "quotations", "speakers", "context"} <= set(graph)
