#!/usr/bin/env python3
"""Reference molecular graphs from RDKit for the SwiftGNN molecule loaders.

For Peptides-func, ZINC-micro and QM9-micro (raw files under DATA, default
../shared/data) this runs RDKit's MolFromSmiles and OGB's smiles2graph featurization
(atom_to_feature_vector / bond_to_feature_vector, re-stated below with OGB's index
tables) and writes, per dataset, into OUT (default .build/molecule-reference):

  <name>.counts  int32 [G, 2]      nodes and directed edges of each graph
  <name>.x       int8  [sum N, 9]  OGB atom features
  <name>.ei      int32 [sum E, 2]  edge (source, target), per-graph node ids
  <name>.ea      int8  [sum E, 3]  OGB bond features

It prints the totals that Tests/GraphDataTests/MoleculeDatasetTests.swift hard-codes.
Needs `pip install rdkit numpy` (run in a venv: python3 -m venv /work/wt/molvenv).

Usage: python scripts/molecule_features_reference.py [DATA] [OUT]
"""
import csv
import gzip
import io
import os
import sys

import numpy as np
from rdkit import Chem, RDLogger, rdBase

RDLogger.DisableLog("rdApp.*")

# OGB's allowable features (ogb/utils/features.py).
ATOMIC_NUM = list(range(1, 119)) + ["misc"]
CHIRALITY = ["CHI_UNSPECIFIED", "CHI_TETRAHEDRAL_CW", "CHI_TETRAHEDRAL_CCW", "CHI_OTHER", "misc"]
DEGREE = list(range(11)) + ["misc"]
CHARGE = list(range(-5, 6)) + ["misc"]
NUM_H = list(range(9)) + ["misc"]
RADICAL = list(range(5)) + ["misc"]
HYBRID = ["SP", "SP2", "SP3", "SP3D", "SP3D2", "misc"]
BOND_TYPE = ["SINGLE", "DOUBLE", "TRIPLE", "AROMATIC", "misc"]
BOND_STEREO = ["STEREONONE", "STEREOZ", "STEREOE", "STEREOCIS", "STEREOTRANS", "STEREOANY"]


def safe_index(values, v):
    try:
        return values.index(v)
    except ValueError:
        return len(values) - 1


def atom_features(a):
    return [
        safe_index(ATOMIC_NUM, a.GetAtomicNum()),
        safe_index(CHIRALITY, str(a.GetChiralTag())),
        safe_index(DEGREE, a.GetTotalDegree()),
        safe_index(CHARGE, a.GetFormalCharge()),
        safe_index(NUM_H, a.GetTotalNumHs()),
        safe_index(RADICAL, a.GetNumRadicalElectrons()),
        safe_index(HYBRID, str(a.GetHybridization())),
        int(a.GetIsAromatic()),
        int(a.IsInRing()),
    ]


def bond_features(b):
    return [
        safe_index(BOND_TYPE, str(b.GetBondType())),
        BOND_STEREO.index(str(b.GetStereo())),
        int(b.GetIsConjugated()),
    ]


def graphs(smiles_list):
    counts, xs, eis, eas = [], [], [], []
    for s in smiles_list:
        m = Chem.MolFromSmiles(s)
        if m is None:
            raise SystemExit(f"RDKit cannot parse {s!r}")
        for a in m.GetAtoms():
            xs.append(atom_features(a))
        ne = 0
        for b in m.GetBonds():
            i, j = b.GetBeginAtomIdx(), b.GetEndAtomIdx()
            f = bond_features(b)
            eis += [(i, j), (j, i)]
            eas += [f, f]
            ne += 2
        counts.append((m.GetNumAtoms(), ne))
    return counts, xs, eis, eas


def read_rows(path, smiles_col):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        return [row[smiles_col] for row in csv.DictReader(f)]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, ".build", "molecule-reference")
    os.makedirs(out, exist_ok=True)
    print("RDKit", rdBase.rdkitVersion)
    sets = [
        ("Peptides-func", "Peptides-func/raw/peptide_multi_class_dataset.csv.gz", "smiles"),
        ("ZINC-micro", "ZINC-micro/raw/micro_ZINC.csv", "SMILES"),
        ("QM9-micro", "QM9-micro/raw/micro_qm9.csv", "smiles"),
    ]
    for name, rel, col in sets:
        smiles = read_rows(os.path.join(data, rel), col)
        counts, xs, eis, eas = graphs(smiles)
        np.asarray(counts, dtype=np.int32).tofile(os.path.join(out, name + ".counts"))
        np.asarray(xs, dtype=np.int8).tofile(os.path.join(out, name + ".x"))
        np.asarray(eis, dtype=np.int32).reshape(-1, 2).tofile(os.path.join(out, name + ".ei"))
        np.asarray(eas, dtype=np.int8).reshape(-1, 3).tofile(os.path.join(out, name + ".ea"))
        n = sum(c[0] for c in counts)
        e = sum(c[1] for c in counts)
        print(f"{name}: graphs {len(counts)}, nodes {n}, directed edges {e}")


if __name__ == "__main__":
    main()
