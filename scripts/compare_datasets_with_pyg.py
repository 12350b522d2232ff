"""Loads every dataset of ../shared/data with PyTorch Geometric and with
`swiftgnn info --json`, and prints their counts side by side.

PyG writes processed files next to the raw ones, so this links the raw files into a
temporary root laid out the way each PyG class expects. Needs torch and
torch_geometric (`make fixtures` venv, or any venv with them) and a release build:

    swift build -c release --product swiftgnn
    python scripts/compare_datasets_with_pyg.py [--swiftgnn .build/release/swiftgnn]

Exit status 1 when any count differs.
"""
import argparse, json, os, subprocess, sys, tempfile, warnings
warnings.filterwarnings("ignore")
import torch_geometric.datasets as D

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))


def link_raw(root, shared_folder, pyg_folder, raw_sub="raw", files=None):
    src = os.path.join(SHARED, shared_folder, "raw")
    dst = os.path.join(root, pyg_folder, raw_sub)
    os.makedirs(dst, exist_ok=True)
    for f in files or os.listdir(src):
        os.symlink(os.path.join(src, f), os.path.join(dst, f))


def pyg_counts(name, root):
    """(dataset object, graph-level?) for the SwiftGNN catalog name `name`."""
    if name in ("Cora", "CiteSeer"):
        link_raw(root, name, name)
        return D.Planetoid(root, name), False
    if name in ("MUTAG", "ENZYMES", "PTC_MR", "IMDB-BINARY"):
        link_raw(root, name, name)
        return D.TUDataset(root, name), True
    if name == "AmazonPhoto":
        link_raw(root, name, "Photo")
        return D.Amazon(root, "Photo"), False
    if name == "CoauthorCS":
        link_raw(root, name, "CS")
        return D.Coauthor(root, "CS"), False
    if name in ("Cornell", "Texas", "Wisconsin"):
        link_raw(root, name, name.lower())
        return D.WebKB(root, name), False
    if name in ("minesweeper", "tolokers"):
        os.makedirs(os.path.join(root, name, "raw"), exist_ok=True)
        os.symlink(os.path.join(SHARED, "heterophilous", "raw", f"{name}.npz"),
                   os.path.join(root, name, "raw", f"{name}.npz"))
        return D.HeterophilousGraphDataset(root, name.capitalize()), False
    return None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--swiftgnn", default=os.path.join(HERE, "..", ".build", "release", "swiftgnn"))
    args = ap.parse_args()
    names = ["Cora", "CiteSeer", "MUTAG", "ENZYMES", "PTC_MR", "IMDB-BINARY", "AmazonPhoto",
             "CoauthorCS", "Cornell", "Texas", "Wisconsin", "minesweeper", "tolokers"]
    keys = ["graphs", "nodes", "edges", "features", "classes"]
    bad = 0
    print(f"{'dataset':<12} " + "  ".join(f"{k:>17}" for k in keys))
    for name in names:
        with tempfile.TemporaryDirectory() as root:
            ds, graph_level = pyg_counts(name, root)
            pyg = {
                "graphs": len(ds) if graph_level else None,
                "nodes": sum(d.num_nodes for d in ds),
                "edges": sum(d.num_edges for d in ds),
                "features": ds.num_node_features,
                "classes": ds.num_classes,
            }
        out = subprocess.run([args.swiftgnn, "info", "--dataset", name, "--data-dir", SHARED, "--offline", "--json"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{name:<12} swiftgnn failed: {out.stderr.strip()}")
            bad += 1
            continue
        ours = json.loads(out.stdout)
        cells = []
        for k in keys:
            a, b = ours.get(k), pyg[k]
            mark = "" if a == b else " *"
            bad += a != b
            cells.append(f"{str(a) + ' / ' + str(b) + mark:>17}")
        print(f"{name:<12} " + "  ".join(cells))
    print("(SwiftGNN / PyG; * marks a difference)")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
