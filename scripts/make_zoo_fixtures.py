#!/usr/bin/env python3
"""Golden fixtures for MessagePassing's layer zoo, graph norms and virtual node.

Run by hand with PyTorch Geometric 2.8.1 installed:

    /work/venv/bin/python scripts/make_zoo_fixtures.py

Writes Tests/MessagePassingTests/Fixtures/zoo/zoo_golden.json. Each case holds the
inputs, the module's state dict (PyG names; int64 buffers as floats), the output of
the module (eval mode unless the case says "train"), a fixed random projection R and
the gradients of sum(out * R) with respect to every input and parameter, in float64.

The graph: four graphs of 4, 1, 3 and 1 nodes (9 nodes); graph 1 is a node with a
self loop, graph 3 an isolated node (no incoming edge: every aggregation gives 0).
"""
import json
import os

import torch
from torch import nn
from torch_geometric.nn import (EdgeConv, GatedGraphConv, GCN2Conv, NNConv, PNAConv,
                                global_add_pool)
from torch_geometric.nn.norm import BatchNorm, LayerNorm
from torch_geometric.utils import degree

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "MessagePassingTests", "Fixtures", "zoo")

SIZES = [4, 1, 3, 1]
N = sum(SIZES)
BATCH = torch.tensor([0, 0, 0, 0, 1, 2, 2, 2, 3])
EDGES = [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2), (3, 0), (0, 3), (0, 2),
         (4, 4), (5, 6), (6, 5), (6, 7), (7, 6)]
EDGE_INDEX = torch.tensor(EDGES).t().contiguous()
E = len(EDGES)


def t(x):
    x = x.detach().to(torch.float64)
    return {"shape": list(x.shape), "values": [float(f"{v:.9g}") for v in x.reshape(-1).tolist()]}


def rand(seed, *shape, low=-1.0, high=1.0):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(*shape, generator=g) * (high - low) + low).requires_grad_()


def perturb(module, seed, scale=0.3):
    """Moves every parameter off its initial value (zero biases would hide bugs)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.add_(scale * torch.randn(p.shape, generator=g))


def finish(out, inputs, module, seed, config=None):
    g = torch.Generator().manual_seed(seed)
    r = torch.randn(out.shape, generator=g)
    module.zero_grad()
    (out * r).sum().backward()
    return {"inputs": {k: t(v) for k, v in inputs.items()},
            "params": {k: t(v) for k, v in module.state_dict().items()},
            "output": t(out), "R": t(r),
            "grads": {k: t(v.grad) for k, v in inputs.items()},
            "param_grads": {k: t(v.grad) if v.grad is not None else t(torch.zeros_like(v))
                            for k, v in module.named_parameters()},
            "config": config or {}}


def gcn2(cases):
    for name, kw, weighted in [("gcn2_shared", dict(alpha=0.2, theta=0.5, layer=2), False),
                               ("gcn2_separate", dict(alpha=0.3, theta=1.0, layer=3, shared_weights=False), True),
                               ("gcn2_unnormalized", dict(alpha=0.1, shared_weights=False, normalize=False), True)]:
        torch.manual_seed(1)
        conv = GCN2Conv(3, **kw)
        perturb(conv, 2)
        conv.eval()
        x, x0 = rand(3, N, 3), rand(4, N, 3)
        inputs = {"x": x, "x0": x0}
        ew = None
        if weighted:
            ew = rand(5, E, low=0.5, high=1.5)
            inputs["edge_weight"] = ew
        out = conv(x, x0, EDGE_INDEX, ew)
        cases[name] = finish(out, inputs, conv, 6, {"alpha": kw["alpha"], "beta": conv.beta})


def gated(cases):
    for name, weighted, aggr in [("gated", False, "add"), ("gated_weighted_mean", True, "mean")]:
        torch.manual_seed(7)
        conv = GatedGraphConv(4, num_layers=2, aggr=aggr)
        perturb(conv, 8)
        conv.eval()
        x = rand(9, N, 3)
        inputs = {"x": x}
        ew = None
        if weighted:
            ew = rand(10, E, low=0.5, high=1.5)
            inputs["edge_weight"] = ew
        cases[name] = finish(conv(x, EDGE_INDEX, ew), inputs, conv, 11)


def nnconv(cases):
    for name, aggr, root in [("nnconv_add", "add", True), ("nnconv_mean_noroot", "mean", False)]:
        torch.manual_seed(12)
        edge_nn = nn.Sequential(nn.Linear(2, 5), nn.ReLU(), nn.Linear(5, 3 * 2))
        conv = NNConv(3, 2, edge_nn, aggr=aggr, root_weight=root)
        perturb(conv, 13)
        conv.eval()
        x, ea = rand(14, N, 3), rand(15, E, 2)
        cases[name] = finish(conv(x, EDGE_INDEX, ea), {"x": x, "edge_attr": ea}, conv, 16)


def edgeconv(cases):
    torch.manual_seed(17)
    conv = EdgeConv(nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 4)))
    perturb(conv, 18)
    conv.eval()
    x = rand(19, N, 3)
    cases["edgeconv"] = finish(conv(x, EDGE_INDEX), {"x": x}, conv, 20)


def pna(cases):
    deg = degree(EDGE_INDEX[1], N, dtype=torch.long)
    hist = torch.bincount(deg)
    for name, kw, with_edges in [
            ("pna_towers_edges", dict(towers=2), True),
            ("pna_divide_deep", dict(towers=2, divide_input=True, pre_layers=2, post_layers=2), False)]:
        torch.manual_seed(21)
        scalers = ["identity", "amplification", "attenuation"]
        if not with_edges:
            scalers += ["linear", "inverse_linear"]
        conv = PNAConv(4, 6, ["mean", "min", "max", "std"], scalers, hist,
                       edge_dim=2 if with_edges else None, **kw)
        perturb(conv, 22)
        conv.eval()
        x = rand(23, N, 4)
        inputs = {"x": x}
        ea = None
        if with_edges:
            ea = rand(24, E, 2)
            inputs["edge_attr"] = ea
        cases[name] = finish(conv(x, EDGE_INDEX, ea), inputs, conv, 25,
                             {"deg": [int(v) for v in hist.tolist()], "scalers": scalers})


def norms(cases):
    for name, mode, batched in [("layer_norm_graph", "graph", True), ("layer_norm_graph_nobatch", "graph", False),
                                ("layer_norm_node", "node", True)]:
        norm = LayerNorm(3, mode=mode)
        perturb(norm, 30)
        x = rand(31, N, 3, low=-2, high=2)
        out = norm(x, BATCH if batched else None)
        cases[name] = finish(out, {"x": x}, norm, 32)
    # BatchNorm: training (batch statistics, running stats updated) and evaluation.
    norm = BatchNorm(3)
    perturb(norm, 33)
    x = rand(34, N, 3, low=-2, high=2)
    case = finish(norm(x), {"x": x}, norm, 35)
    case["params"] = {k: t(v) for k, v in BatchNorm(3).state_dict().items()}
    case["params"].update({k: t(v) for k, v in norm.named_parameters()})
    case["running"] = {k: t(v) for k, v in norm.state_dict().items()}
    cases["batch_norm_train"] = case
    norm.eval()
    with torch.no_grad():
        norm.module.running_var.uniform_(0.5, 2)
    x = rand(36, N, 3, low=-2, high=2)
    cases["batch_norm_eval"] = finish(norm(x), {"x": x}, norm, 37)
    # A single node in training with allow_single_element uses the running statistics.
    norm.train()
    norm.allow_single_element = True
    x = rand(38, 1, 3)
    cases["batch_norm_single"] = finish(norm(x), {"x": x}, norm, 39)


class VirtualNodeRef(nn.Module):
    """OGB's GNN_node_Virtualnode virtual-node parts (examples/graphproppred/mol/conv.py)."""

    def __init__(self, dim, num_layers):
        super().__init__()
        self.virtualnode_embedding = nn.Embedding(1, dim)
        nn.init.constant_(self.virtualnode_embedding.weight.data, 0)
        self.mlp_virtualnode_list = nn.ModuleList([
            nn.Sequential(nn.Linear(dim, 2 * dim), nn.BatchNorm1d(2 * dim), nn.ReLU(),
                          nn.Linear(2 * dim, dim), nn.BatchNorm1d(dim), nn.ReLU())
            for _ in range(num_layers - 1)])


