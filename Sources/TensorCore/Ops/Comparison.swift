/// Elementwise comparisons and the elementwise maximum and minimum of two tensors.
///
/// Comparisons return 0/1 Float tensors (PyTorch returns `bool`; here masks stay Float so
/// they multiply, sum and feed `where`/`maskedFill` directly). They record no history:
/// the result is piecewise constant. IEEE rules apply: every comparison with NaN is false
/// except `ne`, which is true. The `Tensor` forms broadcast like arithmetic and throw on
/// incompatible shapes; the `Float` forms compare with a scalar and cannot fail.
extension Tensor {
    /// `self == other` elementwise (1 or 0), like `torch.eq`.
    public func eq(_ other: Tensor) throws -> Tensor {
        try Kernels.broadcast(self, other, op: "eq") { $0 == $1 ? 1 : 0 }
    }

    /// `self != other` elementwise (1 or 0), like `torch.ne`.
    public func ne(_ other: Tensor) throws -> Tensor {
        try Kernels.broadcast(self, other, op: "ne") { $0 != $1 ? 1 : 0 }
    }

    /// `self < other` elementwise (1 or 0), like `torch.lt`.
    public func lt(_ other: Tensor) throws -> Tensor {
        try Kernels.broadcast(self, other, op: "lt") { $0 < $1 ? 1 : 0 }
    }

    /// `self <= other` elementwise (1 or 0), like `torch.le`.
    public func le(_ other: Tensor) throws -> Tensor {
        try Kernels.broadcast(self, other, op: "le") { $0 <= $1 ? 1 : 0 }
    }

    /// `self > other` elementwise (1 or 0), like `torch.gt`.
    public func gt(_ other: Tensor) throws -> Tensor {
        try Kernels.broadcast(self, other, op: "gt") { $0 > $1 ? 1 : 0 }
    }

    /// `self >= other` elementwise (1 or 0), like `torch.ge`.
    public func ge(_ other: Tensor) throws -> Tensor {
        try Kernels.broadcast(self, other, op: "ge") { $0 >= $1 ? 1 : 0 }
    }

    /// `self == value` elementwise (1 or 0).
    public func eq(_ value: Float) -> Tensor { Kernels.apply(self, EqScalarOp(value: value)) }

    /// `self != value` elementwise (1 or 0).
    public func ne(_ value: Float) -> Tensor { Kernels.apply(self, NeScalarOp(value: value)) }

    /// `self < value` elementwise (1 or 0).
    public func lt(_ value: Float) -> Tensor { Kernels.apply(self, LtScalarOp(value: value)) }

    /// `self <= value` elementwise (1 or 0).
    public func le(_ value: Float) -> Tensor { Kernels.apply(self, LeScalarOp(value: value)) }

    /// `self > value` elementwise (1 or 0), e.g. `x.gt(0)` for a positive mask.
    public func gt(_ value: Float) -> Tensor { Kernels.apply(self, GtScalarOp(value: value)) }

    /// `self >= value` elementwise (1 or 0).
    public func ge(_ value: Float) -> Tensor { Kernels.apply(self, GeScalarOp(value: value)) }

    /// Elementwise maximum with broadcasting, like `torch.maximum` (NaN in either operand
    /// gives NaN). Throws when the shapes do not broadcast.
    ///
    /// Backward, as in PyTorch: the gradient goes to the larger operand; on ties it is split
    /// evenly (`g/2` to each). Each gradient is summed back to its operand's shape.
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try Kernels.broadcast(a, b, op: "maximum") { x, y in
            x.isNaN || y.isNaN ? .nan : (x < y ? y : x)
        }
        return out.recorded("maximum", inputs: [a, b]) { g in
            // PyTorch: where(a == b, g/2, g), zeroed where the operand is the smaller one.
            let ga = a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, a, b, op: "maximum") { gi, x, y in
                x == y ? gi / 2 : (x < y ? 0 : gi)
            }, a.shape) : nil
            let gb = b.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, a, b, op: "maximum") { gi, x, y in
                x == y ? gi / 2 : (x > y ? 0 : gi)
            }, b.shape) : nil
            return [ga, gb]
        }
    }

    /// Elementwise minimum with broadcasting, like `torch.minimum` (NaN in either operand
    /// gives NaN). Throws when the shapes do not broadcast.
    ///
    /// Backward, as in PyTorch: the gradient goes to the smaller operand; on ties it is split
    /// evenly (`g/2` to each). Each gradient is summed back to its operand's shape.
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try Kernels.broadcast(a, b, op: "minimum") { x, y in
            x.isNaN || y.isNaN ? .nan : (y < x ? y : x)
        }
        return out.recorded("minimum", inputs: [a, b]) { g in
            let ga = a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, a, b, op: "minimum") { gi, x, y in
                x == y ? gi / 2 : (x > y ? 0 : gi)
            }, a.shape) : nil
            let gb = b.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, a, b, op: "minimum") { gi, x, y in
                x == y ? gi / 2 : (x < y ? 0 : gi)
            }, b.shape) : nil
            return [ga, gb]
        }
    }
}

// MARK: Kernels

struct EqScalarOp: UnaryFloatOp {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x == value ? 1 : 0 }
}

struct NeScalarOp: UnaryFloatOp {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x != value ? 1 : 0 }
}

struct LtScalarOp: UnaryFloatOp {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x < value ? 1 : 0 }
}

struct LeScalarOp: UnaryFloatOp {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x <= value ? 1 : 0 }
}

struct GtScalarOp: UnaryFloatOp {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x > value ? 1 : 0 }
}

struct GeScalarOp: UnaryFloatOp {
    let value: Float
    @inline(__always) func callAsFunction(_ x: Float) -> Float { x >= value ? 1 : 0 }
}
