"""Word lists for finding and resolving actors (data, not logic: the constructions in
:mod:`kg.extract.actors` and the rules in :mod:`kg.extract.resolve` look words up here)."""

from __future__ import annotations

from pathlib import Path


def _organisation_kinds() -> dict[str, tuple[str, frozenset[str]]]:
    """``models/organisation_kinds.tsv``: the words for a kind of body -> (type, uses)."""
    table = {}
    path = Path(__file__).resolve().parent / "models" / "organisation_kinds.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, type_, uses = line.split("\t")[:3]
            table[kind] = (type_, frozenset(u.strip() for u in uses.split(",")))
    return table


def _person_nouns() -> tuple[dict[str, str], dict[str, str]]:
    """``models/description_nouns.tsv``: nouns for people -> their gender, and nouns -> the word
    for the same role or kind ("attorney" -> "lawyer", "panel" -> "committee")."""
    genders, senses = {}, {}
    path = Path(__file__).resolve().parent / "models" / "description_nouns.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            noun, gender, sense = line.split("\t")[:3]
            if gender != "-":
                genders[noun] = gender
            if sense != "-":
                senses[noun] = sense
    return genders, senses


def _countries() -> tuple[frozenset[str], frozenset[str]]:
    """``models/countries.tsv``: the names of countries, and those of city-states."""
    countries, city_states = set(), set()
    path = Path(__file__).resolve().parent / "models" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, *mark = line.split("\t")
            countries.add(name.strip())
            if mark and mark[0].strip() == "city":
                city_states.add(name.strip())
    return frozenset(countries), frozenset(city_states)


PERSON = "Person"
ORGANIZATION = "Organization"
GOVERNMENT = "GovernmentOrganization"
PLACE = "Place"
GROUP = "Group"
WORK = "CreativeWork"  # a report, study, post or letter that is the source of a claim
ACTOR_TYPES = (PERSON, ORGANIZATION, GOVERNMENT, PLACE, GROUP, WORK)

NAME, DESCRIPTION, PRONOUN = "name", "description", "pronoun"

ENTITY_TYPES = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": PLACE, "NORP": GROUP}

