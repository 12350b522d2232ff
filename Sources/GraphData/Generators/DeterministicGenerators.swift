extension Graph {
    /// The path `0 - 1 - ... - (n-1)`: `n - 1` links, `2(n - 1)` directed edges
    /// (networkx `path_graph`). Throws `.usage` for negative `n`.
    public static func path(_ n: Int) throws -> Graph {
        try GeneratorCheck.nodes(n, "path")
        var e = UndirectedEdges(numNodes: n)
        for i in 0..<Swift.max(n - 1, 0) { e.add(i, i + 1) }
        return try e.graph()
    }

    /// The cycle `0 - 1 - ... - (n-1) - 0`: `n` links, `2n` directed edges (networkx
    /// `cycle_graph`). Needs `n >= 3` (smaller "cycles" would be a path or a loop).
    public static func ring(_ n: Int) throws -> Graph {
        try GeneratorCheck.nodes(n, "ring", minimum: 3)
        var e = UndirectedEdges(numNodes: n)
        for i in 0..<n { e.add(i, (i + 1) % n) }
        return try e.graph()
    }

    /// Every pair of distinct nodes linked: `n(n-1)` directed edges, no self loops
    /// (networkx `complete_graph`). Throws `.usage` for negative `n` or `n > 4096`.
    public static func complete(_ n: Int) throws -> Graph {
        try GeneratorCheck.nodes(n, "complete")
        guard n <= 4096 else { throw DataError(.usage, "complete: \(n) nodes would give \(n * (n - 1)) edges; the limit is 4096 nodes") }
        var e = UndirectedEdges(numNodes: n)
        for u in 0..<n { for v in (u + 1)..<Swift.max(n, u + 1) { e.add(u, v) } }
        return try e.graph()
    }

    /// The `rows x cols` 4-neighbour lattice (networkx `grid_2d_graph`; PyG's
    /// `utils.grid` also links diagonals and adds self loops, this does not). Node
    /// `r * cols + c` is at row r, column c; `rows(cols-1) + cols(rows-1)` links.
    public static func grid(rows: Int, cols: Int) throws -> Graph {
        guard rows >= 0, cols >= 0 else { throw DataError(.usage, "grid: \(rows) x \(cols), expected non-negative sizes") }
        let (n, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow else { throw DataError(.usage, "grid: \(rows) x \(cols) nodes overflow") }
        try GeneratorCheck.nodes(n, "grid")
        var e = UndirectedEdges(numNodes: n)
        for r in 0..<rows {
            for c in 0..<cols {
                if c + 1 < cols { e.add(r * cols + c, r * cols + c + 1) }
                if r + 1 < rows { e.add(r * cols + c, (r + 1) * cols + c) }
            }
        }
        return try e.graph()
    }

    /// The balanced tree where every inner node has `branching` children and every leaf
    /// is at `depth` (networkx `balanced_tree(r, h)`): nodes numbered breadth-first, the
    /// children of node i are `branching · i + 1 ... branching · i + branching`;
    /// `1 + r + ... + r^depth` nodes and one link fewer. Needs `branching >= 1`,
    /// `depth >= 0`.
    public static func tree(branching: Int, depth: Int) throws -> Graph {
        guard branching >= 1, depth >= 0 else {
            throw DataError(.usage, "tree: branching \(branching), depth \(depth); expected branching >= 1 and depth >= 0")
        }
        var n = 1, level = 1
        for _ in 0..<depth {
            let (l, o1) = level.multipliedReportingOverflow(by: branching)
            let (s, o2) = n.addingReportingOverflow(l)
            guard !o1, !o2, s <= 1 << 24 else {
                throw DataError(.usage, "tree: branching \(branching) and depth \(depth) give more than \(1 << 24) nodes")
            }
            level = l
            n = s
        }
        var e = UndirectedEdges(numNodes: n)
        for child in 1..<Swift.max(n, 1) { e.add((child - 1) / branching, child) }
        return try e.graph()
    }
}
