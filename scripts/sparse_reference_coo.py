"""Prints the PyTorch reference values pasted into Tests/TensorCoreTests/Sparse{CSR,Kernel,Index}Tests.swift.

Run by hand with torch installed: `.venv-fixtures/bin/python scripts/sparse_reference_coo.py`.
torch_scatter / torch_geometric are not needed: their semantics are reproduced with
`torch.scatter_reduce(..., include_self=False)` on zeros, `torch.index_add` and per-row
`torch.softmax`, and the CSR is built by hand (stable sort of the COO list by row).
"""
import torch

ROWS, COLS = 4, 5
ROW = torch.tensor([3, 0, 1, 3, 0, 1, 3])          # COO, row 2 empty, (3, 1) twice
COL = torch.tensor([1, 4, 0, 1, 2, 3, 0])
PERM = torch.sort(ROW, stable=True).indices         # CSR entry k = COO entry PERM[k]
R, C = ROW[PERM], COL[PERM]                         # rows / cols in CSR order
V = torch.tensor([0.5, -1.0, 2.0, 1.5, -0.5, 1.0, 3.0])                 # CSR order
X = (torch.arange(15, dtype=torch.float32) * 0.25 - 1.5).reshape(5, 3)
G = torch.tensor([[0.3, -0.5, 1.0], [0.2, -1.0, 0.4], [0.6, -0.2, 0.7], [0.1, -0.3, 0.9]])
M = torch.tensor([[0.5, -1.2], [2.0, 0.3], [1.5, 0.1], [-0.7, 2.2], [0.9, 1.1], [-2.0, 0.4], [0.8, -0.3]])
GM = torch.tensor([[0.3, -0.5], [1.0, 0.2], [-1.0, 0.4], [0.6, -0.2]])
S = torch.tensor([0.5, -1.2, 2.0, 0.3, 1.5, 0.1, -0.7])
SH = torch.tensor([[0.5, 1.0], [-1.2, 0.0], [2.0, -0.5], [0.3, 0.3], [1.5, 2.5], [0.1, -1.0], [-0.7, 0.2]])
GS = torch.tensor([0.3, -0.5, 1.0, 0.2, -1.0, 0.4, 0.6])
GSH = torch.tensor([[0.3, 0.1], [-0.5, 0.2], [1.0, -0.3], [0.2, 0.4], [-1.0, 0.5], [0.4, -0.6], [0.6, 0.7]])


def show(name, t):
    vals = ", ".join(f"{v:.8g}" for v in t.detach().flatten().tolist())
    print(f"{name}: shape {list(t.shape)} [{vals}]")


print("perm", PERM.tolist(), "rows", R.tolist(), "cols", C.tolist())

# spmm: out[i] = sum_k v_k x[c_k], via index_add (sequential, CSR order).
x = X.clone().requires_grad_()
v = V.clone().requires_grad_()
out = torch.zeros(ROWS, 3).index_add(0, R, v[:, None] * x[C])
show("spmm", out)
dense = torch.zeros(ROWS, COLS).index_put((R, C), V, accumulate=True)
show("spmm (dense check)", dense @ X)
out.backward(G)
show("spmm dx", x.grad)
show("spmm dvalues", v.grad)
x = X.clone().requires_grad_()
out = torch.zeros(ROWS, 3).index_add(0, R, x[C])
show("spmm ones", out)
out.backward(G)
show("spmm ones dx", x.grad)

# sddmm: out[k] = <x[r_k], y[c_k]>, x = G rows, y = X.
xs = G.clone().requires_grad_()
ys = X.clone().requires_grad_()
out = (xs[R] * ys[C]).sum(-1)
show("sddmm", out)
out.backward(GS)
show("sddmm dx", xs.grad)
show("sddmm dy", ys.grad)

# segment reductions: torch_scatter semantics = scatter_reduce(include_self=False) on zeros.
for reduce in ["sum", "mean", "amax", "amin"]:
    m = M.clone().requires_grad_()
    out = torch.zeros(ROWS, 2).scatter_reduce(0, R[:, None].expand(-1, 2), m, reduce, include_self=False)
    show(f"segment {reduce}", out)
    out.backward(GM)
    show(f"segment {reduce} grad", m.grad)

# segment softmax: per-row torch.softmax (PyG utils.softmax).
ptr = [0, 2, 4, 4, 7]
for name, vals, g in [("softmax", S, GS), ("softmax heads", SH, GSH)]:
    s = vals.clone().requires_grad_()
    out = torch.cat([torch.softmax(s[ptr[i]:ptr[i + 1]], 0) for i in range(ROWS)])
    show(name, out)
    out.backward(g)
    show(f"{name} grad", s.grad)

# index_select axis 0 and 1, index_add axis 0 and 1.
IDX = torch.tensor([2, 0, 2, 4])
x = X.clone().requires_grad_()
out = torch.index_select(x, 0, IDX)
show("index_select 0", out)
out.backward(torch.arange(12, dtype=torch.float32).reshape(4, 3) * 0.5 - 1)
show("index_select 0 grad", x.grad)
IDX1 = torch.tensor([1, 1, 0, 2, 1])
x = X.clone().requires_grad_()
out = torch.index_select(x, 1, IDX1)
show("index_select 1", out)
out.backward(torch.arange(25, dtype=torch.float32).reshape(5, 5) * 0.25 - 2)
show("index_select 1 grad", x.grad)
base = X.clone().requires_grad_()
src = (torch.arange(12, dtype=torch.float32).reshape(4, 3) * 0.5 - 1).requires_grad_()
out = torch.index_add(base, 0, IDX, src)
show("index_add 0", out)
out.backward(torch.arange(15, dtype=torch.float32).reshape(5, 3) * 0.1)
show("index_add 0 dself", base.grad)
show("index_add 0 dsource", src.grad)
base = X.clone().requires_grad_()
src = (torch.arange(10, dtype=torch.float32).reshape(5, 2) - 3).requires_grad_()
out = torch.index_add(base, 1, torch.tensor([2, 2]), src)
show("index_add 1", out)

# scatter (torch_scatter.scatter(src, index, 0, dim_size=5, reduce)) with an empty target.
SRC = torch.tensor([[0.5, -1.2], [2.0, 0.3], [1.5, 0.1], [-0.7, 2.2], [0.9, 1.1], [-2.0, 0.4]])
SIDX = torch.tensor([3, 0, 3, 1, 0, 3])
GSC = torch.tensor([[0.3, -0.5], [1.0, 0.2], [-1.0, 0.4], [0.6, -0.2], [0.7, 0.9]])
for reduce in ["sum", "mean", "amax", "amin"]:
    s = SRC.clone().requires_grad_()
    out = torch.zeros(5, 2).scatter_reduce(0, SIDX[:, None].expand(-1, 2), s, reduce, include_self=False)
    show(f"scatter {reduce}", out)
    out.backward(GSC)
    show(f"scatter {reduce} grad", s.grad)