class VirtualNodeModel(nn.Module):
    """A stack of tanh(Linear) layers with OGB's virtual node in between."""

    def __init__(self, dim, num_layers, residual):
        super().__init__()
        self.vn = VirtualNodeRef(dim, num_layers)
        self.lins = nn.ModuleList([nn.Linear(dim, dim) for _ in range(num_layers)])
        self.residual = residual

    def forward(self, x, batch):
        vn = self.vn.virtualnode_embedding(torch.zeros(int(batch[-1]) + 1, dtype=torch.long))
        h = x
        for layer, lin in enumerate(self.lins):
            h_in = h + vn[batch]
            h = torch.tanh(lin(h_in))
            if layer < len(self.lins) - 1:
                temp = global_add_pool(h_in, batch) + vn
                update = self.vn.mlp_virtualnode_list[layer](temp)
                vn = vn + update if self.residual else update
        return torch.cat([h, vn[batch]], dim=1)


def virtual_node(cases):
    for name, residual, train in [("virtual_node_train", False, True), ("virtual_node_residual_train", True, True),
                                  ("virtual_node_eval", False, False)]:
        torch.manual_seed(40)
        model = VirtualNodeModel(3, 3, residual)
        if train:
            perturb(model.lins, 41)
            perturb(model.vn.mlp_virtualnode_list, 42)
        else:
            perturb(model, 41)
            with torch.no_grad():
                for m in model.modules():
                    if isinstance(m, nn.BatchNorm1d):
                        m.running_mean.uniform_(-0.5, 0.5)
                        m.running_var.uniform_(0.5, 2)
            model.eval()
        params = {k: t(v) for k, v in model.state_dict().items()}
        x = rand(43, N, 3)
        case = finish(model(x, BATCH), {"x": x}, model, 44, {"residual": residual, "train": train})
        case["params"] = params
        if train:
            case["running"] = {k: t(v) for k, v in model.state_dict().items()}
        cases[name] = case


def main():
    cases = {}
    gcn2(cases)
    gated(cases)
    nnconv(cases)
    edgeconv(cases)
    pna(cases)
    norms(cases)
    virtual_node(cases)
    os.makedirs(OUT, exist_ok=True)
    golden = {"sizes": SIZES, "batch": BATCH.tolist(), "edge_index": EDGE_INDEX.tolist(), "cases": cases}
    with open(os.path.join(OUT, "zoo_golden.json"), "w") as f:
        json.dump(golden, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
