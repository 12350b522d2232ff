import Testing
@testable import TensorCore

/// `C = alpha * op(A) * op(B) + beta * C` by the definition, accumulated in Double.
/// Returns the whole C buffer, so padding columns (j >= n when ldc > n) must come back
/// unchanged.
private func naiveGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                       a: [Float], lda: Int, b: [Float], ldb: Int, beta: Float, c: [Float], ldc: Int) -> [Float] {
    var out = c
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k {
                let x = transA ? a[p * lda + i] : a[i * lda + p]
                let y = transB ? b[j * ldb + p] : b[p * ldb + j]
                s += Double(x) * Double(y)
            }
            let old = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
            out[i * ldc + j] = Float(Double(alpha) * s + old)
        }
    }
    return out
}

/// One GEMM problem with random operands stored with row padding (`pad` extra columns).
private struct Problem {
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
    var alpha: Float = 1, beta: Float = 0
    var pad = 0

    var lda: Int { (transA ? m : k) + pad }
    var ldb: Int { (transB ? k : n) + pad }
    var ldc: Int { n + pad }

    func operands(seed: UInt64) -> (a: [Float], b: [Float], c: [Float]) {
        var rng = RandomGenerator(seed: seed)
        func fill(_ count: Int) -> [Float] { (0..<count).map { _ in rng.nextUnitFloat() * 2 - 1 } }
        return (fill(max(1, (transA ? k : m) * lda)), fill(max(1, (transB ? n : k) * ldb)), fill(max(1, m * ldc)))
    }

