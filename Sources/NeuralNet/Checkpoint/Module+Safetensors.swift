import Foundation

extension Module {
    /// Saves the state dict (parameters and buffers, PyTorch names) as a safetensors
    /// file, atomically; loadable in Python with `safetensors.torch.load_file` and
    /// `model.load_state_dict`.
    /// - Throws: `SafetensorsError` when the file cannot be written.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try Safetensors.write(stateDict(), to: url, metadata: metadata)
    }

    /// Loads parameters and buffers from a safetensors file (for example one saved from
    /// PyTorch with `safetensors.torch.save_file(model.state_dict(), path)`).
    ///
    /// Nothing is changed unless everything matches. With `strict`, names must match
    /// exactly; shapes must always match; every tensor must be convertible to Float32.
    /// - Throws: `SafetensorsError` for a missing or malformed file; `StateDictError`
    ///   listing every missing or unexpected name, shape mismatch and unconvertible dtype.
    public func load(from url: URL, strict: Bool = true) throws {
        let file = try SafetensorsFile(contentsOf: url)
        var dict = StateDict()
        var dtypeProblems: [String] = []
        for entry in file.entries {
            do {
                dict[entry.name] = try file.tensor(entry)
            } catch let error as SafetensorsError {
                dtypeProblems.append("\(entry.name): \(error.message)")
            }
        }
        guard dtypeProblems.isEmpty else {
            // Report names and shapes too, without loading anything.
            let own = stateDict()
            var problems = dtypeProblems
            let names = Set(file.entries.map(\.name))
            if strict {
                let missing = own.keys.filter { !names.contains($0) }
                let unexpected = file.entries.map(\.name).filter { own[$0] == nil }
                if !missing.isEmpty { problems.append("missing keys: \(missing.joined(separator: ", "))") }
                if !unexpected.isEmpty { problems.append("unexpected keys: \(unexpected.joined(separator: ", "))") }
            }
            for entry in file.entries {
                if let target = own[entry.name], target.shape != entry.shape {
                    problems.append("\(entry.name): checkpoint has shape \(entry.shape), module has \(target.shape)")
                }
            }
            throw StateDictError(problems: problems)
        }
        try loadStateDict(dict, strict: strict)
    }
}
