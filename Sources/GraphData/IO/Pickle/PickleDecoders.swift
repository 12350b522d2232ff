extension PickleValue {
    /// A dict (or `collections.defaultdict`) whose keys are integers and whose values
    /// are lists (or tuples, or 1-d integer numpy arrays) of integers, in item order:
    /// the adjacency dict of Planetoid's `ind.<name>.graph`.
    public func intListDict() throws -> [(key: Int, values: [Int])] {
        guard let items = dictItems else {
            throw DataError("expected a dict of lists, found \(kindName)")
        }
        return try items.enumerated().map { k, item in
            guard let key = item.key.integer else {
                throw DataError("dict item \(k): key is a \(item.key.kindName), expected an int")
            }
            return (key, try item.value.integerList("dict key \(key)"))
        }
    }

    /// The integers of a list or tuple of ints, or of an integer numpy array (flattened).
    public func integerList(_ what: String = "value") throws -> [Int] {
        if case .object = self { return try PickledArray(self).ints() }
        guard let elements else {
            throw DataError("\(what): expected a list of ints, found \(kindName)")
        }
        return try elements.enumerated().map { i, e in
            guard let v = e.integer else {
                throw DataError("\(what): element \(i) is a \(e.kindName), expected an int")
            }
            return v
        }
    }
}
