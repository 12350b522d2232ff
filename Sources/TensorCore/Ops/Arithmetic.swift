/// The four arithmetic operators with NumPy broadcasting, and negation.
///
/// Shapes broadcast as in NumPy (align right; each pair of sizes equal or one is 1);
/// incompatible shapes throw `TensorError`. Backward reduces each gradient back to its
/// operand's shape by summing over broadcast axes.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "add", AddOp()).recorded("add", inputs: [a, b]) { g in
            [Kernels.reduceToShape(g, a.shape), Kernels.reduceToShape(g, b.shape)]
        }
    }

    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "sub", SubOp()).recorded("sub", inputs: [a, b]) { g in
            [Kernels.reduceToShape(g, a.shape),
             b.requiresGrad ? Kernels.reduceToShape(Kernels.apply(g, AffineOp(scale: -1, shift: 0)), b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "mul", MulOp()).recorded("mul", inputs: [a, b]) { g in
            [a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, b, op: "mul", MulOp()), a.shape) : nil,
             b.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, a, op: "mul", MulOp()), b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "div", DivOp()).recorded("div", inputs: [a, b]) { g in
            // d(a/b)/da = 1/b, d(a/b)/db = -a/b².
            let ga = a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, b, op: "div", DivOp()), a.shape) : nil
            var gb: Tensor? = nil
            if b.requiresGrad {
                let ab = try Kernels.broadcast(a, b, op: "div", NegQuotientOverDivisorOp())
                gb = Kernels.reduceToShape(try Kernels.broadcast(g, ab, op: "div", MulOp()), b.shape)
            }
            return [ga, gb]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        x.affine(scale: -1, shift: 0, name: "neg")
    }

    /// `scale * x + shift` as one recorded op (the scalar forms of + - * / use it).
    private func affine(scale: Float, shift: Float, name: String) -> Tensor {
        Kernels.apply(self, AffineOp(scale: scale, shift: shift)).recorded(name, inputs: [self]) { g in
            [Kernels.apply(g, AffineOp(scale: scale, shift: 0))]
        }
    }

    // Tensor-scalar forms (never throw: a scalar broadcasts to any shape).

    public static func + (a: Tensor, s: Float) -> Tensor { a.affine(scale: 1, shift: s, name: "add_scalar") }

    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }

    public static func - (s: Float, a: Tensor) -> Tensor { a.affine(scale: -1, shift: s, name: "rsub_scalar") }

    public static func * (a: Tensor, s: Float) -> Tensor { a.affine(scale: s, shift: 0, name: "mul_scalar") }

    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }

    public static func / (s: Float, a: Tensor) -> Tensor {
        Kernels.apply(a, ReciprocalScaleOp(s)).recorded("rdiv_scalar", inputs: [a]) { g in
            [Kernels.apply(g, a, ReciprocalScaleGradOp(s))]
        }
    }
}
