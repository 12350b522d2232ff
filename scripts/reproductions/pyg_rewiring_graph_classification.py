"""PyG side of REPRODUCTIONS.md: the hold-out graph-classification protocol of Karhadkar
et al.'s FoSR code, which Black et al. (2023, Table 1) use, with GCN and no rewiring.

    nice -n 10 python scripts/reproductions/pyg_rewiring_graph_classification.py --dataset MUTAG --trials 10 --threads 1

Protocol (the same as `swiftgnn train --protocol holdout`):
- x as PyG's TUDataset loads it (use_node_attr=False); featureless datasets
  (IMDB-BINARY, REDDIT-BINARY, COLLAB) get x = ones(n, 1);
- per trial: torch.manual_seed(trial); random_split sizes int(0.8 n), int(0.1 n), rest;
- model: GCNConv [in, 64, 64, 64, 64, C], ReLU then dropout 0.5 after every conv but
  the last, global_mean_pool of the last conv's output = logits;
- Adam lr 1e-3 (no weight decay), batch 64 shuffled, ReduceLROnPlateau() defaults
  stepped every epoch on the sum of the batch losses;
- every epoch train / validation / test accuracy (eval mode); a validation accuracy
  above the goal resets the counter and sets goal = acc * 1.01, else the counter grows;
  stop when it exceeds 100; reported: the LAST epoch's accuracies;
- summary: mean x 100 and plus/minus = 2 std / sqrt(T) x 100 (numpy std, ddof 0).
With --digl-eps EPS each graph is first replaced by DIGL's edge set as the FoSR code
builds it (`digl.rewire(graph, alpha=0.1, eps=EPS)`): S = alpha (I - (1 - alpha) T)^-1
with T = D^-1/2 (A + I) D^-1/2, every pair with S_ij >= EPS becomes an edge (diagonal
included; GCNConv's remaining self loops make that the same as without), and the
diffusion weights are dropped, as there.
With --edges-csv FILE each graph's edges are replaced by FILE's, the CSV that `swiftgnn
rewire --method M ... --out FILE` writes (graph,source,target,relation,weight): PyG then
trains on exactly the graphs SwiftGNN rewired, whatever the method.
With --digl-eps EPS --check-edges FILE it trains nothing: it compares those edge sets,
graph by graph, with FILE, the CSV of `swiftgnn rewire --method digl --alpha 0.1 --eps EPS
--out FILE` (self loops left out on both sides), and prints the counts.
Prints one JSON object on stdout; one line per trial on stderr.
"""
import argparse, json, os, sys, tempfile, warnings
warnings.filterwarnings("ignore")
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import random_split
from torch_geometric.datasets import TUDataset
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GCNConv, global_mean_pool

SHARED = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))


class Net(torch.nn.Module):
    def __init__(self, f, c, hidden=64, hidden_layers=4, dropout=0.5):
        super().__init__()
        sizes = [f] + [hidden] * hidden_layers + [c]
        self.convs = torch.nn.ModuleList([GCNConv(i, o) for i, o in zip(sizes[:-1], sizes[1:])])
        self.p = dropout

    def forward(self, b):
        h = b.x
        for k, conv in enumerate(self.convs):
            h = conv(h, b.edge_index)
            if k < len(self.convs) - 1:
                h = F.dropout(F.relu(h), self.p, self.training)
        return global_mean_pool(h, b.batch)


def digl_edges(g, alpha, eps):
    """The FoSR code's DIGL edge set of one graph: exact PPR diffusion, entries >= eps."""
    n = g.num_nodes
    a = np.zeros((n, n))
    a[g.edge_index[0].numpy(), g.edge_index[1].numpy()] = 1.0
    a += np.eye(n)
    d = np.diag(1 / np.sqrt(a.sum(axis=1)))
    s = alpha * np.linalg.inv(np.eye(n) - (1 - alpha) * (d @ a @ d))
    i, j = np.nonzero(s >= eps)
    return torch.tensor(np.stack([i, j]), dtype=torch.long)


def accuracy(model, loader):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for b in loader:
            correct += int((model(b).argmax(1) == b.y).sum())
            total += b.num_graphs
    return correct / total