# Nouns that denote an actor when they head a noun phrase: lemma -> (type, plural-by-default).
# Person nouns in the singular are persons, in the plural groups.
ACTOR_NOUNS: dict[str, str] = {
    **{n: PERSON for n in (
        "judge", "official", "spokesperson", "spokeswoman", "spokesman", "spokespeople", "protester",
        "protestor", "mayor", "governor", "president", "minister", "officer", "advocate", "lawmaker",
        "senator", "legislator", "prosecutor", "lawyer", "attorney", "critic", "supporter", "opponent",
        "resident", "activist", "scientist", "researcher", "expert", "student", "parent", "teacher",
        "doctor", "witness", "leader", "voter", "worker", "employee", "executive", "chairman",
        "chairwoman", "director", "manager", "secretary", "commissioner", "chief", "sheriff",
        "agent", "investigator", "analyst", "diplomat", "negotiator", "representative", "delegate",
        "councilman", "councilwoman", "councillor", "solicitor", "economist", "organizer", "organiser",
        "founder", "owner", "author", "victim", "survivor", "member", "candidate", "ambassador",
        "premier", "chancellor", "general", "commander", "soldier", "rescuer", "authority",
        "administrator", "regulator", "inspector", "professor", "physician", "nurse", "coach",
        "player", "fan", "priest", "bishop", "imam", "rabbi", "defendant", "plaintiff", "petitioner",
        "demonstrator", "striker", "union", "observer", "campaigner", "entrepreneur", "banker",
        "farmer", "journalist", "reporter", "editor", "publisher", "historian", "astronaut",
        "engineer", "developer", "politician", "legislature", "staffer", "aide", "adviser", "advisor",
        "consultant", "scholar", "academic", "clergy", "cleric", "militant", "rebel", "insurgent",
        "terrorist", "separatist", "extremist", "jihadist", "gunman", "attacker", "communist", "socialist",
        "fascist", "nationalist", "anarchist", "leftist", "hardliner",
        "police", "policeman", "policewoman", "staff", "people", "proponent", "backer", "defender",
        "detractor", "ally", "foe", "adversary", "mother", "father", "sister", "brother", "son",
        "daughter", "wife", "husband", "family", "relative", "friend", "neighbour", "neighbor",
        "spokesman", "prosecutor", "defender", "blogger", "poster", "user", "hacker", "owner",
        "source", "insider", "pal", "confidant",  # who speak for news: "according to some sources"
        # people as the groups a story is about, who are often the target of a stance ("offended
        # women, veterans and the disabled", "policies that hurt immigrants")
        "woman", "man", "child", "kid", "youth", "teenager", "immigrant", "migrant", "refugee",
        "veteran", "minority", "prisoner", "inmate", "patient", "consumer", "customer", "taxpayer",
        "citizen", "retiree", "pensioner", "homeowner", "tenant", "landlord", "employer", "investor",
        "shareholder", "donor", "lobbyist", "volunteer", "civilian", "villager", "peacekeeper",
        "troop", "firefighter", "pilot", "athlete", "artist", "writer", "filmmaker", "actor",
        "musician", "conservative", "liberal", "progressive", "motorist", "passenger", "worshipper",
        "worshiper", "believer", "parishioner", "applicant", "contractor", "businessman",
        "businesswoman", "miner", "fisherman", "trucker", "driver", "borrower", "lender", "buyer",
        "seller", "storyteller", "seeker", "fighter", "smuggler", "trafficker", "suspect", "detainee",
        "hostage", "dissident", "loyalist",
    )},
    **{n: GOVERNMENT for n in (
        "administration", "government", "agency", "department", "ministry", "court", "council",
        "congress", "parliament", "senate", "legislature", "commission", "committee", "cabinet",
        "regime", "prosecution", "military", "army", "navy", "bureau", "municipality", "tribunal",
        "authorities", "panel", "jury", "bloc",
    )},
    **{n: ORGANIZATION for n in (
        "company", "firm", "group", "organization", "organisation", "corporation", "church",
        "party", "newspaper", "network", "university", "school", "team", "club", "charity",
        "coalition", "alliance", "campaign", "association", "foundation", "institute", "union",
        "bank", "website", "station", "broadcaster", "board", "office", "movement", "fund",
        "lobby", "manufacturer", "retailer", "insurer", "airline", "automaker", "carmaker", "studio",
        "magazine", "tabloid", "outlet", "publication", "community", "establishment", "management", "employer",
        "league", "federation", "tribe", "drugmaker", "giant", "utility", "conglomerate", "museum", "institution",
        "business", "nonprofit", "non-profit", "watchdog", "startup", "ngo",
    )},
    **{n: PLACE for n in ("city", "state", "country", "town", "county", "nation", "province", "region",
                          "village", "municipality")},
}
#: Nouns for a gathering of people, a group of the people its "of" names ("a group of doctors").
COLLECTIVE_NOUNS = {"group", "team"}
# Nouns too generic to be an actor unless named or resolved ("people" in "law-abiding people").
GENERIC_ALONE = {"people", "member", "staff", "group", "office", "board", "network", "station",
                  "party", "team", "union", "website", "state", "nation", "authority", "school",
                  "campaign", "movement", "club", "general", "player", "fan", "author", "owner",
                  "developer", "victim", "survivor", "student", "parent", "teacher", "worker", "business"}
# Subjects of speech verbs that are evidence, not speakers ("the study found", "figures show").
NOT_SPEAKERS = {"study", "survey", "research", "data", "figure", "poll", "analysis", "evidence",
                 "document", "paper", "record", "result", "finding", "test", "review", "article",
                 "story", "book", "law", "rule", "bill", "policy", "plan", "decision", "ruling",
                 "thing", "way", "time", "year", "day", "one", "fact", "idea", "question", "problem",
                 "move", "change", "case", "sign", "number", "rate", "price", "index", "model",
                 "rest", "part", "most", "lot", "majority", "minority", "half", "side", "other"}
