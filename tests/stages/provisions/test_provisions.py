"""Provisions stage: memoranda, frames, segmentation, fields. Test sentences are written for these
tests (facts paraphrased, no evaluation sentence copied)."""

from __future__ import annotations

import pytest

from pipeline.core.names import slug
from pipeline.stages.provisions.rules import RuleData, joint_party, rule_data


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

    from pipeline.stages.provisions.rules import DATA

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
    recs = records(
        "Kyiv published its draft on Monday. The Ukrainian draft lists three points: 1) a full truce on land "
        "and at sea; 2) several humanitarian steps, including the release of all detainees, all deported "
        "children, and the return of the remains of fallen soldiers; and 3) a summit of the two presidents.",
        "2025-03-04",
    )
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
    recs = records(
        "The Russian memorandum calls for recognition of Moscow's control of Crimea as well as the lifting of "
        "all sanctions, and protection of the rights, languages and churches of minorities in the east.",
        "2025-06-05",
    )
    got = texts(recs)
    assert "recognition of Moscow's control of Crimea" in got
    assert "the lifting of all sanctions" in got
    assert any(t.startswith("protection of the rights, languages and churches") for t in got)
    assert by_text(recs, "sanctions")["category"] == "SANCTIONS_ASSETS"
    assert by_text(recs, "Crimea")["category"] == "TERRITORY_SOVEREIGNTY"


def test_list_of_verbs_and_sections(records):
    recs = records(
        "Moscow handed over its memorandum in Istanbul. The Russian memorandum's second section demands "
        "that Kyiv stop mobilisation, lift martial law, hold a presidential vote and dissolve its "
        "volunteer units.",
        "2025-06-03",
    )
    got = texts(recs)
    assert any(t.endswith("stop mobilisation") for t in got)
    assert "lift martial law" in got
    assert "hold a presidential vote" in got
    assert by_text(recs, "martial law")["category"] == "EMERGENCY_MARTIAL_LAW"
    assert by_text(recs, "martial law")["section"] == "2"
    assert by_text(recs, "martial law")["party"] == "Russia"


def test_meta_description_of_sections_is_not_a_provision(records):
    recs = records(
        "The Russian memorandum has two sections. The first section sets out its views on a final settlement, "
        "and the second section outlines a timeline for further talks.",
        "2025-06-03",
    )
    assert recs["provisions"] == []


# ---------------------------------------------------------------- agreements, refusals, positions


def test_agreement_of_the_two_sides(records):
    recs = records(
        "Russian and Ukrainian negotiators met in Istanbul. The two sides agreed to swap 500 prisoners of war "
        "and to hand over the bodies of fallen soldiers.",
        "2025-07-24",
    )
    p = by_text(recs, "swap 500 prisoners")
    assert p["party"] == "Russia and Ukraine"
    assert p["status"] == "agreed" and p["modality"] == "commitment"
    assert p["category"] == "PRISONERS_DETAINEES"
    assert by_text(recs, "bodies")["category"] == "MISSING_AND_DEAD"
    assert recs["memoranda"][0]["kind"] == "agreement"


def test_wished_or_negated_agreement_is_not_reported(records):
    recs = records(
        "The White House urged Moscow to agree to a ceasefire. Neither side agreed to exchange prisoners.", "2025-07-24"
    )
    assert recs["provisions"] == []


def test_refused_request_is_rejected(records):
    recs = records("Kyiv asked Moscow to release all civilian detainees, but the Russian side refused.", "2025-06-03")
    p = by_text(recs, "release all civilian detainees")
    assert p["status"] == "rejected"
    assert p["party"] == "Ukraine"


def test_plain_news_sentence_has_no_provision(records):
    recs = records(
        "The talks lasted two hours. Drones struck an oil depot overnight, officials said. "
        "The president will travel to Paris next week.",
        "2025-07-24",
    )
    assert recs["provisions"] == [] and recs["memoranda"] == []


# ---------------------------------------------------------------- bullets and prose under a plan


