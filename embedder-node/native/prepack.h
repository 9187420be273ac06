// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// CPU load-time optimisation of a TorchScript module: aten::linear layers whose weights are constants get
// their weights packed once into oneDNN's blocked layout and run through oneDNN's matmul, instead of
// LibTorch's BLAS call, which repacks the whole weight matrix on every forward. See docs/embedder.md.
#pragma once

#include <torch/script.h>

#include <string>

namespace vst {

struct PrepackResult {
  int32_t linears = 0;  // aten::linear calls replaced
  int32_t gelus = 0;    // of which followed by an exact GELU, now applied by oneDNN (post-op)
  int32_t adds = 0;     // of which followed by a residual addition, now applied by oneDNN (post-op)
  std::string detail;   // what ran (oneDNN version and kernel) or why nothing was replaced
};

// Freezes a CPU fp32 module (parameters become graph constants; torch::jit::freeze_module, without
// PyTorch's numerics-changing frozen optimisations) and replaces each aten::linear whose weight is a
// constant float32 matrix by vst::dnnl_linear, taking in an exact GELU or a residual addition that is
// the output's only use. Inference-time dropout (the identity) is removed first.
// On any failure the module is left as it was and the
// result says why. Call before the module is shared between threads.
PrepackResult PrepackLinears(torch::jit::Module& module);

}  // namespace vst
