"""The merge audit (benchmarks/merge_audit.py) on a small fixture written for the purpose, and
the name-compatibility test every merge uses (kg.extract.names)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import extract_texts

ROOT = Path(__file__).resolve().parent.parent

#: Articles that tempt every false merge of issue 16: a father and his namesake son, two
#: Clintons, organisations with the same initials, a person and a company with the same initials,
#: middle names that differ, and an acronym that the text spells out.
FIXTURE = {
    "one": "Donald Trump said the polls were wrong. Donald Trump Jr. said the campaign raised money. "
           "Trump told supporters in Ohio that he would win. The Clinton campaign said it was confident.",
    "two": "Climate Central said the seas were rising. Bill Clinton spoke in Flint on Tuesday, and "
           "Hillary Clinton spoke in Ohio. George H. W. Bush said little. George W. Bush said more.",
    "three": "Jacinta Allan said the rail line would open. JetBlue Airways said flights would resume. "
             "The Kansas Senate voted on Monday, and King Soopers said prices would rise.",
    "four": "The Harbor Renewal Trust (HRT) bought the pier. HRT said the sale was final. Trump said "
            "nothing about it. Twin Cities residents said the Trump campaign never called.",
}


def _audit_module():
    spec = importlib.util.spec_from_file_location("merge_audit", ROOT / "benchmarks" / "merge_audit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_fixture_has_no_incompatible_or_unrelated_merges(nlp):
    audit = _audit_module()
    result = extract_texts(nlp, FIXTURE)
    assert audit.audit(result.actors) == []
    labels = {a.label for a in result.actors}
    assert {"Donald Trump", "Donald Trump Jr", "Bill Clinton", "Hillary Clinton"} <= labels


def test_the_audit_flags_what_it_should():
    audit = _audit_module()

    def actor(label, type_, *aliases):
        return SimpleNamespace(id=label.lower(), label=label, type=type_, named=True, aliases=aliases)

    flagged = audit.audit([
        actor("Donald Trump Jr.", "Person", "Donald Trump"),
        actor("Hillary Clinton", "Person", "Bill Clinton"),
        actor("George H. W. Bush", "Person", "George W. Bush"),
        actor("Climate Central", "Organization", "Clinton campaign"),
        actor("JetBlue Airways", "Organization", "Jacinta Allan"),
    ])
    assert [f.why for f in flagged] == ["different suffixes", "different given names", "different middle names",
                                       "no word or initials shared", "no word or initials shared"]
    assert audit.audit([
        actor("Jim Kenney", "Person", "James Kenney", "Kenney"),
        actor("Immigration and Customs Enforcement", "GovernmentOrganization", "ICE"),
        actor("Church of Scientology", "Organization", "Church", "Scientology"),
        actor("Republican Party", "Organization", "GOP"),
    ]) == []


@pytest.mark.parametrize("a, b, same", [
    ("Donald Trump", "Donald Trump Jr.", False),
    ("Donald Trump", "Donald J. Trump", True),
    ("Bill Clinton", "Hillary Clinton", False),
    ("Jim Kenney", "James Kenney", True),
    ("J. Kenney", "James Kenney", True),
    ("George H. W. Bush", "George W. Bush", False),
    ("Trump", "Donald Trump Jr.", True),       # a bare surname fits both; resolution prefers no suffix
    ("Trump Jr.", "Donald Trump", False),
    ("Mayor Jim Kenney", "Kenney", True),
])
def test_persons_compatible(a, b, same):
    from kg.extract.names import persons_compatible

    assert persons_compatible(a, b) is same
    assert persons_compatible(b, a) is same


def test_acronyms_need_the_text_or_the_table():
    from kg.extract.names import defines_acronym, well_known

    assert well_known("ICE") == well_known("U.S. Immigration and Customs Enforcement")
    assert well_known("CC") is None
    assert defines_acronym("Korean Central News Agency", "KCNA")
    assert not defines_acronym("Korean Central News Agency", "PLO")


def test_the_audit_flags_bodies_joined_only_by_a_generic_word():
    audit = _audit_module()
    generic = audit.generic_words([
        "He asked for justice, and justice was done. The team won, and a second team waited. The "
        "security was tight; security guards stood by. Scientology (www.scientology.org, "
        "mail@scientology.org) said no. Scientology spoke. The Church of Scientology and "
        "Scientology's lawyers. Scientology again. Scientology. Scientology. Scientology.",
        "Scientology answered. Scientology."])
    assert {"justice", "team", "security"} <= generic and "scientology" not in generic

    def actor(label, *aliases):
        return SimpleNamespace(id=label.lower(), label=label, type="Organization", named=True, aliases=aliases)

    flagged = audit.audit([actor("American Association for Justice", "Justice"),
                           actor("Brazilian team", "US team")], generic)
    assert [f.names for f in flagged] == [("American Association for Justice", "Justice"),
                                          ("Brazilian team", "US team")]
    assert audit.audit([actor("Justice Department", "Justice"),  # its leading word
                        actor("New York Times", "Times"),  # its last word
                        actor("Department of Homeland Security", "Homeland Security"),  # a run of two
                        actor("Church of Scientology", "Scientology")], generic) == []  # not a common word


def test_a_generic_shared_word_merges_no_bodies(nlp):
    result = extract_texts(nlp, {
        "law": "Scott voted against the Justice for Victims of Trafficking Act of 2015 because it created a "
               "new penalty. His biggest donors include the American Association for Justice, which "
               "represents trial lawyers.",
        "teams": "The finals saw US team Cloud9 face the Brazilian team Immortals. The Brazilian team won "
                 "the title. A point was deducted, and the US team rallied.",
        "veterans": "The Department of Veterans Affairs said its hotline was busy. When veterans ask for "
                    "help, many calls go unanswered. Veterans in 2014 were dying at twice the rate of "
                    "civilians, the Department of Veterans Affairs said."})
    names = {a.label: set(a.aliases) for a in result.actors if a.named}
    assert "Justice" not in names.get("American Association for Justice", set())
    assert not any({"US team", "Brazilian team"} <= {label, *aliases} for label, aliases in names.items())
    assert "Veterans" not in names.get("Department of Veterans Affairs", set())
    assert _audit_module().audit(result.actors) == []


def test_a_translated_name_keeps_its_acronym_when_the_text_spells_it_out():
    from kg.extract.names import defines_acronym

    assert defines_acronym("Union of Rationalist Atheists and Agnostics", "UAAR")  # the same initials reordered
    assert not defines_acronym("Union of Rationalist Atheists and Agnostics", "UAR")
    assert not defines_acronym("Doctors Without Borders", "MSF")  # other letters: the table's job
