import Testing
import TensorCore

/// The strided kernels against plain reference loops, on shapes that reach every path:
/// short rows, long rows (vector lanes, several fixed blocks), strided columns (16-wide
/// vectors plus leftover columns), several outer rows per work item; with many ties,
/// NaN and infinities.
@Suite struct ReductionKernelTests {
    /// (outer, length, inner) geometries viewed as 3-D tensors, reduced over axis 1.
    static let geometries: [(Int, Int, Int)] = [
        (1, 5, 1), (7, 33, 1), (3, 100, 1), (1, 40_000, 1), (2, 17, 40), (1, 600, 35), (4, 3, 20), (1, 300, 2),
    ]

    /// Values from a small set (many ties), optionally with NaN and ±inf sprinkled in.
    static func values(_ n: Int, seed: UInt64, special: Bool) -> [Float] {
        var rng = RandomGenerator(seed: seed)
        return (0..<n).map { _ in
            let r = rng.nextInt(below: 1000)
            if special && r == 0 { return .nan }
            if special && r == 1 { return .infinity }
            if special && r == 2 { return -.infinity }
            return Float(rng.nextInt(below: 9)) - 4
        }
    }

    /// Reference max/min (of |x| with `absolute`): first position, NaN wins.
    static func reference(_ x: [Float], _ g: (Int, Int, Int), largest: Bool, absolute: Bool) -> ([Float], [Int32]) {
        let (outer, length, inner) = g
        var values: [Float] = [], indices: [Int32] = []
        for o in 0..<outer {
            for j in 0..<inner {
                var best = Float.nan, at = -1
                for k in 0..<length {
                    let raw = x[(o * length + k) * inner + j]
                    let v = absolute ? abs(raw) : raw
                    if at < 0 || (largest ? v > best : v < best) || (v.isNaN && !best.isNaN) {
                        best = v
                        at = k
                    }
                }
                values.append(best)
                indices.append(Int32(at))
            }
        }
        return (values, indices)
    }

    static func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test(arguments: [false, true])
    func extremesMatchTheReference(special: Bool) throws {
        for (n, g) in Self.geometries.enumerated() {
            let (outer, length, inner) = g
            let x = Self.values(outer * length * inner, seed: UInt64(n) + (special ? 100 : 0), special: special)
            let t = try Tensor(shape: [outer, length, inner], scalars: x)
            for largest in [true, false] {
                let ref = Self.reference(x, g, largest: largest, absolute: false)
                let r = largest ? try t.max(axis: 1) : try t.min(axis: 1)
                #expect(Self.same(r.values.scalars, ref.0), "\(g) largest \(largest)")
                #expect(r.indices.scalars == ref.1, "\(g) largest \(largest)")
                let arg = largest ? try t.argmax(axis: -2) : try t.argmin(axis: -2)
                #expect(arg.scalars == ref.1, "\(g) largest \(largest)")
            }
            let refAbs = Self.reference(x, g, largest: true, absolute: true)
            #expect(Self.same(try t.norm(p: .infinity, axis: 1).scalars, refAbs.0), "\(g) inf-norm")
            let refAbsMin = Self.reference(x, g, largest: false, absolute: true)
            #expect(Self.same(try t.norm(p: -.infinity, axis: 1).scalars, refAbsMin.0), "\(g) -inf-norm")
        }
    }

    @Test func wholeTensorExtremesMatchTheReference() throws {
        for special in [false, true] {
            let x = Self.values(50_000, seed: special ? 7 : 8, special: special)
            let t = Tensor(x)
            let g = (1, x.count, 1)
            #expect(Self.same(t.max().scalars, Self.reference(x, g, largest: true, absolute: false).0))
            #expect(Self.same(t.min().scalars, Self.reference(x, g, largest: false, absolute: false).0))
            #expect(Self.same(t.norm(p: .infinity).scalars, Self.reference(x, g, largest: true, absolute: true).0))
        }
    }

    @Test func sumsMatchADoubleReference() throws {
        for (n, g) in Self.geometries.enumerated() {
            let (outer, length, inner) = g
            var rng = RandomGenerator(seed: UInt64(n) + 50)
            let t = Tensor.uniform([outer, length, inner], low: -1, high: 2, using: &rng)
            let s = try t.sum(axis: 1)
            let m = try t.mean(axis: 1, keepDims: true)
            #expect(m.shape == [outer, 1, inner])
            for o in 0..<outer {
                for j in 0..<inner {
                    var exact = 0.0, absSum = 0.0
                    for k in 0..<length {
                        let v = Double(t.data[(o * length + k) * inner + j])
                        exact += v
                        absSum += abs(v)
                    }
                    let got = Double(s.data[o * inner + j])
                    #expect(abs(got - exact) <= 1e-6 * absSum + 1e-6, "\(g) at (\(o), \(j))")
                    #expect(abs(Double(m.data[o * inner + j]) - exact / Double(length)) <= 1e-6 * absSum / Double(length) + 1e-6)
                }
            }
        }
    }

    @Test func softmaxRowsWithInfinitiesAndLongAxes() throws {
        // Long rows take the vector path; an infinite logit takes the exact path.
        var x = (0..<100).map { Float($0 % 13) * 0.1 }
        x[57] = -.infinity
        let y = try Tensor(x).softmax()
        #expect(y.data[57] == 0)
        var total: Float = 0
        for i in 0..<100 { total += y.data[i] }
        #expect(abs(total - 1) < 1e-5)
        // torch: softmax over [-inf] * 40 + [0] puts all the mass on the last position.
        let masked = Tensor(Array(repeating: -.infinity, count: 40) + [0])
        #expect(try masked.softmax().scalars.last == 1)
        #expect(try masked.argmax(axis: 0).scalars == [40])
    }
}
