import SwiftGNN
print(BLAS.coreName)
