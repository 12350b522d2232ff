#!/usr/bin/env python3
"""Writes the small .npy/.npz fixtures of Tests/GraphDataTests/Fixtures/npz/.

Run from the package root:  python3 scripts/make_npz_fixtures.py
Needs numpy only. Values are simple formulas (np.arange) so the Swift tests can
recompute them; see Tests/GraphDataTests/Fixtures/npz/README.md.
"""
import io
import os
import zipfile

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "GraphDataTests", "Fixtures", "npz")


def path(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def save(name, array, version=None):
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)


def npy_bytes(array, version=None):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, version=version, allow_pickle=False)
    return buf.getvalue()


def raw_npy(header_dict_text, body=b"", version=(1, 0)):
    """A .npy file with a hand-written header (for malformed cases)."""
    h = header_dict_text.encode("latin1")
    prefix_len = 10 if version[0] == 1 else 12
    pad = (-(prefix_len + len(h) + 1)) % 64
    h = h + b" " * pad + b"\n"
    size = len(h).to_bytes(2 if version[0] == 1 else 4, "little")
    return b"\x93NUMPY" + bytes(version) + size + h + body


# --- valid .npy: every dtype, both byte orders, both memory orders, v1/v2/v3 -------
a6 = np.arange(6)
save("f4_2x3.npy", (a6 * 0.5).astype("<f4").reshape(2, 3))
save("f8_big_2x3.npy", (a6 * 0.25 - 1).astype(">f8").reshape(2, 3))
save("f2_4.npy", np.array([1.0, -2.5, 65504.0, 6.1035156e-05], dtype="<f2"))
save("i1_4.npy", np.array([-128, -1, 0, 127], dtype="i1"))
save("u1_4.npy", np.array([0, 1, 200, 255], dtype="u1"))
save("i2_big_4.npy", np.array([-32768, -2, 3, 32767], dtype=">i2"))
save("u2_4.npy", np.array([0, 1, 40000, 65535], dtype="<u2"))
save("i4_4.npy", np.array([-2**31, -5, 6, 2**31 - 1], dtype="<i4"))
save("u4_big_4.npy", np.array([0, 7, 3_000_000_000, 2**32 - 1], dtype=">u4"))
save("i8_big_4.npy", np.array([-2**63, -9, 10, 2**63 - 1], dtype=">i8"))
save("u8_4.npy", np.array([0, 11, 2**63, 2**64 - 1], dtype="<u8"))
save("b1_5.npy", np.array([True, False, True, True, False]))
# Fortran order: element (i, j) of the 3x4 array is 10*i + j.
save("i4_fortran_3x4.npy", np.asfortranarray((10 * np.arange(3)[:, None] + np.arange(4)[None, :]).astype("<i4")))
# 3-D Fortran, big-endian int16: element (i, j, k) = 100*i + 10*j + k.
t = (100 * np.arange(2)[:, None, None] + 10 * np.arange(3)[None, :, None] + np.arange(4)[None, None, :])
save("i2_big_fortran_2x3x4.npy", np.asfortranarray(t.astype(">i2")))
save("f4_scalar.npy", np.array(3.5, dtype="<f4"))
save("f4_empty_0x3.npy", np.zeros((0, 3), dtype="<f4"))
save("f4_v2_2x3.npy", (a6 * 0.5).astype("<f4").reshape(2, 3), version=(2, 0))
save("f4_v3_2x3.npy", (a6 * 0.5).astype("<f4").reshape(2, 3), version=(3, 0))

# --- malformed .npy ------------------------------------------------------------------
good = npy_bytes((a6 * 0.5).astype("<f4").reshape(2, 3))
with open(path("bad", "bad_magic.npy"), "wb") as f:
    f.write(b"\x93NUMPZ" + good[6:])
with open(path("bad", "bad_version.npy"), "wb") as f:
    f.write(good[:6] + b"\x04\x00" + good[8:])
