// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// vst::dnnl_linear and vst::dnnl_linear_add: y = x W^T + b (then GELU, or + residual) with W packed once, at
// load, into the blocked layout oneDNN's matmul kernels read. prepack.cpp puts them into a model's graph.
#pragma once
#ifdef VST_WITH_DNNL

#include <ATen/ATen.h>
#include <torch/custom_class.h>

#include <dnnl.hpp>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace vst {

// What oneDNN applies to each output tile while it is still in registers (a post-op).
enum class Epilogue { kNone, kGelu, kAdd };

// One linear layer: its weight [out, in] packed for oneDNN, its bias, its epilogue (an exact, erf GELU,
// or the addition of a same-shape residual tensor), and the matmul primitives of the last few row counts
// seen. oneDNN kernels are specialised by shape: a new shape costs about 0.2 ms and 50 KB of generated
// code, one found in oneDNN's own primitive cache (1024 entries by default) about 5 us, one kept here
// nothing.
class DnnlLinear : public torch::CustomClassHolder {
 public:
  DnnlLinear(const at::Tensor& weight, const c10::optional<at::Tensor>& bias, Epilogue epilogue);

  const std::string& Impl() const { return impl_; }

  // input [..., in] -> [..., out]; residual (kAdd only) has the output's shape.
  at::Tensor Run(const at::Tensor& input, const at::Tensor& residual);

 private:
  // Row counts (batch x sequence) kept per layer: the micro-batcher's common shapes, while a model of 72
  // layers keeps at most 72 x 8 x 50 KB.
  static constexpr size_t kKeptShapes = 8;

  struct Kept {
    int64_t rows;
    dnnl::matmul primitive;
    size_t scratch_bytes;
  };

  dnnl::matmul::primitive_desc Describe(int64_t rows, bool packed_layout) const;
  std::pair<dnnl::matmul, size_t> PrimitiveFor(int64_t rows);
  at::Tensor Unfused(const at::Tensor& input, const at::Tensor& residual);
  at::Tensor Plain();

  int64_t out_;
  int64_t in_;
  Epilogue epilogue_;
  at::Tensor bias_;
  at::Tensor packed_;
  at::Tensor plain_;
  dnnl::memory::desc packed_desc_;
  std::string impl_;
  std::mutex mutex_;
  std::vector<Kept> kept_;  // round robin once full
  size_t next_ = 0;
};

}  // namespace vst

#endif
