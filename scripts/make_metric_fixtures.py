#!/usr/bin/env python3
"""Golden fixtures for Sources/Training/Metrics.

Writes Tests/TrainingTests/Fixtures/metrics/*.json: random cases (with ties, absent
classes, unlabelled NaN targets) and the values scikit-learn and the OGB / LRGB
evaluator rules give for them. Scores are float32 values so Swift reads them exactly.

Run: /work/venv/bin/python scripts/make_metric_fixtures.py  (needs numpy, scikit-learn, torch)
"""
import json
import os

import numpy as np
import torch
from sklearn.metrics import (accuracy_score, average_precision_score, f1_score,
                             mean_absolute_error, roc_auc_score)

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "TrainingTests", "Fixtures", "metrics")
rng = np.random.default_rng(20240611)


def f32(a):
    """float32 values as Python floats (exact), NaN as None for JSON."""
    return [None if np.isnan(v) else float(v) for v in np.asarray(a, dtype=np.float32).ravel()]


def tied_scores(n, levels):
    """Scores drawn from `levels` distinct float32 values, so ties are frequent."""
    return (rng.integers(0, levels, size=n) / levels - 0.3).astype(np.float32)


def write(name, obj):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


# Classification: accuracy, micro/macro F1 (labels = union of y_true and y_pred).
cases = []
for i in range(8):
    n = int(rng.integers(5, 40))
    c = int(rng.integers(2, 7))
    y = rng.integers(0, c, size=n)
    # Predictions biased towards the truth, sometimes using a class absent from y.
    p = np.where(rng.random(n) < 0.5, y, rng.integers(0, c + (i % 3), size=n))
    mask = rng.random(n) < 0.7
    if mask.sum() == 0:
        mask[0] = True
    labels = sorted(rng.choice(c + 2, size=max(1, c - 1), replace=False).tolist())
    cases.append({
        "target": y.tolist(), "predicted": p.tolist(), "mask": mask.tolist(),
        "accuracy": accuracy_score(y, p),
        "accuracy_masked": accuracy_score(y[mask], p[mask]),
        "f1_micro": f1_score(y, p, average="micro"),
        "f1_macro": f1_score(y, p, average="macro"),
        "f1_micro_masked": f1_score(y[mask], p[mask], average="micro"),
        "f1_macro_masked": f1_score(y[mask], p[mask], average="macro"),
        "labels": labels,
        "f1_micro_labels": f1_score(y, p, average="micro", labels=labels, zero_division=0),
        "f1_macro_labels": f1_score(y, p, average="macro", labels=labels, zero_division=0),
        "per_class_labels": sorted(set(y.tolist()) | set(p.tolist())),
        "per_class_f1": f1_score(y, p, average=None).tolist(),
    })
# Logits: argmax then accuracy (ties between logits resolve to the first index).
logit_cases = []
for _ in range(3):
    n, c = int(rng.integers(4, 12)), int(rng.integers(2, 5))
    logits = (rng.integers(0, 4, size=(n, c)) / 2).astype(np.float32)
    y = rng.integers(0, c, size=n)
    pred = torch.from_numpy(logits).argmax(dim=1).numpy()
    logit_cases.append({"shape": [n, c], "logits": f32(logits), "target": y.tolist(),
                        "argmax": pred.tolist(), "accuracy": accuracy_score(y, pred),
                        "f1_macro": f1_score(y, pred, average="macro")})
write("classification.json", {"cases": cases, "logit_cases": logit_cases})

# Binary ROC-AUC and AP with ties.
binary = []
for i in range(10):
    n = int(rng.integers(4, 60))
    y = rng.integers(0, 2, size=n)
    y[0], y[1] = 0, 1
    s = tied_scores(n, [3, 5, 10, 1000][i % 4])
    binary.append({"y_true": y.tolist(), "y_score": f32(s),
                   "roc_auc": roc_auc_score(y, s), "average_precision": average_precision_score(y, s)})
