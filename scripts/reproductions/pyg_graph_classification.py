"""PyG side of REPRODUCTIONS.md: graph classification with GIN (Xu et al. 2019) on TU datasets.

Xu et al.'s protocol: 10-fold stratified cross-validation, accuracy on the held-out fold
after every epoch, the curve averaged over folds, and the epoch that maximises the mean
curve; the reported numbers are the per-fold accuracies at that single epoch. There is
no validation set in this protocol, so val_mean repeats test_mean (see the "note" key).
Prints one JSON object. The raw TU files are read from ../shared/data through a
temporary root (PyG writes processed files next to raw ones).

    nice -n 10 python scripts/reproductions/pyg_graph_classification.py --dataset MUTAG --threads 1
    nice -n 10 python scripts/reproductions/pyg_graph_classification.py --dataset PTC_MR --threads 1
    nice -n 10 python scripts/reproductions/pyg_graph_classification.py --dataset ENZYMES --threads 1

Protocol (identical on the Swift side):
- folds: sklearn StratifiedKFold(n_splits=10, shuffle=True, random_state=seed) over the
  graph labels, seed 0; fold k gets a fresh model under torch.manual_seed(10 * seed + k)
  (the same seeding also drives the training DataLoader's shuffling);
- features: x as PyG loads it (one-hot node labels; ENZYMES with use_node_attr=False,
  i.e. its 3 node-label features);
- model: L = 5 layers counting the input: 4 x GINConv(MLP Linear(in,32) -> BatchNorm1d(32)
  -> ReLU -> Linear(32,32), eps=0, train_eps=False), each followed by BatchNorm1d(32) and
  ReLU; readout score = sum_{l=0..4} dropout(Linear_l(global_add_pool(h_l)), p=0.5), h_0 = x;
- training: cross-entropy, Adam lr 0.01, no weight decay, StepLR(step_size=50, gamma=0.5)
  stepped once per epoch, 350 epochs, batch size 32, DataLoader(shuffle=True) on the 9
  training folds; after each epoch the accuracy on the held-out fold in eval mode;
- epoch_time_ms_median: median over all folds and epochs of the wall time of one training
  epoch (all batches, including batch collation), evaluation excluded.
"""
import argparse, json, os, statistics, sys, tempfile, time, warnings
warnings.filterwarnings("ignore")
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.model_selection import StratifiedKFold
from torch.nn import BatchNorm1d, Linear, ReLU, Sequential
from torch_geometric.datasets import TUDataset
from torch_geometric.loader import DataLoader
from torch_geometric.nn import GINConv, global_add_pool

SHARED = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))


class GIN(torch.nn.Module):
    def __init__(self, f, c, hidden=32, layers=5):
        super().__init__()
        self.convs, self.bns = torch.nn.ModuleList(), torch.nn.ModuleList()
        for i in range(layers - 1):
            mlp = Sequential(Linear(f if i == 0 else hidden, hidden), BatchNorm1d(hidden), ReLU(),
                             Linear(hidden, hidden))
            self.convs.append(GINConv(mlp, eps=0.0, train_eps=False))
            self.bns.append(BatchNorm1d(hidden))
        self.heads = torch.nn.ModuleList([Linear(f if i == 0 else hidden, c) for i in range(layers)])

    def forward(self, x, edge_index, batch):
        hs = [x]
        h = x
        for conv, bn in zip(self.convs, self.bns):
            h = F.relu(bn(conv(h, edge_index)))
            hs.append(h)
        score = 0
        for h, head in zip(hs, self.heads):
            score = score + F.dropout(head(global_add_pool(h, batch)), 0.5, self.training)
        return score


def run_fold(ds, train_idx, test_idx, fold_seed, epochs, batch_size):
    torch.manual_seed(fold_seed)
    model = GIN(ds.num_features, ds.num_classes)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=50, gamma=0.5)
    train_loader = DataLoader(ds[torch.as_tensor(train_idx)], batch_size=batch_size, shuffle=True)
    test_loader = DataLoader(ds[torch.as_tensor(test_idx)], batch_size=batch_size, shuffle=False)
    curve, times = [], []
    for _ in range(epochs):
        t0 = time.perf_counter()
        model.train()
        for b in train_loader:
            opt.zero_grad()
            F.cross_entropy(model(b.x, b.edge_index, b.batch), b.y).backward()
            opt.step()
        sched.step()
        times.append((time.perf_counter() - t0) * 1000)
        model.eval()
        correct = 0
        with torch.no_grad():
            for b in test_loader:
                correct += int((model(b.x, b.edge_index, b.batch).argmax(1) == b.y).sum())
        curve.append(correct / len(test_idx))
    return curve, times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="MUTAG")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=350)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as root:
        raw = os.path.join(root, args.dataset, "raw")
        os.makedirs(raw)
        src = os.path.join(SHARED, args.dataset, "raw")
        for f in os.listdir(src):
            os.symlink(os.path.join(src, f), os.path.join(raw, f))
        ds = TUDataset(root, args.dataset, use_node_attr=False)
        y = ds.y.numpy()
        skf = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=args.seed)
        curves, times = [], []
        for k, (tr, te) in enumerate(skf.split(np.zeros(len(y)), y)):
            c, t = run_fold(ds, tr, te, 10 * args.seed + k, args.epochs, args.batch_size)
            curves.append(c)
            times.extend(t)
            # progress on stderr, one line per finished fold (stdout keeps the single JSON object)
            print(json.dumps({"fold": k, "curve": [round(v * 100, 2) for v in c],
                              "epoch_time_ms_median": round(statistics.median(t), 3)}), file=sys.stderr, flush=True)
    curves = np.array(curves) * 100
    mean_curve = curves.mean(0)
    best = int(np.argmax(mean_curve))  # first maximum on ties
    tests = [float(v) for v in curves[:, best]]
    print(json.dumps({
        "framework": "pyg", "torch": torch.__version__, "dataset": args.dataset, "model": "gin",
        "seeds": 1, "folds": args.folds, "epochs": args.epochs, "metric": "accuracy",
        "test": [round(t, 2) for t in tests],
        "test_mean": round(statistics.mean(tests), 2), "test_std": round(statistics.pstdev(tests), 2),
        "val_mean": round(statistics.mean(tests), 2),
        "best_epoch": best + 1,
        "note": "Xu et al. 10-fold CV protocol: no validation set; epoch = argmax of the fold-mean test curve, val_mean = test_mean",
        "epoch_time_ms_median": round(statistics.median(times), 3),
    }))


if __name__ == "__main__":
    main()
