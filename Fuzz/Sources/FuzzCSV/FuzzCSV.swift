import Foundation
import FuzzDriver
import GraphData

/// Feeds CSVTable (RFC 4180) on arbitrary bytes: any input must give a value or a DataError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzInput(data, size)
    _ = try? CSVTable(parsing: Data(bytes), file: "fuzz.csv")
    return 0
}

@_cdecl("FuzzCSV_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzOne)
}