# Personal titles and roles that may precede a name ("Mayor Jim Kenney", "Dr. Smith").
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "fr", "st",
    "sen", "rep", "gov", "lt", "col", "gen", "capt", "sgt", "maj", "adm", "pres", "hon", "judge",
    "justice", "mayor", "president", "senator", "governor", "minister", "secretary", "chancellor",
    "premier", "king", "queen", "prince", "princess", "pope", "chairman", "chairwoman", "chief",
    "director", "commissioner", "sheriff", "solicitor", "attorney", "general", "prosecutor",
    "spokesman", "spokeswoman", "spokesperson", "professor", "officer", "detective", "ambassador",
    "councilman", "councilwoman", "councillor", "councilor", "rabbi", "imam", "bishop", "father",
    "coach", "captain", "representative", "congressman", "congresswoman", "leader", "founder",
    "ceo", "chair", "vice", "deputy", "acting", "former", "assistant", "executive", "head",
    "candidate", "nominee", "lawyer", "manager", "editor", "treasurer", "auditor", "comptroller",
    "superintendent", "clerk", "trustee", "alderman", "alderwoman", "supervisor", "magistrate",
    "marshal", "inspector", "assessor", "controller", "archbishop", "cardinal", "patriarch", "reverend", "pastor",
    "ayatollah", "sheikh", "emir",
}
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "spokesman", "chairman",
                "councilman", "congressman", "policeman", "businessman"}
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "spokeswoman",
                  "chairwoman", "councilwoman", "congresswoman", "policewoman", "businesswoman"}

#: Verbs whose direct object is a measure, bill or plan, never a body or a country: an "it" they
#: take ("urged lawmakers to reject it", "the governor vetoed it") refers to no actor.
#: Nouns for a measure, bill or plan: an object "it" after one of them, nearer than any body, is
#: more likely that thing ("Kruger, who leads opposition to the bill, called it dangerous").
MEASURE_NOUNS = frozenset({"bill", "law", "plan", "measure", "proposal", "policy", "rule", "deal", "treaty", "ban",
                           "reform", "legislation", "amendment", "ordinance", "decision", "ruling", "agreement",
                           "budget", "tax", "tariff", "scheme", "project", "motion", "resolution", "verdict"})
MEASURE_VERBS = {"veto", "pass", "enact", "ratify", "repeal", "amend", "reject", "approve", "adopt", "overturn",
                 "unveil", "propose", "draft", "implement", "rescind", "uphold", "strike_down", "sign", "hail"}

# Words whose presence makes an organisation a government body.
GOVERNMENT_WORDS = {
    "department", "ministry", "agency", "administration", "government", "police", "court",
    "council", "senate", "congress", "parliament", "commission", "bureau", "customs", "enforcement",
    "immigration", "army", "navy", "military", "forces", "force", "authority", "office",
    "service", "guard", "security", "federal", "national", "state", "city", "county",
    "municipality", "municipal", "legislature", "assembly", "cabinet", "embassy", "consulate",
    "treasury", "homeland", "defense", "defence", "justice", "tribunal", "prosecutor", "fbi", "cia",
    "nasa", "un", "eu", "nato",
}
# Words that end organisation names; used to repair names the NER model splits.
ORG_SUFFIX_WORDS = GOVERNMENT_WORDS | {
    "association", "institute", "university", "college", "school", "church", "party", "union",
    "foundation", "corporation", "company", "inc", "ltd", "group", "organization", "organisation",
    "center", "centre", "society", "league", "federation", "alliance", "coalition", "bank", "fund",
    "trust", "network", "project", "program", "programme", "board", "committee", "commission",
    "club", "press", "times", "post", "news", "agency", "enforcement", "affairs", "health",
    "education", "transportation", "labor", "labour", "energy", "commerce", "development",
}
# Words in the names of news media ("the Sydney Morning Herald", "the Daily Telegraph").
MEDIA_WORDS = {"herald", "tribune", "gazette", "journal", "telegraph", "guardian", "observer", "chronicle",
                "daily", "weekly", "express", "mail", "mirror", "standard", "independent", "magazine",
                "courier", "inquirer", "examiner", "star", "sun", "globe", "bulletin", "radio", "tv",
                "television", "broadcasting", "wire", "reuters", "bloomberg"}
