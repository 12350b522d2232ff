import Foundation
import Testing
import TensorCore
@testable import Training

private struct BinaryFixture: Decodable {
    struct Case: Decodable {
        let y_true: [Int32], y_score: [Float], roc_auc: Double, average_precision: Double
    }
    let cases: [Case]
}

private struct MultiLabelFixture: Decodable {
    struct Case: Decodable {
        let shape: [Int], y_true: [Float?], y_score: [Float]
        let roc_auc: Double, average_precision: Double, columns_used: Int
    }
    let cases: [Case]
}

private struct LinkFixture: Decodable {
    struct Hits: Decodable { let positive: [Float], negative: [Float], hits: [String: Double] }
    struct MRR: Decodable {
        let positive: [Float], negatives: [Float], per_positive: Int
        let ranks: [Double], mrr: Double, hits1: Double, hits3: Double, hits10: Double
    }
    let hits: [Hits]
    let mrr: [MRR]
}

private struct RegressionFixture: Decodable {
    struct Case: Decodable { let predicted: [Float], target: [Float], mask: [Bool], mae: Double, mae_masked: Double }
    let cases: [Case]
}

@Suite("Metrics: ROC-AUC, AP, Hits@K, MRR, MAE against scikit-learn and OGB")
struct MetricsRankingTests {
    @Test func goldenBinary() throws {
        let fixture = try loadMetricFixture("binary", as: BinaryFixture.self)
        #expect(fixture.cases.count == 10)
        for c in fixture.cases {
            let asFloat = c.y_true.map(Float.init)
            let asBool = c.y_true.map { $0 == 1 }
            #expect(close(try Metrics.rocAUC(scores: c.y_score, labels: c.y_true), c.roc_auc))
            #expect(close(try Metrics.rocAUC(yTrue: asFloat, yScore: c.y_score), c.roc_auc))
            #expect(close(try Metrics.rocAUC(yTrue: asBool, yScore: c.y_score), c.roc_auc))
            #expect(close(try Metrics.averagePrecision(scores: c.y_score, labels: c.y_true), c.average_precision))
            #expect(close(try Metrics.averagePrecision(yTrue: asFloat, yScore: c.y_score), c.average_precision))
            #expect(close(try Metrics.averagePrecision(yTrue: asBool, yScore: c.y_score), c.average_precision))
        }
    }

