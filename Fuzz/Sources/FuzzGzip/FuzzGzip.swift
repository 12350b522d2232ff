import Foundation
import FuzzDriver
import GraphData

/// Feeds the gzip reader on arbitrary bytes: any input must give a value or a DataError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    _ = try? Gzip.decompress(Data(bytes), name: "fuzz.gz")
    return 0
}

@_cdecl("FuzzGzip_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