    /// Runs `kernel` on fresh operands and returns (result, naive reference).
    func run(seed: UInt64 = 1, cFill: Float? = nil,
             _ kernel: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void)
        -> (got: [Float], want: [Float]) {
        var (a, b, c) = operands(seed: seed)
        if let cFill { c = [Float](repeating: cFill, count: c.count) }
        let want = naiveGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                             b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in kernel(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!) }
            }
        }
        return (c, want)
    }

    func gemm(seed: UInt64 = 1, cFill: Float? = nil) -> (got: [Float], want: [Float]) {
        run(seed: seed, cFill: cFill) { a, b, c in
            Kernels.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                         b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }

    func skinny(seed: UInt64 = 1, cFill: Float? = nil) -> (got: [Float], want: [Float]) {
        run(seed: seed, cFill: cFill) { a, b, c in
            Kernels.skinnyGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                               b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
    }
}

/// Largest |got - want| relative to a Float32 accumulation bound for sums of k terms.
private func expectClose(_ r: (got: [Float], want: [Float]), k: Int, _ what: String) {
    #expect(r.got.count == r.want.count)
    let tolerance = 1e-5 * Float(max(k, 1)) + 1e-5
    var worst: Float = 0, at = -1
    for i in 0..<min(r.got.count, r.want.count) {
        let err = abs(r.got[i] - r.want[i])
        if !(err <= tolerance * (1 + abs(r.want[i]))) && (at < 0 || err > worst) { worst = err; at = i }
    }
    #expect(at < 0, "\(what): element \(at) is \(at >= 0 ? r.got[at] : 0), expected \(at >= 0 ? r.want[at] : 0)")
}

private let transposes = [(false, false), (true, false), (false, true), (true, true)]

@Test(arguments: [(1, 1, 1), (3, 5, 7), (17, 13, 29), (64, 33, 65), (5, 40, 3)])
func gemmMatchesNaiveForEveryTranspose(m: Int, n: Int, k: Int) {
    for (ta, tb) in transposes {
        let p = Problem(transA: ta, transB: tb, m: m, n: n, k: k)
        expectClose(p.gemm(), k: k, "gemm \(m)x\(n)x\(k) transA=\(ta) transB=\(tb)")
    }
}

@Test func gemmHonoursStridesAlphaAndBeta() {
    for (ta, tb) in transposes {
        // Padded rows: the padding of C must come back untouched.
        let p = Problem(transA: ta, transB: tb, m: 9, n: 11, k: 6, alpha: -0.5, beta: 1.5, pad: 3)
        expectClose(p.gemm(seed: 3), k: 6, "padded, alpha/beta, transA=\(ta) transB=\(tb)")
    }
}

@Test func gemmWithBetaZeroIgnoresOldC() {
    // beta == 0 means C is written, not read: NaNs already in C must not leak through.
    for (ta, tb) in transposes {
        for n in [5, 40] {
            let p = Problem(transA: ta, transB: tb, m: 6, n: n, k: 4)
            let finite = p.gemm(cFill: .nan).got.allSatisfy { $0.isFinite }
            #expect(finite, "transA=\(ta) transB=\(tb) n=\(n)")
            expectClose(p.gemm(seed: 2), k: 4, "beta 0")
        }
    }
}

@Test func gemmWithEmptyInnerDimensionScalesC() {
    // k == 0: op(A) op(B) is all zeros, so C = beta * C (and 0 when beta == 0).
    for (ta, tb) in transposes {
        let p = Problem(transA: ta, transB: tb, m: 4, n: 3, k: 0, beta: 2)
        let r = p.gemm()
        expectClose(r, k: 0, "k == 0, beta 2")
        let zero = Problem(transA: ta, transB: tb, m: 4, n: 3, k: 0)
        let zeros = zero.gemm(cFill: .nan).got.allSatisfy { $0 == 0 }
        #expect(zeros)
    }
}

@Test func gemmWithEmptyOutputDoesNothing() {
    var c: [Float] = [7]
    let a: [Float] = [1], b: [Float] = [1]
    c.withUnsafeMutableBufferPointer { pc in
        Kernels.gemm(m: 0, n: 1, k: 1, a: a, lda: 1, b: b, ldb: 1, c: pc.baseAddress!, ldc: 1)
        Kernels.gemm(m: 1, n: 0, k: 1, a: a, lda: 1, b: b, ldb: 1, c: pc.baseAddress!, ldc: 1)
    }
    #expect(c == [7])
}

// MARK: - The skinny SIMD kernels (n <= 64), called directly: `Kernels.gemm` uses it only
// in builds for wide SIMD, which the debug test build is not.

@Test(arguments: [1, 3, 7, 8, 9, 15, 16])
func skinnyGemmMatchesNaive(n: Int) {
    for (ta, tb) in transposes {
        for (m, k) in [(1, 1), (5, 3), (37, 21), (70, 300)] {
            let p = Problem(transA: ta, transB: tb, m: m, n: n, k: k)
            expectClose(p.skinny(), k: k, "skinny \(m)x\(n)x\(k) transA=\(ta) transB=\(tb)")
        }
    }
}

@Test(arguments: [2, 7, 16])
func skinnyGemmHonoursStridesAlphaAndBeta(n: Int) {
    for (ta, tb) in transposes {
        for beta: Float in [0, 0.75] {
            let p = Problem(transA: ta, transB: tb, m: 23, n: n, k: 19, alpha: 2, beta: beta, pad: 5)
            expectClose(p.skinny(seed: 4), k: 19, "padded skinny n=\(n) beta=\(beta) transA=\(ta) transB=\(tb)")
        }
    }
}

@Test func skinnyGemmWithBetaZeroIgnoresOldC() {
    for (ta, tb) in transposes {
        for n in [3, 12] {
            let p = Problem(transA: ta, transB: tb, m: 13, n: n, k: 5)
            let finite = p.skinny(cFill: .nan).got.allSatisfy { $0.isFinite }
            #expect(finite, "transA=\(ta) transB=\(tb) n=\(n)")
        }
    }
}

@Test func skinnyGemmSplitAcrossThreadsMatchesNaive() {
    // Enough rows for several parallel chunks (when more than one thread is available):
    // with dense rows (ldc == n) the kernel writes whole vectors that spill into the next
    // rows; chunk boundaries must still come out right.
    for (ta, n) in [(false, 7), (false, 12), (true, 5)] {
        let p = Problem(transA: ta, transB: false, m: 20_000, n: n, k: 16)
        expectClose(p.skinny(seed: 9), k: 16, "split m=20000 n=\(n) transA=\(ta)")
    }
}

// The wide skinny kernels: 17...64 output columns as 2 or 4 panels of 16 lanes, each
// panel's tail lanes dropped on store; with transA, k summed in OpenBLAS's chunks (70 x n x
// 1500 is chunked: 1500 = 448 + 448 + 304 + 300).
@Test(arguments: [17, 24, 31, 32, 33, 40, 48, 49, 63, 64])
func wideSkinnyGemmMatchesNaive(n: Int) {
    for (ta, tb) in transposes {
        for (m, k) in [(1, 1), (5, 3), (37, 21), (70, 300), (13, 70), (70, 1500)] {
            let p = Problem(transA: ta, transB: tb, m: m, n: n, k: k)
            expectClose(p.skinny(), k: k, "wide skinny \(m)x\(n)x\(k) transA=\(ta) transB=\(tb)")
        }
    }
}

@Test(arguments: [20, 32, 50, 64])
func wideSkinnyGemmHonoursStridesAlphaAndBeta(n: Int) {
    for (ta, tb) in transposes {
        for (beta, k) in [(Float(0), 19), (0.75, 19), (0.75, 1000)] {
            let p = Problem(transA: ta, transB: tb, m: 23, n: n, k: k, alpha: 2, beta: beta, pad: 5)
            expectClose(p.skinny(seed: 4), k: k, "padded wide skinny n=\(n) k=\(k) beta=\(beta) transA=\(ta) transB=\(tb)")
            let nanC = Problem(transA: ta, transB: tb, m: 13, n: n, k: 5, pad: 3)
            #expect(nanC.skinny(cFill: .nan).got.enumerated().allSatisfy { $0.element.isFinite || $0.offset % (n + 3) >= n },
                    "beta 0 reads no old C, n=\(n) transA=\(ta)")
        }
    }
    // Split across threads (when there are several): chunk boundaries land mid-way.
    let split = Problem(transA: false, transB: true, m: 20_001, n: n, k: 16)
    expectClose(split.skinny(seed: 9), k: 16, "split wide skinny m=20001 n=\(n)")
    let splitT = Problem(transA: true, transB: false, m: 203, n: n, k: 700)
    expectClose(splitT.skinny(seed: 9), k: 700, "split wide transA skinny m=203 n=\(n)")
}

