/// Elementwise math functions: exponentials, logarithms, roots, absolute value and powers.
///
/// Each returns a new tensor of the input's shape and records its derivative; the
/// backward formulas are PyTorch's (`tools/autograd/derivatives.yaml`), including its
/// conventions at singular points (`abs'(0) = 0`, `pow` with a zero exponent).
/// Backward closures that need the output keep a `detach()`ed view of it, never the
/// output tensor itself, so a graph that is never backpropagated leaks no cycle.
extension Tensor {
    /// `eˣ`, like `torch.exp`. Backward: `g · eˣ` (from the saved output).
    public func exp() -> Tensor {
        let out = Kernels.map(self) { fexp($0) }
        let y = out.detach()
        return out.recorded("exp", inputs: [self]) { g in
            [Kernels.zip(g, y, shape: g.shape) { $0 * $1 }]
        }
    }

    /// Natural logarithm, like `torch.log` (`-inf` at 0, NaN below). Backward: `g / x`.
    public func log() -> Tensor {
        let x = self
        return Kernels.map(self) { flog($0) }.recorded("log", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { $0 / $1 }]
        }
    }

    /// `log(1 + x)`, accurate for small `x`, like `torch.log1p`. Backward: `g / (1 + x)`.
    public func log1p() -> Tensor {
        let x = self
        return Kernels.map(self) { flog1p($0) }.recorded("log1p", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { $0 / ($1 + 1) }]
        }
    }

    /// `√x`, like `torch.sqrt` (NaN below 0). Backward: `g / (2√x)` (infinite at 0, as in
    /// PyTorch).
    public func sqrt() -> Tensor {
        let out = Kernels.map(self) { $0.squareRoot() }
        let y = out.detach()
        return out.recorded("sqrt", inputs: [self]) { g in
            [Kernels.zip(g, y, shape: g.shape) { $0 / (2 * $1) }]
        }
    }

    /// `1/√x`, like `torch.rsqrt`. Backward: `-g · y³ / 2` with `y = 1/√x`.
    public func rsqrt() -> Tensor {
        let out = Kernels.map(self) { 1 / $0.squareRoot() }
        let y = out.detach()
        return out.recorded("rsqrt", inputs: [self]) { g in
            [Kernels.zip(g, y, shape: g.shape) { -0.5 * $0 * ($1 * $1 * $1) }]
        }
    }

    /// `|x|`, like `torch.abs`. Backward: `g · sign(x)`, with `sign(0) = 0` as in PyTorch.
    public func abs() -> Tensor {
        let x = self
        return Kernels.map(self) { $0.magnitude }.recorded("abs", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { gi, xi in xi > 0 ? gi : (xi < 0 ? -gi : 0 * gi) }]
        }
    }

    /// `x²`, like `torch.square`. Backward: `2x · g`.
    public func square() -> Tensor {
        let x = self
        return Kernels.map(self) { $0 * $0 }.recorded("square", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { $0 * (2 * $1) }]
        }
    }

    /// `xᵖ` for a scalar exponent, like `torch.pow(x, p)` (C `powf` semantics: a negative
    /// base with a non-integer exponent gives NaN). Like PyTorch's CPU kernel, the
    /// exponents 0, 1, 2, 3, -2, 0.5, -0.5 and -1 take exact shortcuts (`1`, copy, `x·x`,
    /// `x·x·x`, `1/(x·x)`, `√x`, `1/√x`, `1/x`), so results match PyTorch bit for bit there.
    ///
    /// Backward: `g · p · xᵖ⁻¹`, and exactly zero when `p == 0` (PyTorch's convention,
    /// which avoids `0 · x⁻¹` at `x = 0`).
    public func pow(_ exponent: Float) -> Tensor {
        let p = exponent
        let out: Tensor
        switch p {
        case 0: out = Tensor.ones(shape)
        case 1: out = Kernels.map(self) { $0 }
        case 2: out = Kernels.map(self) { $0 * $0 }
        case 3: out = Kernels.map(self) { $0 * $0 * $0 }
        case -2: out = Kernels.map(self) { 1 / ($0 * $0) }
        case 0.5: out = Kernels.map(self) { $0.squareRoot() }
        case -0.5: out = Kernels.map(self) { 1 / $0.squareRoot() }
        case -1: out = Kernels.map(self) { 1 / $0 }
        default:
            out = Kernels.map(self) { fpow($0, p) }
        }
        let x = self
        return out.recorded("pow", inputs: [self]) { g in
            if p == 0 { return [Tensor.zeros(x.shape)] }
            if p == 1 { return [g] }
            if p == 2 { return [Kernels.zip(g, x, shape: g.shape) { $0 * (2 * $1) }] }
            let pm1 = p - 1
            return [Kernels.zip(g, x, shape: g.shape) { $0 * (p * fpow($1, pm1)) }]
        }
    }

    /// `selfᵉ` elementwise with NumPy broadcasting of base and exponent, like
    /// `torch.pow(self, exponent)`. Throws when the shapes do not broadcast.
    ///
    /// Backward, as in PyTorch:
    /// - base: `g · e · xᵉ⁻¹`, and 0 where `e == 0`;
    /// - exponent: `g · xᵉ · log x`, and 0 where `x == 0` and `e ≥ 0` (NaN for a negative
    ///   base, where the logarithm is undefined).
    /// Each is summed back to its operand's shape over broadcast axes.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let x = self, e = exponent
        let out = try Kernels.broadcast(x, e, op: "pow") { fpow($0, $1) }
        return out.recorded("pow", inputs: [x, e]) { g in
            var gx: Tensor? = nil, ge: Tensor? = nil
            if x.requiresGrad {
                let full = try Kernels.broadcast(g, x, e, op: "pow") { gi, xi, ei in
                    ei == 0 ? 0 : gi * (ei * fpow(xi, ei - 1))
                }
                gx = Kernels.reduceToShape(full, x.shape)
            }
            if e.requiresGrad {
                let full = try Kernels.broadcast(g, x, e, op: "pow") { gi, xi, ei in
                    xi == 0 && ei >= 0 ? 0 : gi * (fpow(xi, ei) * flog(xi))
                }
                ge = Kernels.reduceToShape(full, e.shape)
            }
            return [gx, ge]
        }
    }
}
