import Foundation

/// A one-line progress bar on stderr, redrawn in place:
/// `training  [########------------]  120/300  loss 0.412  acc 0.87  1.2 s`.
///
/// Drawn only when stderr is a terminal and the user did not pass `--quiet`, so logs and
/// pipes never receive control characters. Redraws at most every 50 ms.
struct ProgressBar {
    let label: String
    let total: Int
    let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(label: String, total: Int, quiet: Bool) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    mutating func update(_ done: Int, status: String = "") {
        guard enabled else { return }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDraw) >= 0.05 else { return }
        lastDraw = now
        let width = 24
        let filled = width * min(done, total) / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let elapsed = String(format: "%.1f s", now.timeIntervalSince(start))
        let line = "\(label)  [\(bar)]  \(done)/\(total)  \(status)  \(elapsed)"
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// Clears the bar so the summary that follows starts on a clean line.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
