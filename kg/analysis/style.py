"""Colours and shapes shared by the HTML page and the static pictures, so both read the same way.

Camps 1 to 6 (the most mentioned) each have a colour; smaller camps share one muted colour, and
unaligned actors are light grey, so a legend never needs more than a few entries. No camp colour is
green or red: those are the arrows' (for and against).
"""

from __future__ import annotations

__all__ = ["CAMP_COLORS", "OTHER_CAMP_COLOR", "POLARITY_COLORS", "TOPIC_COLOR", "TYPE_SHAPES", "UNALIGNED_COLOR",
           "camp_color", "palette"]

CAMP_COLORS = ["#2f6db5", "#f29e2e", "#8e5fb5", "#8c6d46", "#d670ad", "#3fa7b5"]
OTHER_CAMP_COLOR = "#9fb0c4"
UNALIGNED_COLOR = "#d2d2d2"
TOPIC_COLOR = "#fff4c2"
POLARITY_COLORS = {"favor": "#1a9641", "against": "#d7191c"}
#: Actor type -> (matplotlib marker, legend label); the HTML draws the same shapes.
TYPE_SHAPES = {
    "Person": ("o", "person"),
    "Organization": ("s", "organisation"),
    "GovernmentOrganization": ("D", "government body"),
    "Place": ("^", "place"),
    "Group": ("h", "group"),
    "CreativeWork": ("p", "report or post"),
    "Actor": ("o", "other actor"),
}


def camp_color(camp: int | None) -> str:
    """The colour of a camp number (None: unaligned).

    Examples
    --------
    >>> camp_color(1), camp_color(7) == camp_color(40) == OTHER_CAMP_COLOR, camp_color(None)
    ('#2f6db5', True, '#d2d2d2')
    """
    if camp is None:
        return UNALIGNED_COLOR
    return CAMP_COLORS[camp - 1] if 1 <= camp <= len(CAMP_COLORS) else OTHER_CAMP_COLOR


def palette() -> dict[str, str]:
    """The named colours the page needs."""
    return dict(POLARITY_COLORS, unaligned=UNALIGNED_COLOR, other=OTHER_CAMP_COLOR, topic=TOPIC_COLOR,
                coloured=str(len(CAMP_COLORS)))