/// A dense, 64-byte-aligned `[K, 32]` or `[K, 64]` op(B) with alpha 1 (a layer's output
/// gradient) is read in place by the wide transA kernel; shifted one float off alignment it
/// is packed first. Both must give the same bits, close to the definition.
@Test(arguments: [32, 64])
func wideTransAGemmReadsAlignedBInPlace(n: Int) {
    let m = 37, k = 1000
    var rng = RandomGenerator(seed: 5)
    let a = (0..<k * m).map { _ in rng.nextUnitFloat() * 2 - 1 }
    let values = (0..<k * n).map { _ in rng.nextUnitFloat() * 2 - 1 }
    let raw = UnsafeMutableRawPointer.allocate(byteCount: (k * n + 16) * 4, alignment: 64)
    defer { raw.deallocate() }
    let aligned = raw.bindMemory(to: Float.self, capacity: k * n + 16)
    func product(_ b: UnsafeMutablePointer<Float>) -> [Float] {
        for (i, v) in values.enumerated() { b[i] = v }
        var c = [Float](repeating: .nan, count: m * n)
        a.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                Kernels.skinnyGemm(transA: true, m: m, n: n, k: k, a: pa.baseAddress!, lda: m,
                                   b: b, ldb: n, c: pc.baseAddress!, ldc: n)
            }
        }
        return c
    }
    let inPlace = product(aligned), packed = product(aligned + 1)
    #expect(inPlace.map(\.bitPattern) == packed.map(\.bitPattern), "n=\(n)")
    let want = naiveGemm(transA: true, transB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: m, b: values, ldb: n,
                         beta: 0, c: [Float](repeating: 0, count: m * n), ldc: n)
    expectClose((inPlace, want), k: k, "in-place transA n=\(n)")
}

@Test func blasSumChunksFollowOpenBLAS() {
    // One chain while m·n·k <= 100³ (32·32·976 = 999 424), then chunks of 448, the last
    // two evened out to multiples of 16 (977 - 448 = 529 -> 272 + 257).
    #expect(Kernels.blasSumChunks(m: 32, n: 32, k: 976) == [0..<976])
    #expect(Kernels.blasSumChunks(m: 32, n: 32, k: 977) == [0..<448, 448..<720, 720..<977])
    #expect(Kernels.blasSumChunks(m: 64, n: 64, k: 448) == [0..<448])
    #expect(Kernels.blasSumChunks(m: 64, n: 64, k: 896) == [0..<448, 448..<896])
    for k in [449, 895, 897, 4096, 31_744] {
        let chunks = Kernels.blasSumChunks(m: 64, n: 64, k: k)
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == k, "k=\(k)")
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "k=\(k)")
        #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= 448 }, "k=\(k)")
    }
}

