/// Op structs for the arithmetic operators, so `Kernels.apply`/`broadcast` specialise and
/// vectorise them (see `UnaryFloatOp`).
@usableFromInline struct AddOp: BinaryFloatOp {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Float, _ y: Float) -> Float { x + y }
}

@usableFromInline struct SubOp: BinaryFloatOp {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Float, _ y: Float) -> Float { x - y }
}

@usableFromInline struct MulOp: BinaryFloatOp {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Float, _ y: Float) -> Float { x * y }
}

@usableFromInline struct DivOp: BinaryFloatOp {
    @inlinable init() {}
    @inlinable func callAsFunction(_ x: Float, _ y: Float) -> Float { x / y }
}

/// `(a, b) -> -a / b²`, the derivative of a / b with respect to b.
@usableFromInline struct NegQuotientOverDivisorOp: BinaryFloatOp {
    @inlinable init() {}
    @inlinable func callAsFunction(_ a: Float, _ b: Float) -> Float { -a / (b * b) }
}

/// `x -> scale * x + shift`: every scalar form of + - * / and negation.
@usableFromInline struct AffineOp: UnaryFloatOp {
    @usableFromInline let scale: Float, shift: Float
    @inlinable init(scale: Float, shift: Float) { self.scale = scale; self.shift = shift }
    @inlinable func callAsFunction(_ x: Float) -> Float { scale * x + shift }
}

/// `x -> s / x`.
@usableFromInline struct ReciprocalScaleOp: UnaryFloatOp {
    @usableFromInline let s: Float
    @inlinable init(_ s: Float) { self.s = s }
    @inlinable func callAsFunction(_ x: Float) -> Float { s / x }
}

/// `(g, x) -> g · (−s / x²)`, the backward of s / x.
@usableFromInline struct ReciprocalScaleGradOp: BinaryFloatOp {
    @usableFromInline let s: Float
    @inlinable init(_ s: Float) { self.s = s }
    @inlinable func callAsFunction(_ g: Float, _ x: Float) -> Float { g * (-s / (x * x)) }
}
