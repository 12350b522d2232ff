import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Training

/// Parses SVG with Foundation's XMLParser, counting elements and collecting the text of
/// `<text>` elements by their class attribute.
struct SVGSummary {
    var elements: [String: Int] = [:]
    var texts: [(cls: String, text: String)] = []
    var pathData: [String] = []
    let wellFormed: Bool

    init(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        wellFormed = parser.parse()
        elements = collector.elements
        texts = collector.texts
        pathData = collector.pathData
    }

    func texts(_ cls: String) -> [String] { texts.filter { $0.cls == cls }.map(\.text) }

    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String: Int] = [:]
        var texts: [(cls: String, text: String)] = []
        var pathData: [String] = []
        private var currentClass: String?
        private var currentText = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if name == "text" { currentClass = attributes["class"] ?? ""; currentText = "" }
            if name == "path", let d = attributes["d"] { pathData.append(d) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if currentClass != nil { currentText += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let cls = currentClass {
                texts.append((cls, currentText))
                currentClass = nil
            }
        }
    }
}

@Suite("SVGPlot")
struct SVGPlotTests {
    @Test func niceTicks() {
        let a = SVGPlot.niceAxis(0, 0.83)
        #expect(a.step == 0.2)
        #expect(a.ticks.map { a.label($0) } == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let b = SVGPlot.niceAxis(1, 200)
        #expect(b.step == 50)
        #expect(b.ticks == [0, 50, 100, 150, 200])
        #expect(b.ticks.map { b.label($0) } == ["0", "50", "100", "150", "200"])
        let c = SVGPlot.niceAxis(-0.031, 0.012)
        #expect(c.step == 0.01)
        #expect(c.ticks.map { c.label($0) } == ["-0.04", "-0.03", "-0.02", "-0.01", "0.00", "0.01", "0.02"])
        // A zero-width range is widened around the value.
        let d = SVGPlot.niceAxis(3, 3)
        #expect(d.lower < 3 && d.upper > 3)
        #expect(d.ticks.count >= 2)
        // Every step is 1, 2 or 5 times a power of ten and the ticks cover the data.
        for (lo, hi) in [(0.0, 1.0), (-7.3, 12.9), (1e-5, 3e-5), (100.0, 100_000.0), (0.5, 0.5001)] {
            let axis = SVGPlot.niceAxis(lo, hi)
            let mantissa = axis.step / pow(10, log10(axis.step).rounded(.down))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(axis.step)")
            // Covers the data up to rounding (a part in 1e9 of a step).
            #expect(axis.lower <= lo + axis.step * 1e-6 && axis.upper >= hi - axis.step * 1e-6, "\(lo)...\(hi): \(axis.ticks)")
            #expect(axis.ticks.count >= 2 && axis.ticks.count <= 12)
        }
    }

