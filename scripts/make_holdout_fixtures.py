"""Fixtures for Tests/TrainingTests/GraphHoldoutGoldenTests.swift: the graph-level model of
Karhadkar et al.'s FoSR code (models/graph_model.py: convs [in, h, h, C], ReLU and dropout
between, global_mean_pool of the last conv) rebuilt with PyG 2.8.1, GCNConv and RGCNConv
(2 relations), on a batch of two small graphs, in eval mode. Writes the batch, the state
dict under SwiftGNN's names (body.convs.<l>.*), the output [2, C] and the gradients of
sum(out * R) for every parameter.

    /work/venv/bin/python scripts/make_holdout_fixtures.py
"""
import json, os
import torch
import torch.nn.functional as F
from torch_geometric.nn import GCNConv, RGCNConv, global_mean_pool

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "TrainingTests", "Fixtures", "holdout")


class Net(torch.nn.Module):
    def __init__(self, sizes, relational):
        super().__init__()
        self.relational = relational
        self.convs = torch.nn.ModuleList(
            [RGCNConv(i, o, 2) if relational else GCNConv(i, o) for i, o in zip(sizes[:-1], sizes[1:])])

    def forward(self, x, edge_index, edge_type, batch):
        h = x
        for k, conv in enumerate(self.convs):
            h = conv(h, edge_index, edge_type) if self.relational else conv(h, edge_index)
            if k < len(self.convs) - 1:
                h = F.dropout(F.relu(h), 0.5, self.training)
        return global_mean_pool(h, batch)


def main():
    torch.manual_seed(0)
    # graph 0: ring of 4 (both directions); graph 1: path of 3; one added edge 0-2 in graph 0.
    src = [0, 1, 1, 2, 2, 3, 3, 0, 0, 2, 4, 5, 5, 6]
    dst = [1, 0, 2, 1, 3, 2, 0, 3, 2, 0, 5, 4, 6, 5]
    edge_type = [0] * 8 + [1, 1] + [0] * 4
    batch = [0, 0, 0, 0, 1, 1, 1]
    x = torch.randn(7, 3)
    ei = torch.tensor([src, dst])
    et = torch.tensor(edge_type)
    b = torch.tensor(batch)
    for name, relational in [("gcn", False), ("rgcn", True)]:
        net = Net([3, 5, 5, 2], relational)
        for p in net.parameters():  # non-zero biases so they are tested
            with torch.no_grad():
                p.add_(0.1 * torch.randn_like(p))
        net.eval()
        out = net(x, ei, et, b)
        R = torch.randn_like(out)
        (out * R).sum().backward()
        state = {"body." + k: v.detach().tolist() for k, v in net.state_dict().items()}
        grads = {"body." + k: p.grad.tolist() for k, p in net.named_parameters()}
        fixture = {"x": x.tolist(), "source": src, "target": dst, "edge_type": edge_type, "ptr": [0, 4, 7],
                   "state": state, "shapes": {k: list(v.shape) for k, v in net.state_dict().items()},
                   "out": out.tolist(), "R": R.tolist(), "grads": grads}
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump(fixture, f)
        print(name, list(state))


if __name__ == "__main__":
    main()
