"""Provisions stage: memoranda, frames, segmentation, fields. Test sentences are written for these
tests (facts paraphrased, no evaluation sentence copied)."""
from __future__ import annotations

import pytest

from pipeline.provisions_data import RuleData, joint_party, rule_data, slug


def texts(recs):
    return [p["text"] for p in recs["provisions"]]


def by_text(recs, fragment):
    for p in recs["provisions"]:
        if fragment in p["text"]:
            return p
    raise AssertionError(f"no provision with {fragment!r} in {texts(recs)}")


# ---------------------------------------------------------------- data

def test_rule_files_load_and_cover_all_labels():
    data = rule_data()
    assert len(data.categories.categories) == 22
    assert data.party_of("Ukrainian") == "Ukraine"
    assert data.party_of("the Kremlin") == "Russia"
    assert data.party_of("Washington") == "United States"
    assert data.party_of("U.S.") == "United States"
    assert data.party_of("us") is None  # case-sensitive short alias
    assert data.party_of("President Vladimir Putin") == "Russia"


def test_bad_rule_file_fails_loudly(tmp_path):
    import shutil

    from pipeline.provisions_data import DATA

    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "categories.yaml").write_text("fallback: X\ncategories:\n  NOT_A_LABEL: {group: g, strong: [a]}\n")
    with pytest.raises(ValueError, match="NOT_A_LABEL"):
        RuleData(tmp_path)


def test_joint_party_and_slug():
    assert joint_party(["Ukraine", "Russia", "Ukraine"]) == "Russia and Ukraine"
    assert joint_party([]) is None
    assert slug("Zelensky's Peace Formula") == "zelensky-s-peace-formula"


# ---------------------------------------------------------------- lists and coordination

def test_numbered_list_items_and_header_sublist(records):
    recs = records("Kyiv published its draft on Monday. The Ukrainian draft lists three points: 1) a full truce on land "
                   "and at sea; 2) several humanitarian steps, including the release of all detainees, all deported "
                   "children, and the return of the remains of fallen soldiers; and 3) a summit of the two presidents.",
                   "2025-03-04")
    got = texts(recs)
    assert "a full truce on land and at sea" in got
    assert "the release of all detainees" in got
    assert "all deported children" in got
    assert "the return of the remains of fallen soldiers" in got
    assert not any(t.startswith("several humanitarian steps") for t in got)  # the header is dropped
    assert by_text(recs, "truce")["item"] == "1"
    assert by_text(recs, "deported")["item"] == "2"
    assert by_text(recs, "deported")["category"] == "CHILDREN"
    assert by_text(recs, "summit")["category"] == "NEGOTIATION_PROCESS"
    assert all(p["party"] == "Ukraine" and p["status"] == "proposed" for p in recs["provisions"])


def test_coordination_split_without_splitting_one_clause(records):
    recs = records("The Russian memorandum calls for recognition of Moscow's control of Crimea as well as the lifting of "
                   "all sanctions, and protection of the rights, languages and churches of minorities in the east.",
                   "2025-06-05")
    got = texts(recs)
    assert "recognition of Moscow's control of Crimea" in got
    assert "the lifting of all sanctions" in got
    assert any(t.startswith("protection of the rights, languages and churches") for t in got)
    assert by_text(recs, "sanctions")["category"] == "SANCTIONS_ASSETS"
    assert by_text(recs, "Crimea")["category"] == "TERRITORY_SOVEREIGNTY"


def test_list_of_verbs_and_sections(records):
    recs = records("Moscow handed over its memorandum in Istanbul. The second section of the Russian memorandum demands "
                   "that Kyiv stop mobilisation, lift martial law, hold a presidential vote and dissolve its "
                   "volunteer units.", "2025-06-03")
    got = texts(recs)
    assert any(t.endswith("stop mobilisation") for t in got)
    assert "lift martial law" in got
    assert "hold a presidential vote" in got
    assert by_text(recs, "martial law")["category"] == "EMERGENCY_MARTIAL_LAW"
    assert by_text(recs, "martial law")["section"] == "2"
    assert by_text(recs, "martial law")["party"] == "Russia"


def test_meta_description_of_sections_is_not_a_provision(records):
    recs = records("The Russian memorandum has two sections. The first section sets out its views on a final settlement, "
                   "and the second section outlines a timeline for further talks.", "2025-06-03")
    assert recs["provisions"] == []


# ---------------------------------------------------------------- agreements, refusals, positions

