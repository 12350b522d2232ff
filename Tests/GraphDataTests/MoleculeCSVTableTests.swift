import Foundation
import Testing
@testable import GraphData

@Suite struct MoleculeCSVTableTests {
    func parse(_ s: String) throws -> CSVTable { try CSVTable(parsing: Data(s.utf8), file: "t.csv") }

    @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
        let t = try parse("a,b,c\r\n1,\"[0, 0, 1]\",x\n\"he said \"\"hi\"\"\",\"two\nlines\",\n")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows[0] == ["1", "[0, 0, 1]", "x"])
        #expect(t.rows[1] == ["he said \"hi\"", "two\nlines", ""])
        #expect(t.lineNumbers == [2, 3])
    }

    @Test func emptyFieldsBlankLinesBOMAndNoFinalNewline() throws {
        let t = try parse("\u{FEFF},smiles\n\n0,C\n1,\n2,CC")
        #expect(t.header == ["", "smiles"])
        #expect(t.rows == [["0", "C"], ["1", ""], ["2", "CC"]])
        #expect(t.lineNumbers == [3, 4, 5])
        #expect(try t.column("smiles") == ["C", "", "CC"])
    }

    @Test func errorsNameTheLine() throws {
        let fields = try #require(throws: DataError.self) { try parse("a,b\n1,2\n3\n") }
        #expect(fields.location == "line 3" && fields.file == "t.csv")
        let open = try #require(throws: DataError.self) { try parse("a,b\n1,\"2\n3,4\n") }
        #expect(open.location == "line 2")
        let after = try #require(throws: DataError.self) { try parse("a,b\n\"1\"x,2\n") }
        #expect(after.location == "line 2")
        let stray = try #require(throws: DataError.self) { try parse("a,b\n1,2\"3\n") }
        #expect(stray.location == "line 2")
        #expect(throws: DataError.self) { try parse("") }
        let col = try #require(throws: DataError.self) { try parse("a,b\n1,2\n").column("c") }
        #expect(col.message.contains("no column 'c'"))
        let num = try #require(throws: DataError.self) { try parse("a\n1\nx\n").doubles("a") }
        #expect(num.location == "line 3")
    }

    @Test func otherSeparators() throws {
        let t = try CSVTable(parsing: Data("s\tt\n0\t\"a\tb\"\n".utf8), separator: "\t")
        #expect(t.rows == [["0", "a\tb"]])
    }
}
