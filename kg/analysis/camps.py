"""Camps: the sides of a signed actor graph, by structural balance.

Structural balance (Heider; Cartwright and Harary) expects positive ties within a side and negative
ties across. :func:`camps` splits each connected component of signed edges in two so that the
frustration index, the weight of the edges the split contradicts (Aref and Wilson, 2018), is least.
A side needs at least two actors to be a camp: an actor alone on its side has opponents but no
ally, and is reported as unaligned (the frustration index is still measured on the split itself).

Camps are numbered from 1, most mentioned first, and every output uses these numbers (``kg stats``
in all its formats, ``kg export``, ``kg viz``).

Examples
--------
>>> import networkx as nx
>>> S = nx.DiGraph()
>>> S.add_weighted_edges_from([("a", "b", 1.0), ("a", "c", -1.0), ("c", "d", 0.5)])
>>> result = camps(S)
>>> result.camps, result.partition["a"], result.frustration
([['a', 'b'], ['c', 'd']], 1, 0.0)
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Hashable, Mapping

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.linalg import eigsh

__all__ = ["EXACT_LIMIT", "Camps", "camp_names", "camps", "frustration"]

#: Components up to this many actors are split by exhaustive search; larger ones heuristically.
EXACT_LIMIT = 20


@dataclass(frozen=True)
class Camps:
    """A split of the actors of a signed graph into camps (structural balance).

    Attributes
    ----------
    camps : list of list
        The camps, each a list of nodes (most mentioned first); camp number ``i + 1`` is
        ``camps[i]``. Camps are ordered by mentions, then size.
    unaligned : list
        Nodes in no camp: without a signed edge, or alone on their side.
    partition : dict
        Node to camp number (1, 2, ...), or None for unaligned nodes.
    frustration : float
        The frustration index of the split: total absolute weight of the edges it does not explain
        (negative edges inside a side, positive edges across sides).
    total : float
        Total absolute weight of the signed edges.
    edges : int
        Number of signed edges (net weight not zero, no self-loops).
    frustrated_edges : list of tuple
        The (u, v) edges the split does not explain.
    method : str
        ``"exact"`` when every component was searched exhaustively, else ``"spectral+local"``.
    """

    camps: list[list[Hashable]]
    unaligned: list[Hashable]
    partition: dict[Hashable, int | None]
    frustration: float
    total: float
    edges: int
    frustrated_edges: list[tuple[Hashable, Hashable]] = field(default_factory=list)
    method: str = "exact"

    @property
    def explained_edges(self) -> int:
        """Number of signed edges the split explains."""
        return self.edges - len(self.frustrated_edges)

    @property
    def share_explained(self) -> float:
        """Share of the signed edge weight the split explains (1 - frustration / total)."""
        return 1.0 if self.total == 0 else round(1.0 - self.frustration / self.total, 6)


def _signed_edges(S: nx.Graph, weight: str | None) -> list[tuple[Hashable, Hashable, float]]:
    edges = []
    for u, v, data in S.edges(data=True):
        if u == v:
            continue
        value = float(data.get("sign", 1) if weight is None else data.get(weight, 1.0))
        if value != 0 and not math.isnan(value):
            edges.append((u, v, value))
    return edges


def frustration(S: nx.Graph, partition: Mapping[Hashable, Hashable | None],
                weight: str | None = "weight") -> tuple[float, list[tuple[Hashable, Hashable]]]:
    """The weight of the signed edges a partition does not explain, and those edges.

    A positive edge is explained when both ends are on the same side; a negative edge when they
    are on different sides. An edge with an unassigned end (None) is never explained.

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_weighted_edges_from([("a", "b", 1), ("b", "c", -1), ("a", "c", 2)])
    >>> frustration(S, {"a": 0, "b": 0, "c": 1})
    (2.0, [('a', 'c')])
    """
    total, frustrated = 0.0, []
    for u, v, value in _signed_edges(S, weight):
        cu, cv = partition.get(u), partition.get(v)
        if not (cu is not None and cv is not None and ((cu == cv) == (value > 0))):
            total += abs(value)
            frustrated.append((u, v))
    return round(total, 6), frustrated


def _exact_spins(J: np.ndarray) -> np.ndarray:
    """Spins x in {-1, +1}^n maximising x'Jx with x[0] = +1, trying every split (in chunks)."""
    n = len(J)
    bits = np.arange(n - 1)
    best_value, best = -np.inf, np.ones(n)
    count = 1 << (n - 1)
    chunk = 1 << 15
    for offset in range(0, count, chunk):
        codes = np.arange(offset, min(count, offset + chunk))[:, None]
        X = np.ones((len(codes), n))
        X[:, 1:] = 1 - 2 * ((codes >> bits) & 1)
        values = np.einsum("ij,jk,ik->i", X, J, X)
        i = int(np.argmax(values))
        if values[i] > best_value + 1e-9:  # keep the first optimum in enumeration order
            best_value, best = values[i], X[i].copy()
    return best