    @Test func linePlotStructure() throws {
        let series = [
            SVGPlot.Series(name: "train", x: [1, 2, 3, 4], y: [0.2, 0.5, 0.7, 0.83]),
            SVGPlot.Series(name: "val <A&B>", x: [1, 2, 3, 4], y: [0.1, .nan, 0.6, 0.65]),
            SVGPlot.Series(name: "single", x: [2], y: [0.4]),
            SVGPlot.Series(name: "empty", x: [], y: []),
        ]
        let svg = SVGPlot.lines(series, title: "GCN \"Cora\" & <accuracy>", xLabel: "epoch", yLabel: "accuracy")
        let summary = SVGSummary(svg)
        #expect(summary.wellFormed)
        #expect(summary.elements["svg"] == 1)
        #expect(summary.elements["path"] == 2)                   // train and val; single is a circle
        #expect(summary.elements["circle"] == 1)
        #expect(summary.texts("title") == ["GCN \"Cora\" & <accuracy>"])
        #expect(summary.texts("xlabel") == ["epoch"])
        #expect(summary.texts("ylabel") == ["accuracy"])
        #expect(summary.texts("ytick") == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(summary.texts("xtick") == ["1", "2", "3", "4"])
        #expect(summary.texts("legend-entry") == ["train", "val <A&B>", "single", "empty"])
        #expect(svg.contains("val &lt;A&amp;B&gt;"))
        // The NaN breaks the val line into two pieces: two moves, one line-to.
        let val = summary.pathData[1]
        #expect(val.filter { $0 == "M" }.count == 2 && val.filter { $0 == "L" }.count == 1)
        #expect(summary.pathData[0].filter { $0 == "L" }.count == 3)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func scatterColoursByClass() {
        let x: [Double] = [0, 1, 2, 3, .infinity, 5]
        let y: [Double] = [0, 1, 0, 1, 2, 10]
        let classes = [0, 1, 1, 2, 0, 9, 99]                     // longer than x: extra ignored
        let svg = SVGPlot.scatter(x: x, y: y, classes: classes, title: "t-SNE")
        let summary = SVGSummary(svg)
        #expect(summary.wellFormed)
        #expect(summary.elements["circle"] == 5)                 // the infinite point is skipped
        #expect(summary.texts("legend-entry") == ["class 0", "class 1", "class 2", "class 9"])
        #expect(svg.contains("fill=\"\(SVGPlot.color(9))\""))
        #expect(SVGPlot.color(9) == SVGPlot.palette[0])          // the palette cycles
        #expect(SVGPlot.color(-1) == "#999999")
        // Many classes: the legend lists 12 and says how many more.
        let n = 20
        let many = SVGSummary(SVGPlot.scatter(x: (0..<n).map(Double.init), y: (0..<n).map(Double.init),
                                              classes: Array(0..<n), title: "many"))
        #expect(many.texts("legend-entry").count == 13)
        #expect(many.texts("legend-entry").last == "… 8 more")
    }

    @Test func emptyAndNaNOnlyPlotsSayNoData() {
        for svg in [
            SVGPlot.lines([], title: "none", xLabel: "x", yLabel: "y"),
            SVGPlot.lines([SVGPlot.Series(name: "a", x: [1, 2], y: [.nan, .nan])], title: "nan", xLabel: "x", yLabel: "y"),
            SVGPlot.scatter(x: [], y: [], classes: [], title: "empty"),
            SVGPlot.scatter(x: [.nan], y: [1], classes: [0], title: "nan"),
        ] {
            let summary = SVGSummary(svg)
            #expect(summary.wellFormed)
            #expect(summary.texts("no-data") == ["no data"])
            #expect(summary.elements["path"] == nil && summary.elements["circle"] == nil)
        }
    }

    @Test func controlCharactersAreDropped() {
        let svg = SVGPlot.lines([SVGPlot.Series(name: "a\u{1}b", x: [0, 1], y: [0, 1])],
                                title: "tab\tok\u{0}", xLabel: "'quoted'", yLabel: "y")
        let summary = SVGSummary(svg)
        #expect(summary.wellFormed)
        #expect(summary.texts("legend-entry") == ["ab"])
        #expect(summary.texts("xlabel") == ["'quoted'"])
    }

    @Test func writeIsAtomicAndCreatesDirectories() throws {
        let dir = try temporaryDirectory("svg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("plots/curve.svg")
        let svg = SVGPlot.lines([SVGPlot.Series(name: "a", x: [0, 1], y: [0, 1])], title: "t", xLabel: "x", yLabel: "y")
        try SVGPlot.write(svg, to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == svg)
        try SVGPlot.write("<svg/>", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "<svg/>")
        let blocker = dir.appendingPathComponent("file")
        try Data().write(to: blocker)
        do {
            try SVGPlot.write(svg, to: blocker.appendingPathComponent("x.svg"))
            Issue.record("expected an error")
        } catch let error as TrainingError {
            #expect(error.kind == .io && error.message.contains("x.svg"))
        }
    }
}

