import Testing
import MessagePassing
import TensorCore

@Suite("Pooling: global readouts")
struct PoolingGlobalTests {
    typealias Pool = (Tensor, NodeSegments) throws -> Tensor
    static var pools: [(String, Pool)] { [("add", globalAddPool), ("mean", globalMeanPool), ("max", globalMaxPool)] }

    @Test("match PyG on a batch of 3 graphs (ptr and GraphBatch)", arguments: ["add", "mean", "max"])
    func golden(name: String) throws {
        let golden = try PoolGolden.load()
        let c = try golden.case("global_\(name)")
        let batch = try golden.graphBatch()
        #expect(batch.ptr == golden.ptr)
        let inputs = try c.inputTensors()
        let x = try #require(inputs["x"])
        let out: Tensor
        switch name {
        case "add": out = try globalAddPool(x, batch: batch)
        case "mean": out = try globalMeanPool(x, batch: batch)
        default: out = try globalMaxPool(x, batch: batch)
        }
        try c.check(out, inputs: inputs)
    }

    @Test("match PyG with empty graphs in the middle and at the end (batch vector)", arguments: ["add", "mean", "max"])
    func goldenEmpty(name: String) throws {
        let c = try PoolGolden.load().case("global_\(name)_empty")
        let inputs = try c.inputTensors()
        let x = try #require(inputs["x"])
        let out: Tensor
        switch name {
        case "add": out = try globalAddPool(x, batch: c.batch, size: c.size)
        case "mean": out = try globalMeanPool(x, batch: c.batch, size: c.size)
        default: out = try globalMaxPool(x, batch: c.batch, size: c.size)
        }
        #expect(out.shape == [5, 3])
        #expect(Array(out.scalars[3..<6]) == [0, 0, 0])
        try c.check(out, inputs: inputs)
    }

    @Test("unsorted batch vector equals the sorted one after permuting the nodes")
    func unsorted() throws {
        let x = try Tensor(shape: [5, 2], scalars: [1, 2, 3, 4, 5, 6, 7, 8, -9, 10])
        let batch: [Int32] = [1, 0, 1, 2, 0]
        for (name, pool) in Self.pools {
            let got = try pool(x, NodeSegments(batch: batch, numNodes: 5))
            // Same nodes, grouped by hand: graph 0 = rows 1, 4; graph 1 = rows 0, 2; graph 2 = row 3.
            let sorted = try x.indexSelect(axis: 0, Int32Tensor([1, 4, 0, 2, 3]))
            let want = try pool(sorted, NodeSegments(ptr: [0, 2, 4, 5]))
            #expect(got.scalars == want.scalars, "\(name)")
        }
        let mx = try globalMaxPool(x, batch: batch)
        #expect(mx.scalars == [3, 10, 5, 6, 7, 8])
        let sum = try globalAddPool(x, batch: nil)
        #expect(sum.shape == [1, 2])
        #expect(sum.scalars == [7, 30])
    }

    @Test("gradcheck through each readout, sorted and unsorted, with an empty graph")
    func gradcheckPools() throws {
        for (name, pool) in Self.pools {
            for segments in [try NodeSegments(ptr: [0, 2, 2, 5]), try NodeSegments(batch: [2, 0, 2, 0, 0], numNodes: 5, size: 3)] {
                var rng = RandomGenerator(seed: 3)
                let x = Tensor.uniform([5, 3], low: -1, high: 1, using: &rng).requiringGrad()
                let r = try gradcheck({ try pool($0[0], segments) }, inputs: [x])
                #expect(r.passed, "\(name): \(r)")
            }
        }
    }

    @Test("bad segments are rejected")
    func badInput() throws {
        let x = Tensor.zeros([3, 2])
        #expect(throws: TensorError.self) { try globalAddPool(x, batch: [0, 1], size: nil) }
        #expect(throws: TensorError.self) { try globalAddPool(x, batch: [0, 3, 1], size: 2) }
        #expect(throws: TensorError.self) { try globalAddPool(x, batch: [0, -1, 1]) }
        #expect(throws: TensorError.self) { try globalAddPool(x, NodeSegments(ptr: [0, 2])) }
        #expect(throws: TensorError.self) { try NodeSegments(ptr: [0, 2, 1, 3]) }
        #expect(throws: TensorError.self) { try NodeSegments(ptr: [1, 3]) }
        #expect(throws: TensorError.self) { try NodeSegments(ptr: []) }
        #expect(throws: TensorError.self) { try NodeSegments(ptr: [0, 2]).broadcast(Tensor.zeros([2, 1])) }
    }
}
