extension GradcheckSuite {
    /// Gradient checks for the sparse ops (filled in with the ops themselves).
    static var sparseCases: [GradcheckCase] {
        []
    }
}
