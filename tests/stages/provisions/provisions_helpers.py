"""Helpers of the provisions tests: the texts of the provisions, one provision by a fragment of its text."""


def texts(recs):
    return [p["text"] for p in recs["provisions"]]


def by_text(recs, fragment):
    for p in recs["provisions"]:
        if fragment in p["text"]:
            return p
    raise AssertionError(f"no provision with {fragment!r} in {texts(recs)}")
