"""Stances a reader sees in one sentence or two, one family of phrasing per group of rows: each row
runs the whole pipeline and asserts that the stance (holder, side, part of the target) comes out."""

from __future__ import annotations

import pytest

from conftest import extract_texts


@pytest.fixture(scope="module")
def stances_of(nlp, polarity):
    def run(text):
        (doc,) = extract_texts(nlp, {"t": text}, polarity).documents
        return [(s.holder.label(), s.polarity, s.target.label) for s in doc.stances]
    return run


def _rows(family: str, *rows: tuple) -> list:
    return [pytest.param(*row, id=f"{family}: {row[0][:50]}") for row in rows]


READINGS = [
    # an act judged by its effect on whom it is done to: bad for what is bad to have is good
    *_rows("worth",
        ("Sheriff Bill Waybourn said the law would remove violent offenders from the streets.", "Bill Waybourn",
         "favor", "law"),
        ("Mayor Ann Kim said the plan would punish corrupt officials.", "Ann Kim", "favor", "plan"),
        ("Mayor Ann Kim said the bill would help victims of crime.", "Ann Kim", "favor", "bill"),
        ("Sheriff Tom Lane said the policy would harm abused children.", "Tom Lane", "against", "policy"),
        ("Governor Greg Abbott said the law would keep dangerous criminals off the streets.", "Greg Abbott", "favor",
         "law"),
        ("Sheriff Tom Lane said the law would force gang members to leave the city.", "Tom Lane", "favor", "law"),
        ("Mayor Ann Kim said the mandate would force small schools to close.", "Ann Kim", "against", "mandate"),
    ),
    # what a study concluded is a position one can take sides on, like a claim
    *_rows("findings",
        ("The International Sweeteners Association rejected the study's conclusions.",
         "International Sweeteners Association", "against", "conclusions"),
        ("The American Heart Association welcomed the findings.", "American Heart Association", "favor", "findings"),
    ),
    # the typical misses issue 15 names, paraphrased
    *_rows("issue 15",
        ("Health Secretary Wes Streeting accused the British Medical Association of holding patients to ransom.",
         "Wes Streeting", "against", "British Medical Association"),
        ("Health Secretary Wes Streeting labelled the union's behaviour \u201cextremely irresponsible\u201d.",
         "Wes Streeting", "against", "behaviour"),
        ("Delta Air Lines said it disagreed with the ruling.", "Delta Air Lines", "against", "ruling"),
        ("Residents are calling for the police commissioner to resign.", "Residents", "against",
         "police commissioner"),
        ("The county board voted 4-3 to approve the rezoning plan.", "county board", "favor", "rezoning plan"),
        ("Jane Doe, a resident who is against the data centers, spoke at the meeting.", "Jane Doe", "against",
         "data centers"),
        ("Three committee members resigned over the approval of the stadium.", "Three committee members", "against",
         "approval of the stadium"),
        ("Senator Mark Lee called the vote a mistake.", "Mark Lee", "against", "vote"),
        ("\u201cThese cuts are a disgrace,\u201d said union leader Maria Gomez.", "Maria Gomez", "against", "cuts"),
        ("The United Nations and the United States have both criticised the policy.", "United States", "against",
         "policy"),
        ("Senator Ann Kim called for the repeal of the Affordable Care Act.", "Ann Kim", "against",
         "Affordable Care Act"),
        ("A policy of turning away boats which the United Nations has criticised remains.", "United Nations", "against",
         "policy of turning away boats"),
    ),
    # two objects, a named object of a preposition, an adjective after "as"
    *_rows("naming",
        ("Senator Ann Kim branded Governor Tom Reed a traitor.", "Ann Kim", "against", "Tom Reed"),
        ("Senator Ann Kim referred to Governor Tom Reed as a coward.", "Ann Kim", "against", "Tom Reed"),
        ("Union leaders portray Mayor Tom Reed as incompetent.", "Union leaders", "against", "Tom Reed"),
        ("Senator Ann Kim sees Governor Tom Reed as a hero.", "Ann Kim", "favor", "Tom Reed"),
        ("Senator Ann Kim dismissed the Acme Corporation as a sham.", "Ann Kim", "against", "Acme Corporation"),
        ("Senator Ann Kim thinks of Governor Tom Reed as a crook.", "Ann Kim", "against", "Tom Reed"),
        ("Biden accused Trump of lying, while Trump called Biden weak.", "Trump", "against", "Biden"),
    ),
    # "the idea of X" is about X
    *_rows("content noun",
        ("Senator Ann Kim supports the idea of a tax on carbon.", "Ann Kim", "favor", "tax on carbon"),
        ("The senator rejected the notion of raising taxes on the middle class.", "senator", "against",
         "raising taxes"),
        ("The union welcomed the prospect of a repeal of the Taft-Hartley Act.", "union", "against",
         "Taft-Hartley Act"),
    ),
    # each sentence of a quotation predicates on its own
    *_rows("quotation sentence",
        ("\u201cWe met on Monday. Governor Ann Kim is a disgrace,\u201d said Senator Tom Reed.", "Tom Reed", "against",
         "Ann Kim"),
        ("\u201cWe met on Monday. The new budget is a disgrace. It is shameful,\u201d said Senator Tom Reed.",
         "Tom Reed", "against", "budget"),
    ),
    # the members a target group names are targets too
    *_rows("named members of a target",
        ("Freedom Magazine attacked several defectors, including Tom Devocht and Mark Rathbun.", "Freedom Magazine",
         "against", "Mark Rathbun"),
        ("Senator Ann Kim praised local groups such as the Red Cross.", "Ann Kim", "favor", "Red Cross"),
    ),
    # going to someone's help; keeping away from someone
    *_rows("rescue and distance",
        ("Senator Ann Kim came to the governor's defense.", "Ann Kim", "favor", "governor"),
        ("NATO allies rushed to Ukraine's aid.", "NATO allies", "favor", "Ukraine"),
        ("Governor Tom Reed distanced himself from Senator Ann Kim.", "Tom Reed", "against", "Ann Kim"),
    ),
    # proposing or drafting a policy is being for it; doing away with one, against it
    *_rows("authoring and undoing",
        ("Senator Ann Kim proposed a carbon tax.", "Ann Kim", "favor", "carbon tax"),
        ("Governor Tom Reed unveiled a plan to widen the highway.", "Tom Reed", "favor", "plan"),
        ("Senator Ann Kim vowed to get rid of the estate tax.", "Ann Kim", "against", "estate tax"),
        ("Senator Ann Kim called for doing away with the estate tax.", "Ann Kim", "against", "estate tax"),
    ),
    # calling for someone to be fired: against them
    *_rows("passive urged act",
        ("Activists called for the officer, Tom Reed, to be fired.", "Activists", "against", "Tom Reed"),
        ("Community activists criticized the police and called for Officer Tom Reed to be fired.",
         "Community activists", "against", "Tom Reed"),
    ),
    # marching, demonstrating or organising for or against something
    *_rows("marching",
        ("Tens of thousands of protesters marched against the new bill.", "protesters", "against", "new bill"),
        ("Nurses demonstrated against the hospital merger.", "Nurses", "against", "hospital merger"),
    ),
    # a document holds for its author: its owner, or whoever filed it just before
    *_rows("document's author",
        ("A report by Amnesty International accused the army of war crimes.", "Amnesty International", "against",
         "army"),
        ("The Justice Department filed a lawsuit on Tuesday. The lawsuit accuses Google of illegally "
         "monopolizing search.", "Justice Department", "against", "Google"),
    ),
    # having a problem or taking issue with something
    *_rows("problem nouns",
        ("Chris Paul has a problem with the testing policy.", "Chris Paul", "against", "testing policy"),
        ("Senator Ann Kim took issue with the governor's budget.", "Ann Kim", "against", "governor"),
        ("Several Democrats have expressed reservations about the nominee, Jane Roe.", "Democrats", "against",
         "Jane Roe"),
    ),
    # "that" judging the act the clause before tells
    *_rows("that judges the act before",
        ("\u201cThe league made this decision without consulting us, and that is unacceptable,\u201d said Andre "
         "Iguodala.", "Andre Iguodala", "against", "league"),
        ("\u201cThe mayor ignored the residents, and this is shameful,\u201d said Jane Roe.", "Jane Roe", "against",
         "mayor"),
    ),
    # an act judged by the amounts it changes: lowering prices is good, cutting jobs bad
    *_rows("amounts",
        ("Kroger said the merger would lower prices, not raise them.", "Kroger", "favor", "merger"),
        ("\u201cThe new tax will cut jobs,\u201d said union leader Maria Gomez.", "Maria Gomez", "against", "tax"),
        ("\u201cThe plan would boost wages,\u201d Governor Tom Reed said.", "Tom Reed", "favor", "plan"),
        ("\u201cThe policy will not raise rents,\u201d Mayor Tom Reed said.", "Tom Reed", "favor", "policy"),
    ),
    # a policy judged by what it does to people: the effects lexicon, not the valence words
    *_rows("effect on people",
        ("\u201cThe program has helped thousands of families,\u201d said Governor Ann Kim.", "Ann Kim", "favor",
         "program"),
        ("\u201cThese rules protect workers,\u201d said union leader Maria Gomez.", "Maria Gomez", "favor", "rules"),
        ("\u201cThe new rules do not protect workers,\u201d said union leader Maria Gomez.", "Maria Gomez", "against",
         "rules"),
    ),
    # what a speaker says another should do is the speaker's stance
    *_rows("recommended act",
        ("\u201cGovernor Ann Kim should resign,\u201d said Senator Tom Reed.", "Tom Reed", "against", "Ann Kim"),
        ("Senator Tom Reed said the jailed journalists must be released.", "Tom Reed", "favor", "journalists"),
        ("\u201cThe police chief must be fired,\u201d said Jane Roe, a local activist.", "Jane Roe", "against",
         "police chief"),
        ("\u201cCongress should pass the Dream Act,\u201d said Senator Tom Reed.", "Tom Reed", "favor", "Dream Act"),
        ("Senator Tom Reed said every state ought to ban plastic bags.", "Tom Reed", "against", "plastic bags"),
        ("Party leader Friedrich Maurer insisted that the debt brake must stay in place.", "Friedrich Maurer", "favor",
         "debt brake"),
        ("Senator Tom Reed said the sanctions on Russia should remain.", "Tom Reed", "favor", "sanctions"),
        ("Senator Tom Reed said the fuel subsidy should be kept.", "Tom Reed", "favor", "subsidy"),
    ),
    # the manner of an act is its doer's stance
    *_rows("manner",
        ("Thousands of teachers marched in support of the striking nurses.", "teachers", "favor", "nurses"),
        ("Dozens of students walked out in protest against the tuition increase.", "students", "against",
         "tuition increase"),
        ("The mayor lowered the flag in solidarity with the Ukrainian people.", "mayor", "favor", "Ukrainian people"),
        ("Speaking in the parents' defence, lawyer Tom Molomby said they loved their daughter.", "Tom Molomby", "favor",
         "parents"),
        ("The court ruled in Apple's favour on Monday.", "court", "favor", "Apple"),
    ),
    # courts striking down
    *_rows("court",
        ("The Supreme Court struck down the Texas abortion ban.", "Supreme Court", "against", "Texas abortion ban"),
    ),
    # confidence, concerns, "no support"
    *_rows("stance noun",
        ("\u201cI have full confidence in Chief John Roe,\u201d the mayor said.", "mayor", "favor", "John Roe"),
        ("The players' union filed a grievance against the NFL.", "players' union", "against", "NFL"),
        ("Opposition to the Dream Act came from Senate Republicans.", "Republicans", "against", "Dream Act"),
        ("The strongest criticism of the Patriot Act came from the ACLU.", "ACLU", "against", "Patriot Act"),
        ("Senator Ann Kim raised serious concerns about the Keystone XL pipeline.", "Ann Kim", "against",
         "Keystone XL pipeline"),
        ("Senator Ann Kim expressed no support for the Keystone XL pipeline.", "Ann Kim", "against",
         "Keystone XL pipeline"),
    ),
    # an act on someone's possessions is an act on them
    *_rows("possession",
        ("The Treasury froze the assets of three Iranian banks.", "Treasury", "against", "Iranian banks"),
        ("Police seized the assets of the Acme Corporation.", "Police", "against", "Acme Corporation"),
        ("The Treasury unfroze the assets of Bank Melli.", "Treasury", "favor", "Bank Melli"),
    ),
    # a relative pronoun stands for the noun its clause modifies
    *_rows("relative clause",
        ("The housing bill, which critics say would hurt renters, passed 52-48.", "critics", "against", "housing bill"),
        ("The stadium plan, which Mayor Ann Kim called a disaster, was approved.", "Ann Kim", "against",
         "stadium plan"),
    ),
    # who is described: a participle set off by commas, "seen as a critic", an apposition's relative clause
    *_rows("description",
        ("Tesla, long criticized by labor unions, opened a new factory.", "labor unions", "against", "Tesla"),
        ("The senator is widely seen as a critic of the Federal Reserve.", "senator", "against", "Federal Reserve"),
        ("Senator Ann Kim, a Democrat who supports abortion rights, won re-election.", "Ann Kim", "favor",
         "abortion rights"),
    ),
    # an act done over, despite or amid a position: its holder is against what the act is done to
    *_rows("concessive",
        ("The board approved the merger despite opposition from the teachers union.", "teachers union", "against",
         "merger"),
        ("The school board adopted the policy amid an outcry from parents.", "parents", "against", "policy"),
        ("The Senate confirmed Judge Amy Lee over the objections of Democrats.", "Democrats", "against", "Amy Lee"),
        ("The mayor resigned amid criticism from unions.", "unions", "against", "mayor"),
        ("The law took effect despite the resistance of the Catholic Church.", "Catholic Church", "against", "law"),
        ("Several towns have started asking churches to pay taxes, despite the resistance of the Catholic Church.",
         "Catholic Church", "against", "asking churches to pay taxes"),
    ),
    # policy nouns are acts even bare: "oppose the bailout", "defended the increase", "pass a funding package"
    *_rows("act nouns",
        ("Senator Bill Cunningham said he would oppose the bailout.", "Bill Cunningham", "against", "bailout"),
        ("The board voted to raise fares. Board chair Dorval Carter defended the increase.", "Dorval Carter", "favor",
         "increase"),
        ("Kyle Whitehead urged lawmakers to approve a funding package.", "Kyle Whitehead", "favor", "funding package"),
    ),
    # how well someone acted, said of them: "made a mistake", "committed a blunder"
    *_rows("conduct",
        ("\u201cThe Chicago Transit Authority made a mistake,\u201d Mayor Brandon Johnson said.", "Brandon Johnson",
         "against", "Chicago Transit Authority"),
        ("Senator Ann Kim said the Federal Reserve had committed a historic blunder.", "Ann Kim", "against",
         "Federal Reserve"),
    ),
    # lukewarm positions are positions: "cool to", "lukewarm about", "resistant to"
    *_rows("lukewarm",
        ("Some moderate Democrats have been cool to the staffing mandate.", "Democrats", "against", "staffing mandate"),
        ("Senator Judy Schwank has been lukewarm about the staffing bill.", "Judy Schwank", "against", "staffing bill"),
    ),
    # a noun the tagger took for a verb is still the target ("rules" tagged VERB before "that bar imports")
    *_rows("mistagged noun",
        ("Brazil's government on Monday rejected new European Union rules that bar imports of goods linked to "
         "deforestation.", "Brazil's government", "against", "European Union rules"),
    ),
    # rallying: "lined up behind", "stood behind", "united against"
    *_rows("rallying",
        ("The Teamsters stood behind the strike.", "Teamsters", "favor", "strike"),
        ("Republicans united behind Senator John Thune.", "Republicans", "favor", "John Thune"),
        ("Opposition parties united against President Lula.", "Opposition parties", "against", "Lula"),
    ),
    # misdeeds said of someone: violated, overstepped, interfered
    *_rows("misdeeds",
        ("Senator Ann Kim said the mining company had violated the law.", "Ann Kim", "against", "mining company"),
        ("Senator Ann Kim said the governor had smeared the nurses.", "Ann Kim", "against", "governor"),
        ("Amazon argued that the board's regional director overstepped her authority.", "Amazon", "against",
         "regional director"),
        ("A federal labor official threw out the results, finding that the company had improperly interfered.",
         "federal labor official", "against", "company"),
    ),
    # an act that stays the target when what it is done to cannot be one for its predicate
    *_rows("carried act",
        ("The FDA panel voted 11-2 in favor of approving the new pill.", "FDA panel", "favor",
         "approving the new pill"),
    ),
    # the readings kept beside the non-readings below (NON_READINGS)
    *_rows("beside non-readings",
        ("European Commission spokesperson Adalbert Jahnz defended the law. He said the Commission was ready to "
         "help exporting countries comply.", "Adalbert Jahnz", "favor", "law"),
        ("Senator Bill Cunningham said the fare increase means riders will suffer.", "Bill Cunningham", "against",
         "fare increase"),
        ("Before he resigned, Senator Ann Kim criticized the Chicago Transit Authority.", "Ann Kim", "against",
         "Chicago Transit Authority"),
    ),
    # a bare "the ruling" is the decision of the one who just ruled
    *_rows("bare ruling",
        ("The Supreme Court ruled that the law was unconstitutional. Governor Tom Reed criticized the ruling.",
         "Tom Reed", "against", "Supreme Court"),
        ("A federal jury ordered Exxon Mobil to pay $1 billion. The company said it would appeal the verdict.",
         "Exxon Mobil", "against", "federal jury"),
    ),
    # a vote or a motion before a parliament is an act one takes sides on
    *_rows("motion",
        ("The opposition tabled a no-confidence motion. Trade unions backed the motion.", "Trade unions", "favor",
         "no-confidence motion"),
        ("Lawmakers from three parties voted for the resolution.", "Lawmakers", "favor", "resolution"),
    ),
    # what something is called, in quotation marks after it, is no part of its name
    *_rows("quoted naming",
        ("Kevin Lee called the decision \u201ca disaster\u201d.", "Kevin Lee", "against", "decision"),
        ("Kevin Lee called the decision \u201ca body blow to an industry on its knees\u201d.", "Kevin Lee",
         "against", "decision"),
    ),
    # "the company" after a company is named is that company, not the subject of its own verb
    *_rows("description of another",
        ("On Friday, drugmaker Acme Pharma sued the government. The White House criticized the company.",
         "White House", "against", "Acme Pharma"),
        ("Pharmaceutical giant Novo Nordisk sued Medicare. The White House also criticized the company.",
         "White House", "against", "Novo Nordisk"),
    ),
    # what something "needs to" have done to it is the speaker's wish, and "need" there praises nothing
    *_rows("needs to be done",
        ("The athletes' group Global Athlete said the rules needed to be scrapped.", "Global Athlete", "against",
         "rules"),
        ("Mayor Ann Kim said the gun law has to be repealed.", "Ann Kim", "against", "gun law"),
    ),
    # rejecting a criticism or an argument is against whoever just made it
    *_rows("rejected words",
        ("\u201cThis government is incompetent,\u201d Andrej Babis told lawmakers. \u201cIt is time for it to "
         "go.\u201d Prime Minister Petr Fiala rejected the criticism.", "Petr Fiala", "against", "criticism"),
        ("State Senator Daniel Bonham argued that logging rules had left the forests overgrown. Environmental "
         "groups rejected that argument.", "Environmental groups", "against", "argument"),
    ),
    # how a decision left someone feeling: grief and dismay are against it
    *_rows("feelings",
        ("Shayna Jack said she was heartbroken by the panel's decision.", "Shayna Jack", "against", "decision"),
        ("Residents said they were saddened by the council's vote.", "Residents", "against", "vote"),
        ("The club said it was devastated by the league's ruling.", "club", "against", "ruling"),
        ("The Residential Landlords Association said it was \u201cdeeply disappointed\u201d by the vote.",
         "Residential Landlords Association", "against", "vote"),
    ),
    # a demand, offer or bid is an act when whose it is is said; news's words of judgement are data
    *_rows("owned act nouns",
        ("Party leader Friedrich Maurer said the Greens' demand for more climate spending was simply unaffordable.",
         "Friedrich Maurer", "against", "demand for more climate spending"),
        ("The union rejected the company's offer.", "union", "against", "offer"),
        ("Professor Dan Hicks called the museum's position \u201cuntenable.\u201d", "Dan Hicks", "against", "position"),
    ),
    # a clause joined with its own subject is judged apart, not with the first one's words
    *_rows("joined clause",
        ("\u201cMs. Whitfield's turnaround plan has failed, and shareholders deserve a credible path forward,\u201d "
         "investor Marc Steinberg wrote.", "Marc Steinberg", "against", "turnaround plan"),
    ),
    # what an act does to customers and businesses judges it (the effects lexicon's phrasal verbs)
    *_rows("driving away",
        ("The Baixa Traders Association said the ban would drive away customers.", "Baixa Traders Association",
         "against", "ban"),
        ("The association said the new tax would cripple small businesses.", "association", "against", "tax"),
    ),
    # a second verb the parse joins to the reported clause belongs to the reporting verb's subject
    *_rows("joined to the report",
        ("Valley Health Partners bought the hospital in 2019. The Maryland Nurses Association said the closure "
         "would put lives at risk and accused the company of running the hospital down.",
         "Maryland Nurses Association", "against", "Valley Health Partners"),
    ),
    # what an act does to the speaker's own side judges the act
    *_rows("own gain",
        ("A Google spokesperson said the law would hurt Google.", "Google", "against", "law"),
    ),
    # a course of action as the subject of what is said of it: "raising taxes was a mistake"
    *_rows("gerund act",
        ("Economist Clemens Vogt said loosening the debt brake would be a serious mistake.", "Clemens Vogt",
         "against", "loosening the debt brake"),
        ("Mayor Ann Kim said that building the bridge was good for the town.", "Ann Kim", "favor", "building the bridge"),
        ("Senator Tom Lane said scrapping the rule would hurt workers.", "Tom Lane", "against", "scrapping the rule"),
    ),
    # a speaker described by a relative clause the parse leaves without a subject is the noun described
    *_rows("described speaker",
        ("Beyond Nuclear, which has sued in court, said the commission had ignored serious cracking.",
         "Beyond Nuclear", "against", "commission"),
        ("Emma Mason, whose 15-year-old daughter took her own life after being bullied online, said the law would "
         "save lives.", "Emma Mason", "favor", "law"),
    ),
    # acts named by a noun: bringing something back, building it, paying for it
    *_rows("act nouns",
        ("Local officials favor the restart of the reactor.", "Local officials", "favor", "restart"),
        ("Councillor Tom Reed opposes the demolition of the old library.", "Tom Reed", "favor", "old library"),
        ("Representative Bill Huizenga supports the federal loan.", "Bill Huizenga", "favor", "loan"),
    ),
    # "the ruling" is the latest ruling told, not another kind of decision asked for before it
    *_rows("the ruling",
        ("The suit asks for an order requiring Acme to destroy its models. Last month, a federal judge ruled that "
         "such training was fair use. The Authors Guild praised the ruling.", "Authors Guild", "favor",
         "federal judge"),
    ),
    # a misdeed alleged: whoever says the subject did it is against the subject
    *_rows("misdeeds",
        ("Edwin Lyman said the agency had mishandled the review.", "Edwin Lyman", "against", "agency"),
        ("Critics said the city had neglected the water system for decades.", "Critics", "against", "city"),
    ),
    # a description of another kind than the executive's company is not that company
    *_rows("description of a body",
        ("Holtec's chief executive, Kris Singh, thanked the commission.", "Kris Singh", "favor", "commission"),
    ),
    # what a body grants, what voters decide and what holds things still are acts one takes sides on
    *_rows("permits and propositions",
        ("Commissioner Randy Christmann, who voted for the permit, said the company had met every requirement.",
         "Randy Christmann", "favor", "permit"),
        ("The California Chamber of Commerce opposes the proposition.", "California Chamber of Commerce", "against",
         "proposition"),
        ("The city council voted to revoke the club's licence.", "city council", "against", "licence"),
        ("The council approved the two-year rent freeze by 8 votes to 5.", "council", "favor", "rent freeze"),
        ("Councillor Priya Shah, who proposed the freeze, closed the debate.", "Priya Shah", "favor", "freeze"),
    ),
    # "the decision" takes up a judge's dismissal of a case, not a dismissal of someone's worries
    *_rows("dismissals",
        ("Judge Amy Berman dismissed the lawsuit on Monday. The city of Dayton said it would appeal the decision.",
         "city of Dayton", "against", "Amy Berman"),
    ),
    # "it" as an object takes up the act just named in the sentence, never who is urged to act on it
    *_rows("it, the act",
        ("Senator James Gallagher called the measure \u201ca tax on every family\u201d and urged voters to reject it.",
         "James Gallagher", "against", "measure"),
        ("Chairwoman Janet Alkire condemned the decision and said the tribe would appeal it in court.", "tribe",
         "against", "decision"),
    ),
    # a letter's signers hold what it says: "signed a letter supporting X"
    *_rows("signed letters",
        ("More than 200 academics signed an open letter supporting the cancellation.", "More than 200 academics",
         "favor", "cancellation"),
        ("The Sierra Club issued a statement criticizing the new pipeline.", "Sierra Club", "against", "pipeline"),
    ),
    # a work people fight over being built is a topic however bare
    *_rows("contested works",
        ("North Dakota regulators on Wednesday approved a 300-mile oil pipeline.", "North Dakota regulators", "favor",
         "pipeline"),
        ("Residents of Millbrook protested against the incinerator.", "Residents of Millbrook", "against",
         "incinerator"),
    ),
]


