import Testing
import TensorCore

@Suite struct TensorBasicsTests {
    @Test func creation() throws {
        #expect(Tensor.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
        #expect(Tensor.full([2], 7).scalars == [7, 7])
        #expect(try Tensor.arange(0, 5, step: 2).scalars == [0, 2, 4])
        #expect(try Tensor.arange(0, 1, step: 0.25).count == 4)
        #expect(throws: TensorError.self) { try Tensor.arange(0, 5, step: -1) }
        #expect(throws: TensorError.self) { try Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
        let t = try Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5])
        #expect(t[1, 2] == 5 && t.rank == 2 && t.count == 6)
        #expect(try Tensor(scalar: 3).item() == 3)
        #expect(throws: TensorError.self) { try t.item() }
    }

    @Test func broadcastingFollowsNumPyRules() throws {
        #expect(try Shape.broadcast([3, 1, 5], [4, 1], op: "t") == [3, 4, 5])
        #expect(try Shape.broadcast([], [2, 2], op: "t") == [2, 2])
        #expect(throws: TensorError.self) { try Shape.broadcast([3, 4], [3], op: "t") }
        let a = try Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [2, 1], scalars: [10, 20])
        let c = try a * b
        #expect(c.shape == [2, 2, 3])
        #expect(c.scalars == [10, 20, 30, 20, 40, 60, 40, 50, 60, 80, 100, 120])
        // Column broadcast on the left-hand side.
        let d = try Tensor([1, 2, 3]) - a
        #expect(d.shape == [2, 1, 3] && d.scalars == [0, 0, 0, -3, -3, -3])
    }

    @Test func broadcastGradientsSumOverBroadcastAxes() throws {
        let a = Tensor.ones([2, 3]).requiringGrad()
        let b = Tensor([1, 2, 3], requiresGrad: true)
        let s = try Tensor(shape: [2, 1], scalars: [2, 5]).requiringGrad()
        try ((a * b) * s).backward(Tensor.ones([2, 3]))
        #expect(b.grad?.scalars == [7, 7, 7])
        #expect(s.grad?.scalars == [6, 6])
        #expect(a.grad?.scalars == [2, 4, 6, 5, 10, 15])
    }

    @Test func shapeMismatchesThrowClearErrors() throws {
        let a = Tensor.zeros([2, 3]), b = Tensor.zeros([4])
        do {
            _ = try a + b
            Issue.record("expected a throw")
        } catch let e as TensorError {
            #expect(e.op == "add")
            #expect(e.description.contains("[2, 3]") && e.description.contains("[4]"))
        }
        #expect(throws: TensorError.self) { try a.matmul(Tensor.zeros([2, 3])) }
        #expect(throws: TensorError.self) { try a.reshaped([4, 2]) }
        #expect(throws: TensorError.self) { try a.reshaped([-1, -1]) }
    }

    @Test func matmulShapesAndValues() throws {
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = try Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        #expect(try a.matmul(b).scalars == [58, 64, 139, 154])
        #expect(try Tensor([1, 1, 1]).matmul(b).scalars == [27, 30])
        #expect(try a.matmul(Tensor([1, 0, 1])).scalars == [4, 10])
        let batched = try Tensor(shape: [2, 1, 3], scalars: [1, 2, 3, 4, 5, 6]).matmul(b)
        #expect(batched.shape == [2, 1, 2] && batched.scalars == [58, 64, 139, 154])
        #expect(throws: TensorError.self) { try Tensor.zeros([4, 2, 3]).matmul(Tensor.zeros([2, 3, 5])) }
        #expect(try Tensor.zeros([4, 2, 3]).matmul(Tensor.zeros([1, 3, 5])).shape == [4, 2, 5])
    }

    @Test func reshapeSharesStorageAndInfersOneAxis() throws {
        let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let r = try a.reshaped([3, -1])
        #expect(r.shape == [3, 2] && r.storage === a.storage)
        #expect(try a.flattened().shape == [6])
    }
}
