import Foundation

/// Reads and writes the safetensors checkpoint format
/// (https://github.com/huggingface/safetensors), byte-compatible with the Python
/// `safetensors` package.
///
/// Layout: an 8-byte little-endian header length `n`; `n` bytes of JSON mapping each
/// tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets relative
/// to the data section), plus an optional `"__metadata__"` object of string pairs; the
/// header is padded with spaces to a multiple of 8 bytes; then the tensors' raw
/// little-endian bytes, back to back.
///
/// Writing matches the Python package byte for byte: tensors are laid out (and listed)
/// by name in byte order (all tensors written here are F32, and safetensors orders by
/// dtype alignment, then name), `__metadata__` comes first, and the JSON is compact and
/// escaped as `serde_json` does. Empty metadata is omitted, as Python's `metadata=None`.
/// Python orders several metadata keys by a per-process random hash; here they are
/// sorted by byte order, so files with one metadata key or none are byte-identical.
public enum Safetensors {
    /// The largest header accepted, as in the `safetensors` package (100 MB).
    public static let maxHeaderSize = 100_000_000

    /// Writes `tensors` as Float32 with optional string metadata.
    ///
    /// The file is written to a temporary file in the same directory, flushed, and
    /// renamed over `url`, so readers never see a half-written checkpoint and a failed
    /// write leaves any previous file intact.
    /// - Throws: `SafetensorsError` (`.invalidArgument` for a tensor named
    ///   `__metadata__`, `.io` when the file cannot be written).
    public static func write(_ tensors: StateDict, to url: URL, metadata: [String: String] = [:]) throws {
        let file = url.path
        let entries = tensors.map { (name: $0.name, tensor: $0.tensor) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        if entries.contains(where: { $0.name == "__metadata__" }) {
            throw SafetensorsError(.invalidArgument, file: file, tensor: "__metadata__",
                                   "the name __metadata__ is reserved for the header's metadata")
        }
        let header = headerBytes(entries.map { ($0.name, $0.tensor.shape, $0.tensor.count) }, metadata: metadata)
        try atomicWrite(to: url) { handle in
            var prefix = [UInt8](repeating: 0, count: 8)
            var n = UInt64(header.count)
            for k in 0..<8 { prefix[k] = UInt8(truncatingIfNeeded: n); n >>= 8 }
            try handle.write(contentsOf: prefix)
            try handle.write(contentsOf: header)
            for (_, t) in entries where t.count > 0 {
                #if _endian(little)
                try handle.write(contentsOf: Data(bytesNoCopy: t.data, count: t.count * 4, deallocator: .none))
                #else
                var le = [UInt8](repeating: 0, count: t.count * 4)
                for i in 0..<t.count {
                    let bits = t.data[i].bitPattern
                    for k in 0..<4 { le[4 * i + k] = UInt8(truncatingIfNeeded: bits >> (8 * k)) }
                }
                try handle.write(contentsOf: le)
                #endif
                withExtendedLifetime(t) {}
            }
        }
    }

    /// The padded JSON header for F32 tensors given in layout order.
    static func headerBytes(_ entries: [(name: String, shape: [Int], count: Int)], metadata: [String: String]) -> [UInt8] {
        var json = JSONWriter()
        json.raw("{")
        var first = true
        if !metadata.isEmpty {
            json.raw("\"__metadata__\":{")
            let keys = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (k, key) in keys.enumerated() {
                if k > 0 { json.raw(",") }
                json.string(key)
                json.raw(":")
                json.string(metadata[key]!)
            }
            json.raw("}")
            first = false
        }
        var offset = 0
        for e in entries {
            if !first { json.raw(",") }
            first = false
            json.string(e.name)
            json.raw(":{\"dtype\":\"F32\",\"shape\":")
            json.intArray(e.shape)
            json.raw(",\"data_offsets\":")
            json.intArray([offset, offset + 4 * e.count])
            json.raw("}")
            offset += 4 * e.count
        }
        json.raw("}")
        var bytes = json.bytes
        bytes += [UInt8](repeating: 0x20, count: (8 - bytes.count % 8) % 8)
        return bytes
    }

    /// Writes through a temporary sibling file, then renames it over `url`.
    static func atomicWrite(to url: URL, _ body: (FileHandle) throws -> Void) throws {
        let file = url.path
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw SafetensorsError(.io, file: file, "cannot create the temporary file \(temp.path) (does the directory exist and is it writable?)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            do {
                try body(handle)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            guard rename(temp.path, file) == 0 else {
                let reason = String(cString: strerror(errno))
                throw SafetensorsError(.io, file: file, "cannot rename \(temp.path) to the destination: \(reason)")
            }
        } catch let error as SafetensorsError {
            try? FileManager.default.removeItem(at: temp)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw SafetensorsError(.io, file: file, "write failed: \(error.localizedDescription)")
        }
    }

    /// Reads every tensor (as Float32, converting other dtypes as `SafetensorsDType`
    /// describes) and the metadata. Tensors come in header order.
    ///
    /// The whole file is validated first: length prefix, header length within the file,
    /// JSON syntax, each entry's dtype/shape/data_offsets, shape times dtype size equal
    /// to the byte length, and offsets that tile the data section exactly (no overlap,
    /// no gap, nothing past the end).
    /// - Throws: `SafetensorsError` naming the file, the tensor and the byte offset.
    public static func read(from url: URL) throws -> (tensors: StateDict, metadata: [String: String]) {
        let parsed = try SafetensorsFile(contentsOf: url)
        var dict = StateDict()
        for entry in parsed.entries {
            dict[entry.name] = try parsed.tensor(entry)
        }
        return (dict, parsed.metadata)
    }
}

/// A parsed and validated safetensors file held in memory.
struct SafetensorsFile {
    struct Entry {
        let name: String
        let dtypeName: String
        let dtype: SafetensorsDType?
        let shape: [Int]
        let begin: Int
        let end: Int
        /// Offset of the entry's JSON object in the file.
        let headerOffset: Int
    }

