/// Activation functions with PyTorch's formulas, defaults and derivative conventions at
/// kinks (`relu'(0) = 0`, `leakyRelu'(0) = slope`, `elu'(0) = alpha`, `clamp` passes the
/// gradient on the closed range).
extension Tensor {
    /// `max(x, 0)`, like `torch.relu` (NaN stays NaN). Backward: `g` where `x > 0`, else 0.
    public func relu() -> Tensor {
        let x = self
        return Kernels.map(self) { $0 < 0 ? 0 : $0 }.recorded("relu", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { $1 > 0 ? $0 : 0 }]
        }
    }

    /// `x` for `x > 0`, else `negativeSlope · x`, like `torch.nn.functional.leaky_relu`
    /// (default slope 0.01). Backward: `g` where `x > 0`, else `negativeSlope · g`.
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        let x = self, s = negativeSlope
        return Kernels.map(self) { $0 > 0 ? $0 : $0 * s }.recorded("leaky_relu", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { $1 > 0 ? $0 : $0 * s }]
        }
    }

    /// `x` for `x > 0`, else `alpha · (eˣ − 1)`, like `torch.nn.functional.elu` (default
    /// alpha 1). Backward: `g` where `x > 0`, else `g · alpha · eˣ`.
    public func elu(alpha: Float = 1) -> Tensor {
        let x = self, a = alpha
        return Kernels.map(self) { $0 > 0 ? $0 : a * fexpm1($0) }.recorded("elu", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { $1 > 0 ? $0 : $0 * (a * fexp($1)) }]
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
            let beta: Float = 0.7978845608028654     // √(2/π)
            let kappa: Float = 0.044715
            let out = Kernels.map(self) { v in
                0.5 * v * (1 + ftanh(beta * (v + kappa * (v * v * v))))
            }
            return out.recorded("gelu_tanh", inputs: [self]) { g in
                [Kernels.zip(g, x, shape: g.shape) { gi, v in
                    let t = ftanh(beta * (v + kappa * (v * v * v)))
                    let left = 0.5 * v, right = 1 + t
                    let dRight = left * (1 - t * t) * beta * (1 + 3 * kappa * v * v)
                    return gi * (0.5 * right + dRight)
                }]
            }
        }
        let invSqrt2: Float = 0.7071067811865476     // 1/√2
        let invSqrt2Pi: Float = 0.3989422804014327   // 1/√(2π)
        let out = Kernels.map(self) { v in v * 0.5 * (1 + ferf(v * invSqrt2)) }
        return out.recorded("gelu", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { gi, v in
                let cdf = 0.5 * (1 + ferf(v * invSqrt2))
                let pdf = invSqrt2Pi * fexp(-0.5 * v * v)
                return gi * (cdf + v * pdf)
            }]
        }
    }

    /// `x · σ(x)` (swish), like `torch.nn.functional.silu`.
    /// Backward: `g · σ(x) · (1 + x · (1 − σ(x)))`.
    public func silu() -> Tensor {
        let x = self
        return Kernels.map(self) { $0 / (1 + fexp(-$0)) }.recorded("silu", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { gi, v in
                let s = 1 / (1 + fexp(-v))
                return gi * (s * (1 + v * (1 - s)))
            }]
        }
    }

    /// `σ(x) = 1 / (1 + e⁻ˣ)`, like `torch.sigmoid`. Backward: `g · y · (1 − y)` from the
    /// saved output `y`.
    public func sigmoid() -> Tensor {
        let out = Kernels.map(self) { 1 / (1 + fexp(-$0)) }
        let y = out.detach()
        return out.recorded("sigmoid", inputs: [self]) { g in
            [Kernels.zip(g, y, shape: g.shape) { $0 * ($1 * (1 - $1)) }]
        }
    }

    /// Hyperbolic tangent, like `torch.tanh`. Backward: `g · (1 − y²)` from the saved output.
    public func tanh() -> Tensor {
        let out = Kernels.map(self) { ftanh($0) }
        let y = out.detach()
        return out.recorded("tanh", inputs: [self]) { g in
            [Kernels.zip(g, y, shape: g.shape) { $0 * (1 - $1 * $1) }]
        }
    }

    /// `log(1 + e^(βx)) / β`, like `torch.nn.functional.softplus(x, beta, threshold)`:
    /// where `βx > threshold` the result is `x` itself (linear, avoiding overflow).
    /// Backward: `g · z / (z + 1)` with `z = e^(βx)`, and `g` above the threshold.
    public func softplus(beta: Float = 1, threshold: Float = 20) -> Tensor {
        let x = self, b = beta, t = threshold
        let out = Kernels.map(self) { v in v * b > t ? v : flog1p(fexp(v * b)) / b }
        return out.recorded("softplus", inputs: [self]) { g in
            [Kernels.zip(g, x, shape: g.shape) { gi, v in
                if v * b > t { return gi }
                let z = fexp(v * b)
                return gi * z / (z + 1)
            }]
        }
    }

    /// Limits values to `[min, max]`, like `torch.clamp` (either bound may be nil; NaN
    /// stays NaN; if `min > max` every element becomes `max`, as in PyTorch). With both
    /// bounds nil the tensor itself is returned (PyTorch rejects that call).
    ///
    /// Backward: `g` where `min ≤ x ≤ max` (bounds included, as in PyTorch), else 0.
    public func clamp(min: Float? = nil, max: Float? = nil) -> Tensor {
        let x = self
        switch (min, max) {
        case (nil, nil):
            return self
        case let (lo?, nil):
            return Kernels.map(self) { $0 < lo ? lo : $0 }.recorded("clamp_min", inputs: [self]) { g in
                [Kernels.zip(g, x, shape: g.shape) { $1 >= lo ? $0 : 0 }]
            }
        case let (nil, hi?):
            return Kernels.map(self) { $0 > hi ? hi : $0 }.recorded("clamp_max", inputs: [self]) { g in
                [Kernels.zip(g, x, shape: g.shape) { $1 <= hi ? $0 : 0 }]
            }
        case let (lo?, hi?):
            let out = Kernels.map(self) { v -> Float in
                let m = v < lo ? lo : v
                return m > hi ? hi : m
            }
            return out.recorded("clamp", inputs: [self]) { g in
                [Kernels.zip(g, x, shape: g.shape) { $1 >= lo && $1 <= hi ? $0 : 0 }]
            }
        }
    }
}
