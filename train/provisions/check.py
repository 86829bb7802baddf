#!/usr/bin/env python3
"""Check the team-written example set: articles/*.md against gold.json.

Standard library only. Run from anywhere:

    python3 train/provisions/check.py [--strict-words]

What it verifies, and why each check exists:
- every article has YAML front matter with title, date (ISO), source and doc_id "team/<file stem>";
- every doc_id in gold.json has exactly one article, and every article has a gold record;
- every memorandum has key, party (a string or a non-empty list of strings), names (a list), a valid status
  and a list of provisions; a memorandum keyed "positions" has only optional provisions (GUIDELINES.md);
- every anchor occurs exactly once in its article body (the text after the closing front matter line, with
  "\\r\\n" normalised), which is what the scorer needs to find it, and sits on one line;
- every anchor is 3-25 words long (a warning, not an error: the guidelines say "about");
- every category is one of the 22 labels and every status one of the four;
- article bodies are 250-700 words (a warning).
Exit status 1 if any error was found.
"""

import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold.json"

CATEGORIES = {
    "CEASEFIRE",
    "MONITORING_PEACEKEEPING",
    "WITHDRAWAL_DISENGAGEMENT",
    "DEMOBILIZATION_FORCE_LIMITS",
    "FOREIGN_FORCES_AND_AID",
    "NUCLEAR_WMD",
    "SECURITY_GUARANTEES",
    "ALLIANCE_NEUTRALITY",
    "TERRITORY_SOVEREIGNTY",
    "SPECIAL_STATUS_AUTONOMY",
    "ELECTIONS_CONSTITUTION",
    "EMERGENCY_MARTIAL_LAW",
    "PRISONERS_DETAINEES",
    "MISSING_AND_DEAD",
    "CHILDREN",
    "CIVILIANS_HUMANITARIAN",
    "MINORITY_LANGUAGE_RELIGION",
    "AMNESTY_ACCOUNTABILITY",
    "SANCTIONS_ASSETS",
    "RECONSTRUCTION_ECONOMY",
    "NEGOTIATION_PROCESS",
    "IMPLEMENTATION_SEQUENCING",
}
STATUSES = {"proposed", "agreed", "rejected", "implemented"}
PROVISION_KEYS = {"anchor", "categories", "optional", "status", "item", "section"}
FRONT_KEYS = ("title", "date", "source", "doc_id")


def split_front_matter(text):
    """Return (front matter dict, body). Body = everything after the closing '---' line."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            front = {}
            for line in lines[1:i]:
                m = re.match(r"^([A-Za-z_]+):\s*(.*)$", line)
                if m:
                    front[m.group(1)] = m.group(2).strip().strip('"').strip("'")
            return front, "\n".join(lines[i + 1 :])
    return None, text


def main():
    errors, warnings = [], []
    bodies = {}
    for path in sorted(ARTICLES.glob("*.md")):
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        name = path.name
        if front is None:
            errors.append(f"{name}: no front matter")
            continue
        for key in FRONT_KEYS:
            if not front.get(key):
                errors.append(f"{name}: front matter lacks {key}")
        if front.get("source") != "team-written example":
            errors.append(f"{name}: source is not 'team-written example'")
        if not re.match(r"^\d{4}-\d{2}-\d{2}", front.get("date", "")):
            errors.append(f"{name}: date {front.get('date')!r} is not ISO")
        expected = f"team/{path.stem}"
        if front.get("doc_id") != expected:
            errors.append(f"{name}: doc_id {front.get('doc_id')!r} should be {expected!r}")
        words = len(body.split())
        if not 250 <= words <= 700:
            warnings.append(f"{name}: body has {words} words (250-700 wanted)")
        bodies[expected] = body

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    seen = set()
    n_memo = n_prov = n_opt = 0
    for rec in gold:
        doc = rec.get("doc_id")
        if doc in seen:
            errors.append(f"{doc}: listed twice in gold.json")
        seen.add(doc)
        if doc not in bodies:
            errors.append(f"{doc}: no article file for this doc_id")
            continue
        body = bodies[doc]
        for memo in rec.get("memoranda", []):
            n_memo += 1
            where = f"{doc} / {memo.get('key')}"
            for key in ("key", "party", "names", "status", "provisions"):
                if key not in memo:
                    errors.append(f"{where}: memorandum lacks {key}")
            party = memo.get("party")
            if not (isinstance(party, str) and party) and not (
                isinstance(party, list) and party and all(isinstance(p, str) and p for p in party)
            ):
                errors.append(f"{where}: party must be a string or a non-empty list of strings")
            if not isinstance(memo.get("names"), list):
                errors.append(f"{where}: names must be a list")
            if memo.get("status") not in STATUSES:
                errors.append(f"{where}: bad status {memo.get('status')!r}")
            for prov in memo.get("provisions", []):
                n_prov += 1
                n_opt += bool(prov.get("optional"))
                anchor = prov.get("anchor", "")
                extra = set(prov) - PROVISION_KEYS
                if extra:
                    errors.append(f"{where}: unknown provision keys {sorted(extra)}")
                count = body.count(anchor) if anchor else 0
                if count != 1:
                    errors.append(f"{where}: anchor occurs {count} times: {anchor!r}")
                if "\n" in anchor:
                    errors.append(f"{where}: anchor spans lines: {anchor!r}")
                n_words = len(anchor.split())
                if not 3 <= n_words <= 25:
                    warnings.append(f"{where}: anchor has {n_words} words: {anchor!r}")
                cats = prov.get("categories")
                if not cats or not isinstance(cats, list):
                    errors.append(f"{where}: no categories for {anchor!r}")
                for cat in cats or []:
                    if cat not in CATEGORIES:
                        errors.append(f"{where}: unknown category {cat!r}")
                if len(set(cats or [])) != len(cats or []):
                    errors.append(f"{where}: repeated category for {anchor!r}")
                if "status" in prov and prov["status"] not in STATUSES:
                    errors.append(f"{where}: bad provision status {prov['status']!r}")
                if memo.get("key") == "positions" and not prov.get("optional"):
                    errors.append(f"{where}: a position must be optional: {anchor!r}")
    for doc in sorted(set(bodies) - seen):
        errors.append(f"{doc}: article has no record in gold.json")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(
        f"{len(bodies)} articles, {n_memo} memoranda, {n_prov} provisions ({n_opt} optional, "
        f"{n_prov - n_opt} that count); {len(errors)} errors, {len(warnings)} warnings"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
