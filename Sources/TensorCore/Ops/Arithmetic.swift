/// The four arithmetic operators with NumPy broadcasting, and negation.
///
/// Shapes broadcast as in NumPy (align right; each pair of sizes equal or one is 1);
/// incompatible shapes throw `TensorError`. Backward reduces each gradient back to its
/// operand's shape by summing over broadcast axes.
extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "add") { $0 + $1 }.recorded("add", inputs: [a, b]) { g in
            [Kernels.reduceToShape(g, a.shape), Kernels.reduceToShape(g, b.shape)]
        }
    }

    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "sub") { $0 - $1 }.recorded("sub", inputs: [a, b]) { g in
            [Kernels.reduceToShape(g, a.shape), b.requiresGrad ? Kernels.reduceToShape(Kernels.map(g) { -$0 }, b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "mul") { $0 * $1 }.recorded("mul", inputs: [a, b]) { g in
            [a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, b, op: "mul") { $0 * $1 }, a.shape) : nil,
             b.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, a, op: "mul") { $0 * $1 }, b.shape) : nil]
        }
    }

    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        try Kernels.broadcast(a, b, op: "div") { $0 / $1 }.recorded("div", inputs: [a, b]) { g in
            // d(a/b)/da = 1/b, d(a/b)/db = -a/b².
            let ga = a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, b, op: "div") { $0 / $1 }, a.shape) : nil
            var gb: Tensor? = nil
            if b.requiresGrad {
                let ab = try Kernels.broadcast(a, b, op: "div") { -$0 / ($1 * $1) }
                gb = Kernels.reduceToShape(try Kernels.broadcast(g, ab, op: "div") { $0 * $1 }, b.shape)
            }
            return [ga, gb]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        Kernels.map(x) { -$0 }.recorded("neg", inputs: [x]) { g in [Kernels.map(g) { -$0 }] }
    }

    // Tensor-scalar forms (never throw: a scalar broadcasts to any shape).

    public static func + (a: Tensor, s: Float) -> Tensor {
        Kernels.map(a) { $0 + s }.recorded("add_scalar", inputs: [a]) { g in [g] }
    }

    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }

    public static func - (s: Float, a: Tensor) -> Tensor {
        Kernels.map(a) { s - $0 }.recorded("rsub_scalar", inputs: [a]) { g in [Kernels.map(g) { -$0 }] }
    }

    public static func * (a: Tensor, s: Float) -> Tensor {
        Kernels.map(a) { $0 * s }.recorded("mul_scalar", inputs: [a]) { g in [Kernels.map(g) { $0 * s }] }
    }

    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }

    public static func / (s: Float, a: Tensor) -> Tensor {
        Kernels.map(a) { s / $0 }.recorded("rdiv_scalar", inputs: [a]) { g in
            [try Kernels.broadcast(g, a, op: "rdiv") { $0 * (-s / ($1 * $1)) }]
        }
    }
}
