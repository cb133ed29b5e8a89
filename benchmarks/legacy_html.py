"""The hand-written HTML parser stancekg used before trafilatura, kept only as the baseline of
``benchmarks/html_extraction.py`` (verbatim from kg/extract/ingest.py before the change)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _MainTextParser(HTMLParser):
    """Collect the readable text of an HTML page, skipping scripts, styles and navigation.

    When the page has an ``<article>`` (or else ``<main>``) element, only its text is kept.
    """

    SKIP = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer",
            "aside", "form", "button", "iframe", "select", "head", "figure", "figcaption"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
             "section", "article", "main", "blockquote", "pre", "table", "hr", "dd", "dt"}
    VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
            "source", "track", "wbr", "param"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {"all": [], "article": [], "main": []}
        self.stack: list[str] = []
        self.skip_depth = 0
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name") or ""
            if key and attributes.get("content"):
                self.meta.setdefault(key.lower(), attributes["content"])
        if tag == "link" and attributes.get("rel", "").lower() == "canonical":
            self.meta.setdefault("canonical", attributes.get("href", ""))
        if tag in self.VOID:
            if tag in self.BLOCK:
                self._emit("\n")
            return
        if len(self.stack) > 2000:  # pathological nesting: stop tracking, keep text
            return
        self.stack.append(tag)
        if tag in self.SKIP and tag != "head":
            self.skip_depth += 1
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in self.SKIP and open_tag != "head":
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in self.BLOCK:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if "title" in self.stack:
            self.title_parts.append(data)
            return
        if self.skip_depth or "head" in self.stack:
            return
        self._emit(data)

    def _emit(self, data: str) -> None:
        self.parts["all"].append(data)
        for container in ("article", "main"):
            if container in self.stack:
                self.parts[container].append(data)

    def main_text(self) -> str:
        for container in ("article", "main", "all"):
            chunks = self.parts[container]
            if "".join(chunks).strip():
                return _normalise_block_text("".join(chunks))
        return ""


def _normalise_block_text(raw: str) -> str:
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (one paragraph a line) and its metadata."""
    parser = _MainTextParser()
    parser.feed(markup)
    parser.close()
    meta = dict(parser.meta)
    title = html.unescape("".join(parser.title_parts)).strip()
    if title:
        meta.setdefault("title", title)
    return parser.main_text(), meta
