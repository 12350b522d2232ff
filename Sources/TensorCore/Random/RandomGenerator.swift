import Synchronization

/// A seeded pseudo-random generator: xoshiro256** (Blackman and Vigna), seeded through
/// SplitMix64 so any 64-bit seed gives a well-mixed state. About a nanosecond per
/// 64-bit value; fills produce the same values for the same seed on every platform.
///
/// `Codable` as its four state words in hexadecimal (`"s0 s1 s2 s3"`, exact, unlike a
/// JSON number above 2^53), so a checkpoint can resume the stream where it stopped.
public struct RandomGenerator: RandomNumberGenerator, Sendable, Codable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode([s0, s1, s2, s3].map { String($0, radix: 16) }.joined(separator: " "))
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        let words = text.split(separator: " ").compactMap { UInt64($0, radix: 16) }
        guard words.count == 4, words.contains(where: { $0 != 0 }) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected four hexadecimal state words, not all zero, got '\(text)'")
        }
        (s0, s1, s2, s3) = (words[0], words[1], words[2], words[3])
    }

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1) with 24 random bits (every Float32 step of 2^-24).
    @inline(__always)
    public mutating func nextUnitFloat() -> Float {
        Float(Int32(truncatingIfNeeded: next() >> 40)) * 0x1p-24
    }

    /// A derived generator with an independent stream (for per-module or per-worker use).
    public mutating func fork() -> RandomGenerator {
        RandomGenerator(seed: next())
    }

    /// Fills `n` values uniform in [low, high).
    public mutating func fillUniform(_ p: UnsafeMutablePointer<Float>, count n: Int, low: Float = 0, high: Float = 1) {
        let span = high - low
        for i in 0..<n {
            p[i] = low + span * nextUnitFloat()
        }
    }

    /// Fills `n` values from N(mean, std²) (vectorised Box-Muller; see `NormalSampler`).
    public mutating func fillNormal(_ p: UnsafeMutablePointer<Float>, count n: Int, mean: Float = 0, std: Float = 1) {
        NormalSampler.fill(p, count: n, mean: mean, std: std, using: &self)
    }

    /// A uniformly random integer in `0..<bound` (bound > 0), without modulo bias.
    public mutating func nextInt(below bound: Int) -> Int {
        Int(next(upperBound: UInt64(bound)))
    }

    /// Fisher-Yates shuffle of `0..<n`.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n > 1 {
            for i in stride(from: n - 1, to: 0, by: -1) {
                p.swapAt(i, nextInt(below: i + 1))
            }
        }
        return p
    }
}


/// The process-wide generator used when an op is not handed one (dropout, initialisers),
/// like PyTorch's default generator. `Random.seed(_:)` makes a run reproducible.
public enum Random {
    private static let global = Mutex(RandomGenerator(seed: 0x5EED))

    /// Reseeds the global generator.
    public static func seed(_ seed: UInt64) {
        global.withLock { $0 = RandomGenerator(seed: seed) }
    }

    /// Runs `body` with exclusive access to the global generator.
    public static func withGenerator<R>(_ body: (inout RandomGenerator) throws -> R) rethrows -> R {
        try global.withLock { rng in try body(&rng) }
    }
}