# Upper-case tokens that are not organisations.
NOT_ACRONYMS = {
    "AM", "PM", "TV", "OK", "CEO", "CFO", "DNA", "HIV", "AIDS", "COVID", "GDP", "ID", "IT", "PC",
    "USA", "US", "UK", "EU", "UN", "I", "A", "AN", "THE", "MP", "MPS", "PR", "AI", "FAQ", "PDF",
    "URL", "HTML", "GMT", "UTC", "EST", "EDT", "PST", "PDT", "BST", "CET", "NOTE", "UPDATE",
    "BREAKING", "VIDEO", "PHOTO", "PHOTOS", "LIVE", "WATCH", "READ", "AP", "MORE", "OR", "AND",
    "USD", "EUR", "GBP", "KM", "MPH", "CD", "DVD", "LGBT", "LGBTQ", "ISBN", "NB", "PS", "RSS",
}
PLACE_ACRONYMS = {"USA", "US", "UK", "EU", "UAE", "DPRK", "PRC", "ROK", "DRC", "USSR"}

PRONOUNS: dict[str, tuple[str, str | None, str]] = {
    # form: (number, gender, animacy)  animacy: "person" | "thing" | "any"
    "he": ("singular", "male", "person"), "him": ("singular", "male", "person"),
    "his": ("singular", "male", "person"), "himself": ("singular", "male", "person"),
    "she": ("singular", "female", "person"), "her": ("singular", "female", "person"),
    "hers": ("singular", "female", "person"), "herself": ("singular", "female", "person"),
    "it": ("singular", None, "thing"), "its": ("singular", None, "thing"),
    "itself": ("singular", None, "thing"),
    "they": ("plural", None, "any"), "them": ("plural", None, "any"),
    "their": ("plural", None, "any"), "theirs": ("plural", None, "any"),
    "themselves": ("plural", None, "any"),
}


#: Words skipped when reading initials off a name ("Department of Homeland Security" -> "DHS").
ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "&", "in", "de", "to", "at"})

#: Given-name nicknames and spellings -> one canonical form ("jim" and "james" are one name).
NICKNAMES: dict[str, str] = {
    "jim": "james", "jimmy": "james", "bill": "william", "billy": "william", "will": "william",
    "bob": "robert", "rob": "robert", "bobby": "robert", "mike": "michael", "tom": "thomas",
    "joe": "joseph", "dick": "richard", "rick": "richard", "liz": "elizabeth", "beth": "elizabeth",
    "kate": "katherine", "katie": "katherine", "chris": "christopher", "dan": "daniel",
    "dave": "david", "steve": "steven", "stephen": "steven", "tony": "anthony", "andy": "andrew",
    "alex": "alexander", "ben": "benjamin", "sam": "samuel", "nick": "nicholas", "matt": "matthew",
    "pat": "patrick", "ted": "edward", "ed": "edward", "ron": "ronald", "don": "donald",
    "jack": "john", "johnny": "john", "jon": "jonathan", "greg": "gregory", "jeff": "jeffrey",
    "larry": "lawrence", "jerry": "gerald", "chuck": "charles", "charlie": "charles",
    "hank": "henry", "harry": "henry", "peggy": "margaret", "maggie": "margaret", "sue": "susan",
    "jenny": "jennifer", "jen": "jennifer", "cathy": "catherine", "kathy": "katherine",
    "barb": "barbara", "vicky": "victoria", "nate": "nathan", "tim": "timothy", "fred": "frederick",
}
#: Name suffixes (after a surname): a different suffix is a different person.
NAME_SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}

# Common names of one place.
PLACE_ALIASES = {
    "u.s.": "united states", "us": "united states", "u.s.a.": "united states", "usa": "united states",
    "america": "united states", "united states of america": "united states",
    "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "england": "england", "uae": "united arab emirates",
    "dprk": "north korea", "rok": "south korea", "prc": "china", "people's republic of china": "china",
}
CITY_WORDS = {"city", "town", "village", "municipality", "county", "state", "country", "nation", "province"}
#: Kind nouns that never mean a country ("the city" is not Iran) and those that only mean one.
LOCAL_PLACE_WORDS = {"city", "town", "village", "municipality", "county"}
COUNTRY_WORDS = {"country", "nation"}
COUNTRIES, CITY_STATES = _countries()
ORG_KINDS: dict[str, tuple[str, frozenset[str]]] = _organisation_kinds()
#: Nouns for a kind of body ("department", "company"): they end a whole organisation name.
ORG_KIND_WORDS = {k for k, (_, uses) in ORG_KINDS.items() if "kind" in uses and " " not in k}
#: "<Name> <kind>": a body the name heads ("Obama administration", "Yonhap news agency") -> its type.
BODY_AFTER_NAME = {k: type_ for k, (type_, uses) in ORG_KINDS.items() if "after_name" in uses}
#: Words ending a company's name that say what it trades ("Foods", "Management"): not its short name.
TRADE_WORDS = frozenset(k for k, (_, uses) in ORG_KINDS.items() if "trade" in uses)
def _portfolios() -> frozenset[str]:
    path = Path(__file__).resolve().parent / "models" / "portfolios.tsv"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


