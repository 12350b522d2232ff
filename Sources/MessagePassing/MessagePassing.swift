// MessagePassing: graph neural network layers on GraphData's `Graph` and TensorCore's
// sparse kernels.
//
// Layout (one concept per folder):
// - Core/: the message/aggregate/update mechanism and its fused sparse paths;
// - Aggregation/: sum, mean, max, min, softmax, std, var and multi-aggregation;
// - Conv/: one file per convolution layer (GCNConv, SAGEConv, GINConv, ...);
// - Pooling/: global pooling, attention pooling, Set2Set, TopKPooling;
// - Norm/: graph-aware normalisation (GraphNorm).
@_exported import GraphData
@_exported import NeuralNet
