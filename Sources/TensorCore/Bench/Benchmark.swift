import Dispatch

/// One measured kernel: the median wall time of repeated calls and the throughput it implies.
public struct BenchResult: Codable, Sendable {
    /// The group the row belongs to (`"gemm"`, `"elementwise"`, ...).
    public let group: String
    /// What was run, with its shape (`"1024x1024x1024"`, `"add 16M"`).
    public let name: String
    /// Median seconds per call over the timed repetitions.
    public let medianSeconds: Double
    /// Timed repetitions (warm-up calls excluded).
    public let reps: Int
    /// Work per call divided by the median time, in `unit`.
    public let throughput: Double
    /// `"GFLOP/s"` for arithmetic-bound kernels, `"GB/s"` for memory-bound ones.
    public let unit: String

    public init(group: String, name: String, medianSeconds: Double, reps: Int, throughput: Double, unit: String) {
        self.group = group
        self.name = name
        self.medianSeconds = medianSeconds
        self.reps = reps
        self.throughput = throughput
        self.unit = unit
    }
}

/// How long each benchmark runs.
///
/// Every benchmark first calls its body `warmup` times untimed (page faults, BLAS
/// buffers, caches), then repeats it until at least `minSeconds` have passed and at
/// least `minReps` calls were timed, stopping early at `maxReps`. The reported time is
/// the median call, which ignores the occasional slow call from a busy neighbour.
public struct BenchOptions: Sendable {
    public var warmup: Int
    public var minReps: Int
    public var maxReps: Int
    public var minSeconds: Double

    public init(warmup: Int = 2, minReps: Int = 5, maxReps: Int = 10_000, minSeconds: Double = 0.2) {
        self.warmup = warmup
        self.minReps = minReps
        self.maxReps = maxReps
        self.minSeconds = minSeconds
    }

    /// The default: two warm-up calls, then at least 0.2 s and 5 timed calls.
    public static let standard = BenchOptions()
    /// For a smoke run: one warm-up call, then at least 0.05 s and 3 timed calls.
    public static let quick = BenchOptions(warmup: 1, minReps: 3, maxReps: 1_000, minSeconds: 0.05)
}

/// A named list of benchmarks that run together and print as one table.
public struct BenchGroup: Sendable {
    /// Short key, also the `group` of its results (`"gemm"`).
    public let name: String
    /// Table heading (`"GEMM, square (BLAS)"`).
    public let title: String
    public let run: @Sendable (BenchOptions) throws -> [BenchResult]

    public init(name: String, title: String, run: @escaping @Sendable (BenchOptions) throws -> [BenchResult]) {
        self.name = name
        self.title = title
        self.run = run
    }
}

/// Throughput benchmarks of the CPU kernels, run by `swiftgnn bench ops`.
///
/// Each group lives in its own file (`GEMMBench.swift`, `ElementwiseBench.swift`,
/// `SpMMBench.swift`, `ReductionBench.swift`) and is listed once in `opsGroups`.
/// Every timing is meaningful only in a release build.
public enum Bench {
    /// The groups of `swiftgnn bench ops`, in the order they run. A group that returns
    /// no rows is left out of the output. The BLAS thread-scaling group runs last,
    /// because OpenBLAS workers keep spinning for a while after a multi-threaded call.
    public static var opsGroups: [BenchGroup] {
        [gemmSquare, gemmSkinny, elementwise, spmm, reductions, gemmThreads]
    }

    /// Times `body` per `options` and returns (median seconds, timed reps).
    public static func measure(_ options: BenchOptions, _ body: () throws -> Void) rethrows -> (median: Double, reps: Int) {
        for _ in 0..<options.warmup { try body() }
        var times: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        repeat {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            let t1 = DispatchTime.now().uptimeNanoseconds
            times.append(Double(t1 - t0) * 1e-9)
        } while times.count < options.maxReps
            && (times.count < options.minReps
                || Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9 < options.minSeconds)
        return (median(times), times.count)
    }

    /// Measures `body` and reports `work / median` (work in GFLOP or GB per call).
    public static func result(group: String, name: String, work: Double, unit: String, options: BenchOptions,
                              _ body: () throws -> Void) rethrows -> BenchResult {
        let (t, reps) = try measure(options, body)
        return BenchResult(group: group, name: name, medianSeconds: t, reps: reps,
                           throughput: t > 0 ? work / t : 0, unit: unit)
    }

    /// The middle value (mean of the two middle values for an even count).
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
    }
}
