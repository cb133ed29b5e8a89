"""Counting measures shared by the evaluations: one-to-one matching, precision/recall/F1, and
coreference scores (B³, MUC) for the corpus benchmarks."""

from __future__ import annotations

from typing import Mapping, Sequence


def max_matching(edges: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """A maximum one-to-one matching of a bipartite graph (Kuhn's augmenting paths).

    ``edges`` maps each left node to its right neighbours in order of preference; returns
    left -> right.
    """
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges.get(left, ()):
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in edges:
        augment(left, set())
    return {left: right for right, left in owner.items()}


def prf(matched_pred: int, predicted: int, matched_gold: int, gold: int) -> dict[str, float | None]:
    """Precision, recall and F1; None where a denominator is zero, except that F1 is 0 when
    nothing of a non-empty gold was found (an empty prediction scores 0, not "undefined")."""
    precision = matched_pred / predicted if predicted else None
    recall = matched_gold / gold if gold else None
    if recall == 0:
        f1 = 0.0
    elif precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# Scorers shared by the benchmarks over annotated corpora (benchmarks/gum.py).


def token_overlap(gold: frozenset[int], predicted: frozenset[int]) -> float:
    """Shared tokens over the larger of the two token sets: >= t means that at least a share t of
    the gold tokens *and* of the predicted tokens are shared (Gender Gap Tracker-style content
    matching, Asr et al. 2021, with both directions required)."""
    if not gold or not predicted:
        return 0.0
    return len(gold & predicted) / max(len(gold), len(predicted))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two character spans ``[start, end)`` share a character."""
    return a[0] < b[1] and b[0] < a[1]


def b_cubed_counts(key: Mapping[object, object], response: Mapping[object, object]) -> tuple[float, float, int]:
    """B-cubed (Bagga & Baldwin 1998) over the items of ``key``: summed per-item precision and
    recall, and the item count. ``key`` and ``response`` map each item to its cluster; items
    missing from ``response`` are singletons there."""
    gold_clusters: dict[object, set] = {}
    response_clusters: dict[object, set] = {}
    for item, cluster in key.items():
        gold_clusters.setdefault(cluster, set()).add(item)
        response_clusters.setdefault(response.get(item, ("singleton", item)), set()).add(item)
    precision = recall = 0.0
    for item, cluster in key.items():
        gold_set = gold_clusters[cluster]
        response_set = response_clusters[response.get(item, ("singleton", item))]
        shared = len(gold_set & response_set)
        precision += shared / len(response_set)
        recall += shared / len(gold_set)
    return precision, recall, len(key)


def muc_counts(key: Mapping[object, object], response: Mapping[object, object]) -> tuple[int, int, int, int]:
    """MUC (Vilain et al. 1995) link counts over the items of ``key``: recall numerator and
    denominator, precision numerator and denominator."""
    def partition_counts(clusters_of: Mapping[object, object], other: Mapping[object, object]) -> tuple[int, int]:
        clusters: dict[object, set] = {}
        for item in key:
            clusters.setdefault(clusters_of.get(item, ("singleton", item)), set()).add(item)
        numerator = denominator = 0
        for items in clusters.values():
            parts = {other.get(item, ("singleton", item)) for item in items}
            numerator += len(items) - len(parts)
            denominator += len(items) - 1
        return numerator, denominator
    recall_num, recall_den = partition_counts(key, response)
    precision_num, precision_den = partition_counts(response, key)
    return recall_num, recall_den, precision_num, precision_den


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

