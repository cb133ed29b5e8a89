"""The main text and the metadata of a saved news page (HTML), for :mod:`kg.extract.ingest`.

Main text: trafilatura (offline), the field's well-kept extractor, measured against the old
hand-written parser on hand-marked pages (``benchmarks/html_extraction.py``). Before it runs,
four repairs of the parsed tree that it does not make itself: presentational wrappers and
``<time>`` elements are unwrapped (trafilatura drops a ``<time>`` with its text, so a live
blog would lose its update times), a paragraph nested in a paragraph is lifted out (as an HTML5
parser does), a layout table (cells holding paragraphs) becomes plain blocks, and short blocks
that are mostly link text ("Read more: ...", "RELATED: ...", "E-mail this story") are
dropped: they name other pages. After it: one paragraph a line, the headline removed from the
top (it is metadata, not body), and a pull quote that repeats a paragraph's words dropped.

Metadata: embedded JSON-LD (``NewsArticle`` and its kin), then ``<meta>`` tags (Open Graph,
article:, Dublin Core, name=author ...), then microdata (``itemprop``). The title loses its
site suffix ("... | Example Times") by the site name or by the page's own headline; a missing
publication date comes from htmldate over the page without its links (a link's date belongs to
the page it points to). The language is the page's declared one, else py3langid's guess.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache

import lxml.html
from lxml.etree import ParserError

#: schema.org types whose node in a page's JSON-LD describes the article itself.
ARTICLE_TYPES = {"Article", "NewsArticle", "ReportageNewsArticle", "OpinionNewsArticle", "AnalysisNewsArticle",
                 "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting", "BlogPosting", "Report",
                 "ScholarlyArticle", "TechArticle", "SatiricalArticle", "AdvertiserContentArticle"}
#: ``<meta>`` keys (name, property, itemprop or http-equiv; lower case) per field, best first.
META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "title"),
    "published": ("article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
                  "dcterms.issued", "dcterms.created", "dc.date", "pubdate", "publishdate", "publish-date",
                  "parsely-pub-date", "sailthru.date", "date"),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified"),
    "author": ("author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author",
               "byl"),
    "site": ("og:site_name", "application-name", "dc.publisher", "dcterms.publisher"),
    "url": ("og:url",),
    "language": ("content-language", "dc.language", "dcterms.language", "inlanguage", "og:locale", "language"),
}
_STRONG_SEPARATOR = re.compile(r"\s+(?:\||::|»|·)\s+")
_ANY_SEPARATOR = re.compile(r"\s+(?:\||::|»|·|-|–|—)\s+")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_PULL_QUOTE_WORDS = 6
#: py3langid's probability from which a guessed language counts (below it, the page is read).
LANGUAGE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself; None (or empty) where it says nothing."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None
    language: str | None = None
    language_declared: bool = False  # False: guessed from the main text


@dataclass(frozen=True)
class Page:
    """A page's main text (one paragraph a line) and its metadata."""

    text: str
    meta: PageMeta = field(default_factory=PageMeta)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes of a page as text: UTF-8 when valid, else the declared charset (HTTP header or
    ``<meta charset>``), else trafilatura's guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.IGNORECASE)
    for charset in (declared, match.group(1).decode("ascii") if match else None):
        if charset:
            try:
                return data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    from trafilatura.utils import decode_file

    return decode_file(data)


def parse_page(markup: str, url: str | None = None) -> Page:
    """The main text and metadata of ``markup``; ``url`` (where it was fetched) when the page
    names none. The text is empty when the page has no readable text."""
    tree = _parse_tree(markup)
    if tree is None:
        return Page("")
    meta = read_metadata(tree, url)
    text = main_text(tree, headings=_headings(tree) + ([meta.title] if meta.title else []))
    if text and not meta.language:
        meta = replace(meta, language=detect_language(text), language_declared=False)
    return Page(text, meta)


