import Testing
import TensorCore

@Suite struct AutogradTests {
    @Test func backwardDefaultsToOneForScalarsAndRequiresSeedOtherwise() throws {
        let x = Tensor([2], requiresGrad: true)
        let y = try x * x           // shape [1]
        try y.backward()
        #expect(x.grad?.scalars == [4])

        let v = Tensor([1, 2, 3], requiresGrad: true)
        let w = v * 2
        #expect(throws: TensorError.self) { try w.backward() }
        try w.backward(Tensor([1, 0, -1]))
        #expect(v.grad?.scalars == [2, 0, -2])
    }

    @Test func gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() throws {
        let x = Tensor([3], requiresGrad: true)
        try (x * 5).backward()
        try (x * 5).backward()
        #expect(x.grad?.scalars == [10])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func aTensorUsedTwiceReceivesTheSumOfBothPaths() throws {
        // y = x*x + x  =>  dy/dx = 2x + 1
        let x = Tensor([1.5, -2], requiresGrad: true)
        let y = try x * x + x
        try y.backward(Tensor.ones([2]))
        #expect(x.grad?.scalars == [4, -3])
    }

    @Test func leafGradientNeverAliasesAnOpBuffer() throws {
        // add passes the same gradient tensor to both inputs; accumulating into one leaf
        // must not change the other's gradient.
        let a = Tensor([1], requiresGrad: true), b = Tensor([1], requiresGrad: true)
        try (a + b).backward(Tensor([1]))
        try (a * 3).backward(Tensor([1]))
        #expect(a.grad?.scalars == [4])
        #expect(b.grad?.scalars == [1])
    }

    @Test func noGradScopeRecordsNothing() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = try withNoGrad { try x * x }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect(GradMode.isEnabled)
        let z = try x * x
        #expect(z.requiresGrad && !z.isLeaf)
    }

    @Test func detachStopsGradients() throws {
        let x = Tensor([2], requiresGrad: true)
        let y = try x.detach() * x     // d/dx = detached value = 2
        try y.backward()
        #expect(x.grad?.scalars == [2])
        #expect(!x.detach().requiresGrad)
    }

    @Test func savedBuffersAreReleasedAfterBackwardUnlessRetained() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        let y = try x * x
        try y.backward(Tensor.ones([2]), retainGraph: true)
        #expect(y.gradNode?.isReleased == false)
        try y.backward(Tensor.ones([2]))
        #expect(y.gradNode?.isReleased == true)
        #expect(y.gradNode?.inputCount == 0)
        #expect(x.grad?.scalars == [4, 8])
        #expect(throws: TensorError.self) { try y.backward(Tensor.ones([2])) }
    }

    @Test func backwardOnATensorWithoutHistoryThrows() {
        #expect(throws: TensorError.self) { try Tensor([1]).backward() }
    }

    @Test func deepChainsBackpropagateInTapeOrder() throws {
        // 200 chained ops: the tape order must visit each node after all its consumers.
        let x = Tensor([1.0], requiresGrad: true)
        var y = x
        for _ in 0..<200 { y = try y * 1.01 + y * 0 }
        try y.backward()
        let expected = Float(1.01).power(200)
        #expect(abs(x.grad!.scalars[0] - expected) / expected < 1e-4)
    }
}

private extension Float {
    func power(_ n: Int) -> Float { (0..<n).reduce(1) { acc, _ in acc * self } }
}