def _improve(J: sparse.csr_matrix, x: np.ndarray) -> np.ndarray:
    """Single flips while one helps: flipping i changes x'Jx by -4 x_i (Jx)_i."""
    field_ = J @ x
    indptr, indices, data = J.indptr, J.indices, J.data
    while True:
        gains = -x * field_
        i = int(np.argmax(gains))
        if gains[i] <= 1e-12:
            return x
        x[i] = -x[i]
        row = slice(indptr[i], indptr[i + 1])  # J is symmetric: row i is column i
        field_[indices[row]] += 2 * x[i] * data[row]


def _heuristic_spins(J: sparse.csr_matrix, seed: int) -> np.ndarray:
    """The sign of the leading eigenvector (spectral), improved by single flips, and seeded random
    restarts; sparse, so a component of thousands of actors costs little."""
    n = J.shape[0]
    start = np.linspace(1.0, 2.0, n)  # a fixed start vector: the eigensolver is deterministic
    try:
        _, vectors = eigsh(J.asfptype(), k=1, which="LA", v0=start, maxiter=5000, tol=1e-6)
        candidates = [np.where(vectors[:, 0] >= 0, 1.0, -1.0)]
    except Exception:  # noqa: BLE001 - no convergence: the restarts still give a split
        candidates = []
    rng = np.random.default_rng(seed)
    candidates += [rng.choice([-1.0, 1.0], size=n) for _ in range(8)]
    best, best_value = np.ones(n), -np.inf
    for x in candidates:
        x = _improve(J, x.copy())
        value = float(x @ (J @ x))
        if value > best_value + 1e-9:
            best, best_value = x, value
    return -best if best[0] < 0 else best


def _split(component: list[Hashable], pairs: Mapping[frozenset, float], exact_limit: int,
           seed: int) -> tuple[list[list[Hashable]], bool]:
    """The two sides of one component (one side when all its ties are positive)."""
    n = len(component)
    if n == 1:
        return [component], True
    index = {node: i for i, node in enumerate(component)}
    if n <= exact_limit:
        J = np.zeros((n, n))
        for u, v in itertools.combinations(component, 2):
            J[index[u], index[v]] = J[index[v], index[u]] = pairs.get(frozenset((u, v)), 0.0)
        spins, exact = _exact_spins(J), True
    else:
        rows, cols, values = [], [], []
        for pair, value in pairs.items():
            u, v = tuple(pair)
            if u in index and v in index:
                rows += [index[u], index[v]]
                cols += [index[v], index[u]]
                values += [value, value]
        J = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))
        spins, exact = _heuristic_spins(J, seed), False
    sides = [[node for node in component if spins[index[node]] == spin] for spin in (1.0, -1.0)]
    return [side for side in sides if side], exact


