"""Prints the PyTorch values pasted into Tests/TensorCoreTests/SparseOpsTests.swift.

Run by hand: .venv-fixtures/bin/python scripts/sparse_reference.py (torch 2.x).
The CSR is 4 x 5: row 0 {1, 3}, row 1 {}, row 2 {0, 1, 4}, row 3 {2}.
"""
import torch

torch.set_printoptions(precision=7)
row = torch.tensor([0, 0, 2, 2, 2, 3])
col = torch.tensor([1, 3, 0, 1, 4, 2])
vals = torch.tensor([0.5, -1.0, 2.0, 1.5, -0.25, 3.0], requires_grad=True)
x = (torch.arange(15, dtype=torch.float32).reshape(5, 3) / 4 - 1).requires_grad_()
A = torch.sparse_coo_tensor(torch.stack([row, col]), vals, (4, 5))
out = torch.sparse.mm(A, x)
print("spmm", out.flatten().tolist())
w = torch.arange(12, dtype=torch.float32).reshape(4, 3) / 10
(out * w).sum().backward()
print("spmm dx", x.grad.flatten().tolist())
print("spmm dvalues", vals.grad.tolist())

src = torch.tensor([[1.0, -2.0], [4.0, 0.5], [3.0, 7.0], [-1.0, 2.0], [2.0, -3.0], [0.0, 1.0]])
index = torch.tensor([3, 0, 3, 1, 0, 3])
for reduce in ["sum", "mean", "amax", "amin"]:
    o = torch.zeros(5, 2).scatter_reduce(0, index[:, None].expand(6, 2), src, reduce=reduce, include_self=False)
    print("scatter", reduce, o.flatten().tolist())

base = torch.ones(5, 2)
print("index_add", base.index_add(0, torch.tensor([4, 0, 4, 2]), src[:4]).flatten().tolist())

scores = torch.tensor([0.3, -1.2, 2.0, 0.1, 0.5, -0.7])
soft = torch.empty(6)
for r in range(4):
    m = row == r
    if m.any():
        soft[m] = torch.softmax(scores[m], 0)
print("segment softmax", soft.tolist())
