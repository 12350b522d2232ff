import Foundation

/// Dependency-free SVG charts for experiment reports: line plots of training curves and
/// scatter plots of 2-D embeddings coloured by class.
///
/// Layout: a title on top, a plot frame with "nice" ticks (multiples of 1, 2 or 5 times
/// a power of ten, covering the data) and their labels, axis labels, and a legend to the
/// right of the plot. Colours
/// are the Okabe–Ito palette (colour-blind safe), cycled by series or class. Points with
/// a NaN or infinite coordinate are skipped (a line breaks there); a plot with no finite
/// point shows "no data". All text is XML-escaped, so the output is always well-formed
/// XML whatever the titles and names contain.
public enum SVGPlot {
    /// One line of a line plot. Extra values of the longer of `x` and `y` are ignored.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public init(name: String, x: [Double], y: [Double]) {
            self.name = name
            self.x = x
            self.y = y
        }
    }

    /// Okabe & Ito (2008) colours, black moved last: orange, sky blue, bluish green,
    /// yellow, blue, vermillion, reddish purple, grey, black.
    public static let palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2",
                                 "#D55E00", "#CC79A7", "#999999", "#000000"]

    /// Colour of series or class `index` (negative indices get the grey).
    public static func color(_ index: Int) -> String {
        index < 0 ? "#999999" : palette[index % palette.count]
    }

    /// A line plot: one `<path>` per series with at least one finite point (a series of a
    /// single point is drawn as a `<circle>` instead), a legend entry per series.
    public static func lines(_ series: [Series], title: String, xLabel: String, yLabel: String,
                             width: Int = 640, height: Int = 400) -> String {
        var canvas = Canvas(width: width, height: height, title: title)
        let points = series.map { s in zip(s.x, s.y).map { (x: $0, y: $1) } }
        let finite = points.flatMap { $0.filter { $0.x.isFinite && $0.y.isFinite } }
        let entries = series.enumerated().map { (name: $0.element.name, color: color($0.offset)) }
        guard let frame = canvas.frame(xs: finite.map(\.x), ys: finite.map(\.y), xLabel: xLabel, yLabel: yLabel,
                                       legendWidth: Canvas.legendWidth(entries)) else {
            return canvas.noData()
        }
        for (index, seriesPoints) in points.enumerated() {
            var d = ""
            var drawn: [(Double, Double)] = []
            var penDown = false
            for p in seriesPoints {
                guard p.x.isFinite && p.y.isFinite else { penDown = false; continue }
                let (px, py) = frame.map(p.x, p.y)
                d += (penDown ? " L" : (d.isEmpty ? "M" : " M")) + "\(fmt(px)) \(fmt(py))"
                penDown = true
                drawn.append((px, py))
            }
            let c = color(index)
            if drawn.count == 1 {
                canvas.body += "<circle cx=\"\(fmt(drawn[0].0))\" cy=\"\(fmt(drawn[0].1))\" r=\"3\" fill=\"\(c)\"/>\n"
            } else if drawn.count > 1 {
                canvas.body += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"1.75\" stroke-linejoin=\"round\"/>\n"
            }
        }
        canvas.legend(entries, frame: frame)
        return canvas.finish()
    }

    /// A scatter plot of points coloured by class (e.g. a t-SNE of node embeddings): one
    /// `<circle>` per finite point, a legend entry per class present (at most 12 listed).
    /// Only the first `min(x.count, y.count, classes.count)` points are used.
    public static func scatter(x: [Double], y: [Double], classes: [Int], title: String,
                               width: Int = 560, height: Int = 560) -> String {
        var canvas = Canvas(width: width, height: height, title: title)
        let n = Swift.min(x.count, y.count, classes.count)
        let kept = (0..<n).filter { x[$0].isFinite && y[$0].isFinite }
        let present = Set(kept.map { classes[$0] }).sorted()
        var entries = present.prefix(12).map { (name: "class \($0)", color: color($0)) }
        if present.count > 12 { entries.append((name: "… \(present.count - 12) more", color: "none")) }
        guard let frame = canvas.frame(xs: kept.map { x[$0] }, ys: kept.map { y[$0] }, xLabel: "", yLabel: "",
                                       legendWidth: Canvas.legendWidth(entries)) else {
            return canvas.noData()
        }
        for i in kept {
            let (px, py) = frame.map(x[i], y[i])
            canvas.body += "<circle cx=\"\(fmt(px))\" cy=\"\(fmt(py))\" r=\"2.5\" fill=\"\(color(classes[i]))\" fill-opacity=\"0.8\"/>\n"
        }
        canvas.legend(entries, frame: frame)
        return canvas.finish()
    }

    /// Writes `svg` to `url` atomically (temporary file, then rename), creating parent
    /// directories.
    /// - Throws: `TrainingError(.io)` naming the file.
    public static func write(_ svg: String, to url: URL) throws {
        let parent = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: url, options: .atomic)
        } catch {
            throw TrainingError(.io, "SVGPlot", "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    // MARK: Scales

    /// An axis: its ticks and the domain they span (the first and last tick).
    struct Axis: Equatable {
        var ticks: [Double]
        var step: Double
        var lower: Double { ticks.first ?? 0 }
        var upper: Double { ticks.last ?? 1 }
        /// Digits after the decimal point that show every tick exactly.
        var decimals: Int { Swift.max(0, Swift.min(12, Int((-log10(step)).rounded(.up)))) }

        func label(_ v: Double) -> String {
            let magnitude = Swift.max(abs(lower), abs(upper))
            if magnitude >= 1e7 || step < 1e-6 { return String(format: "%g", v) }
            let s = String(format: "%.\(decimals)f", v)
            return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
        }
    }

    /// Ticks at multiples of a step of 1, 2 or 5 times a power of ten, the smallest such
    /// step giving at most about `target` intervals, from the last multiple at or below
    /// `lo` to the first at or above `hi`. A zero-width range is widened around its value.
    static func niceAxis(_ lo: Double, _ hi: Double, target: Int = 5) -> Axis {
        var lo = lo, hi = hi
        if !(hi > lo) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let span = hi - lo
        guard span.isFinite, span > 0 else { return Axis(ticks: [lo, hi], step: .infinity) }
        let raw = span / Double(Swift.max(1, target))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude
        let first = (lo / step + 1e-9).rounded(.down)
        let last = (hi / step - 1e-9).rounded(.up)
        guard last - first < 1000 else { return Axis(ticks: [lo, hi], step: span) }
        let ticks = stride(from: first, through: last, by: 1).map { i -> Double in
            let v = i * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
        return Axis(ticks: ticks, step: step)
    }

    // MARK: Drawing

    /// The plot area and its axes.
    struct Frame {
        var left: Double, top: Double, right: Double, bottom: Double
        var x: Axis, y: Axis

        func map(_ vx: Double, _ vy: Double) -> (Double, Double) {
            let px = left + (vx - x.lower) / (x.upper - x.lower) * (right - left)
            let py = bottom - (vy - y.lower) / (y.upper - y.lower) * (bottom - top)
            return (px, py)
        }
    }

    /// Accumulates the SVG document.
    struct Canvas {
        let width: Int, height: Int
        var body = ""

        init(width: Int, height: Int, title: String) {
            self.width = Swift.max(width, 120)
            self.height = Swift.max(height, 120)
            body += "<rect width=\"\(self.width)\" height=\"\(self.height)\" fill=\"white\"/>\n"
            body += "<text class=\"title\" x=\"\(fmt(Double(self.width) / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>\n"
        }

        /// Draws the axes, ticks and labels for the data; nil when there is none.
        /// `legendWidth` is reserved to the right of the plot area for the legend (at most
        /// a third of the width; longer names overflow it rather than squeeze the plot).
        mutating func frame(xs: [Double], ys: [Double], xLabel: String, yLabel: String, legendWidth: Double) -> Frame? {
            guard let xMin = xs.min(), let xMax = xs.max(), let yMin = ys.min(), let yMax = ys.max() else { return nil }
            let reserved = legendWidth > 0 ? Swift.min(legendWidth, Double(width) / 3) + 12 : 0
            let frame = Frame(left: 64, top: 36, right: Double(width) - 16 - reserved, bottom: Double(height) - 48,
                              x: niceAxis(xMin, xMax), y: niceAxis(yMin, yMax))
            let (l, t, r, b) = (frame.left, frame.top, frame.right, frame.bottom)
            body += "<rect x=\"\(fmt(l))\" y=\"\(fmt(t))\" width=\"\(fmt(r - l))\" height=\"\(fmt(b - t))\" fill=\"none\" stroke=\"#444\"/>\n"
            for v in frame.x.ticks {
                let (px, _) = frame.map(v, frame.y.lower)
                body += "<line x1=\"\(fmt(px))\" y1=\"\(fmt(b))\" x2=\"\(fmt(px))\" y2=\"\(fmt(b + 5))\" stroke=\"#444\"/>\n"
                body += "<text class=\"xtick\" x=\"\(fmt(px))\" y=\"\(fmt(b + 18))\" text-anchor=\"middle\" font-size=\"11\">\(escape(frame.x.label(v)))</text>\n"
            }
            for v in frame.y.ticks {
                let (_, py) = frame.map(frame.x.lower, v)
                body += "<line x1=\"\(fmt(l - 5))\" y1=\"\(fmt(py))\" x2=\"\(fmt(l))\" y2=\"\(fmt(py))\" stroke=\"#444\"/>\n"
                body += "<line x1=\"\(fmt(l))\" y1=\"\(fmt(py))\" x2=\"\(fmt(r))\" y2=\"\(fmt(py))\" stroke=\"#ddd\" stroke-width=\"0.5\"/>\n"
                body += "<text class=\"ytick\" x=\"\(fmt(l - 8))\" y=\"\(fmt(py + 4))\" text-anchor=\"end\" font-size=\"11\">\(escape(frame.y.label(v)))</text>\n"
            }
            if !xLabel.isEmpty {
                body += "<text class=\"xlabel\" x=\"\(fmt((l + r) / 2))\" y=\"\(fmt(Double(height) - 10))\" text-anchor=\"middle\" font-size=\"12\">\(escape(xLabel))</text>\n"
            }
            if !yLabel.isEmpty {
                let cy = (t + b) / 2
                body += "<text class=\"ylabel\" x=\"16\" y=\"\(fmt(cy))\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 16 \(fmt(cy)))\">\(escape(yLabel))</text>\n"
            }
            return frame
        }

        /// The width of the legend box for `entries` (0 without entries).
        static func legendWidth(_ entries: [(name: String, color: String)]) -> Double {
            guard let longest = entries.map(\.name.count).max() else { return 0 }
            return Double(Swift.min(longest, 40)) * 6.5 + 30
        }

        /// A legend box right of the plot area, level with its top.
        mutating func legend(_ entries: [(name: String, color: String)], frame: Frame) {
            guard !entries.isEmpty else { return }
            let boxWidth = Canvas.legendWidth(entries)
            let x = frame.right + 12, y = frame.top
            body += "<g class=\"legend\">\n"
            body += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(boxWidth))\" height=\"\(fmt(Double(entries.count) * 16 + 6))\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#bbb\"/>\n"
            for (i, entry) in entries.enumerated() {
                let rowY = y + 14 + Double(i) * 16
                if entry.color != "none" {
                    body += "<rect x=\"\(fmt(x + 6))\" y=\"\(fmt(rowY - 9))\" width=\"12\" height=\"10\" fill=\"\(entry.color)\"/>\n"
                }
                body += "<text class=\"legend-entry\" x=\"\(fmt(x + 24))\" y=\"\(fmt(rowY))\" font-size=\"11\">\(escape(entry.name))</text>\n"
            }
            body += "</g>\n"
        }

        /// The finished document for a plot without finite data.
        mutating func noData() -> String {
            body += "<text class=\"no-data\" x=\"\(fmt(Double(width) / 2))\" y=\"\(fmt(Double(height) / 2))\" text-anchor=\"middle\" font-size=\"14\" fill=\"#666\">no data</text>\n"
            return finish()
        }

        func finish() -> String {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"Helvetica, Arial, sans-serif\">\n"
                + body + "</svg>\n"
        }
    }

    /// A coordinate with two decimals.
    static func fmt(_ v: Double) -> String { String(format: "%.2f", v) }

    /// Escapes `& < > " '` and drops the characters XML 1.0 forbids (controls other than
    /// tab, newline and carriage return).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF)
                    || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