#: Words of government portfolios that a ministry's name lists ("Culture, Media and Sport").
PORTFOLIO_WORDS = _portfolios()
#: Last words of the names of laws and agreements ("the British Museum Act", "the Paris Accord"):
#: a law named after a body or place is no actor, and no fuller name of that body.
LAW_WORDS = frozenset({"Act", "Amendment", "Treaty", "Accord", "Accords", "Protocol", "Law", "Bill"})
#: Words too common in organisation names to identify one.
GENERIC_ORG_WORDS = (ORG_SUFFIX_WORDS | ACRONYM_SKIP | {"national", "federal", "international", "united",
                                                          "american", "british", "new", "north", "south"})

#: Words that make a name a body of its own kind ("Congressional Black Caucus", "Bank of America
#: Stadium"): a name that holds one and is followed by more words with another is a second body
#: named after the first, not its full name ("Congressional Black Caucus PAC").
BODY_HEAD_WORDS = ORG_SUFFIX_WORDS | set(ORG_KIND_WORDS) | {"caucus", "pac", "stadium", "arena", "subcommittee",
                                                           "panel", "museum", "hospital", "academy"}
#: Chambers called by one word ("the House", "the Senate"): that word alone is the chamber, never
#: a shortening of another body's name ("White House", "House Oversight Committee"); it shortens
#: only "House of Representatives" or a place's chamber ("U.S. Senate").
CHAMBER_WORDS = {"house", "senate", "parliament", "assembly", "congress"}
CHAMBER_PLACE_WORDS = {"u.s.", "us", "united", "states", "state", "the", "federal", "national"}

#: Unnamed people who speak and act for an organisation: "ICE officials", "city staff",
#: "Justice Department lawyers", "the UAW's leadership", "a spokesman for the agency".
#: Nouns that say no more of a person than what any person is ("the woman", "the kid"): no role
#: that a text goes on to call a person by (see :mod:`kg.extract.salience`).
GENERIC_PERSON_NOUNS = {"person", "man", "woman", "boy", "girl", "kid", "child", "guy", "lady", "gentleman",
                        "individual", "teenager", "teen", "youth", "baby", "adult", "human", "people"}
#: Nouns for a family or a couple as one group ("her parents", "the couple", "the family"): in an
#: article that names one family by its plural ("the Sams"), they are that family.
FAMILY_NOUNS = {"parent", "couple", "family"}
OFFICIAL_NOUNS = {"official", "spokesperson", "spokesman", "spokeswoman", "spokespeople", "staff",
                  "staffer", "lawyer", "attorney", "counsel", "leadership", "representative",
                  "aide", "office", "management", "administrator", "negotiator", "officer"}
#: An unnamed spokesperson or aide of a *person*, and a person's office, speak as that person
#: ("a spokesman for Donald Trump", "an aide to Clinton", "the mayor's office"); a named one stays
#: a person of their own, affiliated with the person they speak for.
PERSONAL_VOICE_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "aide", "office"}
#: Words after a person's name that are degrees or honours, not names or places ("David
#: Knopman, MD"): they stay part of the person's mention.
POSTNOMINALS = {"md", "phd", "dds", "dmd", "rn", "np", "esq", "qc", "kc", "mp", "mep", "obe", "mbe",
                "cbe", "jd", "mba", "dphil", "facp", "frcp", "cpa", "do", "pharmd", "msc"}
