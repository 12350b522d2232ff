extension GradcheckSuite {
    /// Gradient checks for the shape ops (filled in with the ops themselves).
    static var shapeCases: [GradcheckCase] {
        []
    }
}
