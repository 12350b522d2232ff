#!/usr/bin/env python3
"""Golden optimizer fixtures from PyTorch (float32, CPU, single thread). Run by hand:

    .venv-fixtures/bin/python scripts/make_golden_fixtures.py

Writes two JSON files into Tests/NeuralNetTests/Fixtures/. Every tensor is stored as
{"shape": [...], "values": [... row-major ...]} with float32 values printed to 9
significant digits (enough to round-trip a float32 exactly).

optim_quadratic.json -- optimizers alone, no layers needed (OptimizerTests.swift):
  parameters W [3, 2], b [2] and `unused` [2] (never receives a gradient, so every
  optimizer must skip it); data A [4, 3], Y [4, 2];
      r = A @ W + b - Y,   loss = r.reshape(1, 8) @ r.reshape(8, 1)   (sum of squares)
  "initial": {W, b, unused, A, Y}
  "cases": list of {"name", "optimizer" (torch class name), "kwargs" (torch names),
      "losses": loss before each of the 3 steps,
      "steps": [{W, b, unused} after step 1, 2, 3],
      "state": the optimizer state after 3 steps, flattened as SwiftGNN names it:
               "state.<param index>.<torch key>" (step as a scalar), e.g. state.0.exp_avg}

mlp_golden.json -- for the MLP tests (layers written elsewhere):
  model = Sequential(Linear(5, 8), ReLU(), Linear(8, 3)) with torch.manual_seed(0) init;
  parameter names are PyTorch's state-dict names "0.weight" [8, 5], "0.bias" [8],
  "2.weight" [3, 8], "2.bias" [3] (index 1 is the ReLU).
  "input" X [6, 5] (torch.randn after the init), "labels" y [6] = [0, 2, 1, 2, 0, 1],
  "initial": the state dict, "logits" [6, 3], "loss" (mean cross-entropy, a float),
  "gradients": d loss / d parameter after one backward from the initial weights,
  "optimizers": list of {"name", "optimizer", "kwargs", "losses" (before each step),
      "parameters": state dict after 3 full steps (zero_grad, forward, loss, backward,
      step), starting from "initial"}.
"""
import copy
import json
import os

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "NeuralNetTests", "Fixtures")


def enc(t):
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "values": [float(f"{v:.9g}") for v in t.flatten().tolist()]}


def flat_state(opt):
    out = {}
    for i, st in opt.state_dict()["state"].items():
        for k, v in st.items():
            if v is None:
                continue
            out[f"state.{i}.{k}"] = enc(v if torch.is_tensor(v) else torch.tensor(float(v)))
    return out


def make(name, params, kwargs):
    return getattr(torch.optim, name)(params, foreach=False, **kwargs)


QUADRATIC_CASES = [
    ("sgd", "SGD", {"lr": 0.02}),
    ("sgd_momentum_dampening_wd", "SGD", {"lr": 0.02, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.05}),
    ("sgd_nesterov", "SGD", {"lr": 0.02, "momentum": 0.8, "nesterov": True, "weight_decay": 0.01}),
    ("adam", "Adam", {"lr": 0.1}),
    ("adam_wd_amsgrad", "Adam", {"lr": 0.05, "betas": (0.8, 0.95), "weight_decay": 0.1, "amsgrad": True}),
    ("adamw", "AdamW", {"lr": 0.1}),
    ("adamw_amsgrad", "AdamW", {"lr": 0.05, "weight_decay": 0.3, "amsgrad": True, "eps": 1e-6}),
    ("rmsprop", "RMSprop", {}),
    ("rmsprop_centered_momentum_wd", "RMSprop", {"lr": 0.01, "alpha": 0.9, "momentum": 0.7, "centered": True, "weight_decay": 0.1}),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.005, "momentum": 0.5}),
    ("adagrad", "Adagrad", {"lr": 0.1}),
    ("adagrad_decay_wd_init", "Adagrad", {"lr": 0.2, "lr_decay": 0.1, "weight_decay": 0.05, "initial_accumulator_value": 0.5}),
]


