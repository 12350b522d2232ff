/// Edge-list clean-up shared by the npz and geom-gcn loaders, with PyG's semantics:
///
/// - `coalesce`: sort edges by `(source, target)` and drop duplicates
///   (`torch_geometric.utils.coalesce`);
/// - `undirected`: add the reverse of every edge, then coalesce (`to_undirected`);
/// - `removeSelfLoops`: drop `i -> i` (`remove_self_loops`).
///
/// Ids must already be validated as `0..<numNodes`.
/// - Complexity: O(E log E).
enum CoalescedEdges {
    static func make(numNodes: Int, source: [Int32], target: [Int32],
                     undirected: Bool, removeSelfLoops: Bool) -> (source: [Int32], target: [Int32]) {
        var keys = [Int64]()
        keys.reserveCapacity(undirected ? 2 * source.count : source.count)
        let n = Int64(Swift.max(numNodes, 1))
        for (s, t) in zip(source, target) {
            if removeSelfLoops && s == t { continue }
            keys.append(Int64(s) * n + Int64(t))
            if undirected { keys.append(Int64(t) * n + Int64(s)) }
        }
        keys.sort()
        var src = [Int32](), dst = [Int32]()
        src.reserveCapacity(keys.count)
        dst.reserveCapacity(keys.count)
        var previous: Int64 = -1
        for k in keys where k != previous {
            src.append(Int32(truncatingIfNeeded: k / n))
            dst.append(Int32(truncatingIfNeeded: k % n))
            previous = k
        }
        return (src, dst)
    }
}
