#!/usr/bin/env python3
"""Writes Tests/GraphDataTests/Fixtures/tu/: a 3-graph TU dataset TOY with every
optional file, and expected.json with the tensors PyG's read_tu_data + TUDataset give
for it, computed here with numpy following PyG's steps (A - 1, per-column min shift
and one-hot of labels, [attributes | one-hots], remove_self_loops, coalesce with sum,
unique/inverse graph labels, slicing by graph_indicator).

Run by hand: python3 scripts/make_tu_fixtures.py
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "GraphDataTests", "Fixtures", "tu")
NAME = "TOY"

# Graph 1: nodes 1-3, graph 2: nodes 4-5, graph 3: nodes 6-9 (1-based).
indicator = [1, 1, 1, 2, 2, 3, 3, 3, 3]
# Unsorted, with a self loop (line 5) and a duplicate of 1->2 (line 6).
A = [(2, 1), (1, 2), (2, 3), (3, 2), (1, 1), (1, 2), (5, 4), (4, 5),
     (6, 7), (7, 6), (9, 8), (8, 9), (7, 9)]
node_labels = [(1, 0), (2, 2), (3, 0), (1, 0), (1, 2), (2, 0), (3, 2), (1, 0), (2, 0)]
node_attributes = [(0.5, -1.0), (1.5, 2.0), (2.5, 0.25), (3.0, 1e-3), (-4.0, 5.0),
                   (6.0, 7.5), (8.0, -9.0), (1.0, 1.0), (0.0, 2.5)]
edge_labels = [1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0]
edge_attributes = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3]
graph_labels = [5, -1, 5]
graph_attributes = [(1.5, -2.0), (0.0, 3.25), (7.0, 8.0)]


def write(part, rows):
    with open(os.path.join(OUT, NAME, f"{NAME}_{part}.txt"), "w") as f:
        for r in rows:
            r = r if isinstance(r, tuple) else (r,)
            f.write(", ".join(str(v) for v in r) + "\n")


def one_hot(labels):
    labels = np.asarray(labels).reshape(len(labels), -1)
    labels = labels - labels.min(axis=0)
    cols = []
    for c in range(labels.shape[1]):
        m = np.zeros((labels.shape[0], labels[:, c].max() + 1), dtype=np.float32)
        m[np.arange(labels.shape[0]), labels[:, c]] = 1
        cols.append(m)
    return np.concatenate(cols, axis=1)


def expected(use_node_attr, use_edge_attr):
    ei = np.asarray(A).T - 1
    batch = np.asarray(indicator) - 1
    x = one_hot(node_labels)
    if use_node_attr:
        x = np.concatenate([np.asarray(node_attributes, dtype=np.float32), x], axis=1)
    ea = one_hot(edge_labels)
    if use_edge_attr:
        ea = np.concatenate([np.asarray(edge_attributes, dtype=np.float32).reshape(-1, 1), ea], axis=1)
    keep = ei[0] != ei[1]
    ei, ea = ei[:, keep], ea[keep]
    n = len(indicator)
    key = ei[0] * n + ei[1]
    uniq, inv = np.unique(key, return_inverse=True)
    summed = np.zeros((len(uniq), ea.shape[1]), dtype=np.float32)
    np.add.at(summed, inv, ea)
    ei = np.stack([uniq // n, uniq % n])
    graphs = []
    for g in range(batch.max() + 1):
        nodes = np.nonzero(batch == g)[0]
        lo, hi = nodes.min(), nodes.max() + 1
        sel = (ei[0] >= lo) & (ei[0] < hi)
        graphs.append({
            "numNodes": int(hi - lo),
            "source": (ei[0, sel] - lo).tolist(),
            "target": (ei[1, sel] - lo).tolist(),
            "x": x[lo:hi].reshape(-1).tolist(), "xCols": int(x.shape[1]),
            "edgeAttr": summed[sel].reshape(-1).tolist(), "edgeCols": int(summed.shape[1]),
        })
    return graphs


def main():
    os.makedirs(os.path.join(OUT, NAME), exist_ok=True)
    write("A", A)
    write("graph_indicator", indicator)
    write("node_labels", node_labels)
    write("node_attributes", node_attributes)
    write("edge_labels", edge_labels)
    write("edge_attributes", edge_attributes)
    write("graph_labels", graph_labels)
    write("graph_attributes", graph_attributes)
    _, classes = np.unique(graph_labels, return_inverse=True)
    out = {
        "default": expected(False, False),
        "withAttributes": expected(True, True),
        "graphClasses": classes.tolist(),
        "graphTargets": [list(r) for r in graph_attributes],
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
