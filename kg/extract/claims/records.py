"""The records the claim extractor hands on: claims, non-answers and credited captions."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..resolve import LocalActor

DIRECT, INDIRECT, MIXED = "direct", "indirect", "mixed"
CERTAIN, PROBABLE, POSSIBLE = "certain", "probable", "possible"


@dataclass
class Claim:
    """A statement (or thought, intention, finding, question, evaluation) attributed to an actor.

    ``start``/``end`` bound the whole content and ``text`` is the text between them; a content
    in several pieces (a quotation interrupted by its cue, '"A," she said, "B."', or continued
    over several sentences) lists its pieces in ``parts`` (empty when it is one piece).
    ``cue_class`` says what kind of attribution it is (speech, according-to, cognition,
    intention, evidential, question, evaluative), so that users can filter. ``is_statement`` is
    False for an attribution in PolNeAR's wider sense that states nothing: a thought ("the
    teacher thought ..."), an intention ("plans to ..."), a request ("asked the NSC to help") or
    a bare act ("praised Garland"); those are recorded, but they are not claims. ``within`` is
    set on a report nested in another claim's content ("Kenney said ICE officials have said
    ...": the officials' claim is within Kenney's) to that claim's ``(start, end)``.
    """

    doc_id: str
    speaker: LocalActor
    speaker_start: int
    speaker_end: int
    cue: str
    cue_lemma: str
    cue_start: int
    cue_end: int
    kind: str
    start: int
    end: int
    text: str
    certainty: str = CERTAIN
    polarity: str = "positive"
    sentence_start: int = 0
    sentence_end: int = 0
    about: list[LocalActor] = field(default_factory=list)
    head: int = -1  # token index of the content's main word
    cue_class: str = "speech"
    parts: tuple[tuple[int, int], ...] = ()
    is_statement: bool = True  # False: an attribution that is no claim (a thought, an intention, a bare act)
    within: tuple[int, int] | None = None  # (start, end) of the claim whose content reports this one

    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The content's character spans: its parts, or the one span it is."""
        return self.parts or ((self.start, self.end),)


@dataclass
class NonAnswer:
    """An actor that did not answer or declined to comment."""

    doc_id: str
    actor: LocalActor
    cue: str
    cue_start: int
    cue_end: int
    start: int
    end: int
    text: str


@dataclass
class Credit:
    """A picture, video or sound credited to its maker by a credit line ("Image: Nick Moreau.",
    "(AP Photo/Matt Rourke)"): the caption is attributed to the credited source, as in GUM."""

    doc_id: str
    medium: str  # "image" | "video" | "audio"
    credit: str  # the credit as written ("Nick Moreau", "Twitter / NASA")
    credit_start: int
    credit_end: int
    marker_start: int  # "Image:", "AP Photo/"
    marker_end: int
    start: int  # the caption
    end: int
    text: str
    creator: LocalActor | None = None
