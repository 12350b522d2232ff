extension GradcheckSuite {
    /// Gradient checks for the elementwise ops (filled in with the ops themselves).
    static var elementwiseCases: [GradcheckCase] {
        []
    }
}