@pytest.mark.parametrize("text, holder, side, target", READINGS)
def test_the_stance_a_reader_sees(stances_of, text, holder, side, target):
    stances = stances_of(text)
    assert any(h == holder and p == side and target in t for h, p, t in stances), stances


@pytest.mark.parametrize("text, holder, target", [
    ("UNICEF said a ban alone would not work. Most Australians support the ban.", "Australians", "ban"),
    ("The mayor supports only the plan.", "mayor", "plan"),
])
def test_a_focusing_adverb_is_not_part_of_the_target(stances_of, text, holder, target):
    """ "a ban alone", "only the plan": how much is claimed of the thing, not its name."""
    assert (holder, "favor", target) in stances_of(text)


@pytest.mark.parametrize("text, holder, target", [
    ("Beyond Nuclear said it would appeal the decision to a federal court.", "Beyond Nuclear", "decision"),
    ("The mayor accused the developer of corruption.", "mayor", "developer"),
    ("Prosecutors charged the shipping company with fraud.", "Prosecutors", "shipping company"),
    ("The senator blamed the agency for the delays.", "senator", "agency"),
    ("Freedom Magazine attacked several defectors, including Tom Devocht.", "Freedom Magazine", "several defectors"),
    ("The teachers union opposed a bill criticized by parents.", "teachers union", "bill"),
    ("The Kim campaign dismissed the endorsement as politics as usual.", "Kim campaign", "endorsement"),
    ("The Polish government said it would challenge the decision at the European Court of Justice.",
     "Polish government", "decision"),
])
def test_a_charge_is_not_part_of_the_target(stances_of, text, holder, target):
    """ "accused X of Y": the parser hangs "of Y" on X, but the charge is the verb's; the members a
    group names are targets of their own, not part of the group's phrase; another holder's side
    ("criticized by parents") is that holder's stance, not the target's name; where it is fought
    ("at the European Court of Justice") is not part of what."""
    assert (holder, "against", target) in stances_of(text)


