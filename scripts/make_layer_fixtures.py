"""Golden values for NeuralNet's layers and losses, computed with PyTorch (float32).

Run by hand (CI never runs Python):
    .venv-fixtures/bin/python scripts/make_layer_fixtures.py
writes Tests/NeuralNetTests/Fixtures/layers_golden.json.

Layout: {case name: {"kind": ..., "params": {...}, "tensors": {name: {"shape", "data"}}}}.
Every differentiable output `y` comes with a random upstream gradient `grad_out` (same
shape as `y`; a scalar for reduced losses), and the gradients of
`(y * grad_out).sum()` with respect to each input are stored as `d<input>`.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
torch.set_default_dtype(torch.float32)

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "NeuralNetTests", "Fixtures", "layers_golden.json")
cases = {}


def enc(t):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "data": [int(v) for v in t.flatten().tolist()]}
    return {"shape": list(t.shape), "data": [float(v) for v in t.to(torch.float32).flatten().tolist()]}


def randn(*shape):
    return torch.randn(list(shape), dtype=torch.float32)


def backward(y, inputs):
    """Random upstream gradient; returns it and the gradients of each named input."""
    g = randn(*y.shape)
    grads = torch.autograd.grad((y * g).sum(), [t for _, t in inputs], allow_unused=True)
    out = {"grad_out": g}
    for (name, t), d in zip(inputs, grads):
        out["d" + name] = d if d is not None else torch.zeros_like(t)
    return out


def add(name, kind, params, tensors):
    cases[name] = {"kind": kind, "params": params, "tensors": {k: enc(v) for k, v in tensors.items()}}


# --- Linear ---------------------------------------------------------------------------
def linear_case(name, x_shape, in_f, out_f, bias):
    lin = torch.nn.Linear(in_f, out_f, bias=bias)
    x = randn(*x_shape).requires_grad_()
    y = lin(x)
    inputs = [("x", x), ("weight", lin.weight)] + ([("bias", lin.bias)] if bias else [])
    t = {"x": x, "weight": lin.weight, "y": y, **backward(y, inputs)}
    if bias:
        t["bias"] = lin.bias
    add(name, "linear", {"bias": bias}, t)


linear_case("linear_2d", [4, 3], 3, 5, True)
linear_case("linear_3d_nobias", [2, 3, 4], 4, 2, False)
linear_case("linear_1d", [3], 3, 2, True)


# --- LayerNorm ------------------------------------------------------------------------
def layernorm_case(name, x_shape, normalized, affine, eps=1e-5, scale=1.0, shift=0.0):
    ln = torch.nn.LayerNorm(normalized, eps=eps, elementwise_affine=affine)
    if affine:
        with torch.no_grad():
            ln.weight.copy_(randn(*normalized))
            ln.bias.copy_(randn(*normalized))
    x = (randn(*x_shape) * scale + shift).requires_grad_()
    y = ln(x)
    inputs = [("x", x)] + ([("weight", ln.weight), ("bias", ln.bias)] if affine else [])
    t = {"x": x, "y": y, **backward(y, inputs)}
    if affine:
        t["weight"], t["bias"] = ln.weight, ln.bias
    add(name, "layerNorm", {"normalized_shape": normalized, "affine": affine, "eps": eps}, t)


layernorm_case("layernorm_1axis", [3, 5], [5], True)
layernorm_case("layernorm_2axes", [2, 2, 3], [2, 3], True, eps=1e-3)
layernorm_case("layernorm_noaffine", [4, 6], [6], False, scale=3.0, shift=2.0)
layernorm_case("layernorm_wide", [2, 37], [37], True)


# --- BatchNorm ------------------------------------------------------------------------
def batchnorm_case(name, shape, momentum=0.1, affine=True, steps=2, eps=1e-5):
    """`steps` training steps (the last with gradients), then one evaluation step."""
    c = shape[1]
    bn = torch.nn.BatchNorm1d(c, eps=eps, momentum=momentum, affine=affine)
    if affine:
        with torch.no_grad():
            bn.weight.copy_(randn(c))
            bn.bias.copy_(randn(c))
    t = {}
    if affine:
        t["weight"], t["bias"] = bn.weight.detach().clone(), bn.bias.detach().clone()
    bn.train()
    for s in range(steps):
        x = (randn(*shape) * 2 + 0.5).requires_grad_()
        y = bn(x)
        t[f"train{s}_x"], t[f"train{s}_y"] = x, y
        inputs = [("x", x)] + ([("weight", bn.weight), ("bias", bn.bias)] if affine else [])
        for k, v in backward(y, inputs).items():
            t[f"train{s}_{k}"] = v
        t[f"train{s}_running_mean"] = bn.running_mean.clone()
        t[f"train{s}_running_var"] = bn.running_var.clone()
        t[f"train{s}_num_batches_tracked"] = bn.num_batches_tracked.clone().float()
    bn.eval()
    x = randn(*shape).requires_grad_()
    y = bn(x)
    t["eval_x"], t["eval_y"] = x, y
    inputs = [("x", x)] + ([("weight", bn.weight), ("bias", bn.bias)] if affine else [])
    for k, v in backward(y, inputs).items():
        t[f"eval_{k}"] = v
    add(name, "batchNorm", {"momentum": momentum, "affine": affine, "steps": steps, "eps": eps}, t)


batchnorm_case("batchnorm_2d", [6, 3])
batchnorm_case("batchnorm_3d", [4, 2, 5], momentum=0.3)
batchnorm_case("batchnorm_cumulative", [5, 4], momentum=None, steps=3)
batchnorm_case("batchnorm_noaffine", [8, 2], affine=False, steps=1)


# --- Losses ---------------------------------------------------------------------------
def loss_case(name, kind, fn, params, tensors, grad_inputs):
    """`fn(**tensors)` gives the loss; gradients for the names in `grad_inputs`."""
    for k in grad_inputs:
        tensors[k] = tensors[k].clone().requires_grad_()
    y = fn(**tensors)
    out = backward(y, [(k, tensors[k]) for k in grad_inputs])
    add(name, kind, params, {**tensors, "loss": y, **out})


N, C = 6, 4
logits = randn(N, C) * 2
target = torch.tensor([0, 3, 1, 2, 3, 1])
target_ign = torch.tensor([0, -100, 1, 2, -100, 3])
target_ign1 = torch.tensor([0, 1, 1, 2, 3, 1])
cls_w = torch.rand(C) + 0.25


def ce(reduction, weight=False, ignore_index=-100, smoothing=0.0):
    def fn(logits, target, weight_t=None):
        return F.cross_entropy(logits, target, weight=weight_t, ignore_index=ignore_index,
                               label_smoothing=smoothing, reduction=reduction)
    return fn


for red in ["mean", "sum", "none"]:
    loss_case(f"ce_{red}", "crossEntropy", ce(red), {"reduction": red, "ignore_index": -100, "label_smoothing": 0.0},
              {"logits": logits, "target": target}, ["logits"])
    loss_case(f"ce_weight_{red}", "crossEntropy", ce(red), {"reduction": red, "ignore_index": -100, "label_smoothing": 0.0},
              {"logits": logits, "target": target, "weight_t": cls_w}, ["logits"])
    loss_case(f"ce_smooth_weight_ignore_{red}", "crossEntropy", ce(red, smoothing=0.15),
              {"reduction": red, "ignore_index": -100, "label_smoothing": 0.15},
              {"logits": logits, "target": target_ign, "weight_t": cls_w}, ["logits"])
loss_case("ce_ignore_mean", "crossEntropy", ce("mean"), {"reduction": "mean", "ignore_index": -100, "label_smoothing": 0.0},
          {"logits": logits, "target": target_ign}, ["logits"])
loss_case("ce_smooth_mean", "crossEntropy", ce("mean", smoothing=0.1),
          {"reduction": "mean", "ignore_index": -100, "label_smoothing": 0.1},
          {"logits": logits, "target": target}, ["logits"])
loss_case("ce_ignore_class1_smooth_mean", "crossEntropy", ce("mean", ignore_index=1, smoothing=0.2),
          {"reduction": "mean", "ignore_index": 1, "label_smoothing": 0.2},
          {"logits": logits, "target": target_ign1}, ["logits"])
loss_case("ce_full_smoothing_weight_sum", "crossEntropy", ce("sum", smoothing=1.0),
          {"reduction": "sum", "ignore_index": -100, "label_smoothing": 1.0},
          {"logits": logits, "target": target, "weight_t": cls_w}, ["logits"])
loss_case("ce_large_logits_mean", "crossEntropy", ce("mean"), {"reduction": "mean", "ignore_index": -100, "label_smoothing": 0.0},
          {"logits": logits * 40, "target": target}, ["logits"])

logp = F.log_softmax(randn(N, C), dim=1)


def nll(reduction, ignore_index=-100):
    def fn(logits, target, weight_t=None):
        return F.nll_loss(logits, target, weight=weight_t, ignore_index=ignore_index, reduction=reduction)
    return fn


for red in ["mean", "sum", "none"]:
    loss_case(f"nll_{red}", "nll", nll(red), {"reduction": red, "ignore_index": -100},
              {"logits": logp, "target": target}, ["logits"])
    loss_case(f"nll_weight_ignore_{red}", "nll", nll(red), {"reduction": red, "ignore_index": -100},
              {"logits": logp, "target": target_ign, "weight_t": cls_w}, ["logits"])

bx = randn(3, 4) * 3
bt = torch.rand(3, 4)
bt_binary = (torch.rand(3, 4) > 0.5).float()
bw = torch.rand(4) + 0.5
bpw = torch.tensor([3.0, 0.5, 1.0, 2.0])
bw_col = torch.rand(3, 1) + 0.5


def bce(reduction):
    def fn(logits, target, weight_t=None, pos_weight=None):
        return F.binary_cross_entropy_with_logits(logits, target, weight=weight_t, pos_weight=pos_weight,
                                                  reduction=reduction)
    return fn


for red in ["mean", "sum", "none"]:
    loss_case(f"bce_{red}", "bceWithLogits", bce(red), {"reduction": red},
              {"logits": bx, "target": bt}, ["logits", "target"])
    loss_case(f"bce_weight_posweight_{red}", "bceWithLogits", bce(red), {"reduction": red},
              {"logits": bx, "target": bt_binary, "weight_t": bw_col, "pos_weight": bpw}, ["logits", "target"])
loss_case("bce_weight_sum", "bceWithLogits", bce("sum"), {"reduction": "sum"},
          {"logits": bx, "target": bt, "weight_t": bw}, ["logits", "target"])
loss_case("bce_posweight_mean", "bceWithLogits", bce("mean"), {"reduction": "mean"},
          {"logits": bx, "target": bt, "pos_weight": bpw}, ["logits", "target"])
loss_case("bce_extreme_mean", "bceWithLogits", bce("mean"), {"reduction": "mean"},
          {"logits": torch.tensor([[-120.0, -30.0, 0.0, 30.0, 120.0]]), "target": torch.tensor([[1.0, 0.0, 0.5, 1.0, 0.0]])},
          ["logits", "target"])

rx = randn(3, 5)
ry = randn(3, 5) * 0.8
regression = {
    "mse": (lambda red, **p: (lambda input, target: F.mse_loss(input, target, reduction=red)), [{}]),
    "l1": (lambda red, **p: (lambda input, target: F.l1_loss(input, target, reduction=red)), [{}]),
    "huber": (lambda red, delta: (lambda input, target: F.huber_loss(input, target, reduction=red, delta=delta)),
              [{"delta": 1.0}, {"delta": 0.5}]),
    "smoothL1": (lambda red, beta: (lambda input, target: F.smooth_l1_loss(input, target, reduction=red, beta=beta)),
                 [{"beta": 1.0}, {"beta": 0.4}, {"beta": 0.0}]),
}
for kind, (make, variants) in regression.items():
    for p in variants:
        for red in ["mean", "sum", "none"]:
            suffix = "".join(f"_{k}{v}" for k, v in p.items())
            loss_case(f"{kind}{suffix}_{red}", kind, make(red, **p), {"reduction": red, **p},
                      {"input": rx, "target": ry}, ["input", "target"])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(cases, f, indent=None, separators=(",", ":"), sort_keys=True)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