def trial(graphs, f, c, seed, patience, threshold):
    torch.manual_seed(seed)
    n = len(graphs)
    a, v = int(0.8 * n), int(0.1 * n)
    train, val, test = random_split(graphs, [a, v, n - a - v])
    model = Net(f, c)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt)
    loaders = [DataLoader(s, batch_size=64, shuffle=True) for s in (train, val, test)]
    goal, counter, epoch = 0.0, 0, 0
    best = (-1.0, 0, 0.0)
    while True:
        epoch += 1
        model.train()
        total = 0.0
        for b in loaders[0]:
            opt.zero_grad()
            loss = F.cross_entropy(model(b), b.y)
            loss.backward()
            opt.step()
            total += float(loss)
        sched.step(total)
        tr, va, te = (accuracy(model, l) for l in loaders)
        if va > best[0]:
            best = (va, epoch, te)
        if va > goal:
            counter, goal = 0, va * threshold
        else:
            counter += 1
        if counter > patience:
            return {"epochs": epoch, "train": tr, "val": va, "test": te, "best_val_epoch": best[1],
                    "test_at_best_val": best[2]}


def read_edges(path):
    """{graph: {(source, target)}} from a swiftgnn rewire CSV."""
    import csv
    edges = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            edges.setdefault(int(row["graph"]), set()).add((int(row["source"]), int(row["target"])))
    return edges


def check_edges(graphs, path):
    """Compares the graphs' edge sets (self loops left out) with a swiftgnn rewire CSV."""
    ours = read_edges(path)
    differing, total = [], 0
    for k, g in enumerate(graphs):
        ref = {(int(i), int(j)) for i, j in g.edge_index.t().tolist() if i != j}
        total += len(ref)
        if ref != ours.get(k, set()):
            differing.append(k)
    print(json.dumps({"graphs": len(graphs), "directed_edges_reference": total,
                      "directed_edges_swiftgnn": sum(len(v) for v in ours.values()),
                      "graphs_differing": differing[:20], "count_differing": len(differing)}))
    return 1 if differing else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="MUTAG")
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--patience", type=int, default=100)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--digl-eps", type=float, default=None, help="rewire with DIGL (alpha 0.1) at this threshold")
    ap.add_argument("--check-edges", default=None, help="with --digl-eps: compare with this swiftgnn rewire CSV")
    ap.add_argument("--edges-csv", default=None, help="train on the edges of this swiftgnn rewire CSV")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as root:
        raw = os.path.join(root, args.dataset, "raw")
        os.makedirs(raw)
        src = os.path.join(SHARED, args.dataset, "raw")
        for f in os.listdir(src):
            os.symlink(os.path.join(src, f), os.path.join(raw, f))
        ds = TUDataset(root, args.dataset, use_node_attr=False)
        graphs = list(ds)
    if graphs[0].x is None:
        for g in graphs:
            g.x = torch.ones((g.num_nodes, 1))
    if args.digl_eps is not None:
        for g in graphs:
            g.edge_index = digl_edges(g, 0.1, args.digl_eps)
    if args.check_edges:
        return check_edges(graphs, args.check_edges)
    if args.edges_csv:
        edges = read_edges(args.edges_csv)
        for k, g in enumerate(graphs):
            pairs = sorted(edges.get(k, set()))
            g.edge_index = torch.tensor(pairs, dtype=torch.long).t().reshape(2, -1)
    f, c = graphs[0].x.shape[1], int(max(int(g.y) for g in graphs)) + 1
    runs = []
    for t in range(args.trials):
        r = trial(graphs, f, c, args.first_seed + t, args.patience, 1.01)
        runs.append(r)
        print(json.dumps({"trial": args.first_seed + t, **r}), file=sys.stderr, flush=True)
    test = np.array([r["test"] for r in runs])
    best = np.array([r["test_at_best_val"] for r in runs])
    T = len(runs)
    print(json.dumps({
        "framework": "pyg", "torch": torch.__version__, "dataset": args.dataset, "model": "gcn",
        "rewiring": (f"edges of {os.path.basename(args.edges_csv)}" if args.edges_csv else
                     "none" if args.digl_eps is None else f"digl alpha 0.1 eps {args.digl_eps}"), "trials": T,
        "test_mean": round(100 * float(test.mean()), 2), "test_plus_minus": round(200 * float(test.std()) / T ** 0.5, 2),
        "test_std": round(100 * float(test.std()), 2),
        "test_mean_at_best_validation": round(100 * float(best.mean()), 2),
        "epochs": [r["epochs"] for r in runs],
    }))


if __name__ == "__main__":
    sys.exit(main())
