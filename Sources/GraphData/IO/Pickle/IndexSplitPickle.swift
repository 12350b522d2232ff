import Foundation

/// Reads a split file that pickles `{"train": idx, "val": idx, "test": idx}`, each an
/// integer numpy array (or list) of graph indices, as LRGB's
/// `splits_random_stratified_peptide.pickle` (protocol 4, `int64` arrays;
/// 10873 / 2331 / 2331 graphs). Throws if a key is missing or an index is negative.
public func readIndexSplitPickle(_ url: URL) throws -> GraphSplit {
    let name = url.lastPathComponent
    let value = try Unpickler.load(contentsOf: url)
    do {
        guard value.dictItems != nil else { throw DataError("expected a dict of train/val/test indices, found \(value.kindName)") }
        func part(_ key: String) throws -> [Int] {
            guard let v = value.value(forKey: key) else { throw DataError("no '\(key)' key") }
            let ids = try v.integerList("'\(key)'")
            if let bad = ids.firstIndex(where: { $0 < 0 }) {
                throw DataError("'\(key)' index \(bad) is negative (\(ids[bad]))")
            }
            return ids
        }
        return GraphSplit(train: try part("train"), validation: try part("val"), test: try part("test"))
    } catch let e as DataError {
        throw e.inFile(name)
    }
}