def test_bullet_list_after_agreement_intro(records):
    text = (
        "Joint statement\n\nDelegations from Ukraine and the United States held talks in Jeddah on Tuesday.\n\n"
        "The delegations agreed on the following:\n"
        "- Ukraine is ready to accept an immediate 30-day interim ceasefire.\n"
        "- The United States will resume intelligence sharing and security assistance.\n"
        "- Both delegations will name negotiating teams.\n\nThe meeting lasted eight hours."
    )
    recs = records(text, "2025-03-11")
    got = texts(recs)
    assert any("30-day interim ceasefire" in t for t in got)
    assert any("intelligence sharing" in t for t in got)
    assert all(p["status"] == "agreed" for p in recs["provisions"])
    assert {p["party"] for p in recs["provisions"]} == {"Ukraine and United States"}
    assert not any("eight hours" in t for t in got)


def test_modal_statement_under_a_plan(records):
    recs = records(
        "Washington drafted a 20-point plan last month. Under the 20-point plan, Ukraine would cap its army "
        "at 600,000 troops.",
        "2025-12-01",
    )
    p = by_text(recs, "cap its army")
    assert p["category"] == "DEMOBILIZATION_FORCE_LIMITS"
    assert p["memorandum_id"].endswith("20-point-plan")
    assert p["party"] == "United States"


# ---------------------------------------------------------------- fields and ids


def test_deadline_conditions_and_actor(records):
    recs = records(
        "Russia's memorandum demands that Ukraine pull its troops out of the region within 60 "
        "days after a truce begins, and that Kyiv hold elections before any treaty is signed.",
        "2025-06-03",
    )
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
            assert body[p["start"] : p["end"]] == p["text"]
    assert [p["provision_id"] for p in a["provisions"]] == [p["provision_id"] for p in b["provisions"]]
    assert a["memoranda"][0]["memorandum_id"] == b["memoranda"][0]["memorandum_id"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "“”\"'«»",
        ":" * 50,
        "1) 2) 3)",
        "- \n- \n-",
        "The plan calls for " + "a ceasefire, " * 400 + "and peace.",
    ],
)
def test_never_crashes_on_odd_input(records, text):
    recs = records(text, None)
    for p in recs["provisions"]:
        assert text[p["start"] : p["end"]] == p["text"]


def test_component_is_configurable(nlp):
    assert "provision_finder" in nlp.pipe_names
    cfg = nlp.get_pipe_config("provision_finder")
    assert "data_path" in cfg


# ---------------------------------------------------------------- second round: rules beyond the seed
# (sentences written for these tests; facts paraphrased, no evaluation sentence copied)

