import Foundation

/// The project's shared reference datasets (`../shared/data` beside the package root),
/// present on developer machines and in CI, absent in a user's fresh clone. Tests that
/// read them are skipped when they are missing (`.ci/run` fails instead).
///
/// One copy for every test target (this small library target); each target keeps its
/// own `Fixtures` helper, since `Bundle.module` is per target.
public enum SharedData {
    /// `<package root>/../shared/data`, or nil when it does not exist.
    public static var root: URL? {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: dir.path) ? dir : nil
    }

    public static var available: Bool { root != nil }

    /// `root/<name>` exists.
    public static func has(_ name: String) -> Bool {
        guard let root else { return false }
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path)
    }
}
