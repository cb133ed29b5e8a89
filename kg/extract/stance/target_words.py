"""Words by which a stance's target is typed (data the rules in :mod:`.targets` look up): nouns
for acts and policies, qualities of their bearers, reproaches and accounts, kinds of things a bare
noun can take up, and nouns too vague to be a target."""

from __future__ import annotations

# Nouns that name an act, decision or policy: a target that links to the actor who owns it.
ACT_NOUNS = frozenset({
    "decision", "plan", "policy", "move", "action", "law", "ruling", "order", "proposal", "bill", "deal", "contract",
    "agreement", "program", "programme", "access", "use", "announcement", "request", "ban", "measure", "initiative",
    "reform", "effort", "rule", "regulation", "legislation", "scheme", "attempt", "campaign", "policies", "strategy",
    "approach", "stance", "position", "handling", "response", "treatment", "investigation", "crackdown", "raid",
    "operation", "project", "budget", "tax", "taxes", "tariff", "sanctions", "sanction", "war", "invasion", "strike",
    "boycott", "lawsuit", "suit", "appeal", "veto", "referendum", "vote", "election", "nomination", "appointment",
    "practice", "conduct", "behavior", "behaviour", "treaty", "pact", "partnership", "merger", "acquisition", "sale",
    "closure", "cuts", "arrest", "detention", "deportation", "imprisonment", "prosecution", "execution", "killing",
    "bombing", "shooting", "occupation", "blockade", "annexation", "expulsion", "dismissal", "firing", "suspension",
    "withdrawal", "intervention", "candidacy", "presidency", "administration", "tenure", "leadership", "record",
    "testimony", "comments", "remarks", "statement", "claim", "claims", "rhetoric", "speech", "investigation",
    "fine", "penalty", "verdict", "judgment", "judgement", "sentence", "conviction", "injunction", "settlement",
    "findings", "finding", "conclusions", "conclusion", "package", "bailout", "hike", "increase", "overhaul",
    "subsidy", "subsidies", "mandate", "levy", "rollback", "cut", "motion", "resolution", "suggestion", "loan", "loans",
    "grant", "funding", "spending",
    # what a body grants or voters decide: "voted for the permit", "opposes the proposition"
    "permit", "licence", "license", "proposition",
    # a policy that holds something still: "the rent freeze", "a moratorium on drilling"
    "freeze", "moratorium"})
#: Qualities of a person or body: praising or faulting one is a stance on its bearer.
QUALITIES = frozenset({"courage", "bravery", "leadership", "honesty", "integrity", "compassion", "decency", "wisdom",
                       "competence", "incompetence", "dishonesty", "cowardice", "arrogance", "hypocrisy", "character",
                       "judgment", "judgement", "commitment", "dedication", "professionalism", "resilience",
                       "generosity", "negligence", "recklessness", "greed"})
DAYS = frozenset({"today", "yesterday", "tomorrow", "tonight"})
#: Nouns that name an act only when whose act it is is said ("the company's offer", "an offer by
#: the union"): "an offer of help" is no one's act. (Positions such as "the Greens' demand for X"
#: are stance nouns: siding with them is a stance on X, see ``acts.endorsed_position``.)
OWNED_ACT_NOUNS = frozenset({"offer"})

#: Nouns for a reproach and the verbs that make one: "rejected the criticism" is against its maker.
REPROACHES = {"criticism": {"criticize", "criticise", "fault", "blast", "slam", "attack"},
              "accusation": {"accuse"}, "allegation": {"allege", "accuse"}, "charge": {"charge", "accuse"},
              "attack": {"attack"}, "complaint": {"complain"}, "claim": {"claim"}}
#: The reproaches made in words: a bare "the criticism" may take up the latest critic's words.
SPOKEN_REPROACHES = frozenset({"criticism", "accusation", "allegation", "complaint"})
#: Nouns for what someone said: "disputed that account" is against whoever gave it.
ACCOUNTS = frozenset({"account", "version", "claim", "statement", "assertion", "characterization",
                      "characterisation", "explanation", "narrative", "story", "argument", "contention"})
ANAPHORIC = frozenset({"such", "this", "that", "these", "those", "it", "them", "which", "what"})
# Words for one kind of thing: "the deal" can take up "the city's contract with ICE".
TOPIC_CLASSES = [
    {"contract", "agreement", "deal", "pact", "accord", "arrangement", "treaty", "partnership", "convention",
     "protocol", "compact"},
    {"decision", "move", "plan", "policy", "measure", "action", "step", "proposal", "initiative", "motion",
     "resolution"},
    {"law", "bill", "legislation", "ordinance", "regulation", "act", "amendment", "statute"},
    {"ruling", "verdict", "judgment", "judgement", "order"},
    {"ban", "prohibition", "restriction"},
    {"tax", "levy", "tariff"},
]
TOPIC_CLASS = {word: i for i, words in enumerate(TOPIC_CLASSES) for word in words}
# Modifiers that make "the new deal" another deal than the one before.
CONTRASTIVE = frozenset({"new", "other", "another", "second", "previous", "old", "first", "next", "different",
                          "separate", "former", "earlier", "later", "last", "original", "revised", "future"})
# Heads of a part of a group: the group holds what its part does.
SHARES = frozenset({"quarter", "third", "half", "majority", "minority", "%", "percent", "per cent", "share",
                     "number", "fraction", "most", "many", "some", "all", "several", "each", "both", "dozen",
                     "hundred", "thousand", "million", "ten"})
#: People at large ("people", "everyone"), unless a modifier says which ("the people of Gaza").
ANYONE = frozenset({"people", "person", "everyone", "everybody", "anyone", "anybody", "folk", "folks", "others"})
SPECIFYING = frozenset({"amod", "compound", "prep", "relcl", "acl", "nummod", "poss", "appos"})
#: Nouns that name nothing in particular, however described.
VAGUE_HEADS = frozenset({"thing", "stuff", "situation", "something", "everything", "anything", "way", "lot"})