POSITION_CASES = [
    # a party's demand through a verb with a party object and a to-infinitive
    (
        "Moscow is pressing Kyiv to pull its troops out of the Zaporizhzhia region.",
        "pull its troops",
        "Russia",
        "WITHDRAWAL_DISENGAGEMENT",
    ),
    (
        "The Kremlin is fighting for Ukraine to cede the rest of the Donbas.",
        "cede the rest of the Donbas",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    (
        "The Kremlin wants Ukraine to recognise Crimea as Russian.",
        "recognise Crimea",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    (
        "Washington called on Kyiv to hold a referendum on the settlement.",
        "hold a referendum",
        "United States",
        "ELECTIONS_CONSTITUTION",
    ),
    # a goal tied to the talks
    (
        "The Kremlin is seeking full control of the Donetsk region as part of any settlement.",
        "full control of the Donetsk region",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    # a party's demands named by a noun
    (
        "Russia restated its core demands, which include neutral status for Ukraine and a cap on its army.",
        "neutral status",
        "Russia",
        "ALLIANCE_NEUTRALITY",
    ),
    (
        "In a speech on Friday, Putin laid out his terms: Ukraine must drop its bid to join NATO and pull its forces "
        "out of "
        "four regions.",
        "drop its bid to join NATO",
        "Russia",
        "ALLIANCE_NEUTRALITY",
    ),
    # the demand stands before ", as X has demanded,"
    (
        "Ceding the rest of the Donetsk region, as Moscow has demanded, is a step Kyiv rejects.",
        "Ceding the rest of the Donetsk region",
        "Russia",
        "TERRITORY_SOVEREIGNTY",
    ),
    # a reported clause: he = the speaker
    (
        "Zelensky told journalists that he wanted Ukraine to sell rare earth minerals to the United States.",
        "sell rare earth minerals to the United States",
        "Ukraine",
        "RECONSTRUCTION_ECONOMY",
    ),
]


@pytest.mark.parametrize("text,fragment,party,category", POSITION_CASES)
def test_positions_of_a_party(records, text, fragment, party, category):
    p = by_text(records(text, "2026-02-10"), fragment)
    assert p["party"] == party
    assert p["category"] == category
    assert p["status"] == "proposed" or "rejects" in text


def test_refusal_of_this_condition_rejects_the_demand_before(records):
    recs = records(
        "Russia demanded that Ukraine cede the whole Kherson region. Kyiv firmly rejected this condition.", "2026-02-10"
    )
    assert by_text(recs, "cede the whole Kherson region")["status"] == "rejected"


def test_negated_acceptance_after_the_demand_rejects_it(records):
    recs = records(
        "Russia is pressing Ukraine to pull out of the Donbas, a condition Kyiv says it would never accept.",
        "2026-02-10",
    )
    assert by_text(recs, "pull out of the Donbas")["status"] == "rejected"


@pytest.mark.parametrize(
    "text",
    [
        "NATO Allies agreed to provide an extra EUR 10 billion in military aid for Ukraine next year.",
        "Allies agreed at the summit that Ukraine will one day join the alliance.",
        "The grid operator said the strikes hit eight regions. It said the shortfall of power across the country has "
        "grown.",
        "Trump said his plan was very good. Russia would likely need six months to repair the refinery.",
    ],
)
def test_no_provision_in_alliance_decisions_and_plain_reports(records, text):
    assert records(text, "2025-08-05")["provisions"] == []


def test_the_two_sides_are_the_warring_parties_when_the_us_mediates(records):
    recs = records(
        "Washington hosted talks between Russia and Ukraine in Miami. The United States proposed a new round of "
        "talks in March. The two sides agreed to swap 300 prisoners of war each.",
        "2026-02-10",
    )
    p = by_text(recs, "swap 300 prisoners")
    assert p["party"] == "Russia and Ukraine" and p["status"] == "agreed"


def test_modal_sentences_continue_a_draft_named_just_before(records):
    recs = records(
        "Russian and Ukrainian negotiators met in Istanbul, where a draft peace treaty took shape. In return for "
        "permanent neutrality, Ukraine would receive security guarantees from five powers. In return, Russia would "
        "agree to talks on the status of Crimea over ten years.",
        "2022-04-01",
    )
    got = texts(recs)
    assert any(t.startswith("permanent neutrality") for t in got)
    assert any("receive security guarantees" in t for t in got)
    assert any("status of Crimea" in t for t in got)
    assert {p["party"] for p in recs["provisions"]} == {"Russia and Ukraine"}
    assert all(p["status"] == "proposed" for p in recs["provisions"])


def test_relative_clause_under_a_numbered_draft(records):
    recs = records(
        "Russian and Ukrainian negotiators worked for weeks. A 12-point draft deal was prepared wherein Kyiv would "
        "renounce NATO membership in exchange for security guarantees.",
        "2022-03-20",
    )
    assert by_text(recs, "renounce NATO membership")["category"] == "ALLIANCE_NEUTRALITY"
    g = by_text(recs, "security guarantees")
    assert g["category"] == "SECURITY_GUARANTEES" and not g["text"].startswith("in exchange")
    assert g["status"] == "proposed" and g["party"] == "Russia and Ukraine"


def test_commitments_of_a_joint_statement_in_paragraphs(records):
    text = (
        "The Government of Armenia and the Government of Azerbaijan met in Washington.\n\n"
        "The Parties commit to take the following steps by June 1:\n\n"
        "Armenia will (i) reopen the border crossings to trade; and (ii) lift the tariffs on goods from Azerbaijan.\n\n"
        "Azerbaijan will (i) release all detainees held since 2023; and (ii) restore rail links for trade.\n\n"
        "After these steps, the Parties will establish a working group to continue talks."
    )
    recs = records(text, "2025-08-08")
    got = texts(recs)
    assert any(t.startswith("reopen the border crossings") for t in got)
    assert any(t.startswith("lift the tariffs") for t in got)
    assert any(t.startswith("release all detainees") for t in got)
    assert any("working group" in t for t in got)
    assert {p["party"] for p in recs["provisions"]} == {"Armenia and Azerbaijan"}
    assert all(p["status"] == "agreed" for p in recs["provisions"])
    assert by_text(recs, "lift the tariffs")["item"] == "ii"


def test_rejected_plan_rejects_its_clauses_and_names_its_authors(records):
    recs = records(
        "Moscow quickly rejected a peace plan put forward by African leaders that called for de-escalation and "
        "security guarantees.",
        "2023-06-20",
    )
    got = texts(recs)
    assert "de-escalation" in got and "security guarantees" in got
    assert all(p["status"] == "rejected" for p in recs["provisions"])
    assert {p["party"] for p in recs["provisions"]} == {"African leaders"}


def test_duplicate_clause_and_footnote_markup(records):
    text = (
        "The Ukrainian plan calls for a full ceasefire along the front.[[3]](https://example.org/note3)\n\n"
        "The Ukrainian plan calls for a full ceasefire along the front."
    )
    recs = records(text, "2025-03-01")
    got = texts(recs)
    assert len(got) == 1 and got[0].startswith("a full ceasefire along the")  # the repeat is dropped
    assert "[[" not in got[0] and "http" not in got[0]


def test_named_document_without_clauses_is_listed(records):
    recs = records("Russia handed over its memorandum in Istanbul on Monday. The talks lasted an hour.", "2025-06-03")
    assert recs["provisions"] == []
    assert [(m["party"], m["kind"], m["n_provisions"]) for m in recs["memoranda"]] == [("Russia", "memorandum", 0)]


def test_position_ids_carry_the_year(records):
    recs = records("Moscow is pressing Kyiv to pull its troops out of the Zaporizhzhia region.", "2026-02-10")
    assert recs["provisions"][0]["memorandum_id"] == "russia-demands-2026"


@pytest.mark.parametrize(
    "text,fragment,category",
    [
        (
            "The Chinese plan was published on Friday. The document also opposes the use of nuclear weapons.",
            "the use of nuclear weapons",
            "NUCLEAR_WMD",
        ),
        (
            "Kyiv's blueprint envisages Russia withdrawing its troops, the restoration of Ukraine's borders of 1991, "
            "release of "
            "all prisoners and deportees, and punishing those responsible for war crimes.",
            "punishing those responsible",
            "AMNESTY_ACCOUNTABILITY",
        ),
    ],
)
def test_documents_as_subjects(records, text, fragment, category):
    assert by_text(records(text, "2023-02-24"), fragment)["category"] == category


# ---------------------------------------------------------------- round 3: recall on unseen articles


@pytest.mark.parametrize(
    "text,fragments",
    [
        # a participle clause after a comma says what the subject document contains
        (
            "The Turkish roadmap went through three versions, calling for a truce along the front line, an exchange of "
            "prisoners and elections in the occupied regions.",
            ["a truce along the front line", "an exchange of prisoners", "elections in the occupied regions"],
        ),
        (
            "The French proposal could be a breakthrough, allowing for an end to hostilities and the release of all "
            "detainees.",
            ["an end to hostilities", "the release of all detainees"],
        ),
    ],
)
def test_participle_clause_of_a_document(records, text, fragments):
    got = texts(records(text, "2024-05-10"))
    for f in fragments:
        assert any(t.startswith(f) for t in got), (f, got)


def test_be_opposed_to_and_postulate(records):
    recs = records(
        "The Brazilian plan appeared on Monday. The document was opposed to the deployment of nuclear weapons. "
        "Brazil also postulates the lifting of sanctions on fertilizer exports.",
        "2023-05-02",
    )
    assert by_text(recs, "deployment of nuclear weapons")["category"] == "NUCLEAR_WMD"
    lifting = by_text(recs, "the lifting of sanctions")
    assert (lifting["party"], lifting["category"]) == ("Brazil", "SANCTIONS_ASSETS")


def test_his_proposal_and_its_list_of_verbs(records):
    recs = records(
        "The envoys praised a statement by President Erdogan about his proposal to halt the fighting, "
        "rebuild Mariupol, prevent the displacement of civilians and open humanitarian corridors.",
        "2022-05-01",
    )
    got = texts(recs)
    assert {p["party"] for p in recs["provisions"]} == {"Turkey"}
    assert any(t.startswith("rebuild Mariupol") for t in got), got
    assert any(t.startswith("prevent the displacement") for t in got), got
    assert by_text(recs, "prevent the displacement")["category"] == "CIVILIANS_HUMANITARIAN"


def test_comma_list_split_by_category(records):
    recs = records(
        "The Indian framework emphasizes a durable ceasefire, the return of all prisoners, sustained "
        "humanitarian aid, and the reconstruction of the ports.",
        "2024-03-01",
    )
    got = texts(recs)
    assert any(t.startswith("the return of all prisoners") and "humanitarian" not in t for t in got), got
    assert any(t.startswith("sustained humanitarian aid") for t in got), got
    assert all(p["status"] == "proposed" for p in recs["provisions"])  # one side's framework, not an agreement


def test_demand_kept_by_it_of_the_first_clause(records):
    recs = records(
        "Moscow remains willing to negotiate, but it will keep its demand intact: no deployment of foreign "
        "troops in Ukraine and protection of the Russian language.",
        "2025-02-10",
    )
    assert {p["party"] for p in recs["provisions"]} == {"Russia"}
    assert by_text(recs, "no deployment of foreign")["category"] == "FOREIGN_FORCES_AND_AID"


def test_position_noun_for_clause(records):
    recs = records(
        "Kyiv dismissed Russia's demand for Ukraine to hand over what it still holds of the Donetsk region. The "
        "president questioned a further US demand - for Ukraine to hold a national vote before the autumn.",
        "2026-02-20",
    )
    assert by_text(recs, "Ukraine to hand over what it still holds")["party"] == "Russia"
    assert by_text(recs, "Ukraine to hold a national vote")["category"] == "ELECTIONS_CONSTITUTION"
    assert by_text(recs, "Ukraine to hold a national vote")["party"] == "United States"


def test_position_noun_for_without_owner_is_nothing(records):
    recs = records("There is a rising demand for Ukraine to hold a national vote before the autumn.", "2026-02-20")
    assert recs["provisions"] == []


def test_document_items_named_with_their_content(records):
    recs = records(
        "Ten years ago the two countries drew up the Kharkiv framework. Its provisions for a demilitarised "
        "zone along the river, alongside the release of all prisoners of war, could still help.",
        "2024-05-02",
    )
    assert by_text(recs, "a demilitarised zone along the river")["category"] == "WITHDRAWAL_DISENGAGEMENT"
    assert by_text(recs, "the release of all prisoners of war")["category"] == "PRISONERS_DETAINEES"


def test_items_without_document_are_nothing(records):
    recs = records("The shop ran out of provisions for the winter.", "2024-05-02")
    assert recs["provisions"] == []


def test_purchases_and_trade_deals_are_not_peace_provisions(records):
    text = (
        "Joint statement\n\nOfficials of Armenia and Azerbaijan met in Abu Dhabi on Sunday.\n\n"
        "The delegations agreed on the following:\n"
        "- Purchases of 20 cargo planes from American makers with a value of $2 billion.\n"
        "- Both sides will exchange all prisoners of war.\n\n"
        "Armenia and the United States agreed to a trade deal that will open new markets for farmers."
    )
    recs = records(text, "2025-10-26")
    got = texts(recs)
    assert any("prisoners of war" in t for t in got)
    assert not any("cargo planes" in t for t in got)
    assert not any("trade deal" in t for t in got)


def test_arms_sales_stay_a_provision(records):
    recs = records("Russia demanded a halt to arms sales to Ukraine by Western countries.", "2025-10-26")
    assert by_text(recs, "arms sales")["category"] == "FOREIGN_FORCES_AND_AID"


def test_passive_agreement_on_a_provision(records):
    recs = records(
        "Negotiators from Armenia and Azerbaijan met in Vienna. A prisoner exchange was agreed between "
        "Armenia and Azerbaijan on Friday. A truce could be agreed soon. The deal was agreed later.",
        "2025-06-06",
    )
    p = by_text(recs, "A prisoner exchange")
    assert (p["party"], p["status"], p["category"]) == ("Armenia and Azerbaijan", "agreed", "PRISONERS_DETAINEES")
    assert not any("truce" in t for t in texts(recs))


# ---------------------------------------------------------------- fifth round (own sentences)


@pytest.mark.parametrize(
    "text,fragment,party,category",
    [
        # a position noun followed by a that-clause; "its" = the subject of the main verb
        (
            "Moscow keeps pressing for a quick deal, as shown by its insistence that Kyiv hold a referendum on the "
            "new border.",
            "Kyiv hold a referendum",
            "Russia",
            "ELECTIONS_CONSTITUTION",
        ),
        (
            "Russia's demand that Ukraine cede the Kherson region was repeated on Monday.",
            "Ukraine cede the Kherson region",
            "Russia",
            "TERRITORY_SOVEREIGNTY",
        ),
        # an example list after a position noun put forward by a party
        (
            "The Kremlin has put forward sweeping demands, such as the demilitarisation of Ukraine and the lifting of "
            "sanctions.",
            "the demilitarisation of Ukraine",
            "Russia",
            "DEMOBILIZATION_FORCE_LIMITS",
        ),
        (
            "The Kremlin has put forward sweeping demands, such as the demilitarisation of Ukraine and the lifting of "
            "sanctions.",
            "the lifting of sanctions",
            "Russia",
            "SANCTIONS_ASSETS",
        ),
        (
            "Putin voiced several conditions, including recognition of the annexed regions.",
            "recognition of the annexed regions",
            "Russia",
            "TERRITORY_SOVEREIGNTY",
        ),
    ],
)
def test_position_noun_with_clause_or_example_list(records, text, fragment, party, category):
    p = by_text(records(text, "2026-02-10"), fragment)
    assert (p["party"], p["category"], p["status"]) == (party, category, "proposed")


@pytest.mark.parametrize(
    "text",
    [
        "Analysts criticised demands such as the demilitarisation of Ukraine.",  # no party puts them forward
        "The demands that Russia made were not published.",  # relative clause, no content
    ],
)
def test_position_noun_without_owner_or_content_is_nothing(records, text):
    assert records(text, "2026-02-10")["provisions"] == []


@pytest.mark.parametrize(
    "text,fragment",
    [
        (
            "Kyiv demanded that experts of the International Atomic Energy Agency be given access to the site.",
            "experts of the",
        ),
        ("Ukraine insisted that the IAEA keep a permanent team at the station.", "the IAEA keep"),
    ],
)
def test_the_atomic_energy_agency_is_nuclear_not_energy(records, text, fragment):
    assert by_text(records(text, "2022-08-18"), fragment)["category"] == "NUCLEAR_WMD"


@pytest.mark.parametrize(
    "text",
    [
        "The cuts the Kremlin has been demanding of its neighbours and the need to keep troops near the border worry "
        "NATO.",
        "Finland fears the price Moscow has been demanding of the West and the need to keep troops near the border.",
    ],
)
def test_a_demand_in_a_relative_clause_names_the_noun_before(records, text):
    assert records(text, "2026-02-02")["provisions"] == []


@pytest.mark.parametrize(
    "text,fragment",
    [
        (
            "After Washington called both leaders, Armenia and Azerbaijan announced an immediate and unconditional "
            "ceasefire.",
            "an immediate and unconditional ceasefire",
        ),
        (
            "Leaders of Armenia and Azerbaijan spoke with the US president. Hours later, the two countries announced "
            "an "
            "immediate ceasefire along the border.",
            "an immediate ceasefire along the border",
        ),
    ],
)
def test_a_truce_announced_by_two_parties_is_agreed(records, text, fragment):
    p = by_text(records(text, "2025-07-28"), fragment)
    assert (p["party"], p["category"], p["status"]) == ("Armenia and Azerbaijan", "CEASEFIRE", "agreed")


@pytest.mark.parametrize(
    "text",
    [
        "Russia declared a unilateral Easter truce.",
        "Armenia and Azerbaijan did not announce a ceasefire.",
        "Armenia and Azerbaijan may announce a ceasefire next week.",
    ],
)
def test_a_truce_of_one_party_or_not_announced_is_no_agreement(records, text):
    assert records(text, "2025-07-28")["provisions"] == []


@pytest.mark.parametrize(
    "text,fragment,category",
    [
        (
            "Zelensky conditioned any pull-back from the front on the creation of a demilitarised zone and on firm "
            "security "
            "guarantees from Washington.",
            "the creation of a demilitarised zone",
            "WITHDRAWAL_DISENGAGEMENT",
        ),
        (
            "Zelensky conditioned any pull-back from the front on the creation of a demilitarised zone and on firm "
            "security "
            "guarantees from Washington.",
            "firm security guarantees from Washington",
            "SECURITY_GUARANTEES",
        ),
        (
            "Kyiv has predicated a withdrawal from its positions on binding security guarantees.",
            "binding security guarantees",
            "SECURITY_GUARANTEES",
        ),
    ],
)
def test_what_a_party_makes_a_concession_depend_on_is_its_condition(records, text, fragment, category):
    p = by_text(records(text, "2026-02-18"), fragment)
    assert (p["party"], p["category"], p["status"]) == ("Ukraine", category, "proposed")
    assert not any(fragment != t and "demilitarised zone and on" in t for t in texts(records(text, "2026-02-18")))


@pytest.mark.parametrize(
    "text",
    [
        "The deal is conditioned on a ceasefire.",
        "Russia did not condition the talks on a ceasefire.",
        "The outcome of the war will hinge on Western aid.",
    ],
)
def test_passive_negated_or_partyless_conditions_are_nothing(records, text):
    assert records(text, "2026-02-18")["provisions"] == []


@pytest.mark.parametrize(
    "refusal,status",
    [
        ("Zelensky has ruled out any withdrawal of Ukrainian forces from the Donbas.", "rejected"),
        ("Kyiv rejected a pull-back of its troops from the east.", "rejected"),
        ("Zelensky has ruled out new elections during the war.", "proposed"),  # another topic
        ("Moscow has ruled out any withdrawal from the occupied regions.", "proposed"),  # the demanding side itself
    ],
)
def test_a_restated_refusal_rejects_the_demand_of_the_same_topic(records, refusal, status):
    recs = records("Russia demands that Ukraine pull its troops out of the Donetsk region. " + refusal, "2026-02-22")
    assert by_text(recs, "Ukraine pull its troops out of the Donetsk region")["status"] == status


@pytest.mark.parametrize(
    "text,fragment,category",
    [
        (
            "Kyiv demands the creation of a buffer zone and the provision of long-term security guarantees from "
            "Washington.",
            "the provision of long-term security guarantees",
            "SECURITY_GUARANTEES",
        ),
        (
            "Zelensky voiced openness to a limited pull-back, but predicated this pull-back on the prior creation of "
            "a buffer "
            "zone and the provision of binding, 25-year security guarantees from Washington and its partners.",
            "the provision of binding, 25-year security guarantees",
            "SECURITY_GUARANTEES",
        ),
    ],
)
def test_the_provision_of_something_is_content_not_a_header(records, text, fragment, category):
    p = by_text(records(text, "2026-02-18"), fragment)
    assert (p["party"], p["category"]) == ("Ukraine", category)
