/// Elementwise math functions: exponentials, logarithms, roots, absolute value and powers.
///
/// Each returns a new tensor of the input's shape and records its derivative; the
/// backward formulas are PyTorch's (`tools/autograd/derivatives.yaml`), including its
/// conventions at singular points (`abs'(0) = 0`, `pow` with a zero exponent).
/// Backward closures that need the output keep a `detach()`ed view of it, never the
/// output tensor itself, so a graph that is never backpropagated leaks no cycle.
/// Kernels are `UnaryFloatOp`/`BinaryFloatOp` structs (see there for why not closures).
extension Tensor {
    /// `eˣ`, like `torch.exp` (within 1 ulp, see `Kernels.fastExp`). Backward: `g · eˣ`
    /// (from the saved output).
    public func exp() -> Tensor {
        let out = Kernels.apply(self, ExpOp())
        let y = out.detach()
        return out.recorded("exp", inputs: [self]) { g in [Kernels.apply(g, y, MulOp())] }
    }

    /// Natural logarithm, like `torch.log` (`-inf` at 0, NaN below). Backward: `g / x`.
    public func log() -> Tensor {
        let x = self
        return Kernels.apply(self, LogOp()).recorded("log", inputs: [self]) { g in
            [Kernels.apply(g, x, DivOp())]
        }
    }

    /// `log(1 + x)`, accurate for small `x`, like `torch.log1p`. Backward: `g / (1 + x)`.
    public func log1p() -> Tensor {
        let x = self
        return Kernels.apply(self, Log1pOp()).recorded("log1p", inputs: [self]) { g in
            [Kernels.apply(g, x, Log1pBackward())]
        }
    }

    /// `√x`, like `torch.sqrt` (NaN below 0). Backward: `g / (2√x)` (infinite at 0, as in
    /// PyTorch).
    public func sqrt() -> Tensor {
        let out = Kernels.apply(self, SqrtOp())
        let y = out.detach()
        return out.recorded("sqrt", inputs: [self]) { g in [Kernels.apply(g, y, SqrtBackward())] }
    }

    /// `1/√x`, like `torch.rsqrt`. Backward: `-g · y³ / 2` with `y = 1/√x`.
    public func rsqrt() -> Tensor {
        let out = Kernels.apply(self, RsqrtOp())
        let y = out.detach()
        return out.recorded("rsqrt", inputs: [self]) { g in [Kernels.apply(g, y, RsqrtBackward())] }
    }

    /// `|x|`, like `torch.abs`. Backward: `g · sign(x)`, with `sign(0) = 0` as in PyTorch.
    public func abs() -> Tensor {
        let x = self
        return Kernels.apply(self, AbsOp()).recorded("abs", inputs: [self]) { g in
            [Kernels.apply(g, x, AbsBackward())]
        }
    }

    /// `x²`, like `torch.square`. Backward: `2x · g`.
    public func square() -> Tensor {
        let x = self
        return Kernels.apply(self, SquareOp()).recorded("square", inputs: [self]) { g in
            [Kernels.apply(g, x, SquareBackward())]
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
        case 1: out = copy()
        case 0.5: out = Kernels.apply(self, SqrtOp())
        case -0.5: out = Kernels.apply(self, RsqrtOp())
        default: out = Kernels.apply(self, PowOp(exponent: p))
        }
        let x = self
        return out.recorded("pow", inputs: [self]) { g in
            switch p {
            case 0: return [Tensor.zeros(x.shape)]
            case 1: return [g]
            default: return [Kernels.apply(g, x, PowBackward(exponent: p))]
            }
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

// MARK: Kernels (forward `f(x)`, backward `(g, saved) -> g · f'`)

// MulOp and DivOp live with the arithmetic operators (ArithmeticOps.swift).

struct ExpOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Kernels.fastExp(x) }
}

struct LogOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { flog(x) }
}

struct Log1pOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { flog1p(x) }
}

struct Log1pBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { g / (x + 1) }
}

struct SqrtOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.squareRoot() }
}

/// `(g, y = √x) -> g / 2y`.
struct SqrtBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g / (2 * y) }
}

struct RsqrtOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { 1 / x.squareRoot() }
}

/// `(g, y = 1/√x) -> -g · y³ / 2`.
struct RsqrtBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { -0.5 * g * (y * y * y) }
}

struct AbsOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x.magnitude }
}

/// `g · sign(x)`; `0 · g` at 0 (keeps a NaN gradient NaN, as PyTorch's `g · sgn(x)`).
struct AbsBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0 * g) }
}

struct SquareOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * x }
}

struct SquareBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { g * (2 * x) }
}

/// `xᵖ` with PyTorch's exact shortcuts for p = 2, 3, -1, -2 (the branch on `p` is the same
/// for every element, so it is hoisted out of the loop).
struct PowOp: UnaryFloatOp {
    let exponent: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        switch exponent {
        case 2: return x * x
        case 3: return x * x * x
        case -1: return 1 / x
        case -2: return 1 / (x * x)
        default: return fpow(x, exponent)
        }
    }
}

/// `(g, x) -> g · p · xᵖ⁻¹` (`p ≠ 0, 1`).
struct PowBackward: BinaryFloatOp {
    let exponent: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        switch exponent {
        case 2: return g * (2 * x)
        case 3: return g * (3 * (x * x))
        default: return g * (exponent * fpow(x, exponent - 1))
        }
    }
}
