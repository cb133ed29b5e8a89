"""Where the actors go: seeded force layouts, room for labels, and label placement.

* :func:`layout`: positions in the unit square, camps side by side (a Fruchterman-Reingold layout
  in which each camp is drawn toward a column of its own), actors without edges in rows below.
  Large graphs (exports of every actor) use networkx's sparse spring layout instead, so the cost
  stays near linear in memory.
* :func:`make_room`: moves boxes (a node with its label) apart until none overlap.
* :func:`place_labels`: puts each label above, below, right or left of its node, wherever it
  overlaps least with the labels placed already, the nodes and the edges.

The interactive page lays out in the browser with the same ideas (``assets/layout.js``).
"""

from __future__ import annotations

import math
from typing import Hashable, Mapping

import networkx as nx
import numpy as np

__all__ = ["Box", "layout", "make_room", "place_labels"]

#: Above this many connected actors, the camp-aware dense layout gives way to networkx's sparse one.
DENSE_LIMIT = 400

#: (x0, y0, x1, y1)
Box = tuple[float, float, float, float]


def layout(G: nx.Graph, partition: Mapping[Hashable, int | None] | None = None, seed: int = 42,
           isolated: bool = True) -> dict[Hashable, tuple[float, float]]:
    """Deterministic positions in [0, 1] x [0, 1] (y down): camps side by side, loners below.

    Parameters
    ----------
    G : networkx.Graph
        A stance graph (or any graph).
    partition : mapping, optional
        Node to camp number (None: unaligned); no camp columns without it.
    seed : int, optional (default 42)
    isolated : bool, optional (default True)
        Also place nodes without edges, in rows at the bottom, most mentioned first.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout(G, {"a": 1, "b": 1, "c": 2})
    >>> pos == layout(G, {"a": 1, "b": 1, "c": 2}), all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    (True, True)
    """
    partition = partition or {}
    H = nx.Graph()
    for u, v in G.edges():
        if u == v:
            continue
        same = partition.get(u) is not None and partition.get(u) == partition.get(v)
        strength = 1.0 if same else 0.25
        H.add_edge(u, v, weight=H[u][v]["weight"] + strength if H.has_edge(u, v) else strength)
    connected = sorted(H.nodes, key=str)
    loners = sorted((n for n in G.nodes if n not in H), key=lambda n: (-(G.nodes[n].get("mentions", 0) or 0), str(n)))
    pos: dict[Hashable, tuple[float, float]] = {}
    if connected:
        if len(connected) <= DENSE_LIMIT:
            pos = dict(zip(connected, _fill_box(_camp_force_layout(H, partition, seed))))
        else:
            pos = _packed_components(H, partition, seed)
    if isolated and loners:
        pos = _add_loners(pos, loners)
    return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in pos.items()}


def _packed_components(H: nx.Graph, partition: Mapping[Hashable, int | None], seed: int) -> dict:
    """Each connected component laid out on its own, in a square whose area follows its size, the
    squares packed in rows, largest first: near-linear for thousands of actors (exports of all)."""
    components = sorted((sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), str(c[0])))
    sides = [math.sqrt(len(c)) for c in components]
    width = max(sides[0], math.sqrt(sum(side * side for side in sides) * 1.3))
    placed, x, y, row = {}, 0.0, 0.0, 0.0
    for component, side in zip(components, sides):
        if x + side > width + 1e-9:
            x, y, row = 0.0, y + row, 0.0
        sub = H.subgraph(component)
        if len(component) <= DENSE_LIMIT:
            raw = _camp_force_layout(sub, partition, seed)
        else:  # networkx's sparse Fruchterman-Reingold, few rounds: a start for Gephi's own layouts
            spring = nx.spring_layout(sub, seed=seed, iterations=15, method="force")
            raw = np.array([spring[n] for n in component])
        for node, (u, v) in zip(component, _fill_box(raw)):
            placed[node] = (x + 0.1 * side + 0.8 * side * u, y + 0.1 * side + 0.8 * side * v)
        x, row = x + side, max(row, side)
    total = max(width, y + row)
    return {node: (px / total, py / total) for node, (px, py) in placed.items()}


def _fill_box(raw: np.ndarray) -> list[tuple[float, float]]:
    """Stretch each axis to [0, 1]; a single node, or a flat axis, is centred."""
    low, span = raw.min(axis=0), raw.max(axis=0) - raw.min(axis=0)
    scaled = np.where(span > 1e-9, (raw - low) / np.where(span > 1e-9, span, 1.0), 0.5)
    return [(float(x), float(y)) for x, y in scaled]


def _add_loners(pos: dict, loners: list) -> dict:
    """Actors without edges in rows at the bottom; the connected part keeps the top."""
    per_row = max(4, math.ceil(math.sqrt(len(loners) * 3)))
    rows = math.ceil(len(loners) / per_row)
    band = min(0.12 * rows, 0.35) if pos else 1.0
    placed = {n: (x, y * (1.0 - band - 0.05)) for n, (x, y) in pos.items()}
    for i, node in enumerate(loners):
        row, col = divmod(i, per_row)
        in_row = min(per_row, len(loners) - row * per_row)
        placed[node] = ((col + 0.5) / in_row, 1.0 - band + band * (row + 0.5) / rows)
    return placed


