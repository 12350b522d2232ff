#!/usr/bin/env python3
"""Writes the pickle fixtures of Tests/GraphDataTests/Fixtures/pickle/.

Run from the package root: python3 scripts/make_pickle_fixtures.py (needs numpy, scipy).

* Python-2-style protocol-2 pickles (bytes as SHORT_BINSTRING/BINSTRING, as the
  Planetoid files written by Python 2 have them) and Python 3 protocol-2 pickles
  (bytes as _codecs.encode(str, 'latin1')) of small numpy arrays and CSR matrices.
* A protocol-4 dict of int64 arrays like LRGB's Peptides split file.
* A malformed array (12 data bytes for shape (4,) int32).
* planetoid/CiteSeer/raw/: a tiny Planetoid dataset with a gap in the test ids (as
  CiteSeer has), duplicate edges, a self loop and a one-way edge, and expected.json:
  what PyG's read_planetoid_data gives for it (re-implemented below with numpy).
"""
import collections
import io
import json
import os
import pickle
import struct

import numpy as np
import scipy.sparse as sp

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "GraphDataTests", "Fixtures", "pickle")


class Py2Pickler(pickle._Pickler):
    """Writes bytes the way Python 2 wrote str: SHORT_BINSTRING / BINSTRING."""

    def save_bytes(self, obj):
        n = len(obj)
        if n < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([n]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", n) + obj)
        self.memoize(obj)

    dispatch = pickle._Pickler.dispatch.copy()
    dispatch[bytes] = save_bytes


def py2(obj):
    buf = io.BytesIO()
    Py2Pickler(buf, protocol=2).dump(obj)
    return buf.getvalue()


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


class BadArray:
    """Pickles like an ndarray whose data is too short for its shape."""

    def __reduce__(self):
        return (np.core.multiarray._reconstruct, (np.ndarray, (0,), b"b"),
                (1, (4,), np.dtype("<i4"), False, b"\x00" * 12))


def main():
    f4 = np.array([[1.5, 0, -2], [0.25, 3, 0]], dtype=np.float32)
    write("array_f4_py2.pkl", py2(f4))
    write("array_f4_py3.pkl", pickle.dumps(f4, protocol=2))
    i8f = np.asfortranarray(np.array([[1, -2, 3], [4, 5, -(2**40)]], dtype=np.int64))
    write("array_i8_fortran.pkl", pickle.dumps(i8f, protocol=2))
    write("array_i4_bigendian.pkl", py2(np.array([1, -1, 65536], dtype=">i4")))
    write("array_bad_length.pkl", py2(BadArray()))

    # CSR with unsorted columns and a duplicate (summed by scipy's sum_duplicates).
    csr = sp.csr_matrix((np.array([1, 2, 3, 4, 5], dtype=np.float32),
                         np.array([2, 0, 2, 1, 3], dtype=np.int32),
                         np.array([0, 3, 3, 5], dtype=np.int32)), shape=(3, 4))
    write("csr_unsorted_py2.pkl", py2(csr))
    write("csr_py3.pkl", pickle.dumps(sp.csr_matrix(f4), protocol=2))

    graph = collections.defaultdict(list)
    graph[0] = [1, 2]
    graph[2] = [0, 300, 70000]
    graph[5] = []
    write("graph_defaultdict_py2.pkl", py2(graph))

    split = {"train": np.array([4, 0, 2], dtype=np.int64), "val": np.array([1], dtype=np.int64),
             "test": np.array([3, 5], dtype=np.int64)}
    write("split_protocol4.pkl", pickle.dumps(split, protocol=4))

    write_planetoid()


def write_planetoid():
    rng = np.random.default_rng(7)
    F, C = 5, 3
    n_all, n_train = 6, 3
    test_index = np.array([8, 6, 10])          # 9 is missing: a CiteSeer-style gap
    allx = (rng.random((n_all, F)) < 0.4).astype(np.float32)
    tx = (rng.random((len(test_index), F)) < 0.4).astype(np.float32)
    ally = np.eye(C, dtype=np.int32)[rng.integers(0, C, n_all)]
    ally[4] = 0                                 # an unlabelled row: label 0 (argmax)
    ty = np.eye(C, dtype=np.int32)[[2, 1, 1]]
    graph = collections.defaultdict(list)
    for a, b in [(0, 1), (1, 0), (0, 1), (1, 2), (2, 1), (3, 3), (4, 7), (7, 4),
                 (8, 10), (10, 8), (5, 6), (6, 5), (9, 2)]:  # dup, self loop, one-way 9->2
        graph[a].append(b)
    n_nodes = 11
    graph[10]  # touch so every node has a key, like the published files

    d = os.path.join("planetoid", "CiteSeer", "raw")
    write(os.path.join(d, "ind.citeseer.x"), py2(sp.csr_matrix(allx[:n_train])))
    write(os.path.join(d, "ind.citeseer.allx"), py2(sp.csr_matrix(allx)))
    write(os.path.join(d, "ind.citeseer.tx"), py2(sp.csr_matrix(tx)))
    write(os.path.join(d, "ind.citeseer.y"), py2(ally[:n_train]))
    write(os.path.join(d, "ind.citeseer.ally"), py2(ally))
    write(os.path.join(d, "ind.citeseer.ty"), py2(ty))
    write(os.path.join(d, "ind.citeseer.graph"), py2(graph))
    write(os.path.join(d, "ind.citeseer.test.index"), "".join(f"{i}\n" for i in test_index).encode())

    # PyG's read_planetoid_data, with numpy.
    sorted_test = np.sort(test_index)
    span = test_index.max() - test_index.min() + 1
    tx_ext = np.zeros((span, F), np.float32); tx_ext[sorted_test - test_index.min()] = tx
    ty_ext = np.zeros((span, C), np.int32); ty_ext[sorted_test - test_index.min()] = ty
    x = np.concatenate([allx, tx_ext]); y = np.concatenate([ally, ty_ext]).argmax(1)
    x[test_index] = x[sorted_test].copy(); y[test_index] = y[sorted_test].copy()
    rows = [k for k, v in graph.items() for _ in v]; cols = [c for v in graph.values() for c in v]
    edges = sorted({(r, c) for r, c in zip(rows, cols) if r != c})
    assert len(x) == n_nodes
    expected = {
        "numNodes": n_nodes, "numFeatures": F,
        "x": x.tolist(), "y": y.tolist(),
        "source": [e[0] for e in edges], "target": [e[1] for e in edges],
        "train": list(range(n_train)),
        "val": list(range(n_train, min(n_train + 500, n_nodes))),
        "test": test_index.tolist(),
    }
    write(os.path.join("planetoid", "expected.json"), json.dumps(expected).encode())


if __name__ == "__main__":
    main()
