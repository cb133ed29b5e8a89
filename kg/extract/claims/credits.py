"""Captions closed by a credit line ("Image: Nick Moreau.", "(AP Photo/Matt Rourke)"): not claims
but credits, attributed to the credited source as GUM does."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from spacy.tokens import Doc

from ..actors import Mention
from ..nlp import doc_text, sentence_of
from ..resolve import LocalActor
from .records import Credit

#: Credit lines that end a caption: "Image: Nick Moreau.", "Photo by Jane Doe", "(AP Photo/Matt Rourke)".
_CREDIT_LINE = re.compile(
    r"(?:(?<=\s)|(?<=^))(?P<marker>(?P<medium>Image|Photo|Photograph|Picture|Video|Audio|Footage)s?:|"
    r"(?P<medium_by>Photo|Image|Video)s? by)[ \t]*(?P<credit>[^\n]*?\w[^\n]*?)\.?[ \t]*$"
    r"|\((?P<marker_ap>(?:[A-Z][\w.]* )?(?P<medium_ap>Photo|Video|Image)/)(?P<credit_ap>[^)\n]+)\)[ \t]*\.?[ \t]*$",
    re.MULTILINE)
_MEDIUM = {"image": "image", "photo": "image", "photograph": "image", "picture": "image", "video": "video",
           "footage": "video", "audio": "audio"}


def _creator(mentions: Sequence[Mention], actor_of: Mapping[int, LocalActor], start: int, end: int) -> LocalActor | None:
    """The last actor named in the credit ("Twitter / NASA": NASA's account), if any."""
    creator = None
    for index, mention in enumerate(mentions):
        if start <= mention.start and mention.end <= end and index in actor_of:
            creator = actor_of[index]
    return creator


def extract_credits(doc: Doc, doc_id: str, mentions: Sequence[Mention],
                    actor_of: Mapping[int, LocalActor]) -> list[Credit]:
    """Captions closed by a credit line, attributed to the credited source.

    The caption is the sentence before the credit line, within its paragraph ("Belle Image: Nick
    Moreau." has the caption "Belle"); the creator is the last actor named in the credit, or none
    when the credit names no known actor.
    """
    text = doc_text(doc)
    credits: list[Credit] = []
    for match in _CREDIT_LINE.finditer(text):
        marker = "marker" if match.group("marker") else "marker_ap"
        credit_group = "credit" if match.group("credit") else "credit_ap"
        medium = (match.group("medium") or match.group("medium_by") or match.group("medium_ap")).lower()
        marker_start, marker_end = match.span(marker)
        paragraph_start = text.rfind("\n", 0, marker_start) + 1
        caption_end = match.start()  # before "(AP Photo/" as before "Image:"
        while caption_end > paragraph_start and text[caption_end - 1].isspace():
            caption_end -= 1
        if caption_end <= paragraph_start:
            continue  # a credit line alone in its paragraph: no caption to attribute
        last = doc.char_span(caption_end - 1, caption_end, alignment_mode="expand")
        if last is None:
            continue
        caption_start = max(paragraph_start, sentence_of(last[0]).start_char)
        credit_start, credit_end = match.span(credit_group)
        credits.append(Credit(doc_id, _MEDIUM[medium], text[credit_start:credit_end], credit_start, credit_end,
                              marker_start, marker_end, caption_start, caption_end,
                              text[caption_start:caption_end], _creator(mentions, actor_of, credit_start, credit_end)))
    return credits
