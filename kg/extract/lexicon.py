"""Word lists shared by several stages (so that no stage imports another's internals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MODELS = Path(__file__).resolve().parent / "models"

#: Verbs that report speech or thought (lemmas).
SPEECH_VERBS = {
    "say", "tell", "announce", "argue", "claim", "warn", "accuse", "insist", "add", "note",
    "explain", "confirm", "deny", "believe", "state", "report", "write", "describe", "suggest",
    "assert", "contend", "maintain", "acknowledge", "admit", "allege", "predict", "promise",
    "vow", "pledge", "declare", "stress", "emphasize", "emphasise", "reply", "respond", "answer",
    "remark", "reveal", "indicate", "estimate", "tweet", "post", "email", "think", "feel",
    "hope", "fear", "expect", "worry", "complain", "concede", "agree", "disagree", "recall",
    "observe", "conclude", "testify", "propose", "recommend", "speculate", "caution", "counter",
    "reiterate", "announce", "point", "assure", "boast", "charge", "contend", "doubt", "find",
    "determine", "question", "mention", "comment", "urge", "demand", "ask", "guess", "reckon",
    "understand", "know", "realize", "realise", "acknowledge", "imply", "signal", "threaten",
    "argue", "posit", "theorize", "add", "continue", "elaborate", "predict", "forecast", "blog",
    "quip", "joke", "lament", "concur", "clarify", "specify", "affirm", "attest", "certify",
    "inform", "advise", "notify", "remind", "suspect", "assume", "presume", "rule", "observe",
    "characterize", "characterise", "reason", "testify", "insist", "acknowledge", "lie",
}
#: Nouns that report a statement: "X's statement said", "X's announcement that ...".
REPORT_NOUNS = {"statement", "announcement", "report", "release", "letter", "email", "e-mail",
                "post", "tweet", "message", "claim", "assertion", "allegation", "warning",
                "testimony", "remarks", "comment", "speech", "filing", "memo", "complaint"}
#: Nouns for an act of attribution and the cue verb whose frame they take ("Trump's plan to
#: deport ...", "the senator's belief that ..."); a noun spelled like its verb (plan, hope, fear,
#: promise, pledge, vow, demand) is looked up as it is.
CUE_NOUNS = {"belief": "believe", "decision": "decide", "refusal": "refuse", "intention": "intend",
             "expectation": "expect", "suggestion": "suggest", "insistence": "insist", "assertion": "assert",
             "admission": "admit", "denial": "deny", "threat": "threaten", "determination": "determine",
             "conviction": "convince", "prediction": "predict", "recommendation": "recommend", "argument": "argue"}
#: Nouns for an evaluative act and the prepositions that open what it is done to, with the cue
#: verb whose class they take ("his attacks on Clinton", "Trump's call for a ban", "her support
#: for the bill", "their opposition to the plan"): owned by an actor, an attribution, not a claim.
#: "+to" after the prepositions: an infinitive on the noun is its content too ("his call to ban ...").
ACT_NOUNS = {"attack": ("attack", "on against"), "criticism": ("criticize", "of"),
             "condemnation": ("condemn", "of"), "praise": ("praise", "of for"), "defense": ("defend", "of"),
             "defence": ("defend", "of"), "endorsement": ("endorse", "of"), "support": ("support", "for of"),
             "opposition": ("oppose", "to"), "call": ("call", "for +to"), "embrace": ("embrace", "of"),
             "rejection": ("reject", "of"), "dismissal": ("dismiss", "of")}
#: Nouns naming a statement, which can be the object of a denial ("denied the allegations").
STATEMENT_NOUNS = REPORT_NOUNS | {"allegation", "accusation", "charge", "rumor", "rumour", "story", "suggestion",
                                  "notion", "idea", "assertion", "wrongdoing", "involvement", "responsibility",
                                  "knowledge", "existence", "reports", "account", "characterization", "premise"}
#: Nouns for documents that can be the source of a claim when no actor owns them ("The report
#: says", "Figures show", "Posts on the board said", "according to an Internet posting").
SOURCE_NOUNS = {"report", "study", "survey", "research", "analysis", "poll", "polling", "data", "figure",
                "finding", "result", "paper", "review", "investigation", "audit", "assessment",
                "letter", "memo", "document", "statement", "release", "post", "posting", "message",
                "email", "e-mail", "tweet", "blog", "article", "editorial", "filing", "record",
                "transcript", "note", "notice", "leaflet", "brochure", "manifesto", "guidance",
                "estimate", "projection", "forecast", "census", "index", "ranking", "chart"}
#: Verbs by which documents state things ("the results show", "the letter reads").
DOCUMENT_CUES = {"show", "read", "demonstrate", "reveal", "find", "conclude", "say", "state",
                 "suggest", "indicate", "note", "warn", "claim", "estimate", "predict", "confirm",
                 "report", "add", "argue", "describe", "write", "recommend", "project", "forecast"}
#: Verbs by which a document states a finding with an object ("polls show Clinton with a lead").
FINDING_CUES = {"show", "find", "indicate", "reveal", "suggest", "demonstrate"}
#: Nouns for findings that speak for their owner: "PC World's analysis concluded", "the
#: ministry's figures show" are claims of PC World and of the ministry.
EVIDENCE_NOUNS = {"analysis", "study", "survey", "research", "poll", "data", "figure", "finding",
                  "result", "paper", "review", "investigation", "audit", "assessment", "estimate",
                  "projection", "forecast", "calculation", "count", "tally", "website", "account", "blog"}


@dataclass(frozen=True)
class Cue:
    """What the cue lexicon (``models/cues.tsv``) knows of one cue word."""

    lemma: str
    cue_class: str  # speech | cognition | intention | evidential | question | evaluative
    certainty: str  # certain | probable | possible
    flags: frozenset[str]
    preps: frozenset[str]

    def has(self, flag: str) -> bool:
        return flag in self.flags

    @property
    def word(self) -> str:
        """A phrase's second word ("aim" of "take_aim"), which is part of the cue, not of what it
        reports; "" for a single word."""
        return self.lemma.partition("_")[2]


CUE_CLASSES = ("speech", "according-to", "cognition", "intention", "evidential", "question", "evaluative")
_CUE_FLAGS = {"infinitive", "object", "listener", "negating", "attitude", "document", "work", "quote", "predicate",
              "statement", "nonperson", "act", "topic"}


def load_cues(path: Path = MODELS / "cues.tsv") -> dict[str, Cue]:
    """The cue lexicon: lemma -> :class:`Cue`. Malformed lines are an error (it ships with kg)."""
    cues: dict[str, Cue] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[1] not in CUE_CLASSES or fields[2] not in {"certain", "probable", "possible"}:
            raise ValueError(f"{path}:{number}: expected 'lemma class certainty flags preps'")
        flags = frozenset() if fields[3] == "-" else frozenset(fields[3].split(","))
        if flags - _CUE_FLAGS:
            raise ValueError(f"{path}:{number}: unknown flag(s) {sorted(flags - _CUE_FLAGS)}")
        preps = frozenset() if fields[4] == "-" else frozenset(fields[4].split(","))
        cues[fields[0]] = Cue(fields[0], fields[1], fields[2], flags, preps)
    return cues


#: The cue lexicon, read once at import (a constant: it ships with kg).
CUES: dict[str, Cue] = load_cues()


def phrase_index(cues: dict[str, Cue]) -> dict[str, dict[str, Cue]]:
    """The lexicon's phrases ("take_aim": a verb and a word hanging on it, "took aim at") by
    their verb: verb lemma -> {word: Cue}."""
    index: dict[str, dict[str, Cue]] = {}
    for key, cue in cues.items():
        if "_" in key:
            verb, word = key.split("_", 1)
            index.setdefault(verb, {})[word] = cue
    return index


#: Phrase cues by their verb ("take" -> {"aim": take_aim, "issue": take_issue}).
PHRASE_CUES: dict[str, dict[str, Cue]] = phrase_index(CUES)
