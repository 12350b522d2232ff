/// Selection by a mask: `where` picks between two tensors, `maskedFill` overwrites with a
/// constant. Masks are Float tensors read as booleans: any non-zero value (NaN included)
/// is true, so the 0/1 results of `gt`, `eq`, ... plug in directly.
extension Tensor {
    /// `condition ≠ 0 ? a : b` elementwise, like `torch.where(condition, a, b)`. The three
    /// shapes broadcast together (NumPy rules) to the output shape; throws otherwise.
    ///
    /// Backward: `g` masked by the condition goes to `a`, the rest to `b`, each summed back
    /// to its operand's shape over broadcast axes. The condition gets no gradient.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try Kernels.broadcast(condition, a, b, op: "where") { c, x, y in c != 0 ? x : y }
        let c = condition.detach()
        return out.recorded("where", inputs: [a, b]) { g in
            let ga = a.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, c, op: "where") { gi, ci in
                ci != 0 ? gi : 0
            }, a.shape) : nil
            let gb = b.requiresGrad ? Kernels.reduceToShape(try Kernels.broadcast(g, c, op: "where") { gi, ci in
                ci != 0 ? 0 : gi
            }, b.shape) : nil
            return [ga, gb]
        }
    }

    /// A copy of `self` with `value` wherever `mask ≠ 0`, like `Tensor.masked_fill(mask,
    /// value)`. The mask broadcasts to `self`'s shape (the result always has `self`'s
    /// shape); throws if it does not.
    ///
    /// Backward: `g` where the mask is zero, 0 where the value was filled in.
    public func maskedFill(_ mask: Tensor, _ value: Float) throws -> Tensor {
        let broadcastShape = try Shape.broadcast(shape, mask.shape, op: "maskedFill")
        guard broadcastShape == shape else {
            throw TensorError.shapeMismatch("maskedFill", mask.shape, shape, "mask does not broadcast to the tensor's shape")
        }
        let m = mask.detach()
        let out = try Kernels.broadcast(self, m, op: "maskedFill") { x, mi in mi != 0 ? value : x }
        return out.recorded("masked_fill", inputs: [self]) { g in
            [try Kernels.broadcast(g, m, op: "maskedFill") { gi, mi in mi != 0 ? 0 : gi }]
        }
    }
}
