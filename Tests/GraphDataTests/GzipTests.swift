import Foundation
import Testing
@testable import GraphData

@Suite struct GzipTests {
    func fixture(_ name: String) throws -> Data { try Data(contentsOf: Fixtures.url("molecules/\(name)")) }

    @Test func readsPythonGzipWithFileName() throws {
        let text = String(decoding: try Gzip.decompress(try fixture("peptides_mini.csv.gz")), as: UTF8.self)
        #expect(text.hasPrefix(",smiles,peptide_seq,labels,identifier\n0,CC(C)C[C@H](N)C(=O)O,L,"))
        #expect(text.split(separator: "\n").count == 4)
    }

    @Test func readsHeaderWithAllOptionalFields() throws {
        let out = try Gzip.decompress(try fixture("flags.txt.gz"))
        #expect(String(decoding: out, as: UTF8.self) == "gzip header flags: FEXTRA FNAME FCOMMENT FHCRC\n")
    }

    @Test func inflatesAcrossManyChunks() throws {
        let out = try Gzip.decompress(try fixture("big.txt.gz"))
        #expect(out.count == 310_000)
        let line = Data("abcdefghijklmnopqrstuvwxyz0123\n".utf8)
        #expect(out.prefix(31) == line && out.suffix(31) == line)
        #expect(out[154_991..<155_022] == Data("wxyz0123\nabcdefghijklmnopqrstuv".utf8))
    }

    @Test func truncatedFileThrows() throws {
        let e = try #require(throws: DataError.self) { try Gzip.decompress(try fixture("truncated.csv.gz"), name: "t.gz") }
        #expect(e.kind == .badData && e.file == "t.gz")
        // Every prefix fails cleanly, none traps or hangs.
        let full = try fixture("peptides_mini.csv.gz")
        for n in 0..<full.count {
            #expect(throws: DataError.self) { try Gzip.decompress(full.prefix(n)) }
        }
    }

    /// Found by the FuzzGzip target: a small body whose trailer claims ~2 GB must be
    /// refused before any allocation of that size.
    @Test func hugeClaimedSizeIsRefusedBeforeAllocating() throws {
        let input = try #require(Data(base64Encoded: "H4sICAAAAAAC/3BlcHRpZGVzX21pbmkuY3N2AHXMQQrCMBAF0H1OIV0lOELTCq4EYRYGlPQAIYjGKQRiqKb3x9RgFbjhL+Yv/oN084ESDDSM/kqnRHcfiwgI5wseAAAAhQ=="))
        let e = try #require(throws: DataError.self) { try Gzip.decompress(input) }
        #expect(e.message.contains("ISIZE"))
    }

    @Test func badChecksumAndSizeThrow() throws {
        let crc = try #require(throws: DataError.self) { try Gzip.decompress(try fixture("badcrc.csv.gz")) }
        #expect(crc.message.contains("CRC-32"))
        let size = try #require(throws: DataError.self) { try Gzip.decompress(try fixture("badsize.csv.gz")) }
        #expect(size.message.contains("ISIZE"))
    }

    @Test func rejectsWrongMagicMethodAndFlags() throws {
        var d = try fixture("peptides_mini.csv.gz")
        d[0] = 0x50
        #expect(throws: DataError.self) { try Gzip.decompress(d) }
        d = try fixture("peptides_mini.csv.gz")
        d[2] = 7
        let method = try #require(throws: DataError.self) { try Gzip.decompress(d) }
        #expect(method.location == "byte 2")
        d = try fixture("peptides_mini.csv.gz")
        d[3] |= 0x80
        #expect(throws: DataError.self) { try Gzip.decompress(d) }
        // FHCRC corrupted.
        d = try fixture("flags.txt.gz")
        let hcrc = 10 + 2 + 8 + 10 + 10  // header, XLEN, extra, name, comment
        d[hcrc] ^= 0xff
        let h = try #require(throws: DataError.self) { try Gzip.decompress(d) }
        #expect(h.message.contains("header CRC-16"))
    }

    @Test func corruptDeflateBodyThrows() throws {
        let good = try fixture("big.txt.gz")
        // Flip bytes inside the deflate data (after the 10-byte header and "big.txt\0").
        for offset in stride(from: 20, to: good.count - 8, by: 37) {
            var d = good
            d[offset] ^= 0x5a
            #expect(throws: DataError.self) { try Gzip.decompress(d) }
        }
    }
}
