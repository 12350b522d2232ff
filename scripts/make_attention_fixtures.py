#!/usr/bin/env python3
"""Golden fixtures for the attention layers (GATConv, GATv2Conv, TransformerConv,
ResGatedGraphConv) from PyTorch Geometric 2.8.1.

Run by hand:  /work/venv/bin/python scripts/make_attention_fixtures.py
Writes Tests/MessagePassingTests/Fixtures/attention/<name>.json, one per layer config:

  config      constructor arguments (the Swift test builds the layer from them)
  num_nodes, source, target      the input graph (edge order)
  tensors     {name: {"shape": [...], "data": [...]}} with
              x, edge_attr (when used), R (the output weights), out (eval mode),
              x_dst (separate target features, with a tuple in_channels),
              param.<state-dict name>, grad.x, grad.x_dst, grad.edge_attr, grad.<parameter name>
              (gradients of sum(out * R)), att.weights (return_attention_weights)
  att_source, att_target         the edges the attention weights belong to

The graph has 7 nodes and 16 edges: a self loop (3 -> 3), a repeated edge (2 -> 5 twice)
and a node without incoming edges (6). The reference runs in float64 (module.double()),
so the Swift float32 results are compared with an exact reference.
"""
import json
import os

import torch
from torch_geometric.nn import GATConv, GATv2Conv, ResGatedGraphConv, TransformerConv

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "MessagePassingTests", "Fixtures", "attention")

EDGES = [(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (3, 3), (4, 0), (0, 4),
         (4, 5), (5, 4), (1, 4), (3, 2), (5, 1), (2, 5), (2, 5), (6, 0)]
N, IN, D = 7, 3, 2

CONFIGS = [
    ("gat_default", GATConv, dict(in_channels=IN, out_channels=2, heads=2), False),
    ("gat_edge_mean_residual", GATConv,
     dict(in_channels=IN, out_channels=2, heads=2, concat=False, negative_slope=0.1, edge_dim=D, residual=True), True),
    ("gat_edge_fill_constant", GATConv,
     dict(in_channels=IN, out_channels=3, heads=1, edge_dim=D, fill_value=0.5), True),
    ("gat_bipartite_edge", GATConv,
     dict(in_channels=(IN, 4), out_channels=2, heads=2, edge_dim=D, residual=True), True),
    ("gat_no_loops_no_bias", GATConv,
     dict(in_channels=IN, out_channels=2, heads=3, add_self_loops=False, bias=False), False),
    ("gatv2_default", GATv2Conv, dict(in_channels=IN, out_channels=2, heads=2), False),
    ("gatv2_shared_edge_residual", GATv2Conv,
     dict(in_channels=IN, out_channels=2, heads=2, concat=False, share_weights=True, edge_dim=D, residual=True), True),
    ("transformer_default", TransformerConv, dict(in_channels=IN, out_channels=2, heads=2), False),
    ("transformer_edge_beta", TransformerConv,
     dict(in_channels=IN, out_channels=2, heads=2, beta=True, edge_dim=D), True),
    ("transformer_mean_beta_edge", TransformerConv,
     dict(in_channels=IN, out_channels=3, heads=2, concat=False, beta=True, edge_dim=D), True),
    ("transformer_no_root", TransformerConv,
     dict(in_channels=IN, out_channels=2, heads=1, root_weight=False, bias=False), False),
    ("resgated_default", ResGatedGraphConv, dict(in_channels=IN, out_channels=4), False),
    ("resgated_edge_no_root", ResGatedGraphConv,
     dict(in_channels=IN, out_channels=3, edge_dim=D, root_weight=False), True),
]


def tensor(t):
    t = t.detach().to(torch.float64)
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def main():
    os.makedirs(OUT, exist_ok=True)
    edge_index = torch.tensor(EDGES, dtype=torch.long).t().contiguous()
    for seed, (name, cls, kwargs, use_edges) in enumerate(CONFIGS):
        torch.manual_seed(100 + seed)
        layer = cls(**kwargs).double().eval()
        # Non-zero biases so that their use is tested (PyG initialises some to zero).
        with torch.no_grad():
            for pname, p in layer.named_parameters():
                if pname.endswith("bias"):
                    p.uniform_(-0.5, 0.5)
        x = torch.randn(N, IN, dtype=torch.float64, requires_grad=True)
        edge_attr = torch.randn(len(EDGES), D, dtype=torch.float64, requires_grad=True) if use_edges else None
        x_dst = None
        if isinstance(kwargs["in_channels"], tuple):  # separate source / target features
            x_dst = torch.randn(N, kwargs["in_channels"][1], dtype=torch.float64, requires_grad=True)
        xs = x if x_dst is None else (x, x_dst)
        args = (xs, edge_index) if edge_attr is None else (xs, edge_index, edge_attr)
        attention = None
        if cls is ResGatedGraphConv:
            out = layer(*args)
        else:
            out, (att_index, att_weights) = layer(*args, return_attention_weights=True)
            attention = (att_index, att_weights)
        R = torch.randn(out.shape, dtype=torch.float64)
        (out * R).sum().backward()

        tensors = {"x": tensor(x), "R": tensor(R), "out": tensor(out), "grad.x": tensor(x.grad)}
        if x_dst is not None:
            tensors["x_dst"] = tensor(x_dst)
            tensors["grad.x_dst"] = tensor(x_dst.grad)
        if edge_attr is not None:
            tensors["edge_attr"] = tensor(edge_attr)
            tensors["grad.edge_attr"] = tensor(edge_attr.grad)
        state = layer.state_dict()
        shared = kwargs.get("share_weights", False)
        for key, value in state.items():
            if shared and key.startswith("lin_r."):
                continue  # the same tensor as lin_l.* (one module under two names)
            tensors["param." + key] = tensor(value)
        for pname, p in layer.named_parameters():  # deduplicated: shared weights once
            tensors["grad." + pname] = tensor(p.grad if p.grad is not None else torch.zeros_like(p))
        fixture = {"name": name, "layer": cls.__name__, "config": kwargs, "num_nodes": N,
                   "source": edge_index[0].tolist(), "target": edge_index[1].tolist(), "tensors": tensors}
        if attention is not None:
            fixture["att_source"] = attention[0][0].tolist()
            fixture["att_target"] = attention[0][1].tolist()
            tensors["att.weights"] = tensor(attention[1])
        path = os.path.join(OUT, name + ".json")
        with open(path, "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
        print(f"{path}: out {list(out.shape)}, {len(tensors)} tensors")


if __name__ == "__main__":
    main()
