"""Prints the PyTorch reference values pasted into Tests/TensorCoreTests/Reduction*.swift.

Run by hand with torch installed: `.venv-fixtures/bin/python scripts/reductions_reference.py`.
"""
import torch

X = torch.tensor([[0.5, -1.2, 2.0, 0.3], [1.5, 0.1, -0.7, 2.2], [-0.4, 0.9, 1.1, -2.0]])
G = torch.tensor([[0.3, -0.5, 1.0, 0.2], [-1.0, 0.4, 0.6, -0.2], [0.7, 0.1, -0.3, 0.9]])
Y = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) * 0.25 - 2


def show(name, t):
    vals = ", ".join(f"{v:.7g}" for v in t.detach().flatten().tolist())
    print(f"{name}: shape {list(t.shape)} [{vals}]")


show("sum(axis:0)", X.sum(0))
show("sum(axis:-1)", X.sum(-1))
show("mean(axis:1)", X.mean(1))
show("Y.sum(axes:[0,2])", Y.sum(dim=[0, 2]))
show("Y.mean(axes:[0,1])", Y.mean(dim=[0, 1]))
show("Y.sum(axes:[-1,1])", Y.sum(dim=[-1, 1]))
show("max(axis:1)", X.max(1).values); show("max(axis:1).indices", X.max(1).indices)
show("min(axis:0)", X.min(0).values); show("min(axis:0).indices", X.min(0).indices)
show("logsumexp(axis:1)", X.logsumexp(1))
show("logsumexp(axis:0)", X.logsumexp(0))
for c in (0, 1):
    show(f"var(axis:1,c={c})", X.var(1, correction=c))
    show(f"std(axis:0,c={c})", X.std(0, correction=c))
    show(f"var(c={c})", X.var(correction=c))
    show(f"std(c={c})", X.std(correction=c))
for p in (1, 2, 3, 0.5, float("inf"), -float("inf"), 0):
    show(f"norm(p:{p})", torch.linalg.vector_norm(X, ord=p))
    show(f"norm(p:{p},axis:1)", torch.linalg.vector_norm(X, ord=p, dim=1))
show("softmax(axis:-1)", X.softmax(-1))
show("softmax(axis:0)", X.softmax(0))
show("logSoftmax(axis:-1)", X.log_softmax(-1))
show("logSoftmax(axis:0)", X.log_softmax(0))
show("softmax([1000,1001])", torch.tensor([1000.0, 1001.0]).softmax(0))
show("logSoftmax([1000,1001])", torch.tensor([1000.0, 1001.0]).log_softmax(0))

# Gradients with the upstream gradient G (or g = 1 for scalars).
def grad(f, seed=None):
    x = X.clone().requires_grad_()
    y = f(x)
    y.backward(torch.ones_like(y) if seed is None else seed)
    return x.grad

show("grad softmax(axis:-1)", grad(lambda x: x.softmax(-1), G))
show("grad logSoftmax(axis:0)", grad(lambda x: x.log_softmax(0), G))
show("grad std(axis:1,c=1)", grad(lambda x: x.std(1), G[:, 0]))
show("grad norm(p:3,axis:1)", grad(lambda x: torch.linalg.vector_norm(x, ord=3, dim=1), G[:, 0]))
show("grad norm(p:0.5)", grad(lambda x: torch.linalg.vector_norm(x, ord=0.5)))
show("grad logsumexp(axis:1)", grad(lambda x: x.logsumexp(1), G[:, 0]))
