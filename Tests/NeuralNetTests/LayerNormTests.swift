import Foundation
import Testing
import NeuralNet

@Suite struct LayerNormTests {
    @Test func normalisesEachRowOverTheTrailingAxes() throws {
        let ln = LayerNorm(4)
        let y = try ln(try Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, 10, 10, 10, 10]))
        let s = 1 / (1.25 + 1e-5 as Float).squareRoot()
        let expected: [Float] = [-1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s, 0, 0, 0, 0]
        for (a, e) in zip(y.scalars, expected) { #expect(abs(a - e) < 1e-6) }
        #expect(ln.stateDict().keys == ["weight", "bias"])
        #expect(ln.weight?.scalars == [1, 1, 1, 1] && ln.bias?.scalars == [0, 0, 0, 0])
    }

    @Test func affineOptions() {
        #expect(LayerNorm(normalizedShape: [2, 3], elementwiseAffine: false).stateDict().count == 0)
        let noBias = LayerNorm(normalizedShape: [2, 3], bias: false)
        #expect(noBias.stateDict().keys == ["weight"])
        #expect(noBias.weight?.shape == [2, 3])
    }

    @Test func wideRowsOnTheParallelPathMatchANaiveComputation() throws {
        let x = Tensor.randn([2000, 20], seed: 4)
        let y = try Functional.layerNorm(x, normalizedShape: [20], eps: 1e-5)
        for row in [0, 999, 1999] {
            var mean = 0.0, sq = 0.0
            for j in 0..<20 { mean += Double(x[row, j]) }
            mean /= 20
            for j in 0..<20 { sq += (Double(x[row, j]) - mean) * (Double(x[row, j]) - mean) }
            let rstd = 1 / (sq / 20 + 1e-5).squareRoot()
            for j in 0..<20 { #expect(abs(Double(y[row, j]) - (Double(x[row, j]) - mean) * rstd) < 1e-5) }
        }
    }

    @Test func badShapesThrow() {
        let ln = LayerNorm(normalizedShape: [2, 3])
        #expect(throws: TensorError.self) { try ln(Tensor.zeros([3, 2])) }
        #expect(throws: TensorError.self) { try ln(Tensor.zeros([3])) }
        #expect(throws: TensorError.self) {
            try Functional.layerNorm(Tensor.zeros([2, 3]), normalizedShape: [3], weight: Tensor.ones([2]))
        }
        #expect(throws: TensorError.self) { try Functional.layerNorm(Tensor.zeros([2, 3]), normalizedShape: []) }
    }
}

@Suite struct LayerBatchNormTests {
    @Test func stateDictNamesMatchTorch() {
        #expect(BatchNorm(features: 3).stateDict().keys == ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"])
        #expect(BatchNorm(features: 3).namedBuffers().map(\.name) == ["running_mean", "running_var", "num_batches_tracked"])
        #expect(BatchNorm(features: 3, trackRunningStats: false).stateDict().keys == ["weight", "bias"])
        #expect(BatchNorm(features: 3, affine: false).stateDict().keys == ["running_mean", "running_var", "num_batches_tracked"])
        #expect(BatchNorm(features: 3).parameterCount == 6)
    }