/// Where OpenBLAS's SkylakeX kernels are loaded (this project's machines and CI), the wide
/// kernels must give OpenBLAS's result to the bit (`transA` at any size, A not transposed
/// above 100³ multiply-adds), so that training runs give the same numbers whichever of the
/// two `Kernels.gemm` picks (the Tree-NeighborsMatch run in REPRODUCTIONS.md resumes
/// across builds).
@Test(.enabled(if: BLAS.isAvailable && BLAS.coreName == "SkylakeX"))
func wideSkinnyGemmEqualsOpenBLASBitForBit() {
    let shapes: [(Bool, Int, Int, Int, Bool, Float)] = [
        (true, 32, 32, 31_744, false, 0), (true, 64, 64, 4096, false, 0), (true, 64, 64, 512, false, 0),
        (true, 32, 32, 976, false, 0), (true, 32, 32, 977, false, 0), (true, 40, 24, 1000, true, 0),
        (true, 17, 64, 2000, false, 1), (true, 128, 40, 5000, false, 0), (true, 70, 33, 1500, true, 0.5),
        (false, 1000, 64, 1433, false, 0), (false, 1000, 64, 700, true, 0), (false, 4096, 64, 64, true, 0),
        (false, 1000, 32, 1000, true, 0.5), (false, 500, 40, 977, false, 1), (false, 31_744, 32, 32, true, 0)]
    for (ta, m, n, k, tb, beta) in shapes {
        let p = Problem(transA: ta, transB: tb, m: m, n: n, k: k, beta: beta)
        let ours = p.skinny(seed: 11).got
        let blas = p.run(seed: 11) { a, b, c in
            _ = BLAS.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 1, a: a, lda: p.lda,
                           b: b, ldb: p.ldb, beta: beta, c: c, ldc: p.ldc)
        }.got
        let differing = zip(ours, blas).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(m)x\(n)x\(k) transA=\(ta) transB=\(tb) beta=\(beta): \(differing) of \(m * n) differ")
    }
}

@Test func skinnyGemmWithEmptyInnerDimensionScalesC() {
    let p = Problem(transA: false, transB: false, m: 6, n: 5, k: 0, beta: -1)
    expectClose(p.skinny(), k: 0, "skinny k == 0")
}

@Test func skinnyDispatchOnlyForNarrowOutputs() {
    #expect(!Kernels.prefersSkinnyGemm(transA: false, m: 1000, n: 65, k: 100))
    #expect(!Kernels.prefersSkinnyGemm(transA: true, m: 1000, n: 65, k: 100))
    if Kernels.compiledVectorBits >= 256 && BLAS.isAvailable {
        #expect(Kernels.prefersSkinnyGemm(transA: false, m: 2708, n: 16, k: 1433))
        #expect(Kernels.prefersSkinnyGemm(transA: false, m: 31744, n: 32, k: 32))
        #expect(!Kernels.prefersSkinnyGemm(transA: false, m: 31744, n: 64, k: 4096))
        #expect(!Kernels.prefersSkinnyGemm(transA: true, m: 16, n: 7, k: 2708))
        #expect(Kernels.prefersSkinnyGemm(transA: true, m: 32, n: 32, k: 31744))
        #expect(Kernels.prefersSkinnyGemm(transA: true, m: 64, n: 64, k: 4096))
        #expect(Kernels.prefersSkinnyGemm(transA: true, m: 1433, n: 64, k: 2708))
    }
}

@Test func matmulUsesGemmCorrectly() throws {
    // A narrow product through the public op, checked against hand values.
    let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = try Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1])
    #expect(try a.matmul(b).scalars == [4, 5, 10, 11])
}

@Test func missingBLASWarningSaysWhyAndWhatItCosts() {
    #expect(BLAS.missingWarning(loaded: true, error: "") == nil)
    let reason = "OpenBLAS not found (tried libopenblas.so.0): install libopenblas-dev"
    let text = BLAS.missingWarning(loaded: false, error: reason) ?? ""
    #expect(text.hasPrefix("warning: " + reason + ". "))
    #expect(text.contains("portable kernel"))
    #expect(BLAS.missingWarning(loaded: false, error: "")?.hasPrefix("warning: OpenBLAS is not loaded.") == true)
}