    let file: String
    let bytes: Data
    let dataStart: Int
    let entries: [Entry]
    let metadata: [String: String]

    init(contentsOf url: URL) throws {
        let file = url.path
        let data: Data
        do {
            // Read, not mapped: a file truncated by someone else while mapped would fault.
            data = try Data(contentsOf: url)
        } catch {
            throw SafetensorsError(.io, file: file, "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(data, file: file)
    }

    init(_ data: Data, file: String) throws {
        self.file = file
        bytes = data
        func fail(_ kind: SafetensorsError.Kind, _ tensor: String? = nil, at offset: Int? = nil, _ message: String) -> SafetensorsError {
            SafetensorsError(kind, file: file, tensor: tensor, byteOffset: offset, message)
        }
        guard data.count >= 8 else {
            throw fail(.truncated, at: 0, "file has \(data.count) bytes, fewer than the 8-byte header length that starts a safetensors file")
        }
        var n: UInt64 = 0
        for k in 0..<8 { n |= UInt64(data[data.startIndex + k]) << (8 * k) }
        guard n <= UInt64(Safetensors.maxHeaderSize) else {
            throw fail(.invalidHeader, at: 0, "header length \(n) exceeds the \(Safetensors.maxHeaderSize)-byte limit (not a safetensors file?)")
        }
        let headerLength = Int(n)
        guard headerLength <= data.count - 8 else {
            throw fail(.truncated, at: 0, "header length \(headerLength) extends beyond the end of the file (\(data.count) bytes: header would end at byte \(8 + headerLength))")
        }
        dataStart = 8 + headerLength
        let dataLength = data.count - dataStart

        let root: JSONNode
        do {
            root = try data.withUnsafeBytes { raw in
                try JSONReader.parse(UnsafeRawBufferPointer(rebasing: raw[8..<(8 + headerLength)]), baseOffset: 8)
            }
        } catch let error as JSONSyntaxError {
            throw fail(.invalidHeader, at: error.offset, "header is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = root.value else {
            throw fail(.invalidHeader, at: root.offset, "header must be a JSON object, found \(root.typeName)")
        }

        var metadata: [String: String] = [:]
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (name, node) in members {
            guard seen.insert(name).inserted else {
                throw fail(.invalidHeader, name == "__metadata__" ? nil : name, at: node.offset, "appears twice in the header")
            }
            if name == "__metadata__" {
                guard case .object(let pairs) = node.value else {
                    throw fail(.invalidHeader, at: node.offset, "__metadata__ must be an object of strings, found \(node.typeName)")
                }
                for (key, value) in pairs {
                    guard case .string(let s) = value.value else {
                        throw fail(.invalidHeader, at: value.offset, "__metadata__ value for \"\(key)\" must be a string, found \(value.typeName)")
                    }
                    metadata[key] = s
                }
                continue
            }
            entries.append(try SafetensorsFile.entry(name, node, dataStart: dataStart, dataLength: dataLength, fail: fail))
        }

        // The data sections must tile [0, dataLength) exactly.
        let ordered = entries.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        var previous: Entry? = nil
        for e in ordered {
            if e.begin < covered, let previous {
                throw fail(.invalidTensor, e.name, at: dataStart + e.begin,
                           "data_offsets [\(e.begin), \(e.end)] overlap tensor \"\(previous.name)\" at [\(previous.begin), \(previous.end)]")
            }
            if e.begin > covered {
                throw fail(.invalidTensor, e.name, at: dataStart + covered,
                           "data_offsets [\(e.begin), \(e.end)] leave data bytes [\(covered), \(e.begin)) covered by no tensor")
            }
            covered = e.end
            previous = e
        }
        if covered != dataLength {
            throw fail(.invalidTensor, previous?.name, at: dataStart + covered,
                       "the tensors' data ends at data byte \(covered) but the file holds \(dataLength) data bytes (\(dataLength - covered) trailing bytes)")
        }
        self.entries = entries
        self.metadata = metadata
    }

    private static func entry(_ name: String, _ node: JSONNode, dataStart: Int, dataLength: Int,
                              fail: (SafetensorsError.Kind, String?, Int?, String) -> SafetensorsError) throws -> Entry {
        guard case .object(let fields) = node.value else {
            throw fail(.invalidTensor, name, node.offset, "entry must be an object with dtype, shape and data_offsets, found \(node.typeName)")
        }
        func field(_ key: String) throws -> JSONNode {
            guard let f = fields.first(where: { $0.key == key }) else {
                throw fail(.invalidTensor, name, node.offset, "entry has no \"\(key)\"")
            }
            return f.node
        }
        func integers(_ key: String) throws -> [Int] {
            let f = try field(key)
            guard case .array(let items) = f.value else {
                throw fail(.invalidTensor, name, f.offset, "\(key) must be an array of non-negative integers, found \(f.typeName)")
            }
            return try items.map { item in
                guard case .number(let text) = item.value, let v = Int(text), v >= 0 else {
                    throw fail(.invalidTensor, name, item.offset, "\(key) must hold non-negative integers")
                }
                return v
            }
        }
        let dtypeNode = try field("dtype")
        guard case .string(let dtypeName) = dtypeNode.value else {
            throw fail(.invalidTensor, name, dtypeNode.offset, "dtype must be a string, found \(dtypeNode.typeName)")
        }
        let shape = try integers("shape")
        let offsets = try integers("data_offsets")
        guard offsets.count == 2, offsets[0] <= offsets[1] else {
            throw fail(.invalidTensor, name, try field("data_offsets").offset,
                       "data_offsets must be [begin, end] with begin <= end, found \(offsets)")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard end <= dataLength else {
            throw fail(.truncated, name, dataStart + begin,
                       "data_offsets [\(begin), \(end)] extend beyond the \(dataLength) data bytes of the file (truncated?)")
        }
        let dtype = SafetensorsDType(rawValue: dtypeName)
        if let dtype, let size = dtype.size {
            var count = 1
            var overflow = false
            for d in shape {
                (count, overflow) = count.multipliedReportingOverflow(by: d)
                if overflow { break }
            }
            let (bytes, overflow2) = count.multipliedReportingOverflow(by: size)
            if overflow || overflow2 || bytes != end - begin {
                let need = overflow || overflow2 ? "more than Int.max" : "\(bytes)"
                throw fail(.invalidTensor, name, node.offset,
                           "shape \(shape) of \(dtypeName) needs \(need) bytes, data_offsets [\(begin), \(end)] hold \(end - begin)")
            }
        }
        return Entry(name: name, dtypeName: dtypeName, dtype: dtype, shape: shape, begin: begin, end: end, headerOffset: node.offset)
    }

    /// The entry's values as a Float32 tensor.
    func tensor(_ e: Entry) throws -> Tensor {
        guard let dtype = e.dtype else {
            throw SafetensorsError(.unsupportedDType, file: file, tensor: e.name, byteOffset: e.headerOffset,
                                   "unknown dtype \"\(e.dtypeName)\" (known: \(SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard dtype.isConvertible else {
            throw SafetensorsError(.unsupportedDType, file: file, tensor: e.name, byteOffset: e.headerOffset,
                                   "dtype \(e.dtypeName) cannot be read as Float32 (supported: F32, F64, F16, BF16, BOOL and integer types)")
        }
        let out = Tensor(uninitializedShape: e.shape)
        let count = out.count
        let failure = bytes.withUnsafeBytes { raw in
            dtype.convert(raw.baseAddress! + dataStart + e.begin, count: count, into: out.data)
        }
        if let failure {
            throw SafetensorsError(.unsupportedDType, file: file, tensor: e.name,
                                   byteOffset: dataStart + e.begin + failure.index * (dtype.size ?? 1),
                                   "\(e.dtypeName) value \(failure.value) at element \(failure.index) is not exactly representable as Float32")
        }
        return out
    }
}