def test_another_holders_side_is_neither_the_targets_name_nor_its_owner(nlp, polarity):
    """ "a measure championed by Democrats": Democrats are for it, but it is not their act (as "the
    fine imposed by the Commission" is the Commission's) and not part of its name."""
    (doc,) = extract_texts(nlp, {"t": "The governor signed a measure championed by Democrats."}, polarity).documents
    read = {(s.holder.label(), s.polarity, s.target.label, s.target.actor) for s in doc.stances}
    assert ("governor", "favor", "measure", None) in read, read
    assert ("Democrats", "favor", "measure", None) in read, read
    (doc,) = extract_texts(nlp, {"t": "The court upheld the fine imposed by the Commission."}, polarity).documents
    owners = {s.target.actor.label() for s in doc.stances if s.target.actor is not None}
    assert "Commission" in owners, [(s.holder.label(), s.target.label) for s in doc.stances]


def test_a_bare_definite_noun_takes_up_a_phrase_of_its_own_number(stances_of):
    """ "the vote" is not "42 votes to 18" counted before it (nor a headline's verb "votes")."""
    stances = stances_of("The committee approved the ban by 42 votes to 18. Privacy groups welcomed the vote.")
    assert ("Privacy groups", "favor", "vote") in stances, stances
    stances = stances_of("The council approved two apartment towers. Residents opposed the towers.")
    assert ("Residents", "against", "two apartment towers") in stances, stances