    @Test func trainingUsesBatchStatisticsAndUpdatesRunningOnes() throws {
        let bn = BatchNorm(features: 2)
        let x = try Tensor(shape: [2, 2], scalars: [1, 10, 3, 30])
        let y = try bn(x)
        let s = 1 / (1 + 1e-5 as Float).squareRoot(), s2 = 1 / (100 + 1e-5 as Float).squareRoot()
        let expected: [Float] = [-s, -10 * s2, s, 10 * s2]
        for (a, e) in zip(y.scalars, expected) { #expect(abs(a - e) < 1e-6) }
        // Running mean 0.9·0 + 0.1·mean; running var 0.9·1 + 0.1·unbiased var (2 and 200).
        let rm = try #require(bn.runningMean).scalars, rv = try #require(bn.runningVar).scalars
        #expect(abs(rm[0] - 0.2) < 1e-6 && abs(rm[1] - 2) < 1e-6)
        #expect(abs(rv[0] - 1.1) < 1e-6 && abs(rv[1] - 20.9) < 1e-5)
        #expect(bn.numBatchesTracked?.shape == [] && bn.numBatchesTracked?.scalars == [1])
    }

    @Test func evaluationUsesRunningStatisticsAndLeavesThem() throws {
        let bn = BatchNorm(features: 1, eps: 0)
        bn.runningMean!.data[0] = 2
        bn.runningVar!.data[0] = 4
        bn.eval()
        #expect(!bn.isTraining)
        let y = try bn(try Tensor(shape: [3, 1], scalars: [2, 4, 0]))
        #expect(y.scalars == [0, 1, -1])
        #expect(bn.runningMean?.scalars == [2] && bn.numBatchesTracked?.scalars == [0])
        // A single sample is fine in evaluation.
        #expect(try bn(Tensor.ones([1, 1])).scalars == [-0.5])
    }

    @Test func untrackedStatisticsUseTheBatchInEvaluationToo() throws {
        let bn = BatchNorm(features: 1, eps: 0, trackRunningStats: false)
        bn.eval()
        #expect(bn.runningMean == nil && !bn.trackRunningStats)
        let y = try bn(try Tensor(shape: [2, 1], scalars: [1, 3]))
        #expect(y.scalars == [-1, 1])
    }

    @Test func cumulativeAverageWithoutMomentum() throws {
        let bn = BatchNorm(features: 1, momentum: nil)
        _ = try bn(try Tensor(shape: [2, 1], scalars: [1, 3]))   // mean 2, unbiased var 2
        _ = try bn(try Tensor(shape: [2, 1], scalars: [5, 7]))   // mean 6, unbiased var 2
        #expect(bn.runningMean?.scalars == [4])
        #expect(bn.runningVar?.scalars == [2])
        #expect(bn.numBatchesTracked?.scalars == [2])
        bn.resetRunningStats()
        #expect(bn.runningMean?.scalars == [0] && bn.runningVar?.scalars == [1] && bn.numBatchesTracked?.scalars == [0])
    }

    @Test func threeDimensionalInputNormalisesOverBatchAndLength() throws {
        let bn = BatchNorm(features: 2, eps: 0)
        // Channel 0 holds 1, 3 (mean 2, var 1); channel 1 holds 0, 0, 4, 4 over two samples.
        let x = try Tensor(shape: [2, 2, 2], scalars: [1, 1, 0, 0, 3, 3, 4, 4])
        #expect(try bn(x).scalars == [-1, -1, -1, -1, 1, 1, 1, 1])
        let rv = try #require(bn.runningVar).scalars
        #expect(abs(rv[0] - (0.9 + 0.1 * 4.0 / 3.0)) < 1e-6)
    }

    @Test func manyRowsOnTheParallelPathMatchANaiveComputation() throws {
        let x = Tensor.randn([5000, 16], seed: 9)
        let bn = BatchNorm(features: 16, eps: 1e-5)
        let y = try bn(x)
        for c in [0, 7, 15] {
            var mean = 0.0, sq = 0.0
            for n in 0..<5000 { mean += Double(x[n, c]) }
            mean /= 5000
            for n in 0..<5000 { sq += (Double(x[n, c]) - mean) * (Double(x[n, c]) - mean) }
            let rstd = 1 / (sq / 5000 + 1e-5).squareRoot()
            for n in [0, 2500, 4999] { #expect(abs(Double(y[n, c]) - (Double(x[n, c]) - mean) * rstd) < 1e-4) }
            #expect(abs(Double(bn.runningMean!.data[c]) - 0.1 * mean) < 1e-6)
        }
    }

    @Test func badInputsThrowWithoutTouchingTheStatistics() {
        let bn = BatchNorm(features: 3)
        #expect(throws: TensorError.self) { try bn(Tensor.zeros([4, 2])) }
        #expect(throws: TensorError.self) { try bn(Tensor.zeros([3])) }
        #expect(throws: TensorError.self) { try bn(Tensor.zeros([1, 3])) }   // one value per channel
        #expect(bn.numBatchesTracked?.scalars == [0] && bn.runningMean?.scalars == [0, 0, 0])
        #expect(throws: TensorError.self) {
            try Functional.batchNorm(Tensor.zeros([2, 3]), runningMean: nil, runningVar: nil, training: false)
        }
        #expect(throws: TensorError.self) {
            try Functional.batchNorm(Tensor.zeros([2, 3]), runningMean: nil, runningVar: nil,
                                     weight: Tensor.ones([2]), training: true)
        }
    }
}
