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
#include <unordered_map>
#include <utility>

namespace vst {

// What oneDNN applies to each output tile while it is still in registers (a post-op).
enum class Epilogue { kNone, kGelu, kAdd };

// One linear layer: its weight [out, in] packed for oneDNN, its bias, its epilogue (an exact, erf GELU,
// or the addition of a same-shape residual tensor), and one matmul primitive per row count seen (oneDNN
// kernels are specialised by shape; one from oneDNN's primitive cache costs about 5 us, a new shape
// about 0.2 ms).
class DnnlLinear : public torch::CustomClassHolder {
 public:
  DnnlLinear(const at::Tensor& weight, const c10::optional<at::Tensor>& bias, Epilogue epilogue);

  const std::string& Impl() const { return impl_; }

  // input [..., in] -> [..., out]; residual (kAdd only) has the output's shape.
  at::Tensor Run(const at::Tensor& input, const at::Tensor& residual);

 private:
  static constexpr size_t kMaxCachedShapes = 256;

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
  std::unordered_map<int64_t, std::pair<dnnl::matmul, size_t>> primitives_;
};

}  // namespace vst

#endif
