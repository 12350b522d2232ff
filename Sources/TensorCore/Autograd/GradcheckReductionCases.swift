extension GradcheckSuite {
    /// Gradient checks for the reduction ops (filled in with the ops themselves).
    static var reductionCases: [GradcheckCase] {
        []
    }
}