write("binary.json", {"cases": binary})


# Multi-label, OGB / LRGB evaluator rules: columns with both a 1 and a 0; NaN unlabelled.
def ogb_mean(y_true, y_pred, fn):
    vals = []
    for i in range(y_true.shape[1]):
        if np.sum(y_true[:, i] == 1) > 0 and np.sum(y_true[:, i] == 0) > 0:
            labeled = y_true[:, i] == y_true[:, i]
            vals.append(fn(y_true[labeled, i], y_pred[labeled, i]))
    return sum(vals) / len(vals), len(vals)


multi = []
for i in range(5):
    n, t = int(rng.integers(6, 30)), int(rng.integers(2, 6))
    y = rng.integers(0, 2, size=(n, t)).astype(np.float32)
    y[rng.random((n, t)) < 0.25] = np.nan
    y[:, 0] = 1.0            # a column without negatives: skipped
    if t > 2:
        y[:, 1] = np.where(np.isnan(y[:, 1]), np.nan, 0.0)  # without positives: skipped
    y[0, t - 1], y[1, t - 1] = 0.0, 1.0
    s = tied_scores(n * t, 7).reshape(n, t)
    roc, used = ogb_mean(y, s, roc_auc_score)
    ap, _ = ogb_mean(y, s, average_precision_score)
    multi.append({"shape": [n, t], "y_true": f32(y), "y_score": f32(s),
                  "roc_auc": roc, "average_precision": ap, "columns_used": used})
write("multilabel.json", {"cases": multi})

# Link prediction: OGB Hits@K (shared negatives) and MRR (per-positive negatives).
hits = []
for i in range(6):
    pos = tied_scores(int(rng.integers(3, 30)), 6)
    neg = tied_scores(int(rng.integers(5, 40)), 6)
    entry = {"positive": f32(pos), "negative": f32(neg), "hits": {}}
    for k in [1, 3, 10, 50]:
        if len(neg) < k:
            value = 1.0
        else:
            kth = torch.topk(torch.from_numpy(neg), k)[0][-1]
            value = float(torch.sum(torch.from_numpy(pos) > kth)) / len(pos)
        entry["hits"][str(k)] = value
    hits.append(entry)
mrr = []
for i in range(5):
    p, m = int(rng.integers(3, 20)), int(rng.integers(1, 15))
    pos = torch.from_numpy(tied_scores(p, 4))
    neg = torch.from_numpy(tied_scores(p * m, 4).reshape(p, m))
    optimistic = (neg > pos.view(-1, 1)).sum(dim=1)
    pessimistic = (neg >= pos.view(-1, 1)).sum(dim=1)
    ranks = 0.5 * (optimistic + pessimistic) + 1
    mrr.append({"positive": f32(pos.numpy()), "negatives": f32(neg.numpy()), "per_positive": m,
                "ranks": ranks.tolist(), "mrr": float((1.0 / ranks.float()).mean()),
                "hits1": float((ranks <= 1).float().mean()), "hits3": float((ranks <= 3).float().mean()),
                "hits10": float((ranks <= 10).float().mean())})
write("link.json", {"hits": hits, "mrr": mrr})

# Regression: MAE.
mae = []
for _ in range(4):
    n = int(rng.integers(3, 30))
    a = rng.normal(size=n).astype(np.float32)
    b = rng.normal(size=n).astype(np.float32)
    mask = rng.random(n) < 0.6
    mask[0] = True
    mae.append({"predicted": f32(a), "target": f32(b), "mask": mask.tolist(),
                "mae": mean_absolute_error(b.astype(np.float64), a.astype(np.float64)),
                "mae_masked": mean_absolute_error(b[mask].astype(np.float64), a[mask].astype(np.float64))})
write("regression.json", {"cases": mae})
print("wrote", sorted(os.listdir(OUT)))
