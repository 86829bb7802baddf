#!/usr/bin/env python3
"""Originality check: no 8-word run of an example article is shared with ../shared texts.

Standard library only. Words are lower-cased with punctuation stripped; every run of 8 consecutive words of
every file under train/provisions/articles/ (front matter included) is looked up among the runs of every file under
../shared/data/news/ and ../shared/seed/ beside the repository (or the folders given with --against).

    python3 train/provisions/originality.py [--against DIR ...]

Prints each shared run with the article it is in; exit status 1 if there is any.
"""

import argparse
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_AGAINST = [str(HERE.parents[2] / "shared" / "data" / "news"), str(HERE.parents[2] / "shared" / "seed")]
N = 8


def words(text):
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    return text.split()


def runs(tokens):
    return {" ".join(tokens[i : i + N]) for i in range(len(tokens) - N + 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", nargs="*", default=DEFAULT_AGAINST)
    args = ap.parse_args()
    reference = set()
    n_files = 0
    for folder in args.against:
        for path in pathlib.Path(folder).rglob("*"):
            if path.is_file():
                n_files += 1
                reference |= runs(words(path.read_text(encoding="utf-8", errors="replace")))
    hits = 0
    articles = sorted((HERE / "articles").glob("*.md"))
    for art in articles:
        for run in sorted(runs(words(art.read_text(encoding="utf-8"))) & reference):
            hits += 1
            print(f"{art.name}: {run}")
    print(
        f"{len(articles)} articles checked against {n_files} files ({len(reference)} 8-word runs): {hits} shared runs"
    )
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