#: Documents that speak for whoever filed, wrote or issued them ("the lawsuit alleges").
AUTHORED_NOUNS = {"lawsuit", "suit", "complaint", "petition", "motion", "brief", "filing", "report",
                  "letter", "memo", "statement", "study", "survey", "poll", "release", "ad",
                  "advertisement", "op-ed", "editorial", "resolution", "ruling", "order", "indictment"}
#: Verbs by which an actor makes such a document ("X filed a lawsuit", "X wrote a letter").
AUTHORING_VERBS = {"file", "bring", "send", "write", "publish", "release", "issue", "submit", "sign",
                   "author", "pen", "launch", "conduct", "commission", "run", "air", "post", "lodge",
                   "serve", "hand", "deliver", "make"}
#: Verbs whose act makes such a document by itself ("X sued Y ... The lawsuit argues" is X's).
DOCUMENT_VERBS = {"sue": frozenset({"lawsuit", "suit", "complaint"}), "petition": frozenset({"petition"}),
                  "indict": frozenset({"indictment"})}
#: Endings of nouns for people ("mathematician", "organizer"): a noun that speaks and ends so
#: is a person; other nouns that speak ("the lawsuit", "koalas") are not people.
PERSON_NOUN_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "man", "woman", "person", "people")
#: Common nouns for people not caught by those endings.
PERSON_NOUNS_EXTRA = {"individual", "victim", "official", "staff", "expert", "critic", "aide",
                      "chief", "guard", "nurse", "judge", "doctor", "police", "citizen", "veteran",
                      "pilgrim", "refugee", "migrant", "immigrant", "youth", "child", "kid", "man",
                      "woman", "girl", "boy", "mom", "dad", "couple", "crowd", "audience", "public"}
#: Nouns for people that say the person's gender ("daughter": female), and nouns for one role
#: under another word ("attorney": "lawyer"), from ``models/description_nouns.tsv``.
PERSON_NOUN_GENDERS, ROLE_SENSES = _person_nouns()


def role_sense(noun: str) -> str:
    """The word for the role or kind a noun names ("attorney", "counsel" -> "lawyer"; "panel" ->
    "committee"; "mayor" -> "mayor")."""
    return ROLE_SENSES.get(noun, noun)


#: Abbreviated titles, read as the role they stand for ("Sen. Sanders" holds "senator").
TITLE_ROLES = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
               "gen": "general", "lt": "lieutenant", "col": "colonel", "capt": "captain",
               "sgt": "sergeant", "maj": "major", "adm": "admiral", "prof": "professor", "dr": "doctor",
               "supt": "superintendent", "insp": "inspector", "det": "detective", "atty": "attorney"}
#: Modifiers that do not change which role a description names ("the former president").
ROLE_MODIFIERS = {"former", "then", "current", "acting", "outgoing", "incoming", "late", "new",
                  "interim", "retired", "longtime", "top", "chief", "senior", "deputy", "vice"}
#: Words that make a role another office ("the prime minister" is not a minister of education,
#: "the president" not the vice president, "the Home Secretary" not the Shadow Home Secretary): a
#: description and a role it names agree on them.
RANK_WORDS = {"prime", "vice", "deputy", "assistant", "associate", "lieutenant", "under", "shadow"}
#: "City of X", "Town of X", "Municipality of X": the place X.
PLACE_PREFIXES = ("city of ", "town of ", "village of ", "borough of ", "county of ", "state of ",
                  "commonwealth of ", "republic of ", "kingdom of ", "municipality of ", "township of ",
                  "province of ")
#: Verbs by which anything that has a voice says something; a noun that is not a person noun
#: speaks only with these ("the website reported"; not "the drug was promising").
SAYING_VERBS = {"say", "tell", "write", "state", "report", "claim", "announce", "explain", "add", "note",
                "argue", "insist", "warn", "confirm", "deny", "reveal", "post", "tweet", "publish",
                "describe", "suggest", "allege", "declare", "respond", "reply", "comment", "acknowledge"}


def is_person_noun(lemma: str) -> bool:
    """Whether a noun's lemma names people ("doctor", "bystander", "individual")."""
    return lemma in ACTOR_NOUNS or lemma in PERSON_NOUNS_EXTRA or lemma.endswith(PERSON_NOUN_ENDINGS)
