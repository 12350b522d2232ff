/// Targets of a node- or graph-level task.
public enum Labels: Sendable, Equatable {
    /// One class id per row (`y` of shape `[N]` in PyG), ids in `0..<numClasses`.
    case classes([Int32])
    /// A row of real-valued or 0/1 targets per item (`[N, T]`): regression or
    /// multi-label classification.
    case targets(FeatureMatrix)

    /// Number of rows (items labelled).
    public var count: Int {
        switch self {
        case .classes(let c): c.count
        case .targets(let m): m.rows
        }
    }

    /// `max + 1` for class labels, the column count for targets.
    public var numClasses: Int {
        switch self {
        case .classes(let c): Int(c.max() ?? -1) + 1
        case .targets(let m): m.cols
        }
    }

    /// The class ids; nil for targets.
    public var classIds: [Int32]? {
        if case .classes(let c) = self { c } else { nil }
    }

    /// The rows at `indices`, in that order.
    public func selecting(_ indices: [Int32]) -> Labels {
        switch self {
        case .classes(let c): .classes(indices.map { c[Int($0)] })
        case .targets(let m): .targets(m.selectingRows(indices))
        }
    }

    func validate(_ what: String) throws {
        switch self {
        case .classes(let c):
            if let bad = c.firstIndex(where: { $0 < 0 }) {
                throw DataError("\(what): class \(c[bad]) at position \(bad) is negative")
            }
        case .targets(let m):
            try m.validate(what)
        }
    }
}

/// Train / validation / test node masks, each `[N]`.
public struct NodeSplit: Sendable, Equatable {
    public var train: [Bool]
    public var validation: [Bool]
    public var test: [Bool]

    public init(train: [Bool], validation: [Bool], test: [Bool]) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    /// Masks over `numNodes` nodes set at the given indices.
    public init(numNodes: Int, train: [Int], validation: [Int], test: [Int]) throws {
        func mask(_ ids: [Int], _ what: String) throws -> [Bool] {
            var m = [Bool](repeating: false, count: numNodes)
            for i in ids {
                guard i >= 0 && i < numNodes else {
                    throw DataError("split: \(what) index \(i) is out of range 0..<\(numNodes)")
                }
                m[i] = true
            }
            return m
        }
        self.train = try mask(train, "train")
        self.validation = try mask(validation, "validation")
        self.test = try mask(test, "test")
    }

    /// Indices where each mask is set.
    public var trainIndices: [Int32] { NodeSplit.indices(train) }
    public var validationIndices: [Int32] { NodeSplit.indices(validation) }
    public var testIndices: [Int32] { NodeSplit.indices(test) }

    /// Sizes as `(train, validation, test)`.
    public var counts: (train: Int, validation: Int, test: Int) {
        (train.filter { $0 }.count, validation.filter { $0 }.count, test.filter { $0 }.count)
    }

    static func indices(_ mask: [Bool]) -> [Int32] {
        mask.indices.compactMap { mask[$0] ? Int32($0) : nil }
    }
}