with open(path("bad", "bad_dtype.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<x4', 'fortran_order': False, 'shape': (2,), }", b"\0" * 8))
with open(path("bad", "string_dtype.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", b"\0" * 24))
with open(path("bad", "object_dtype.npy"), "wb") as f:
    buf = io.BytesIO()
    np.save(buf, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    f.write(buf.getvalue())
with open(path("bad", "short_data.npy"), "wb") as f:  # header says 5 floats, 3 present
    f.write(raw_npy("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", b"\0" * 12))
with open(path("bad", "long_data.npy"), "wb") as f:  # 3 floats declared, 4 present
    f.write(raw_npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", b"\0" * 16))
with open(path("bad", "overflow_shape.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", b"\0" * 8))
with open(path("bad", "huge_dim.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }"))
with open(path("bad", "header_past_end.npy"), "wb") as f:
    f.write(good[:8] + (5000).to_bytes(2, "little") + good[10:40])
with open(path("bad", "missing_key.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<f4', 'shape': (2,), }", b"\0" * 8))
with open(path("bad", "extra_key.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': True}", b"\0" * 8))
with open(path("bad", "structured_dtype.npy"), "wb") as f:
    f.write(raw_npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", b"\0" * 8))
with open(path("bad", "unterminated.npy"), "wb") as f:
    f.write(raw_npy("{'descr': '<f4, 'fortran_order': False, 'shape': (2,), }", b"\0" * 8))

# --- .npz: stored and deflated ---------------------------------------------------------
members = dict(
    x=(a6 * 0.5).astype("<f4").reshape(2, 3),
    y=np.array([3, 1, 2], dtype="<i8"),
    mask=np.array([True, False, True]),
    m=np.asfortranarray((10 * np.arange(3)[:, None] + np.arange(4)[None, :]).astype(">i4")),
)
np.savez(path("stored.npz"), **members)
np.savez_compressed(path("deflated.npz"), **members)
big = np.arange(2000, dtype="<i8")
np.savez(path("bad", "plain_for_truncation.npz"), a=big)  # kept only to cut from
with open(path("bad", "plain_for_truncation.npz"), "rb") as f:
    whole = f.read()
os.remove(path("bad", "plain_for_truncation.npz"))
with open(path("bad", "truncated.npz"), "wb") as f:  # cut inside the member's data
    f.write(whole[: len(whole) // 2])
# A stored member whose .npy is itself cut short (valid ZIP, short data).
with zipfile.ZipFile(path("bad", "short_member.npz"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("a.npy", npy_bytes(np.arange(10, dtype="<i8"))[:-16])
# A deflated archive with a damaged byte inside the compressed stream.
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.npy", npy_bytes(np.arange(500, dtype="<i8")))
damaged = bytearray(buf.getvalue())
damaged[60] ^= 0xFF
damaged[61] ^= 0xFF
with open(path("bad", "corrupt_deflate.npz"), "wb") as f:
    f.write(bytes(damaged))
with zipfile.ZipFile(path("bad", "object_member.npz"), "w", zipfile.ZIP_STORED) as z:
    ob = io.BytesIO()
    np.save(ob, np.array([None, 1], dtype=object), allow_pickle=True)
    z.writestr("obj.npy", ob.getvalue())
with open(path("bad", "not_a_zip.npz"), "wb") as f:
    f.write(b"PK\x03\x04 this is not really a zip file")

# --- dataset layouts (toy graphs under a data root: <Folder>/raw/<file>) -------------
root = ("datasets",)
# gnn-benchmark: 5 nodes. adj (directed, with a self loop 2->2 and a duplicate-free
# asymmetric set): 0->1, 1->0, 1->2, 2->2, 3->4. Undirected without self loops:
# {0-1, 1-2, 3-4} = 6 directed edges. attr counts (non-binary) and labels 0..2.
adj = dict(adj_indptr=np.array([0, 1, 3, 4, 5, 5], dtype="<i4"),
           adj_indices=np.array([1, 0, 2, 2, 4], dtype="<i4"),
           adj_data=np.ones(5, dtype="<f4"),
           adj_shape=np.array([5, 5], dtype="<i8"))
attr = dict(attr_indptr=np.array([0, 2, 3, 3, 5, 6], dtype="<i4"),
            attr_indices=np.array([0, 3, 1, 0, 2, 3], dtype="<i4"),
            attr_data=np.array([2.0, 1.0, 5.0, 1.0, 3.0, 1.0], dtype="<f4"),
            attr_shape=np.array([5, 4], dtype="<i8"))
labels = np.array([0, 2, 1, 1, 0], dtype="<i8")
np.savez_compressed(path(*root, "AmazonPhoto", "raw", "amazon_electronics_photo.npz"), **adj, **attr, labels=labels)
# Variant: dense attr_matrix and one-hot CSR labels (labels_*), as some gnn-benchmark files.
dense = np.zeros((5, 4), dtype="<f4")
for i in range(5):
    for k in range(attr["attr_indptr"][i], attr["attr_indptr"][i + 1]):
        dense[i, attr["attr_indices"][k]] = attr["attr_data"][k]
np.savez(path(*root, "CoauthorCS", "raw", "ms_academic_cs.npz"), **adj, attr_matrix=dense,
         labels_indptr=np.arange(6, dtype="<i4"), labels_indices=labels.astype("<i4"),
         labels_data=np.ones(5, dtype="<f4"), labels_shape=np.array([5, 3], dtype="<i8"))
# Broken: an adjacency index out of range.
bad_adj = dict(adj)
bad_adj["adj_indices"] = np.array([1, 0, 7, 2, 4], dtype="<i4")
np.savez(path(*root, "CoauthorPhysics", "raw", "ms_academic_phy.npz"), **bad_adj, **attr, labels=labels)

# Heterophilous: 4 nodes, edges E x 2 (one direction each), masks 10 x N.
masks = np.zeros((3, 10, 4), dtype=bool)
for s in range(10):
    masks[0, s, s % 4] = True
    masks[1, s, (s + 1) % 4] = True
    masks[2, s, (s + 2) % 4] = masks[2, s, (s + 3) % 4] = True
np.savez(path(*root, "heterophilous", "raw", "minesweeper.npz"),
         node_features=(np.arange(8) * 0.5).astype("<f4").reshape(4, 2),
         node_labels=np.array([1, 0, 1, 0], dtype="<i8"),
         edges=np.array([[0, 1], [1, 2], [2, 3], [1, 0]], dtype="<i8"),
         train_masks=masks[0], val_masks=masks[1], test_masks=masks[2])
np.savez(path(*root, "heterophilous", "raw", "tolokers.npz"),  # wrong mask shape
         node_features=np.zeros((4, 2), dtype="<f4"), node_labels=np.zeros(4, dtype="<i8"),
         edges=np.array([[0, 1]], dtype="<i8"),
         train_masks=masks[0][:, :3], val_masks=masks[1], test_masks=masks[2])

# geom-gcn (WebKB layout): 5 nodes, 3 features, node lines out of order, duplicate edge.
def geom(folder, prefix, feature_lines, edge_lines, n, with_features=True):
    raw = path(*root, folder, "raw", "x")[:-1]
    if with_features:
        with open(os.path.join(raw, "out1_node_feature_label.txt"), "w") as f:
            f.write("node_id\tfeature\tlabel\n" + "".join(l + "\n" for l in feature_lines))
    with open(os.path.join(raw, "out1_graph_edges.txt"), "w") as f:
        f.write("node_id\tnode_id\n" + "".join(l + "\n" for l in edge_lines))
    for k in range(10):
        tr = np.zeros(n, dtype="u1"); va = np.zeros(n, dtype="u1"); te = np.zeros(n, dtype="u1")
        tr[k % n] = 1; va[(k + 1) % n] = 1; te[(k + 2) % n] = 1; te[(k + 3) % n] = 1
        np.savez(os.path.join(raw, f"{prefix}_split_0.6_0.2_{k}.npz"), train_mask=tr, val_mask=va, test_mask=te)

geom("Cornell", "cornell",
     ["1\t0,1,0\t2", "0\t1,0,0\t0", "2\t0,0,1\t1", "4\t1,1,0\t4", "3\t0,1,1\t3"],
     ["0\t1", "1\t0", "3\t2", "0\t1", "4\t4", "2\t3"], 5)
# Texas: feature rows of different lengths (error case).
geom("Texas", "texas", ["0\t1,0,0\t0", "1\t1,0\t1"], ["0\t1"], 2)
# Squirrel: an edge to a node that does not exist (error case).
geom("Squirrel", "squirrel", ["0\t1,0\t0", "1\t0,1\t1"], ["0\t1", "1\t5"], 2)