#: What a reader does not take for a stance: (text, holder, side, part of the target), None for any.
NON_READINGS = [
    pytest.param("Mayor Brandon Johnson said the Chicago Transit Authority made a decision on Monday.", None, None,
                 "Chicago Transit Authority", id="made a decision: what was done, not how well"),
    pytest.param("European Commission spokesperson Adalbert Jahnz defended the law. He said the Commission was "
                 "ready to help exporting countries comply.", "Adalbert Jahnz", None, "European Commission",
                 id="a spokesperson describing their own body"),
    pytest.param("The drug is made by Sage Therapeutics. Sage's chief executive, Barry Greene, said the company "
                 "was grateful to the advisers.", "Barry Greene", None, "Sage Therapeutics",
                 id="an executive speaks for the company named in full"),
    pytest.param("Global Athlete said the rules needed to change.", None, "favor", "rules",
                 id="need before an infinitive praises nothing"),
    pytest.param("Senator Bill Cunningham said the fare increase showed the agency needed tighter oversight.", None,
                 None, "increase", id="what an act shows about others does not judge it"),
    pytest.param("The city council resigned amid criticism of Mayor Ann Kim.", "Ann Kim", None, None,
                 id="a concessive stance noun's object is its target, not its holder"),
    pytest.param("Analyst Maria Costa said finding a buyer for the unit would be difficult.", "Maria Costa", None,
                 None, id="how hard an act is, not how good"),
    pytest.param("Mayor Ann Kim said the reform would be difficult.", "Ann Kim", None, "reform",
                 id="how hard a policy is, not how good"),
    pytest.param("Senator Tom Reed said the budget talks should remain confidential.", "Tom Reed", None, None,
                 id="a state a thing should stay in, not its staying"),
    pytest.param("Senator Tom Reed said the suspect should remain in custody.", "Tom Reed", "favor", None,
                 id="staying is no good for a person in custody"),
    pytest.param("The British Museum on Wednesday turned down a formal request from Nigeria.", None, None, "Wednesday",
                 id="a date is when, never what"),
    pytest.param("Analyst Maria Costa said demand for oil was weak.", "Maria Costa", None, "demand",
                 id="demand for oil is no one's act"),
    pytest.param("Apple said the ruling mainly benefited Spotify, its Swedish rival.", "Apple", None, "ruling",
                 id="what helps another named actor says nothing of the act"),
    pytest.param("Spotify welcomed the fine, calling it \u201ca powerful message\u201d that no company could abuse a "
                 "monopoly.", "Spotify", None,
                 "company", id="no company is nobody in particular"),
    pytest.param("U.S. officials have warned the EU against targeting American technology companies.", "EU", None,
                 None, id="an act warned against is not done"),
    pytest.param("The court barred the company from selling the drug.", "company", None, "drug",
                 id="an act barred is not done"),
    pytest.param("Thousands of supporters marched on Saturday to protest the owners' plan to leave the stadium, the "
                 "team's home for 30 years, for a new ground.", "supporters", "favor", "protest",
                 id="a purpose clause is no 'for X to do Y'"),
    pytest.param("\u201cPeople are being sentimental,\u201d lifelong supporter Dave Perry said.", "Dave Perry", None,
                 "People", id="people at large are no target"),
    pytest.param("Lawmakers are debating the Terminally Ill Adults bill ahead of a free vote expected this afternoon. "
                 "Health Secretary Wes Streeting has said he will vote against the bill.", "Wes Streeting", "against",
                 "ahead of",
                 id="when a thing is talked of is no part of what it is"),
    pytest.param("The sale would also need the approval of the Illinois Commerce Commission.",
                 "Illinois Commerce Commission", None, None, id="an approval needed is not given"),
    pytest.param("The mayor said the firefighters had stolen nothing.", None, None, "firefighters",
                 id="a misdeed done to nothing is no misdeed"),
    pytest.param("The mayor said the firefighters had deceived no one.", None, None, "firefighters",
                 id="a misdeed done to no one is no misdeed"),
    pytest.param("Council member Frank Oliveri accused opponents of spreading fear.", "opponents", None, None,
                 id="the charge of 'accused X of' is no position of X"),
    pytest.param("Riders must wait until the Chicago Transit Authority approves the plan.",
                 "Chicago Transit Authority", None, None, id="an act not yet done (present verb after until)"),
    pytest.param("The bill would let parliament dismiss the governor by a simple majority.", "parliament", None,
                 None, id="an act a bill would let someone do is not done"),
    pytest.param("The new rules allow police to detain protesters for 48 hours.", "police", None, None,
                 id="an act rules allow is not done"),
    pytest.param("The governor can only be removed by a special tribunal.", "tribunal", None, None,
                 id="what can be done to someone is a rule, not an act"),
    pytest.param("Its chief executive, Mark Delaney, dismissed the tribe's concerns as unfounded. Governor Kelly "
                 "Armstrong praised the decision.", "Kelly Armstrong", None, "Mark Delaney",
                 id="dismissing worries is no decision a later 'the decision' takes up"),
    pytest.param("Economist Michael Reich said past increases in the state had not caused the job losses that "
                 "opponents predicted.", "Michael Reich", "against", "increases",
                 id="a negated verb negates its far object: not causing losses is no attack"),
    pytest.param("The plan needs the support of a qualified majority of member states.", "member states", None, None,
                 id="support a plan needs is not yet given"),
    pytest.param("Amnesty International said the plan treated refugees \u201clike parcels to be shipped\u201d.",
                 "Amnesty International", "favor", "plan", id="treating someone like something is no treat"),
    pytest.param("The union welcomed the merger but sued the company, saying a judge should stop it.", None,
                 "against", "merger", id="'it' is not an act beyond a nearer object"),
    pytest.param("\u201cThe university lets a small group of activists decide who can speak,\u201d Kathleen Stock said. "
                 "The students' union defended the decision.", "students' union", None, "activists",
                 id="a decision not yet made is none 'the decision' takes up"),
    pytest.param("Its president, Amira Khan, said the union had raised concerns for weeks and that trans students felt "
                 "\u201cunsafe and unwelcome\u201d on campus.", "Amira Khan", None, "trans students",
                 id="how people feel is not what they are"),
    pytest.param("Not all housing campaigners back the freeze.", None, "favor", "freeze",
                 id="not all of a group: the group holds nothing"),
    pytest.param("Not every member of the union supports the strike.", None, "favor", "strike",
                 id="not every member: no member named"),
    pytest.param("The union urged the court to fine it.", "union", None, "court",
                 id="'it' is never who is urged to act on it"),
]


