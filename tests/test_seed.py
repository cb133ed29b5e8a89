"""What the seed article must yield (issues 2-5): actors, claims, non-answers and stances."""

from __future__ import annotations

import re

import pytest

SEED_ID = "000_c64983bc89ce5fc9"


def actor_named(result, pattern):
    found = [a for a in result.actors
             if any(re.search(pattern, name, re.IGNORECASE) for name in (a.label, *a.aliases))]
    assert len(found) == 1, f"{pattern!r} matches {[a.label for a in found]}"
    return found[0]


def global_actor(result, local):
    return result.actor_of.get(id(local))


def stances(result):
    (doc,) = result.documents
    return [(global_actor(result, s.holder), s) for s in doc.stances]


def test_one_node_per_actor(seed_result):
    kenney = actor_named(seed_result, r"^Jim Kenney")
    assert {"Jim Kenney", "Kenney"} <= set(kenney.aliases) and kenney.type == "Person"
    ice = actor_named(seed_result, r"Customs Enforcement")
    assert {"ICE", "U.S. Immigration and Customs Enforcement"} <= set(ice.aliases)
    dhs = actor_named(seed_result, r"^Department of Homeland Security$")
    assert {"Department of Homeland Security", "Homeland Security"} <= set(dhs.aliases)
    judge = actor_named(seed_result, r"^judge$")
    assert not judge.named and len(judge.mentions) == 2
    for pattern in (r"^Philadelphia$", r"Trump administration", r"federal government"):
        actor_named(seed_result, pattern)


def test_pronouns_and_descriptions_resolve(seed_result):
    kenney = actor_named(seed_result, r"^Jim Kenney")
    texts = [m.text for m, _ in kenney.mentions]
    assert texts.count("He") + texts.count("he") >= 3
    ice = actor_named(seed_result, r"Customs Enforcement")
    assert "its" in [m.text for m, _ in ice.mentions]
    philadelphia = actor_named(seed_result, r"^Philadelphia$")
    assert "the city" in [m.text for m, _ in philadelphia.mentions]


def test_spokespeople_belong_to_both_organisations(seed_result):
    spokespeople = actor_named(seed_result, r"^Spokespeople")
    assert set(spokespeople.affiliations) >= {"ICE", "Department of Homeland Security"}


def test_no_actor_from_chrome_timestamps_dateline_or_slogans(seed_result):
    labels = " | ".join(a.label + " " + " ".join(a.aliases) for a in seed_result.actors)
    for junk in ("p.m.", "Latest", "comment policy", "America"):
        assert junk not in labels
    assert not any(a.label in {"AP", "PHILADELPHIA"} for a in seed_result.actors)
    (doc,) = seed_result.documents
    trailer = doc.document.text.index("Please read our comment policy")
    assert all(m.start < trailer for a in doc.actors for m in a.mentions)
    assert all(c.end <= trailer for c in doc.claims)


def test_every_attributed_statement_has_the_right_speaker(seed_result):
    (doc,) = seed_result.documents
    by_speaker: dict[str, list[str]] = {}
    for claim in doc.claims:
        by_speaker.setdefault(global_actor(seed_result, claim.speaker).label, []).append(claim.text)
    dhs = [t for t in by_speaker["Department of Homeland Security"]]
    assert any("irresponsible" in t for t in dhs)
    assert any("harboring criminal aliens" in t for t in dhs)
    kenney = by_speaker["Jim Kenney"]
    for fragment in ("would not renew the city’s contract", "ICE had been using the system",
                     "makes immigrants less likely to report crimes", "created fear and distrust",
                     "how anyone can define this as making America great again"):
        assert any(fragment in t for t in kenney), fragment
    direct = [c for c in doc.claims if c.kind == "direct"]
    assert [global_actor(seed_result, c.speaker).label for c in direct] == ["Jim Kenney"]
    mixed = [c for c in doc.claims if c.kind == "mixed"]
    assert any("harboring" in c.text for c in mixed)
    # no claim from unattributed narrative
    assert not any("sanctuary city" in c.text or "won’t release inmates" in c.text for c in doc.claims)


def test_non_answers_are_recorded_not_claimed(seed_result):
    (doc,) = seed_result.documents
    answers = {global_actor(seed_result, n.actor).label for n in doc.non_answers}
    assert any(label.startswith("Spokespeople") for label in answers)
    assert "Federal officials" in answers
    assert not any("respond" in c.cue or "comment" in c.cue for c in doc.claims)


def _has(result, holder, polarity, target):
    for actor, stance in stances(result):
        target_names = stance.target.label
        if stance.target.actor is not None:
            target_names += " | " + global_actor(result, stance.target.actor).label
        if actor.label == holder and stance.polarity == polarity and re.search(target, target_names):
            return stance
    return None


@pytest.mark.parametrize("holder,side,target", [
    ("Department of Homeland Security", "against", r"Philadelphia’s decision"),
    ("Jim Kenney", "against", r"use by ICE"),
    ("Jim Kenney", "against", r"contract with ICE"),
    ("judge", "favor", r"Philadelphia’s decision to require judicial warrants"),
    ("judge", "against", r"Trump administration"),
    ("Trump administration", "against", r"^Philadelphia"),
    ("federal government", "against", r"^Philadelphia"),
])
def test_required_stances(seed_result, holder, side, target):
    stance = _has(seed_result, holder, side, target)
    assert stance is not None, (holder, side, target)
    (doc,) = seed_result.documents
    assert doc.document.text[stance.start:stance.end] == stance.evidence
    assert 0 < stance.confidence <= 1


def test_no_stance_from_non_answers(seed_result):
    holders = {actor.label for actor, _ in stances(seed_result)}
    assert "Federal officials" not in holders
    assert not any(h.startswith("Spokespeople") for h in holders)
    for _, stance in stances(seed_result):
        assert "did not respond" not in stance.evidence and "not yet commenting" not in stance.evidence or \
            stance.holder.label() == "Philadelphia"


def test_updates_give_claims_their_time(seed_result):
    (doc,) = seed_result.documents
    first = next(c for c in doc.claims if "irresponsible" in c.text)
    assert doc.document.update_at(first.start).time == "15:15"
    last = next(c for c in doc.claims if "great again" in c.text)
    assert doc.document.update_at(last.start).time == "12:44"
