"""Golden fixtures for the MessagePassing target, written with PyTorch Geometric 2.8.1.

Run by hand (CI never needs it):

    /work/venv/bin/python scripts/make_mp_fixtures.py

Writes one safetensors file per case into Tests/MessagePassingTests/Fixtures/mp/:

- inputs: `x` [N, F], `edge_index` [2, E] (int64), optional `edge_weight` [E] and
  `edge_attr` [E, D]; `R` (a fixed random tensor of the output's shape);
- `param.<name>`: the layer's state_dict (PyTorch names, buffers included);
- `out`: the layer's output; `grad.<input>` and `grad.param.<name>`: gradients of
  `loss = sum(out * R)` w.r.t. the inputs and every parameter;
- metadata `config`: JSON with the layer and its arguments (read by the Swift tests).

The graph has 7 nodes and 16 directed edges, with a self loop (3 -> 3), a duplicate
edge (2 -> 5 twice) and a node with no edges at all (6).

Aggregation cases (`aggr_*`) use random messages `x` [20, 5] and an unsorted `index`
[20] into 7 rows (rows 3 and 6 empty); the learnable softmax temperature is a param.
"""
import json
import os
import sys

import torch
import torch_geometric
from safetensors.torch import save_file
from torch.nn import Linear, ReLU, Sequential
from torch_geometric.nn import (APPNP, ChebConv, GCNConv, GINConv, GINEConv, GraphConv, SAGEConv, SGConv,
                                TAGConv, aggr)

assert torch_geometric.__version__ == "2.8.1", torch_geometric.__version__
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "MessagePassingTests", "Fixtures", "mp")

EDGES = [(0, 1), (1, 0), (1, 2), (2, 1), (2, 0), (3, 3), (4, 0), (0, 4),
         (4, 5), (5, 4), (1, 4), (3, 2), (5, 1), (2, 5), (2, 5), (0, 3)]
N, F_IN, F_OUT, D_EDGE = 7, 4, 3, 3


def graph_inputs(seed):
    g = torch.Generator().manual_seed(seed)
    edge_index = torch.tensor(EDGES, dtype=torch.long).t().contiguous()
    x = torch.randn(N, F_IN, generator=g)
    edge_weight = torch.rand(len(EDGES), generator=g) + 0.5
    edge_attr = torch.randn(len(EDGES), D_EDGE, generator=g)
    return x, edge_index, edge_weight, edge_attr


def write(name, config, tensors):
    path = os.path.join(OUT, name + ".safetensors")
    save_file({k: v.detach().contiguous() for k, v in tensors.items()}, path,
              metadata={"config": json.dumps(config, sort_keys=True)})
    return os.path.getsize(path)


def conv_case(name, config, make, call, weighted=False, with_attr=False, attr_dim=D_EDGE, seed=0):
    torch.manual_seed(seed + 100)
    layer = make()
    # Non-trivial parameters everywhere (zero biases and eps would hide mistakes).
    with torch.no_grad():
        for p_name, p in layer.named_parameters():
            if p_name.endswith("bias") or p_name == "eps":
                p.uniform_(-0.5, 0.5)
    x, edge_index, edge_weight, edge_attr = graph_inputs(seed)
    if with_attr:
        edge_attr = torch.randn(len(EDGES), attr_dim, generator=torch.Generator().manual_seed(seed + 7))
    x.requires_grad_(True)
    inputs = {"x": x, "edge_index": edge_index}
    if weighted:
        edge_weight.requires_grad_(True)
        inputs["edge_weight"] = edge_weight
    if with_attr:
        edge_attr.requires_grad_(True)
        inputs["edge_attr"] = edge_attr
    out = call(layer, x, edge_index, edge_weight if weighted else None, edge_attr if with_attr else None)
    r = torch.randn(out.shape, generator=torch.Generator().manual_seed(seed + 1))
    (out * r).sum().backward()
    tensors = dict(inputs)
    tensors["R"] = r
    tensors["out"] = out
    for k, v in inputs.items():
        if v.requires_grad:
            tensors["grad." + k] = v.grad
    for k, v in layer.state_dict().items():
        tensors["param." + k] = v
    for k, p in layer.named_parameters():
        tensors["grad.param." + k] = p.grad if p.grad is not None else torch.zeros_like(p)
    config = dict(config, layer=name.split("_")[0])
    return write(name, config, tensors)