def quadratic():
    g = torch.Generator().manual_seed(1234)
    A = torch.randn(4, 3, generator=g)
    Y = torch.randn(4, 2, generator=g)
    W0 = torch.randn(3, 2, generator=g)
    b0 = torch.randn(2, generator=g)
    u0 = torch.randn(2, generator=g)
    cases = []
    for name, cls, kwargs in QUADRATIC_CASES:
        W = W0.clone().requires_grad_()
        b = b0.clone().requires_grad_()
        u = u0.clone().requires_grad_()
        opt = make(cls, [W, b, u], kwargs)
        losses, steps = [], []
        for _ in range(3):
            opt.zero_grad()
            r = A @ W + b - Y
            loss = r.reshape(1, 8) @ r.reshape(8, 1)
            loss.backward()
            losses.append(float(f"{loss.item():.9g}"))
            opt.step()
            steps.append({"W": enc(W), "b": enc(b), "unused": enc(u)})
        assert u.grad is None and torch.equal(u, u0)
        cases.append({"name": name, "optimizer": cls, "kwargs": kwargs, "losses": losses,
                      "steps": steps, "state": flat_state(opt)})
    return {
        "description": "3 steps of each torch.optim optimizer on loss = sum((A @ W + b - Y)^2); see scripts/make_golden_fixtures.py",
        "torch_version": torch.__version__,
        "initial": {"W": enc(W0), "b": enc(b0), "unused": enc(u0), "A": enc(A), "Y": enc(Y)},
        "cases": cases,
    }


MLP_CASES = [
    ("sgd", "SGD", {"lr": 0.1}),
    ("sgd_momentum_nesterov_wd", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adam", "Adam", {"lr": 0.01}),
    ("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
    ("adamw", "AdamW", {"lr": 0.01, "weight_decay": 0.1}),
    ("rmsprop_centered_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.9, "centered": True}),
    ("adagrad", "Adagrad", {"lr": 0.1}),
]


def mlp():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(5, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
    X = torch.randn(6, 5)
    y = torch.tensor([0, 2, 1, 2, 0, 1])  # every class appears
    initial = copy.deepcopy(model.state_dict())
    logits = model(X)
    loss = F.cross_entropy(logits, y)
    loss.backward()
    grads = {n: enc(p.grad) for n, p in model.named_parameters()}
    runs = []
    for name, cls, kwargs in MLP_CASES:
        m = copy.deepcopy(model)
        m.load_state_dict(initial)
        opt = make(cls, m.parameters(), kwargs)
        losses = []
        for _ in range(3):
            opt.zero_grad()
            # No hidden pre-activation sits on the ReLU kink, so float32 rounding
            # differences between implementations cannot flip a unit on or off.
            assert m[0](X).abs().min().item() > 1e-4
            l = F.cross_entropy(m(X), y)
            l.backward()
            losses.append(float(f"{l.item():.9g}"))
            opt.step()
        runs.append({"name": name, "optimizer": cls, "kwargs": kwargs, "losses": losses,
                     "parameters": {n: enc(t) for n, t in m.state_dict().items()}})
    return {
        "description": "Sequential(Linear(5, 8), ReLU(), Linear(8, 3)), mean cross-entropy; see scripts/make_golden_fixtures.py",
        "torch_version": torch.__version__,
        "input": enc(X),
        "labels": y.tolist(),
        "initial": {n: enc(t) for n, t in initial.items()},
        "logits": enc(logits),
        "loss": float(f"{loss.item():.9g}"),
        "gradients": grads,
        "optimizers": runs,
    }


def to_json(obj, indent=0):
    """Pretty JSON with lists of scalars (shapes, values) kept on one line."""
    pad = " " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f'{pad} {json.dumps(k)}: {to_json(v, indent + 1)}' for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, (list, tuple)) and any(isinstance(v, (dict, list, tuple)) for v in obj):
        items = [f"{pad} {to_json(v, indent + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, separators=(",", ":"))


def dump(obj, name):
    path = os.path.join(FIXTURES, name)
    text = to_json(obj) + "\n"
    assert json.loads(text) == json.loads(json.dumps(obj))
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    dump(quadratic(), "optim_quadratic.json")
    dump(mlp(), "mlp_golden.json")