def _parse_tree(markup: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree rooted at ``<html>`` (also for a fragment), or None.

    ``huge_tree``: libxml2 otherwise stops at 256 levels of nesting and loses the rest of the
    page; parsed from UTF-8 bytes, so an XML declaration naming another encoding does no harm."""
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True,
                                  collect_ids=False, default_doctype=False)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)
    except (ParserError, ValueError, UnicodeError):
        return None
    return tree if tree is not None and len(tree) else None


# --------------------------------------------------------------------------- main text


def main_text(tree: lxml.html.HtmlElement, headings: list[str] = ()) -> str:
    """The article body of a parsed page, one paragraph a line (trafilatura, after repairs)."""
    import trafilatura

    tree = _repaired(copy.deepcopy(tree))
    text = trafilatura.extract(tree, output_format="txt", include_comments=False, include_tables=False,
                               include_images=False, include_links=False, deduplicate=False,
                               with_metadata=False) or ""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    heads = {_folded(h) for h in headings if h}
    while lines and _folded(lines[0]) in heads:
        lines.pop(0)
    return "\n".join(_without_pull_quotes(lines))


def _repaired(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The tree with the repairs described in the module docstring."""
    for element in tree.xpath("//time | //font | //center | //blink"):
        element.drop_tag()
    for paragraph in tree.xpath("//p[.//p]"):
        anchor = paragraph
        for inner in paragraph.xpath(".//p"):
            _lift_after(inner, anchor)
            anchor = inner
    for table in tree.xpath("//table[.//td//p or .//td//div or .//td//table]"):
        for element in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            element.tag = "div"
    for block in tree.xpath("//p | //div[not(.//p or .//div)] | //li[not(.//p)] | //span[not(.//p or .//div)]"):
        if block.getparent() is not None and _is_link_list_item(block):
            block.drop_tree()
    return tree


def _lift_after(element: lxml.html.HtmlElement, anchor: lxml.html.HtmlElement) -> None:
    """Move ``element`` to just after ``anchor``, leaving its tail text where it was."""
    parent, tail = element.getparent(), element.tail
    element.tail = None
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
    anchor.addnext(element)


def _is_link_list_item(block: lxml.html.HtmlElement) -> bool:
    """A short block whose words are mostly link text: a pointer to another page."""
    links = block.xpath(".//a[@href]")
    if not links:
        return False
    words = len(block.text_content().split())
    linked = sum(len(a.text_content().split()) for a in links)
    return 0 < words <= 30 and linked >= 0.6 * words


def _without_pull_quotes(lines: list[str]) -> list[str]:
    """Lines minus those whose words a longer line repeats (a pull quote printed beside its
    paragraph). Pull quotes are short, and a page of more than 500 paragraphs is left as it is
    (the search is quadratic)."""
    if len(lines) > 500:
        return lines
    keys = [" ".join(re.findall(r"\w+", line.lower())) for line in lines]
    kept = []
    for index, line in enumerate(lines):
        key = keys[index]
        repeated = _PULL_QUOTE_WORDS <= len(key.split()) <= 60 and any(
            len(other) > len(key) and key in other for other in keys)
        if not repeated:
            kept.append(line)
    return kept


def _headings(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's own headline candidates: ``<h1>`` elements, else ``<h2>``, and itemprop=headline."""
    found = [e.text_content() for e in tree.xpath("//h1")[:3]] or [e.text_content() for e in tree.xpath("//h2")[:3]]
    found += [e.get("content") or e.text_content() for e in tree.xpath("//*[@itemprop='headline']")[:1]]
    return [" ".join(h.split()) for h in found if h and h.strip()]


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# --------------------------------------------------------------------------- metadata


def read_metadata(tree: lxml.html.HtmlElement, url: str | None = None) -> PageMeta:
    """Title, dates, authors, site, canonical URL and language, from the page's own markup."""
    found: dict[str, object] = {}
    for source in (_json_ld(tree), _meta_tags(tree), _microdata(tree)):
        for key, value in source.items():
            if value and not found.get(key):
                found[key] = value
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    page_url = (canonical[0].strip() if canonical and canonical[0].strip() else None) or found.get("url") or url
    title, site_from_title = _clean_title(str(found.get("title") or _title_element(tree) or ""),
                                          found.get("site"), _headings(tree))
    published = _iso_date(found.get("published")) or _date_from_text(tree, page_url)
    language = _language_tag(tree.get("lang") or tree.get("xml:lang") or "") or _language_tag(str(found.get("language") or ""))
    return PageMeta(title=title or None, published=published, modified=_iso_date(found.get("modified")),
                    authors=_authors(found.get("author")), site=found.get("site") or site_from_title,
                    url=page_url or None, language=language, language_declared=language is not None)


def _json_ld(tree: lxml.html.HtmlElement) -> dict[str, object]:
    """Fields of the first article node of the page's JSON-LD (and a WebSite's name)."""
    nodes = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content(), strict=False)
        except (ValueError, RecursionError):
            continue
        nodes.extend(_ld_nodes(data))
    article = next((n for n in nodes if ARTICLE_TYPES & _types(n)), None)
    website = next((n for n in nodes if {"WebSite", "NewsMediaOrganization", "Organization"} & _types(n)), None)
    found: dict[str, object] = {"site": _ld_name(website.get("name")) if website else None}
    if article is None:
        return found
    found.update(title=_ld_name(article.get("headline") or article.get("name")),
                 published=_ld_name(article.get("datePublished")), modified=_ld_name(article.get("dateModified")),
                 author=[_ld_name(a) for a in _as_list(article.get("author"))],
                 url=_ld_name(article.get("url")), language=_ld_name(article.get("inLanguage")))
    publisher = _ld_name(article.get("publisher"))
    if publisher:
        found["site"] = publisher
    return found


def _ld_nodes(data: object) -> list[dict]:
    if isinstance(data, list):
        return [node for item in data for node in _ld_nodes(item)]
    if isinstance(data, dict):
        return [data] + _ld_nodes(data.get("@graph", []))
    return []


def _types(node: dict) -> set[str]:
    return {str(t).rsplit("/", 1)[-1] for t in _as_list(node.get("@type"))}


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _ld_name(value: object) -> str | None:
    """A JSON-LD value as text: a string, or the name (or @id, value) of a node."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("@id")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, object]:
    tags: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or ""
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            tags.setdefault(key.strip().lower(), content)
    found: dict[str, object] = {}
    for name, keys in META_KEYS.items():
        values = [tags[k] for k in keys if k in tags]
        if name == "author":
            values = [v for v in values if not re.match(r"^https?://", v)]
            found[name] = values[:1]
        else:
            found[name] = values[0] if values else None
    return found


def _microdata(tree: lxml.html.HtmlElement) -> dict[str, object]:
    def first(prop: str) -> str | None:
        for element in tree.xpath(f"//*[@itemprop='{prop}']"):
            value = element.get("content") or element.get("datetime") or element.text_content()
            if value and value.strip():
                return " ".join(value.split())
        return None

    authors = [" ".join(e.text_content().split()) for e in
               tree.xpath("//*[@itemprop='author']//*[@itemprop='name'] | //*[@itemprop='author'][not(@itemscope)]")]
    publisher = tree.xpath("//*[@itemprop='publisher']//*[@itemprop='name']")
    return {"title": first("headline"), "published": first("datePublished"), "modified": first("dateModified"),
            "author": [a for a in authors if a],
            "site": (publisher[0].get("content") or publisher[0].text_content()).strip() if publisher else None}


def _title_element(tree: lxml.html.HtmlElement) -> str | None:
    titles = tree.xpath("//title")
    return " ".join(titles[0].text_content().split()) if titles else None


def _clean_title(title: str, site: object, headings: list[str]) -> tuple[str, str | None]:
    """The headline without the site's name, and that name when it was only found in the title.

    "Steel makers welcome new tariffs | Example Times" loses " | Example Times" when the site is
    called so, or when the page's own ``<h1>`` is the rest; else a title split by a strong
    separator (``|``, ``::``, ``»``, ``·``) keeps its longest part."""
    title = " ".join(title.split())
    folded = _folded(title)
    for heading in headings:
        if _folded(heading) == folded:
            return heading, None
    if isinstance(site, str) and site.strip():
        parts = _ANY_SEPARATOR.split(title)
        kept = [p for p in parts if _folded(p).removeprefix("the ") != _folded(site).removeprefix("the ")]
        if len(parts) > 1 and 0 < len(kept) < len(parts):
            return _rejoin(title, kept), None
    for heading in headings:
        if _folded(heading) and _folded(heading) in folded and _ANY_SEPARATOR.search(title):
            rest = [p for p in _ANY_SEPARATOR.split(title) if _folded(p) not in _folded(heading)]
            return heading, (rest[0] if len(rest) == 1 else None)
    parts = _STRONG_SEPARATOR.split(title)
    if len(parts) > 1:
        longest = max(parts, key=len)
        others = [p for p in parts if p is not longest]
        return longest, (others[0] if len(others) == 1 and len(others[0].split()) <= 5 else None)
    return title, None


def _rejoin(title: str, kept: list[str]) -> str:
    """``title`` from its first kept part to its last (separators inside the headline stay)."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end]


def _authors(value: object) -> tuple[str, ...]:
    names: list[str] = []
    for item in _as_list(value):
        if not isinstance(item, str) or re.match(r"^https?://", item):
            continue
        item = re.sub(r"^\s*by\s+", "", item, flags=re.IGNORECASE)
        for name in re.split(r"\s*(?:;|\||\band\b|&)\s*", item):
            name = name.strip(" ,")
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _iso_date(value: object) -> str | None:
    """An ISO 8601 date or date-time as the page wrote it, or the ISO form of another format."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return value
        return parsed.isoformat() if "T" in value.upper() else parsed.date().isoformat()  # "20250219"
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _htmldate_on_text(value)


def _htmldate_on_text(value: str) -> str | None:
    from htmldate import find_date

    found = find_date(f"<html><body><p>{_escape(value)}</p></body></html>", extensive_search=True,
                      original_date=True, min_date="1990-01-01", max_date="2100-01-01")
    return found or None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date_from_text(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    """The publication day htmldate finds in the page without its links (whose dates are other pages')."""
    from htmldate import find_date

    bare = copy.deepcopy(tree)
    for link in bare.xpath("//a"):
        link.drop_tree()
    return find_date(bare, extensive_search=True, original_date=True, url=url,
                     min_date="1990-01-01", max_date="2100-01-01") or None


def _language_tag(value: str) -> str | None:
    """A BCP 47 tag ("en-US" from "en_US"), or None for anything that is not one."""
    value = value.strip()
    if not _LANGUAGE_TAG.match(value):
        return None
    parts = value.replace("_", "-").split("-")
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


@cache
def _language_identifier():
    """py3langid's model with normalised probabilities (loaded once: about 2 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The language of ``text`` as py3langid classifies it (an ISO 639-1 code), or None when it
    is unsure (probability below :data:`LANGUAGE_CONFIDENCE`: a line of names, a word or two)."""
    language, probability = _language_identifier().classify(text[:5000])
    return language if language and probability >= LANGUAGE_CONFIDENCE else None


def is_english(language: str | None) -> bool:
    return language is None or language.split("-")[0].lower() == "en"