@pytest.mark.parametrize("text, holder, side, target", NON_READINGS)
def test_what_is_no_stance(stances_of, text, holder, side, target):
    stances = stances_of(text)
    assert not any((holder is None or h == holder) and (side is None or p == side)
                   and (target is None or target in t) for h, p, t in stances), stances


@pytest.mark.parametrize("text, critic", [
    ("\u201cThis government is incompetent,\u201d Andrej Babis told lawmakers. \u201cIt is time for it to go.\u201d "
     "Prime Minister Petr Fiala rejected the criticism.", "Andrej Babis"),
    ("State Senator Daniel Bonham argued that logging rules had left the forests overgrown. Environmental groups "
     "rejected that argument.", "Daniel Bonham"),
])
def test_rejected_words_are_their_speakers(nlp, polarity, text, critic):
    """The criticism or argument rejected is the act of the one who just made it (the speaker of
    the latest claim), so the stance bears on that speaker."""
    (doc,) = extract_texts(nlp, {"t": text}, polarity).documents
    rejected = [s for s in doc.stances if s.polarity == "against" and s.target.kind == "act"]
    assert rejected and rejected[0].target.actor.label() == critic, doc.stances


@pytest.mark.parametrize("text, holder, side, bearer", [
    ("The campaign group praised Kim Leadbeater's courage.", "campaign group", "favor", "Kim Leadbeater"),
    ("The union criticized the company's greed.", "union", "against", "company"),
    ("Mayor Ann Kim praised the courage of the firefighters.", "Ann Kim", "favor", "firefighters"),
])
def test_a_quality_praised_or_faulted_is_its_bearer(nlp, polarity, text, holder, side, bearer):
    """ "praised Leadbeater's courage" is a stance toward Leadbeater, the actor, not a topic."""
    (doc,) = extract_texts(nlp, {"t": text}, polarity).documents
    assert any(s.holder.label() == holder and s.polarity == side and s.target.kind == "actor"
               and s.target.label == bearer for s in doc.stances), doc.stances
