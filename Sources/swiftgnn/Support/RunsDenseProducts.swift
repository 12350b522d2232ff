/// Commands whose work is mostly dense matrix products (training, evaluation, prediction,
/// benchmarks): `main` warns on stderr before running one when OpenBLAS is missing.
protocol RunsDenseProducts {}

extension TrainCommand: RunsDenseProducts {}
extension EvaluateCommand: RunsDenseProducts {}
extension PredictCommand: RunsDenseProducts {}
extension LongRangeCommand: RunsDenseProducts {}
extension BenchWorkloadCommand: RunsDenseProducts {}
extension DemoCommand: RunsDenseProducts {}
