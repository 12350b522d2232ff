import Foundation
import ZIPFoundation

/// A gzip file reader (RFC 1952) for single-member files such as LRGB's
/// `peptide_multi_class_dataset.csv.gz`.
///
/// Layout: a 10-byte header `1f 8b 08 FLG MTIME(4) XFL OS`, then the optional fields
/// FLG selects (FEXTRA: 2-byte length + data, FNAME and FCOMMENT: zero-terminated,
/// FHCRC: CRC-16 = low half of the CRC-32 of the header bytes), a raw deflate stream,
/// and an 8-byte trailer: CRC-32 and ISIZE (size mod 2^32) of the uncompressed data,
/// both little-endian. The deflate body is inflated by ZIPFoundation (zlib); the
/// trailer is checked. Only one member is read: a file made of several concatenated
/// members fails the trailer check (the trailer read is the last member's).
///
/// Truncated or corrupt input throws `DataError` naming the byte offset; it never
/// traps, reads out of bounds or loops forever.
public enum Gzip {
    /// The uncompressed bytes of gzip `data`. `name` is used in error messages.
    public static func decompress(_ data: Data, name: String? = nil) throws -> Data {
        do {
            return try inflate([UInt8](data))
        } catch let e as DataError {
            throw name.map { e.inFile($0) } ?? e
        }
    }

    /// Whether `data` starts with the gzip magic bytes `1f 8b`.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b
    }

    /// Reads the file at `url` and decompresses it.
    public static func decompress(contentsOf url: URL) throws -> Data {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(.missingInput, file: url.path, "cannot read: \(error.localizedDescription)")
        }
        return try decompress(data, name: url.lastPathComponent)
    }

    private static func bad(_ offset: Int, _ message: String) -> DataError {
        DataError(.badData, at: "byte \(offset)", "gzip: \(message)")
    }

    private static func inflate(_ b: [UInt8]) throws -> Data {
        guard b.count >= 18 else {
            if b.count >= 2 && (b[0] != 0x1f || b[1] != 0x8b) { throw bad(0, "not a gzip file (magic bytes \(hex(b[0])) \(hex(b[1])), expected 1f 8b)") }
            throw bad(b.count, "file of \(b.count) bytes is too short for a gzip header and trailer (18 bytes)")
        }
        guard b[0] == 0x1f, b[1] == 0x8b else {
            throw bad(0, "not a gzip file (magic bytes \(hex(b[0])) \(hex(b[1])), expected 1f 8b)")
        }
        guard b[2] == 8 else { throw bad(2, "compression method \(b[2]), expected 8 (deflate)") }
        let flags = b[3]
        guard flags & 0xe0 == 0 else { throw bad(3, "reserved flag bits set (\(hex(flags)))") }
        var p = 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard p + 2 <= b.count else { throw bad(p, "truncated FEXTRA length") }
            let xlen = Int(b[p]) | Int(b[p + 1]) << 8
            p += 2
            guard p + xlen <= b.count else { throw bad(p, "FEXTRA field of \(xlen) bytes runs past the end of the file") }
            p += xlen
        }
        for (bit, field) in [(UInt8(0x08), "FNAME"), (UInt8(0x10), "FCOMMENT")] where flags & bit != 0 {
            guard let zero = b[p...].firstIndex(of: 0) else { throw bad(p, "\(field) is not zero-terminated") }
            p = zero + 1
        }
        if flags & 0x02 != 0 {  // FHCRC
            guard p + 2 <= b.count else { throw bad(p, "truncated header CRC") }
            let expected = UInt32(b[p]) | UInt32(b[p + 1]) << 8
            let actual = Data(b[0..<p]).crc32(checksum: 0) & 0xffff
            guard actual == expected else {
                throw bad(p, "header CRC-16 \(hex16(actual)) does not match the stored \(hex16(expected))")
            }
            p += 2
        }
        let trailer = b.count - 8
        guard p <= trailer else { throw bad(p, "truncated: no room for the deflate data and the 8-byte trailer") }
        let storedCRC = le32(b, trailer)
        let storedSize = le32(b, trailer + 4)
        let body = Array(b[p..<trailer])
        let bodyStart = p
        // Deflate expands at most 1032:1; with a body this small ISIZE is the exact size.
        let (maxRatio, overflow) = body.count.multipliedReportingOverflow(by: 1032)
        let sizeIsExact = !overflow && maxRatio < (1 << 32)
        if sizeIsExact && Int(storedSize) > maxRatio {
            throw bad(trailer + 4, "the trailer's ISIZE \(storedSize) exceeds what \(body.count) deflate bytes can hold")
        }
        let chunk = 1 << 16
        var output = Data()
        // ISIZE is bounded by the body size here, so reserving it cannot exhaust memory.
        output.reserveCapacity(sizeIsExact ? Int(storedSize) : body.count * 4)
        let crc: UInt32
        do {
            crc = try Data.decompress(size: Int64(body.count), bufferSize: chunk, skipCRC32: false,
                                      provider: { position, size in
                // zlib on Linux is always handed `bufferSize` bytes: pad the last chunk
                // with zeros (zlib stops at the end of the stream and ignores them) and
                // refuse to go past the end, so a truncated stream cannot loop forever.
                let start = Int(position)
                guard start >= 0, start < body.count, size >= 0 else {
                    throw bad(bodyStart + body.count, "truncated deflate data (the stream does not end before the trailer)")
                }
                let end = Swift.min(start + size, body.count)
                var piece = Data(body[start..<end])
                if piece.count < size { piece.append(Data(count: size - piece.count)) }
                return piece
            }, consumer: { piece in
                if sizeIsExact && output.count + piece.count > Int(storedSize) {
                    throw bad(trailer + 4, "inflated data exceeds the \(storedSize) bytes the trailer's ISIZE gives")
                }
                output.append(piece)
            })
        } catch let e as DataError {
            throw e
        } catch {
            throw bad(bodyStart, "corrupt deflate data (\(error))")
        }
        guard UInt32(truncatingIfNeeded: output.count) == storedSize else {
            throw bad(trailer + 4, "inflated \(output.count) bytes, the trailer's ISIZE says \(storedSize)")
        }
        guard crc == storedCRC else {
            throw bad(trailer, "CRC-32 of the inflated data \(hex32(crc)) does not match the stored \(hex32(storedCRC))")
        }
        return output
    }

    private static func le32(_ b: [UInt8], _ p: Int) -> UInt32 {
        UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
    }
    private static func hex(_ v: UInt8) -> String { String(format: "%02x", v) }
    private static func hex16(_ v: UInt32) -> String { String(format: "%04x", v) }
    private static func hex32(_ v: UInt32) -> String { String(format: "%08x", v) }
}
