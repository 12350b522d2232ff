/// Activation functions with PyTorch's formulas, defaults and derivative conventions at
/// kinks (`relu'(0) = 0`, `leakyRelu'(0) = slope`, `elu'(0) = alpha`, `clamp` passes the
/// gradient on the closed range). `exp` and `tanh` inside them are the vectorisable
/// `Kernels.fastExp`/`fastExpm1`/`fastTanh` (1-2 ulp).
extension Tensor {
    /// `max(x, 0)`, like `torch.relu` (NaN stays NaN). Backward: `g` where `x > 0`, else 0.
    public func relu() -> Tensor {
        // The backward reads the saved output (y > 0 exactly where x > 0), as PyTorch's
        // does: the output is usually kept by the next layer anyway, the input is not.
        let out = Kernels.apply(self, ReluOp())
        let y = out.detach()
        return out.recorded("relu", inputs: [self]) { g in [Kernels.apply(g, y, ReluBackward())] }
    }

    /// `x` for `x > 0`, else `negativeSlope · x`, like `torch.nn.functional.leaky_relu`
    /// (default slope 0.01). Backward: `g` where `x > 0`, else `negativeSlope · g`.
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        let x = self, s = negativeSlope
        return Kernels.apply(self, LeakyReluOp(slope: s)).recorded("leaky_relu", inputs: [self]) { g in
            [Kernels.apply(g, x, LeakyReluBackward(slope: s))]
        }
    }

    /// `x` for `x > 0`, else `alpha · (eˣ − 1)`, like `torch.nn.functional.elu` (default
    /// alpha 1). Backward: `g` where `x > 0`, else `g · alpha · eˣ`.
    public func elu(alpha: Float = 1) -> Tensor {
        let x = self, a = alpha
        return Kernels.apply(self, EluOp(alpha: a)).recorded("elu", inputs: [self]) { g in
            [Kernels.apply(g, x, EluBackward(alpha: a))]
        }
    }

    /// Gaussian error linear unit, like `torch.nn.functional.gelu`:
    /// - exact (default, PyTorch's `approximate='none'`): `x · Φ(x) = x/2 · (1 + erf(x/√2))`;
    /// - `approximate: true` (PyTorch's `'tanh'`): `x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))`.
    ///
    /// Backward: exact `g · (Φ(x) + x · φ(x))` with `φ(x) = e^(−x²/2)/√(2π)`; the tanh form
    /// differentiates its own formula, as PyTorch does.
    public func gelu(approximate: Bool = false) -> Tensor {
        let x = self
        if approximate {
            return Kernels.apply(self, GeluTanhOp()).recorded("gelu_tanh", inputs: [self]) { g in
                [Kernels.apply(g, x, GeluTanhBackward())]
            }
        }
        return Kernels.apply(self, GeluOp()).recorded("gelu", inputs: [self]) { g in
            [Kernels.apply(g, x, GeluBackward())]
        }
    }

    /// `x · σ(x)` (swish), like `torch.nn.functional.silu`.
    /// Backward: `g · σ(x) · (1 + x · (1 − σ(x)))`.
    public func silu() -> Tensor {
        let x = self
        return Kernels.apply(self, SiluOp()).recorded("silu", inputs: [self]) { g in
            [Kernels.apply(g, x, SiluBackward())]
        }
    }

    /// `σ(x) = 1 / (1 + e⁻ˣ)`, like `torch.sigmoid`. Backward: `g · y · (1 − y)` from the
    /// saved output `y`.
    public func sigmoid() -> Tensor {
        let out = Kernels.apply(self, SigmoidOp())
        let y = out.detach()
        return out.recorded("sigmoid", inputs: [self]) { g in [Kernels.apply(g, y, SigmoidBackward())] }
    }

    /// Hyperbolic tangent, like `torch.tanh`. Backward: `g · (1 − y²)` from the saved output.
    public func tanh() -> Tensor {
        let out = Kernels.apply(self, TanhOp())
        let y = out.detach()
        return out.recorded("tanh", inputs: [self]) { g in [Kernels.apply(g, y, TanhBackward())] }
    }

    /// `log(1 + e^(βx)) / β`, like `torch.nn.functional.softplus(x, beta, threshold)`:
    /// where `βx > threshold` the result is `x` itself (linear, avoiding overflow).
    /// Backward: `g · z / (z + 1)` with `z = e^(βx)`, and `g` above the threshold.
    public func softplus(beta: Float = 1, threshold: Float = 20) -> Tensor {
        let x = self, op = SoftplusOp(beta: beta, threshold: threshold)
        return Kernels.apply(self, op).recorded("softplus", inputs: [self]) { g in
            [Kernels.apply(g, x, SoftplusBackward(beta: op.beta, threshold: op.threshold))]
        }
    }

    /// Limits values to `[min, max]`, like `torch.clamp` (either bound may be nil; NaN
    /// stays NaN; if `min > max` every element becomes `max`, as in PyTorch). With both
    /// bounds nil the tensor itself is returned (PyTorch rejects that call).
    ///
    /// Backward: `g` where `min ≤ x ≤ max` (bounds included, as in PyTorch), else 0.
    public func clamp(min: Float? = nil, max: Float? = nil) -> Tensor {
        guard min != nil || max != nil else { return self }
        // A missing bound is infinite: the same comparisons then give PyTorch's one-sided
        // clamp_min / clamp_max, gradient included (x ≥ -inf holds for every non-NaN x).
        let x = self, lo = min ?? -.infinity, hi = max ?? .infinity
        return Kernels.apply(self, ClampOp(lo: lo, hi: hi)).recorded("clamp", inputs: [self]) { g in
            [Kernels.apply(g, x, ClampBackward(lo: lo, hi: hi))]
        }
    }
}

