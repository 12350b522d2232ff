#!/usr/bin/env python3
"""Writes the small gzip fixtures of Tests/GraphDataTests/Fixtures/molecules/.

- peptides_mini.csv.gz: three rows in Peptides-func's CSV layout, written by Python's
  gzip module (header with FNAME, mtime 0);
- flags.txt.gz: a hand-built member whose header sets FEXTRA, FNAME, FCOMMENT and FHCRC;
- big.txt.gz: 310 000 bytes of one repeated 31-byte line (several 64 KiB inflate chunks);
- truncated.csv.gz: peptides_mini.csv.gz cut in the middle of the deflate data;
- badcrc.csv.gz: peptides_mini.csv.gz with the trailer's CRC-32 changed;
- badsize.csv.gz: peptides_mini.csv.gz with the trailer's ISIZE changed;
- peptides_mini_split.pickle: the split pickle of those three rows in LRGB's layout
  (protocol 4, a dict of int64 numpy arrays `train`, `val`, `test`); needs numpy.

Usage: python3 scripts/make_molecule_fixtures.py
"""
import gzip
import io
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "GraphDataTests", "Fixtures", "molecules")

PEPTIDES = (
    ",smiles,peptide_seq,labels,identifier\n"
    '0,CC(C)C[C@H](N)C(=O)O,L,"[0, 0, 0, 0, 1, 0, 0, 0, 0, 1]",4\n'
    '1,N[C@@H](Cc1c[nH]cn1)C(=O)O,H,"[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]",23\n'
    '2,NCC(=O)N[C@@H](CCCC[NH3+])C(=O)[O-],GK,"[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]",7\n'
).encode()


def gzip_with_name(data, name):
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def gzip_all_flags(data):
    flags = 0x02 | 0x04 | 0x08 | 0x10  # FHCRC FEXTRA FNAME FCOMMENT
    header = bytes([0x1F, 0x8B, 8, flags]) + struct.pack("<I", 0) + bytes([0, 255])
    extra = b"SG\x04\x00abcd"
    header += struct.pack("<H", len(extra)) + extra
    header += b"flags.txt\x00" + b"a comment\x00"
    header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = c.compress(data) + c.flush()
    trailer = struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF)
    return header + body + trailer


def split_pickle():
    import pickle
    import numpy as np
    split = {"train": np.array([2, 0], dtype=np.int64), "val": np.array([1], dtype=np.int64),
             "test": np.array([], dtype=np.int64)}
    return pickle.dumps(split, protocol=4)


def main():
    os.makedirs(OUT, exist_ok=True)
    mini = gzip_with_name(PEPTIDES, "peptides_mini.csv")
    files = {
        "peptides_mini.csv.gz": mini,
        "flags.txt.gz": gzip_all_flags(b"gzip header flags: FEXTRA FNAME FCOMMENT FHCRC\n"),
        "big.txt.gz": gzip_with_name(b"abcdefghijklmnopqrstuvwxyz0123\n" * 10000, "big.txt"),
        "truncated.csv.gz": mini[: len(mini) // 2],
        "badcrc.csv.gz": mini[:-8] + bytes([mini[-8] ^ 0xFF]) + mini[-7:],
        "badsize.csv.gz": mini[:-4] + struct.pack("<I", len(PEPTIDES) + 1),
        "peptides_mini_split.pickle": split_pickle(),
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        print(name, len(data))


if __name__ == "__main__":
    main()
