"""How the stances toward one actor or topic evolved: a timeline picture and page.

Stances from dated articles are placed in date order (and live-blog update time). Stances from
undated articles have no place in time: they go to a shaded region of their own on the right,
one column per article (named by its title) and live-blog update, and the running balance does not
run through them. A single undated live blog keeps its updates' story order.

Examples
--------
>>> from kg.analysis.example import example_graph
>>> label, records = timeline_records(example_graph(), "Mayor Quimby")
>>> label, [(r.holder_label, r.polarity, slot.label) for r, slot in records]
('Mayor Quimby', [('Springfield', 'favor', '1 June 2018'), ('Department of Transport', 'against', '1 June 2018 11:30 a.m.')])
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from dataclasses import dataclass

from .figure import _figure
from .records import Source, StanceRecord, read
from .targets import find_target
from .style import POLARITY_COLORS

__all__ = ["Slot", "timeline_figure", "timeline_html", "timeline_records"]

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


@dataclass(frozen=True, order=True)
class Slot:
    """A column of the timeline: dated slots sort first, by date and time; undated ones after."""

    undated: bool
    key: tuple
    label: str


def _readable(date: str) -> str:
    match = _DATE.match(date)
    return f"{int(match.group(3))} {_MONTHS[int(match.group(2)) - 1]} {match.group(1)}" if match else date


def _slot(record: StanceRecord, one_document: bool) -> Slot:
    update = record.update or ""
    if record.date and _DATE.match(record.date):
        return Slot(False, (record.date[:10], record.time or "", record.position or 0),
                    f"{_readable(record.date)} {update}".strip())
    title = textwrap.shorten(record.headline or "an untitled article", 40, placeholder="…")
    label = update if one_document and update else f"{title} {update}".strip()
    return Slot(True, (record.document_id or "", record.time or "", record.position or 0), label)


def timeline_records(source: Source, target: str) -> tuple[str, list[tuple[StanceRecord, Slot]]]:
    """The stances toward ``target`` (itself, or its acts), each with its timeline slot, in order.

    Raises
    ------
    ValueError
        For an unknown or ambiguous target, or one no stance is toward.
    """
    reader = read(source)
    records = reader.stances
    iri, label = find_target(records, reader.actors, target)
    toward = [r for r in records if (r.target == iri or r.target_actor == iri) and r.sign != 0]
    if not toward:
        raise ValueError(f"no stance is toward '{label}' (it only holds stances)")
    one_document = len({r.document for r in toward}) == 1
    slotted = sorted(((r, _slot(r, one_document)) for r in toward), key=lambda item: (item[1], item[0].stance))
    return label, slotted


def timeline_figure(source: Source, target: str):
    """How the stances toward one target evolved across dates, updates and articles.

    Top: one row per holder, a green upward triangle for each stance in favor and a red downward
    one for each stance against; marker size follows confidence. Bottom: stances per column (favor
    up, against down) and, over the dated columns, the running balance.

    Raises
    ------
    ValueError
        For an unknown or ambiguous target.
    """
    label, records = timeline_records(source, target)
    slots = sorted({slot for _, slot in records})
    holders = list(dict.fromkeys(r.holder for r, _ in records))
    holder_labels = {r.holder: r.holder_label for r, _ in records}
    width = max(9.0, 2.6 + 1.3 * len(slots) + 1.6)
    left, right = 2.6 / width, 1.6 / width
    figure = _figure(width, 3.0 + 0.45 * len(holders) + 2.2)
    top = figure.add_axes((left, 0.42, 1 - left - right, 0.46))
    bottom = figure.add_axes((left, 0.1, 1 - left - right, 0.24), sharex=top)
    x_of = {slot: i for i, slot in enumerate(slots)}
    y_of = {h: len(holders) - 1 - i for i, h in enumerate(holders)}
    seen: dict[tuple, int] = {}
    for r, slot in records:
        k = seen.get((r.holder, slot), 0)
        seen[(r.holder, slot)] = k + 1
        top.scatter([x_of[slot] + k * 0.12], [y_of[r.holder]], marker="^" if r.polarity == "favor" else "v",
                    s=60 + 160 * r.confidence, c=POLARITY_COLORS[r.polarity], edgecolors="#333333", linewidths=0.8, zorder=3)
    top.set_yticks([y_of[h] for h in holders])
    top.set_yticklabels([textwrap.fill(holder_labels[h], 22) for h in holders], fontsize=10)
    top.set_ylim(-0.7, len(holders) - 0.3)
    top.grid(axis="y", color="#e5e5e5", zorder=0)
    top.set_xlim(-0.6, len(slots) - 0.4)
    top.tick_params(axis="x", labelbottom=False)
    _bars(bottom, records, slots)
    undated = [x_of[s] for s in slots if s.undated]
    one_article = len({r.document for r, _ in records}) == 1
    if undated and not (one_article and len(undated) == len(slots)):
        for axes in (top, bottom):
            axes.axvspan(min(undated) - 0.5, max(undated) + 0.5, color="#f0f0f0", zorder=0)
        top.text((min(undated) + max(undated)) / 2, len(holders) - 0.35, "undated articles: no time order",
                 ha="center", va="bottom", fontsize=9, color="#555555")
    for side in ("top", "right"):
        top.spines[side].set_visible(False)
        bottom.spines[side].set_visible(False)
    documents = len({r.document for r, _ in records})
    figure.text(0.02, 0.975, f"Stances toward {label} over time", fontsize=14, fontweight="bold", va="top")
    figure.text(0.02, 0.925, f"{len(records)} stance{'s' if len(records) != 1 else ''} by {len(holders)} "
                f"holder{'s' if len(holders) != 1 else ''} in {documents} article{'s' if documents != 1 else ''} "
                "(▲ for, ▼ against; size: confidence)", fontsize=9.5, color="#444444", va="top")
    return figure


def _bars(axes, records: list[tuple[StanceRecord, Slot]], slots: list[Slot]) -> None:
    favor = [sum(1 for r, s in records if s == slot and r.polarity == "favor") for slot in slots]
    against = [sum(1 for r, s in records if s == slot and r.polarity == "against") for slot in slots]
    xs = list(range(len(slots)))
    axes.bar(xs, favor, color=POLARITY_COLORS["favor"], width=0.5, label="for")
    axes.bar(xs, [-a for a in against], color=POLARITY_COLORS["against"], width=0.5, label="against")
    ordered = [i for i, slot in enumerate(slots) if not slot.undated]
    if not ordered and len({r.document for r, _ in records}) == 1:
        ordered = xs  # one undated article: its updates are in story order
    running, net = 0, []
    for i in ordered:
        running += favor[i] - against[i]
        net.append(running)
    if ordered:
        axes.plot(ordered, net, color="#333333", marker="o", markersize=4, linewidth=1.5, label="running balance")
    axes.axhline(0, color="#999999", linewidth=0.8)
    peak = max([1] + favor + against + [abs(n) for n in net])
    axes.set_ylim(-peak - 0.5, peak + 0.5)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylabel("stances", fontsize=9.5)
    axes.set_xticks(xs)
    axes.set_xticklabels([textwrap.fill(s.label, 16) for s in slots], fontsize=9)
    axes.legend(fontsize=8.5, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def timeline_html(source: Source, target: str) -> str:
    """A self-contained HTML page with the timeline picture (inline SVG) and its evidence table."""
    import matplotlib

    reader = read(source)
    label, records = timeline_records(reader, target)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "stancekg", "svg.fonttype": "none"}):
        timeline_figure(reader, target).savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    rows = "\n".join(
        f"<tr><td>{html.escape(slot.label if not slot.undated else 'undated')}</td><td>{html.escape(r.holder_label)}</td>"
        f"<td class=\"{html.escape(r.polarity)}\">{'for' if r.polarity == 'favor' else 'against'}</td>"
        f"<td>{html.escape(r.evidence)}</td><td><cite>{html.escape(r.headline or 'an untitled article')}</cite>"
        f"{html.escape(', ' + r.publisher if r.publisher else '')}</td></tr>" for r, slot in records)
    title = html.escape(f"Stances toward {label} over time")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, "DejaVu Sans", Arial, sans-serif; margin: 16px; color: #222; }}
svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; margin-top: 12px; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
td.favor {{ color: #1a9641; }} td.against {{ color: #d7191c; }}
</style>
</head>
<body>
{svg}
<table>
<thead><tr><th>when</th><th>holder</th><th>stance</th><th>evidence</th><th>article</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