// MARK: Kernels (forward `f(x)`, backward `(g, x or y) -> g · f'`)

struct ReluOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x < 0 ? 0 : x }
}

struct ReluBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : 0 }
}

struct LeakyReluOp: UnaryFloatOp {
    let slope: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : x * slope }
}

struct LeakyReluBackward: BinaryFloatOp {
    let slope: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x > 0 ? g : g * slope }
}

struct EluOp: UnaryFloatOp {
    let alpha: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > 0 ? x : alpha * Kernels.fastExpm1(x) }
}

struct EluBackward: BinaryFloatOp {
    let alpha: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        x > 0 ? g : g * (alpha * Kernels.fastExp(x))
    }
}

/// PyTorch's constants for GELU.
enum Gelu {
    static let invSqrt2: Float = 0.7071067811865476     // 1/√2
    static let invSqrt2Pi: Float = 0.3989422804014327   // 1/√(2π)
    static let beta: Float = 0.7978845608028654         // √(2/π)
    static let kappa: Float = 0.044715
}

struct GeluOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x * 0.5 * (1 + ferf(x * Gelu.invSqrt2)) }
}

struct GeluBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        let cdf = 0.5 * (1 + ferf(x * Gelu.invSqrt2))
        let pdf = Gelu.invSqrt2Pi * Kernels.fastExp(-0.5 * x * x)
        return g * (cdf + x * pdf)
    }
}

struct GeluTanhOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        0.5 * x * (1 + Kernels.fastTanh(Gelu.beta * (x + Gelu.kappa * (x * x * x))))
    }
}

struct GeluTanhBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        let t = Kernels.fastTanh(Gelu.beta * (x + Gelu.kappa * (x * x * x)))
        let left = 0.5 * x, right = 1 + t
        let dRight = left * (1 - t * t) * Gelu.beta * (1 + 3 * Gelu.kappa * x * x)
        return g * (0.5 * right + dRight)
    }
}

struct SiluOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x / (1 + Kernels.fastExp(-x)) }
}

struct SiluBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        let s = 1 / (1 + Kernels.fastExp(-x))
        return g * (s * (1 + x * (1 - s)))
    }
}

struct SigmoidOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { 1 / (1 + Kernels.fastExp(-x)) }
}

/// `(g, y = σ(x)) -> g · y · (1 − y)`.
struct SigmoidBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (y * (1 - y)) }
}

struct TanhOp: UnaryFloatOp {
    @inline(__always) func callAsFunction(_ x: Float) -> Float { Kernels.fastTanh(x) }
}

/// `(g, y = tanh x) -> g · (1 − y²)`.
struct TanhBackward: BinaryFloatOp {
    @inline(__always) func callAsFunction(_ g: Float, _ y: Float) -> Float { g * (1 - y * y) }
}

struct SoftplusOp: UnaryFloatOp {
    let beta: Float, threshold: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        x * beta > threshold ? x : flog1p(Kernels.fastExp(x * beta)) / beta
    }
}

struct SoftplusBackward: BinaryFloatOp {
    let beta: Float, threshold: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float {
        let z = Kernels.fastExp(x * beta)
        return x * beta > threshold ? g : g * z / (z + 1)
    }
}

/// `min(max(x, lo), hi)` keeping NaN; an absent bound is ±inf.
struct ClampOp: UnaryFloatOp {
    let lo: Float, hi: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float {
        let m = x < lo ? lo : x
        return m > hi ? hi : m
    }
}

struct ClampBackward: BinaryFloatOp {
    let lo: Float, hi: Float
    @inline(__always) func callAsFunction(_ g: Float, _ x: Float) -> Float { x >= lo && x <= hi ? g : 0 }
}