def aggr_case(name, config, module, seed=0):
    g = torch.Generator().manual_seed(seed + 50)
    x = torch.randn(20, 5, generator=g).requires_grad_(True)
    index = torch.tensor([0, 2, 1, 4, 5, 0, 2, 2, 1, 4, 0, 5, 1, 1, 4, 2, 0, 5, 4, 2])
    for p in module.parameters():
        with torch.no_grad():
            p.uniform_(0.3, 1.5, generator=g)
    out = module(x, index, dim_size=N)
    r = torch.randn(out.shape, generator=g)
    (out * r).sum().backward()
    tensors = {"x": x, "index": index, "R": r, "out": out, "grad.x": x.grad}
    for k, v in module.state_dict().items():
        tensors["param." + k] = v
    for k, p in module.named_parameters():
        tensors["grad.param." + k] = p.grad
    return write(name, dict(config, layer="aggr"), tensors)


def mlp(i, h, o):
    return Sequential(Linear(i, h), ReLU(), Linear(h, o))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".safetensors"):
            os.remove(os.path.join(OUT, f))
    total = 0
    plain = lambda layer, x, ei, w, a: layer(x, ei)
    weighted = lambda layer, x, ei, w, a: layer(x, ei, w)
    attr = lambda layer, x, ei, w, a: layer(x, ei, a)
    cases = [
        # GCNConv. PyG 2.8 ignores `improved` without edge weights, so it is tested with them.
        ("gcn_default", {}, lambda: GCNConv(F_IN, F_OUT), plain, False),
        ("gcn_weighted", {}, lambda: GCNConv(F_IN, F_OUT), weighted, True),
        ("gcn_improved", {"improved": True}, lambda: GCNConv(F_IN, F_OUT, improved=True), weighted, True),
        ("gcn_noloops", {"add_self_loops": False}, lambda: GCNConv(F_IN, F_OUT, add_self_loops=False), weighted, True),
        ("gcn_nonormalize", {"normalize": False, "bias": False},
         lambda: GCNConv(F_IN, F_OUT, normalize=False, bias=False), weighted, True),
        # SAGEConv.
        ("sage_mean", {"aggr": "mean"}, lambda: SAGEConv(F_IN, F_OUT), plain, False),
        ("sage_max", {"aggr": "max"}, lambda: SAGEConv(F_IN, F_OUT, aggr="max"), plain, False),
        ("sage_sum", {"aggr": "sum"}, lambda: SAGEConv(F_IN, F_OUT, aggr="sum"), plain, False),
        ("sage_normalize", {"aggr": "mean", "normalize": True, "root_weight": False},
         lambda: SAGEConv(F_IN, F_OUT, normalize=True, root_weight=False), plain, False),
        ("sage_nobias", {"aggr": "mean", "bias": False}, lambda: SAGEConv(F_IN, F_OUT, bias=False), plain, False),
        ("sage_multi", {"aggr": ["mean", "max"]}, lambda: SAGEConv(F_IN, F_OUT, aggr=["mean", "max"]), plain, False),
        ("sage_softmax", {"aggr": "softmax_learn"},
         lambda: SAGEConv(F_IN, F_OUT, aggr=aggr.SoftmaxAggregation(learn=True)), plain, False),
        # GINConv.
        ("gin_traineps", {"eps": 0.3, "train_eps": True}, lambda: GINConv(mlp(F_IN, 8, F_OUT), eps=0.3, train_eps=True),
         plain, False),
        ("gin_fixedeps", {"eps": 0.25, "train_eps": False}, lambda: GINConv(mlp(F_IN, 8, F_OUT), eps=0.25), plain, False),
        # GraphConv.
        ("graphconv_add", {"aggr": "add"}, lambda: GraphConv(F_IN, F_OUT), weighted, True),
        ("graphconv_mean", {"aggr": "mean"}, lambda: GraphConv(F_IN, F_OUT, aggr="mean"), weighted, True),
        ("graphconv_max", {"aggr": "max"}, lambda: GraphConv(F_IN, F_OUT, aggr="max"), weighted, True),
        # SGConv.
        ("sgconv_k2", {"K": 2}, lambda: SGConv(F_IN, F_OUT, K=2), weighted, True),
        ("sgconv_k1", {"K": 1}, lambda: SGConv(F_IN, F_OUT, K=1), plain, False),
        # APPNP (no parameters).
        ("appnp_k3", {"K": 3, "alpha": 0.2}, lambda: APPNP(K=3, alpha=0.2), weighted, True),
        ("appnp_noloops", {"K": 2, "alpha": 0.1, "add_self_loops": False},
         lambda: APPNP(K=2, alpha=0.1, add_self_loops=False), plain, False),
        # ChebConv.
        ("cheb_sym", {"K": 3, "normalization": "sym"}, lambda: ChebConv(F_IN, F_OUT, K=3), weighted, True),
        ("cheb_rw", {"K": 3, "normalization": "rw"}, lambda: ChebConv(F_IN, F_OUT, K=3, normalization="rw"),
         weighted, True),
        ("cheb_none", {"K": 2, "normalization": None}, lambda: ChebConv(F_IN, F_OUT, K=2, normalization=None),
         weighted, True),
        ("cheb_k1", {"K": 1, "normalization": "sym"}, lambda: ChebConv(F_IN, F_OUT, K=1), plain, False),
        # TAGConv.
        ("tag_k3", {"K": 3}, lambda: TAGConv(F_IN, F_OUT, K=3), weighted, True),
        ("tag_nonormalize", {"K": 2, "normalize": False}, lambda: TAGConv(F_IN, F_OUT, K=2, normalize=False),
         plain, False),
    ]
    for seed, (name, config, make, call, w) in enumerate(cases):
        total += conv_case(name, config, make, call, weighted=w, seed=seed)
    # ChebConv with a given lambda_max.
    total += conv_case("cheb_lambda", {"K": 3, "normalization": "sym", "lambda_max": 1.5},
                       lambda: ChebConv(F_IN, F_OUT, K=3),
                       lambda layer, x, ei, w, a: layer(x, ei, w, lambda_max=torch.tensor(1.5)), weighted=True, seed=40)
    # GINEConv: with edge_dim (edge features mapped by `lin`) and without (D == F).
    total += conv_case("gine_edgedim", {"eps": 0.1, "train_eps": True, "edge_dim": D_EDGE},
                       lambda: GINEConv(mlp(F_IN, 8, F_OUT), eps=0.1, train_eps=True, edge_dim=D_EDGE),
                       attr, with_attr=True, seed=41)
    total += conv_case("gine_plain", {"eps": 0.0, "train_eps": False},
                       lambda: GINEConv(mlp(F_IN, 8, F_OUT)), attr, with_attr=True, attr_dim=F_IN, seed=42)
    # Aggregations.
    aggrs = [
        ("aggr_sum", {"aggr": "sum"}, aggr.SumAggregation()),
        ("aggr_mean", {"aggr": "mean"}, aggr.MeanAggregation()),
        ("aggr_max", {"aggr": "max"}, aggr.MaxAggregation()),
        ("aggr_min", {"aggr": "min"}, aggr.MinAggregation()),
        ("aggr_softmax", {"aggr": "softmax", "t": 1.0, "learn": False}, aggr.SoftmaxAggregation()),
        ("aggr_softmax_t", {"aggr": "softmax", "t": 0.5, "learn": False}, aggr.SoftmaxAggregation(t=0.5)),
        ("aggr_softmax_learn", {"aggr": "softmax", "t": 1.0, "learn": True, "channels": 5},
         aggr.SoftmaxAggregation(learn=True, channels=5)),
        ("aggr_softmax_learn1", {"aggr": "softmax", "t": 1.0, "learn": True, "channels": 1},
         aggr.SoftmaxAggregation(learn=True)),
        ("aggr_std", {"aggr": "std"}, aggr.StdAggregation()),
        ("aggr_var", {"aggr": "var"}, aggr.VarAggregation()),
        ("aggr_multi", {"aggr": "multi", "aggrs": ["mean", "max", "std"]},
         aggr.MultiAggregation(["mean", "max", "std"])),
    ]
    for seed, (name, config, module) in enumerate(aggrs):
        total += aggr_case(name, config, module, seed=seed)
    print(f"wrote {len(cases) + 3 + len(aggrs)} fixtures, {total} bytes, into {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