def _camp_force_layout(H: nx.Graph, partition: Mapping[Hashable, int | None], seed: int,
                       iterations: int = 400) -> np.ndarray:
    """Fruchterman-Reingold forces plus a pull of each camp toward its column (rows: sorted nodes)."""
    nodes = sorted(H.nodes, key=str)
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    index = {node: i for i, node in enumerate(nodes)}
    camp_ids = sorted({partition.get(node) for node in nodes if partition.get(node) is not None})
    column = {c: (i / (len(camp_ids) - 1)) * 2 - 1 if len(camp_ids) > 1 else 0.0 for i, c in enumerate(camp_ids)}
    target = np.array([column.get(partition.get(node), 0.0) for node in nodes])
    pulled = np.array([partition.get(node) is not None and len(camp_ids) > 1 for node in nodes], dtype=float)
    A = np.zeros((n, n))
    for u, v, w in H.edges(data="weight", default=1.0):
        A[index[u], index[v]] = A[index[v], index[u]] = w
    rng = np.random.default_rng(seed)
    pos = np.column_stack([target + rng.uniform(-0.3, 0.3, n), rng.uniform(-1, 1, n)])
    k = 1.2 / math.sqrt(n)
    step = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.02)
        np.fill_diagonal(dist, 1.0)
        force = k * k / dist ** 2 - A * dist / k
        np.fill_diagonal(force, 0.0)
        disp = (force[..., None] * delta).sum(axis=1)
        disp[:, 0] += 1.2 * pulled * (target - pos[:, 0])
        disp -= 0.1 * pos  # gravity keeps other components close
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, step)[:, None]
        step = max(step * 0.99, 0.003)
    return pos


def make_room(centres: np.ndarray, sizes: np.ndarray, bounds: Box, iterations: int = 200,
              gap: float = 2.0) -> np.ndarray:
    """Move boxes apart until none overlap (or ``iterations`` pass), keeping them in ``bounds``.

    Each overlapping pair is pushed apart along the axis where it overlaps least, half each; the
    push is exact, so a few rounds settle most layouts. Deterministic.

    Parameters
    ----------
    centres : array (n, 2)
        Box centres.
    sizes : array (n, 2)
        Box widths and heights.
    bounds : (x0, y0, x1, y1)

    Examples
    --------
    >>> moved = make_room(np.array([[50.0, 50.0], [52.0, 50.0]]), np.array([[20.0, 10.0], [20.0, 10.0]]), (0, 0, 100, 100))
    >>> float(abs(moved[1, 0] - moved[0, 0])) >= 20 or float(abs(moved[1, 1] - moved[0, 1])) >= 10
    True
    """
    pos = centres.astype(float).copy()
    half = sizes / 2.0 + gap / 2.0
    low = np.array(bounds[:2]) + half
    high = np.maximum(np.array(bounds[2:]) - half, low)
    n = len(pos)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        overlap = half[:, None, :] + half[None, :, :] - np.abs(delta)
        hit = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        axis = (overlap[..., 1] < overlap[..., 0]).astype(int)  # push along the smaller overlap
        push = np.zeros((n, n, 2))
        rows, cols = np.nonzero(hit)
        direction = np.sign(delta[rows, cols, axis[rows, cols]])
        direction[direction == 0] = np.where(rows[direction == 0] < cols[direction == 0], -1.0, 1.0)
        push[rows, cols, axis[rows, cols]] = direction * overlap[rows, cols, axis[rows, cols]] / 2.0
        pos += push.sum(axis=1) / np.maximum(hit.sum(axis=1), 1)[:, None]
        pos = np.clip(pos, low, high)
    return pos


def place_labels(points: Mapping[Hashable, tuple[float, float]], radii: Mapping[Hashable, float],
                 sizes: Mapping[Hashable, tuple[float, float]], curves: list[list[tuple[float, float]]],
                 box: Box) -> dict[Hashable, tuple[float, float, str, str]]:
    """Greedy label placement (y up): below, above, right or left of each node, whichever box
    overlaps least with the labels already placed, the nodes, the edges and the frame.

    Returns
    -------
    dict
        Node to (x, y, horizontal alignment, vertical alignment), for matplotlib's ``text``.
    """
    placed: list[Box] = []
    nodes = {n: (x - radii[n], y - radii[n], x + radii[n], y + radii[n]) for n, (x, y) in points.items()}
    samples = [point for curve in curves for point in curve]

    def overlap(a: Box, b: Box) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    def cost(rect: Box, node: Hashable) -> float:
        outside = rect[0] < box[0] or rect[1] < box[1] or rect[2] > box[2] or rect[3] > box[3]
        crossed = sum(1 for x, y in samples if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3])
        return (3 * sum(overlap(rect, p) for p in placed) + sum(overlap(rect, b) for m, b in nodes.items() if m != node)
                + 60 * crossed + (1e5 if outside else 0))

    result = {}
    for node in sorted(points, key=lambda n: (-radii[n], str(n))):
        x, y = points[node]
        gap, (w, h) = radii[node] + 3, sizes[node]
        options = [
            ((x, y - gap), "center", "top", (x - w / 2, y - gap - h, x + w / 2, y - gap)),
            ((x, y + gap), "center", "bottom", (x - w / 2, y + gap, x + w / 2, y + gap + h)),
            ((x + gap + 2, y), "left", "center", (x + gap + 2, y - h / 2, x + gap + 2 + w, y + h / 2)),
            ((x - gap - 2, y), "right", "center", (x - gap - 2 - w, y - h / 2, x - gap - 2, y + h / 2)),
        ]
        best = min(options, key=lambda option: cost(option[3], node))  # ties: the first (below)
        placed.append(best[3])
        result[node] = (best[0][0], best[0][1], best[1], best[2])
    return result