    @Test func goldenMultiLabel() throws {
        let fixture = try loadMetricFixture("multilabel", as: MultiLabelFixture.self)
        #expect(fixture.cases.count == 5)
        for c in fixture.cases {
            let yTrue = nanFilled(c.y_true)
            let columns = c.shape[1]
            #expect(try Metrics.usableColumns("test", yTrue: yTrue, yScore: c.y_score, columns: columns).count
                    == c.columns_used)
            #expect(close(try Metrics.multiLabelROCAUC(yTrue: yTrue, yScore: c.y_score, columns: columns), c.roc_auc))
            #expect(close(try Metrics.multiLabelAveragePrecision(yTrue: yTrue, yScore: c.y_score, columns: columns),
                          c.average_precision))
            let t = try Tensor(shape: c.shape, scalars: yTrue), s = try Tensor(shape: c.shape, scalars: c.y_score)
            #expect(close(try Metrics.multiLabelROCAUC(yTrue: t, yScore: s), c.roc_auc))
            #expect(close(try Metrics.multiLabelAveragePrecision(yTrue: t, yScore: s), c.average_precision))
        }
    }

    @Test func goldenHitsAtK() throws {
        let fixture = try loadMetricFixture("link", as: LinkFixture.self)
        #expect(fixture.hits.count == 6)
        for c in fixture.hits {
            #expect(c.hits.count == 4)
            for (key, expected) in c.hits {
                let k = try #require(Int(key))
                #expect(close(try Metrics.hitsAtK(positive: c.positive, negative: c.negative, k: k), expected))
            }
        }
    }

    @Test func goldenMRR() throws {
        let fixture = try loadMetricFixture("link", as: LinkFixture.self)
        #expect(fixture.mrr.count == 5)
        for c in fixture.mrr {
            let ranks = try Metrics.linkRanks(positive: c.positive, negatives: c.negatives,
                                              negativesPerPositive: c.per_positive)
            #expect(ranks == c.ranks)
            #expect(close(try Metrics.meanReciprocalRank(positive: c.positive, negatives: c.negatives,
                                                          negativesPerPositive: c.per_positive), c.mrr))
            #expect(close(try Metrics.hitsAtRank(ranks, k: 1), c.hits1))
            #expect(close(try Metrics.hitsAtRank(ranks, k: 3), c.hits3))
            #expect(close(try Metrics.hitsAtRank(ranks, k: 10), c.hits10))
        }
    }

    @Test func goldenMAE() throws {
        let fixture = try loadMetricFixture("regression", as: RegressionFixture.self)
        #expect(fixture.cases.count == 4)
        for c in fixture.cases {
            #expect(close(try Metrics.meanAbsoluteError(predicted: c.predicted, target: c.target), c.mae, 1e-12))
            #expect(close(try Metrics.meanAbsoluteError(predicted: c.predicted, target: c.target, mask: c.mask),
                          c.mae_masked, 1e-12))
            let p = Tensor(c.predicted), t = Tensor(c.target)
            #expect(close(try Metrics.meanAbsoluteError(predicted: p, target: t), c.mae, 1e-12))
        }
    }

    @Test func handComputedTiesAndConventions() throws {
        // All scores tied: AUC 0.5; AP = precision at the single threshold = P / N.
        #expect(try Metrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 1, 0]) == 0.5)
        #expect(try Metrics.averagePrecision(scores: [0.5, 0.5, 0.5, 0.5], labels: [0, 1, 1, 0]) == 0.5)
        // Perfect and reversed ranking.
        #expect(try Metrics.rocAUC(scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1]) == 1)
        #expect(try Metrics.rocAUC(scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1]) == 0)
        // No positive: AP is 0 (scikit-learn's value).
        #expect(try Metrics.averagePrecision(scores: [0.1, 0.2], labels: [0, 0]) == 0)
        // Hits@K: a tie with the K-th negative is a miss; fewer than K negatives gives 1.
        #expect(try Metrics.hitsAtK(positive: [0.5, 0.6], negative: [0.5, 0.1], k: 1) == 0.5)
        #expect(try Metrics.hitsAtK(positive: [0.0], negative: [0.5, 0.1], k: 3) == 1)
        // MRR: positive 0.5 against negatives {0.7, 0.5, 0.5, 0.1}: one above, three at least
        // as high: rank (1 + 3) / 2 + 1 = 3.
        #expect(try Metrics.linkRanks(positive: [0.5], negatives: [0.7, 0.5, 0.5, 0.1], negativesPerPositive: 4) == [3])
        #expect(try Metrics.meanReciprocalRank(positive: [0.5], negatives: [0.7, 0.5, 0.5, 0.1],
                                               negativesPerPositive: 4) == 1.0 / 3)
        // Multi-label: a column of one class and an unlabelled column are skipped.
        let nan = Float.nan
        let yTrue: [Float] = [1, 0, nan,
                              1, 1, nan,
                              1, 0, nan]
        let yScore: [Float] = [0.1, 0.2, 0.3,
                               0.4, 0.9, 0.6,
                               0.7, 0.1, 0.9]
        #expect(try Metrics.multiLabelROCAUC(yTrue: yTrue, yScore: yScore, columns: 3) == 1)
    }

    @Test func badInputsThrow() {
        func kind(_ body: () throws -> Double) -> TrainingError.Kind? {
            do { _ = try body(); return nil } catch let e as TrainingError { return e.kind } catch { return nil }
        }
        // ROC-AUC
        #expect(kind { try Metrics.rocAUC(scores: [0.1, 0.2], labels: [1]) } == .invalidInput)
        #expect(kind { try Metrics.rocAUC(scores: [0.1, 0.2], labels: [0, 2]) } == .invalidInput)
        #expect(kind { try Metrics.rocAUC(scores: [0.1, .nan], labels: [0, 1]) } == .invalidInput)
        #expect(kind { try Metrics.rocAUC(scores: [0.1, 0.2], labels: [1, 1]) } == .undefined)
        #expect(kind { try Metrics.rocAUC(scores: [], labels: []) } == .undefined)
        #expect(kind { try Metrics.rocAUC(yTrue: [0, 0.5], yScore: [0.1, 0.2]) } == .invalidInput)
        #expect(kind { try Metrics.rocAUC(yTrue: [0, .nan], yScore: [0.1, 0.2]) } == .invalidInput)
        // AP
        #expect(kind { try Metrics.averagePrecision(scores: [], labels: []) } == .undefined)
        #expect(kind { try Metrics.averagePrecision(scores: [0.1], labels: [-1]) } == .invalidInput)
        #expect(kind { try Metrics.averagePrecision(yTrue: [1, 0], yScore: [.nan, 0.2]) } == .invalidInput)
        // Multi-label
        #expect(kind { try Metrics.multiLabelROCAUC(yTrue: [1, 0, 1], yScore: [0, 0, 0], columns: 2) } == .invalidInput)
        #expect(kind { try Metrics.multiLabelROCAUC(yTrue: [1, 0], yScore: [0, 0], columns: 0) } == .invalidInput)
        #expect(kind { try Metrics.multiLabelROCAUC(yTrue: [1, 1, 1, 1], yScore: [0, 1, 2, 3], columns: 2) } == .undefined)
        #expect(kind { try Metrics.multiLabelAveragePrecision(yTrue: [1, 0, 2, 1], yScore: [0, 1, 2, 3], columns: 2) }
                == .invalidInput)
        #expect(kind { try Metrics.multiLabelAveragePrecision(yTrue: [1, 0, 0, 1], yScore: [0, .nan, 2, 3], columns: 2) }
                == .invalidInput)
        #expect(kind {
            try Metrics.multiLabelROCAUC(yTrue: Tensor([1, 0]), yScore: Tensor([0.1, 0.2]))
        } == .invalidInput)
        #expect(kind {
            try Metrics.multiLabelROCAUC(yTrue: Tensor.zeros([2, 2]), yScore: Tensor.zeros([2, 3]))
        } == .invalidInput)
        // Link prediction
        #expect(kind { try Metrics.hitsAtK(positive: [0.1], negative: [0.2], k: 0) } == .invalidInput)
        #expect(kind { try Metrics.hitsAtK(positive: [], negative: [0.2], k: 1) } == .undefined)
        #expect(kind { try Metrics.hitsAtK(positive: [0.1], negative: [.nan], k: 1) } == .invalidInput)
        #expect(kind { try Metrics.meanReciprocalRank(positive: [0.1, 0.2], negatives: [0.1, 0.2, 0.3],
                                                      negativesPerPositive: 2) } == .invalidInput)
        #expect(kind { try Metrics.meanReciprocalRank(positive: [0.1], negatives: [0.1],
                                                      negativesPerPositive: -1) } == .invalidInput)
        #expect(kind { try Metrics.meanReciprocalRank(positive: [], negatives: [], negativesPerPositive: 3) } == .undefined)
        #expect(kind { try Metrics.hitsAtRank([], k: 1) } == .undefined)
        #expect(kind { try Metrics.hitsAtRank([1], k: 0) } == .invalidInput)
        // MAE
        #expect(kind { try Metrics.meanAbsoluteError(predicted: [1], target: [1, 2]) } == .invalidInput)
        #expect(kind { try Metrics.meanAbsoluteError(predicted: [1, 2], target: [1, 2], mask: [false, false]) }
                == .undefined)
        #expect(kind { try Metrics.meanAbsoluteError(predicted: Tensor([1, 2]), target: Tensor.zeros([2, 1])) }
                == .invalidInput)
    }
}
