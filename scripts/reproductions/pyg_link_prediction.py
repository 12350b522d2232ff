"""PyG side of REPRODUCTIONS.md: link prediction on Cora (PyG's examples/link_pred.py protocol).

Prints one JSON object: per-seed test ROC-AUC (a fraction, not percent) at the first epoch
with the best validation ROC-AUC, their mean and population std, the mean best validation
AUC and the median training-step time. The raw Planetoid files are read from
../shared/data through a temporary root (PyG writes processed files next to raw ones).

    nice -n 10 python scripts/reproductions/pyg_link_prediction.py --dataset Cora --threads 1

Protocol (identical on the Swift side), for seed s = 0..9:
- NormalizeFeatures; under torch.manual_seed(s): RandomLinkSplit(num_val=0.05,
  num_test=0.1, is_undirected=True, add_negative_train_samples=False); the model is then
  initialised and trained continuing the same random stream (no reseeding);
- encoder: GCNConv(F, 128) -> ReLU -> GCNConv(128, 64) on the train graph's edges;
  decoder: (z[src] * z[dst]).sum(-1);
- every epoch: fresh negatives negative_sampling(train edge_index, num_nodes,
  num_neg_samples = number of positive train label edges) (PyG default method "sparse"),
  BCE-with-logits over positives + negatives, Adam lr 0.01, 100 epochs;
- val / test: sklearn roc_auc_score of the sigmoid scores of the split's edge_label_index
  against edge_label, encoding with that split's own message-passing edges (eval mode);
- epoch_time_ms_median: median training-step time (zero_grad, encode, negative sampling,
  decode, loss, backward, step), evaluation excluded.
"""
import argparse, json, os, statistics, tempfile, time, warnings
warnings.filterwarnings("ignore")
import torch
import torch.nn.functional as F
import torch_geometric.transforms as T
from sklearn.metrics import roc_auc_score
from torch_geometric.datasets import Planetoid
from torch_geometric.nn import GCNConv
from torch_geometric.utils import negative_sampling

SHARED = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"))


class Net(torch.nn.Module):
    def __init__(self, f):
        super().__init__()
        self.conv1, self.conv2 = GCNConv(f, 128), GCNConv(128, 64)

    def encode(self, x, ei):
        return self.conv2(F.relu(self.conv1(x, ei)), ei)

    @staticmethod
    def decode(z, eli):
        return (z[eli[0]] * z[eli[1]]).sum(-1)


@torch.no_grad()
def auc(model, data):
    model.eval()
    z = model.encode(data.x, data.edge_index)
    out = model.decode(z, data.edge_label_index).sigmoid()
    return roc_auc_score(data.edge_label.numpy(), out.numpy())


def run(data, seed, epochs):
    torch.manual_seed(seed)
    train, val, test = T.RandomLinkSplit(num_val=0.05, num_test=0.1, is_undirected=True,
                                         add_negative_train_samples=False)(data)
    model = Net(data.num_features)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    best_val, test_at_best, times = -1.0, 0.0, []
    for _ in range(epochs):
        t0 = time.perf_counter()
        model.train()
        opt.zero_grad()
        z = model.encode(train.x, train.edge_index)
        neg = negative_sampling(edge_index=train.edge_index, num_nodes=train.num_nodes,
                                num_neg_samples=train.edge_label_index.size(1))
        eli = torch.cat([train.edge_label_index, neg], dim=-1)
        lbl = torch.cat([train.edge_label, train.edge_label.new_zeros(neg.size(1))], dim=0)
        F.binary_cross_entropy_with_logits(model.decode(z, eli), lbl).backward()
        opt.step()
        times.append((time.perf_counter() - t0) * 1000)
        v, t = auc(model, val), auc(model, test)
        if v > best_val:
            best_val, test_at_best = v, t
    return test_at_best, best_val, statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="Cora")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as root:
        raw = os.path.join(root, args.dataset, "raw")
        os.makedirs(raw)
        src = os.path.join(SHARED, args.dataset, "raw")
        for f in os.listdir(src):
            os.symlink(os.path.join(src, f), os.path.join(raw, f))
        ds = Planetoid(root, args.dataset, transform=T.NormalizeFeatures())
        data = ds[0]
        results = [run(data, s, args.epochs) for s in range(args.seeds)]
    tests = [r[0] for r in results]
    print(json.dumps({
        "framework": "pyg", "torch": torch.__version__, "dataset": args.dataset, "model": "gcn", "task": "link_prediction",
        "seeds": args.seeds, "epochs": args.epochs, "metric": "roc_auc",
        "test": [round(t, 4) for t in tests],
        "test_mean": round(statistics.mean(tests), 4), "test_std": round(statistics.pstdev(tests), 4),
        "val_mean": round(statistics.mean(r[1] for r in results), 4),
        "epoch_time_ms_median": round(statistics.median(r[2] for r in results), 3),
    }))


if __name__ == "__main__":
    main()
