// Training: metrics, early stopping, multi-seed summaries, experiment logs and plots,
// and the node / graph / link trainers built on them.
@_exported import MessagePassing
