/// Whether ops record themselves for backward. On by default; off inside `withNoGrad`.
///
/// A task-local value, so a no-grad scope on one thread or task never affects another.
public enum GradMode {
    @TaskLocal public static var isEnabled: Bool = true
}

/// Runs `body` without recording ops: results have no history and `requiresGrad` false.
/// Use it for evaluation, metrics and parameter updates.
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(false, operation: body)
}