def test_agreement_of_the_two_sides(records):
    recs = records("Russian and Ukrainian negotiators met in Istanbul. The two sides agreed to swap 500 prisoners of war "
                   "and to hand over the bodies of fallen soldiers.", "2025-07-24")
    p = by_text(recs, "swap 500 prisoners")
    assert p["party"] == "Russia and Ukraine"
    assert p["status"] == "agreed" and p["modality"] == "commitment"
    assert p["category"] == "PRISONERS_DETAINEES"
    assert by_text(recs, "bodies")["category"] == "MISSING_AND_DEAD"
    assert recs["memoranda"][0]["kind"] == "agreement"


def test_wished_or_negated_agreement_is_not_reported(records):
    recs = records("The White House urged Moscow to agree to a ceasefire. Neither side agreed to exchange prisoners.",
                   "2025-07-24")
    assert recs["provisions"] == []


def test_refused_request_is_rejected(records):
    recs = records("Kyiv asked Moscow to release all civilian detainees, but the Russian side refused.", "2025-06-03")
    p = by_text(recs, "release all civilian detainees")
    assert p["status"] == "rejected"
    assert p["party"] == "Ukraine"


def test_plain_news_sentence_has_no_provision(records):
    recs = records("The talks lasted two hours. Drones struck an oil depot overnight, officials said. "
                   "The president will travel to Paris next week.", "2025-07-24")
    assert recs["provisions"] == [] and recs["memoranda"] == []


# ---------------------------------------------------------------- bullets and prose under a plan

def test_bullet_list_after_agreement_intro(records):
    text = ("Joint statement\n\nOfficials of the United States and Ukraine met in Jeddah on Tuesday.\n\n"
            "The delegations agreed on the following:\n"
            "- Ukraine is ready to accept an immediate 30-day interim ceasefire.\n"
            "- The United States will resume intelligence sharing and security assistance.\n"
            "- Both delegations will name negotiating teams.\n\nThe meeting lasted eight hours.")
    recs = records(text, "2025-03-11")
    got = texts(recs)
    assert any("30-day interim ceasefire" in t for t in got)
    assert any("intelligence sharing" in t for t in got)
    assert all(p["status"] == "agreed" for p in recs["provisions"])
    assert {p["party"] for p in recs["provisions"]} == {"Ukraine and United States"}
    assert not any("eight hours" in t for t in got)


def test_modal_statement_under_a_plan(records):
    recs = records("Washington drafted a 20-point plan last month. Under the 20-point plan, Ukraine would cap its army "
                   "at 600,000 troops.", "2025-12-01")
    p = by_text(recs, "cap its army")
    assert p["category"] == "DEMOBILIZATION_FORCE_LIMITS"
    assert p["memorandum_id"].endswith("20-point-plan")
    assert p["party"] == "United States"


# ---------------------------------------------------------------- fields and ids

def test_deadline_conditions_and_actor(records):
    recs = records("Russia's memorandum demands that Ukraine pull its troops out of the region within 60 "
                   "days after a truce begins, and that Kyiv hold elections before any treaty is signed.", "2025-06-03")
    w = by_text(recs, "pull its troops")
    assert w["category"] == "WITHDRAWAL_DISENGAGEMENT"
    assert w["actor"] == "Ukraine"
    assert w["deadline"] and w["deadline"].startswith("P60D")
    e = by_text(recs, "hold elections")
    assert e["conditions"] and e["conditions"].startswith("before")


def test_offsets_are_exact_and_ids_stable(records):
    text = "The Ukrainian memorandum calls for a full ceasefire and the return of all deported children."
    a = records(text, "2025-06-03")
    b = records("Some other lead sentence here. " + text, "2025-06-03")
    for recs, body in ((a, text), (b, "Some other lead sentence here. " + text)):
        for p in recs["provisions"]:
            assert body[p["start"]:p["end"]] == p["text"]
    assert [p["provision_id"] for p in a["provisions"]] == [p["provision_id"] for p in b["provisions"]]
    assert a["memoranda"][0]["memorandum_id"] == b["memoranda"][0]["memorandum_id"]


@pytest.mark.parametrize("text", ["", " \n\n ", "“”\"'«»", ":" * 50, "1) 2) 3)", "- \n- \n-",
                                  "The plan calls for " + "a ceasefire, " * 400 + "and peace."])
def test_never_crashes_on_odd_input(records, text):
    recs = records(text, None)
    for p in recs["provisions"]:
        assert text[p["start"]:p["end"]] == p["text"]


def test_component_is_configurable(nlp):
    assert "provision_finder" in nlp.pipe_names
    cfg = nlp.get_pipe_config("provision_finder")
    assert "data_path" in cfg
