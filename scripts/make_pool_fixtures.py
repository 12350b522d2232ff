#!/usr/bin/env python3
"""Golden fixtures for MessagePassing's pooling and normalisation modules.

Run by hand with PyTorch Geometric installed:

    /work/venv/bin/python scripts/make_pool_fixtures.py

Writes Tests/MessagePassingTests/Fixtures/pool/pool_golden.json: for each case the
inputs, the module's parameters (under their PyG state-dict names), the output, a
fixed random projection R and the gradients of sum(out * R) with respect to every
input and parameter. Computed in float64 so the Swift float32 results are compared
against exact references.

The batch: three small graphs with 4, 1 and 3 nodes (the middle one a single node);
the global-pooling cases also use a batch vector with an empty graph in the middle.
"""
import json
import os

import torch
from torch_geometric.nn import (GraphNorm, JumpingKnowledge, TopKPooling, global_add_pool,
                                global_max_pool, global_mean_pool)
from torch_geometric.nn.aggr import AttentionalAggregation, Set2Set

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "MessagePassingTests", "Fixtures", "pool")

SIZES = [4, 1, 3]
BATCH = torch.tensor([0, 0, 0, 0, 1, 2, 2, 2])
PTR = [0, 4, 5, 8]
# Graph 0: a 4-cycle (both directions) plus a chord; graph 1: a self-loop; graph 2: a path.
EDGES = [(0, 1), (1, 0), (1, 2), (2, 1), (2, 3), (3, 2), (3, 0), (0, 3), (0, 2),
         (4, 4), (5, 6), (6, 5), (6, 7), (7, 6)]
EDGE_INDEX = torch.tensor(EDGES).t().contiguous()
F = 3


def t(x):
    x = x.detach()
    return {"shape": list(x.shape), "values": [float(v) for v in x.reshape(-1).tolist()]}


def ints(x):
    return [int(v) for v in x.reshape(-1).tolist()]


def features(seed, n=8, f=F):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, f, generator=g).requires_grad_()


def finish(out, inputs, module=None, seed=99, extra=None):
    """Backward of sum(out * R); returns the case dictionary."""
    g = torch.Generator().manual_seed(seed)
    r = torch.randn(out.shape, generator=g)
    (out * r).sum().backward()
    case = {"inputs": {k: t(v) for k, v in inputs.items()},
            "output": t(out), "R": t(r),
            "grads": {k: t(v.grad) for k, v in inputs.items()}}
    if module is not None:
        case["params"] = {k: t(v) for k, v in module.state_dict().items()}
        case["param_grads"] = {k: t(v.grad) for k, v in module.named_parameters()}
    if extra:
        case.update(extra)
    return case


def global_pools(cases):
    for name, fn in [("add", global_add_pool), ("mean", global_mean_pool), ("max", global_max_pool)]:
        x = features(1)
        cases[f"global_{name}"] = finish(fn(x, BATCH, 3), {"x": x}, seed=10)
        # An empty graph in the middle (graph 1 of 4) and an empty trailing graph.
        x = features(2)
        batch = torch.tensor([0, 0, 0, 0, 2, 3, 3, 3])
        cases[f"global_{name}_empty"] = finish(fn(x, batch, 5), {"x": x}, seed=11,
                                               extra={"batch": ints(batch), "size": 5})


def graph_norm(cases):
    torch.manual_seed(3)
    norm = GraphNorm(F)
    with torch.no_grad():
        norm.weight.uniform_(0.5, 1.5)
        norm.bias.uniform_(-0.5, 0.5)
        norm.mean_scale.uniform_(0.2, 1.2)
    x = features(4)
    cases["graph_norm"] = finish(norm(x, BATCH, 3), {"x": x}, norm, seed=12)


def attentional(cases):
    torch.manual_seed(5)
    gate = torch.nn.Linear(F, 1)
    aggr = AttentionalAggregation(gate_nn=gate)
    x = features(6)
    cases["attentional_gate"] = finish(aggr(x, BATCH, dim_size=3), {"x": x}, aggr, seed=13)
    torch.manual_seed(7)
    aggr = AttentionalAggregation(gate_nn=torch.nn.Linear(F, 4), nn=torch.nn.Linear(F, 4))
    x = features(8)
    cases["attentional_gate_nn"] = finish(aggr(x, BATCH, dim_size=3), {"x": x}, aggr, seed=14)


def set2set(cases):
    torch.manual_seed(9)
    aggr = Set2Set(F, processing_steps=3)
    x = features(10)
    cases["set2set"] = finish(aggr(x, BATCH, dim_size=3), {"x": x}, aggr, seed=15,
                              extra={"processing_steps": 3})


def lstm_cell(cases):
    torch.manual_seed(11)
    lstm = torch.nn.LSTM(4, 3)
    x = torch.randn(1, 5, 4).requires_grad_()
    h0 = torch.randn(1, 5, 3).requires_grad_()
    c0 = torch.randn(1, 5, 3).requires_grad_()
    out, (h, c) = lstm(x, (h0, c0))
    cases["lstm_cell"] = finish(torch.cat([h, c], dim=-1)[0], {"x": x, "h0": h0, "c0": c0}, lstm, seed=16)


def jumping(cases):
    for mode in ["cat", "max"]:
        jk = JumpingKnowledge(mode)
        xs = [features(20 + i, f=4) for i in range(3)]
        cases[f"jk_{mode}"] = finish(jk(xs), {f"x{i}": x for i, x in enumerate(xs)}, seed=17)
    torch.manual_seed(19)
    jk = JumpingKnowledge("lstm", channels=4, num_layers=3)
    xs = [features(40 + i, f=4) for i in range(3)]
    cases["jk_lstm"] = finish(jk(xs), {f"x{i}": x for i, x in enumerate(xs)}, jk, seed=17)


def topk(cases):
    for name, ratio, seed in [("topk_half", 0.5, 13), ("topk_int2", 2, 14), ("topk_0.3", 0.3, 15)]:
        torch.manual_seed(seed)
        pool = TopKPooling(F, ratio=ratio)
        x = features(30 + seed)
        edge_attr = torch.arange(len(EDGES), dtype=torch.float64).view(-1, 1)
        out, ei, ea, batch, perm, score = pool(x, EDGE_INDEX, edge_attr, BATCH)
        extra = {"ratio": ratio, "edge_index": [ints(ei[0]), ints(ei[1])],
                 "kept_edges": ints(ea.view(-1).long()), "new_batch": ints(batch),
                 "perm": ints(perm), "score": t(score)}
        cases[name] = finish(out, {"x": x}, pool, seed=18, extra=extra)


def main():
    cases = {}
    global_pools(cases)
    graph_norm(cases)
    attentional(cases)
    set2set(cases)
    lstm_cell(cases)
    jumping(cases)
    topk(cases)
    os.makedirs(OUT, exist_ok=True)
    doc = {"sizes": SIZES, "batch": ints(BATCH), "ptr": PTR,
           "edge_index": [ints(EDGE_INDEX[0]), ints(EDGE_INDEX[1])], "cases": cases}
    path = os.path.join(OUT, "pool_golden.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"wrote {path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