def camps(S: nx.Graph, weight: str | None = "weight", exact_limit: int = EXACT_LIMIT, seed: int = 0) -> Camps:
    """Split the actors of a signed graph into the camps that best explain its edges.

    Each connected component of signed edges is split in two on its own (two components have no
    edge to say whether their sides are the same), so there are up to two camps per component; a
    component with only positive edges is one camp. Components of up to ``exact_limit`` actors
    are searched exhaustively; larger ones start from the leading eigenvector of the sparse signed
    adjacency matrix and are improved by single moves and seeded random restarts. A side of one
    actor is no camp: that actor is unaligned, like actors without signed edges. Deterministic:
    nodes are sorted and the random restarts are seeded.

    Parameters
    ----------
    S : networkx.Graph or networkx.DiGraph
        A signed graph: each edge's ``weight`` is its signed strength. Directions are ignored;
        edges u->v and v->u both count.
    weight : str or None, optional (default "weight")
        The edge attribute with the signed weight; None uses ``sign`` (each edge counts 1).
    exact_limit : int, optional (default 20)
        Largest component searched exhaustively (2**(n-1) splits).
    seed : int, optional (default 0)
        Seed for the restarts of the heuristic.

    References
    ----------
    .. [1] Cartwright, D. and Harary, F. (1956). Structural balance: a generalization of Heider's
       theory. Psychological Review 63(5).
    .. [2] Aref, S. and Wilson, M. C. (2018). Measuring partial balance in signed networks.
       Journal of Complex Networks 6(4).

    Examples
    --------
    Two allies against a third actor, who is alone on its side; d has no signed tie:

    >>> S = nx.DiGraph()
    >>> S.add_weighted_edges_from([("a", "b", 1.0), ("a", "c", -1.0), ("c", "b", -0.5)])
    >>> S.add_node("d")
    >>> result = camps(S)
    >>> result.camps, result.unaligned, result.frustration
    ([['a', 'b']], ['c', 'd'], 0.0)

    An unbalanced triangle (all three against each other) cannot be explained by any split:

    >>> T = nx.Graph()
    >>> T.add_weighted_edges_from([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)])
    >>> camps(T).frustration, camps(T).explained_edges
    (1.0, 2)
    """
    edges = _signed_edges(S, weight)
    pair_graph = nx.Graph()
    pairs: dict[frozenset, float] = defaultdict(float)
    for u, v, value in edges:
        pair_graph.add_edge(u, v)
        pairs[frozenset((u, v))] += value
    sides: list[list[Hashable]] = []
    exact = True
    for component in sorted((sorted(c, key=str) for c in nx.connected_components(pair_graph)), key=lambda c: str(c[0])):
        found, was_exact = _split(component, pairs, exact_limit, seed)
        sides += found
        exact = exact and was_exact
    side_of = {node: i for i, side in enumerate(sides) for node in side}
    value, frustrated = frustration(S, side_of, weight)

    def mentions(node: Hashable) -> int:
        return S.nodes[node].get("mentions", 0) or 0 if node in S else 0

    kept = sorted((side for side in sides if len(side) > 1),
                  key=lambda side: (-sum(mentions(n) for n in side), -len(side), str(side[0])))
    partition: dict[Hashable, int | None] = {node: None for node in S.nodes}
    for number, side in enumerate(kept, start=1):
        partition.update({node: number for node in side})
    ordered = [sorted(side, key=lambda n: (-mentions(n), str(n))) for side in kept]
    unaligned = sorted((n for n, c in partition.items() if c is None), key=lambda n: (-mentions(n), str(n)))
    total = round(sum(abs(w) for _, _, w in edges), 6)
    return Camps(ordered, unaligned, partition, value, total, len(edges), frustrated,
                 "exact" if exact else "spectral+local")


def camp_names(G: nx.Graph, result: Camps) -> dict[int, str]:
    """A readable name per camp number: its most mentioned member's label, "Philadelphia's side".

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"label": "ICE", "mentions": 3}), ("b", {"label": "DHS", "mentions": 1})])
    >>> camp_names(G, Camps([["a", "b"]], [], {"a": 1, "b": 1}, 0.0, 1.0, 1))
    {1: "ICE's side"}
    """
    names = {}
    for number, side in enumerate(result.camps, start=1):
        attrs = G.nodes[side[0]] if side and side[0] in G else {}
        label = attrs.get("label", str(side[0]) if side else "?")
        acronyms = [a for a in attrs.get("aliases", []) if a.isupper() and 2 <= len(a) <= 6 and a.isalpha()]
        if len(label) > 24 and acronyms:
            label = sorted(acronyms)[0]
        names[number] = (f"{label}'" if label.endswith("s") else f"{label}'s") + " side"
    return names
