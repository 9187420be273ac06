// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// Why this exists: LibTorch 1.13 runs aten::linear on CPU as one BLAS sgemm per call, and OpenBLAS copies
// ("packs") the whole weight matrix into its panel layout on every call. For the few token rows of an
// embedding request that copy costs as much as the arithmetic (a third of a forward at batch 1, sequence
// 32, measured with perf). oneDNN is the library LibTorch itself links (Debian's libdnnl.so.2).
#include "dnnl_linear.h"

#ifdef VST_WITH_DNNL
#include <torch/library.h>

#include <unordered_map>

namespace vst {

namespace {

using dnnl::memory;

dnnl::engine& Engine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& Stream() {
  thread_local dnnl::stream stream(Engine());
  return stream;
}

memory::desc Matrix(int64_t rows, int64_t cols, memory::format_tag tag = memory::format_tag::ab) {
  return memory::desc({rows, cols}, memory::data_type::f32, tag);
}

bool IsCpuFloat(const at::Tensor& t) { return t.scalar_type() == at::kFloat && t.device().is_cpu(); }

}  // namespace

DnnlLinear::DnnlLinear(const at::Tensor& weight, const c10::optional<at::Tensor>& bias, Epilogue epilogue)
    : out_(weight.size(0)), in_(weight.size(1)), epilogue_(epilogue) {
  if (bias.has_value()) {
    bias_ = bias->contiguous();
  }
  // The layout oneDNN picks for the weights does not depend on the row count (checked for 1..20000
  // rows); 32 rows stands for a short sentence.
  auto pd = Describe(32, /*packed_layout=*/false);
  packed_desc_ = pd.weights_desc();
  impl_ = pd.impl_info_str();
  packed_ = at::empty({static_cast<int64_t>(packed_desc_.get_size())}, at::kByte);
  auto plain = weight.contiguous();
  // W [out, in] row-major is the matmul's [in, out] weights in column-major ("ba") order.
  memory source(Matrix(in_, out_, memory::format_tag::ba), Engine(), plain.data_ptr());
  memory target(packed_desc_, Engine(), packed_.data_ptr());
  dnnl::reorder(source, target).execute(Stream(), source, target);
  Stream().wait();
}

at::Tensor DnnlLinear::Run(const at::Tensor& input, const at::Tensor& residual) {
  TORCH_CHECK(input.dim() >= 1 && input.size(-1) == in_, "vst::dnnl_linear: input's last dimension is ",
              input.dim() >= 1 ? input.size(-1) : 0, ", the layer takes ", in_);
  auto sizes = input.sizes().vec();
  sizes.back() = out_;
  if (!IsCpuFloat(input) ||
      (epilogue_ == Epilogue::kAdd && (!IsCpuFloat(residual) || residual.sizes() != at::IntArrayRef(sizes)))) {
    return Unfused(input, residual);
  }
  auto x = input.contiguous();
  auto rows = x.numel() / in_;
  auto y = at::empty(sizes, x.options());
  if (rows == 0) {
    return y;
  }
  auto [primitive, scratch_bytes] = PrimitiveFor(rows);
  std::unordered_map<int, memory> args{
      {DNNL_ARG_SRC, memory(Matrix(rows, in_), Engine(), x.data_ptr())},
      {DNNL_ARG_WEIGHTS, memory(packed_desc_, Engine(), packed_.data_ptr())},
      {DNNL_ARG_DST, memory(Matrix(rows, out_), Engine(), y.data_ptr())}};
  if (bias_.defined()) {
    args.emplace(DNNL_ARG_BIAS, memory(Matrix(1, out_), Engine(), bias_.data_ptr()));
  }
  at::Tensor addend;
  if (epilogue_ == Epilogue::kAdd) {
    addend = residual.contiguous();
    args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1,
                 memory(Matrix(rows, out_), Engine(), addend.data_ptr()));
  }
  at::Tensor scratch;
  if (scratch_bytes > 0) {
    // User-managed scratchpad: each call owns its own, so concurrent forwards never share one.
    auto bytes = static_cast<int64_t>(scratch_bytes);
    scratch = at::empty({bytes}, at::kByte);
    args.emplace(DNNL_ARG_SCRATCHPAD,
                 memory(memory::desc({bytes}, memory::data_type::u8, memory::format_tag::a), Engine(), scratch.data_ptr()));
  }
  primitive.execute(Stream(), args);
  Stream().wait();
  return y;
}

dnnl::matmul::primitive_desc DnnlLinear::Describe(int64_t rows, bool packed_layout) const {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::post_ops ops;
  if (epilogue_ == Epilogue::kGelu) {
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_gelu_erf, 0.0f, 0.0f);
  } else if (epilogue_ == Epilogue::kAdd) {
    ops.append_binary(dnnl::algorithm::binary_add, Matrix(rows, out_));
  }
  attr.set_post_ops(ops);
  auto weights_desc = packed_layout ? packed_desc_ : Matrix(in_, out_, memory::format_tag::any);
  auto bias_desc = bias_.defined() ? Matrix(1, out_) : memory::desc();
  return dnnl::matmul::primitive_desc(
      dnnl::matmul::desc(Matrix(rows, in_), weights_desc, bias_desc, Matrix(rows, out_)), attr, Engine());
}

std::pair<dnnl::matmul, size_t> DnnlLinear::PrimitiveFor(int64_t rows) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& kept : kept_) {
      if (kept.rows == rows) {
        return {kept.primitive, kept.scratch_bytes};
      }
    }
  }
  auto pd = Describe(rows, /*packed_layout=*/true);
  Kept entry{rows, dnnl::matmul(pd), pd.scratchpad_desc().get_size()};
  std::lock_guard<std::mutex> lock(mutex_);
  if (kept_.size() < kKeptShapes) {
    kept_.push_back(entry);
  } else {
    kept_[next_] = entry;
    next_ = (next_ + 1) % kKeptShapes;
  }
  return {entry.primitive, entry.scratch_bytes};
}

// LibTorch's own ops, for what the fused kernel does not take: an input that is not CPU float32, or a
// residual that broadcasts.
at::Tensor DnnlLinear::Unfused(const at::Tensor& input, const at::Tensor& residual) {
  auto y = at::linear(input, Plain(), bias_.defined() ? c10::optional<at::Tensor>(bias_) : c10::nullopt);
  switch (epilogue_) {
    case Epilogue::kGelu:
      return at::gelu(y);
    case Epilogue::kAdd:
      return at::add(y, residual);
    default:
      return y;
  }
}

// The weight back in [out, in] order (made on first use).
at::Tensor DnnlLinear::Plain() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!plain_.defined()) {
    auto plain = at::empty({out_, in_}, at::kFloat);
    memory source(packed_desc_, Engine(), packed_.data_ptr());
    memory target(Matrix(in_, out_, memory::format_tag::ba), Engine(), plain.data_ptr());
    dnnl::reorder(source, target).execute(Stream(), source, target);
    Stream().wait();
    plain_ = plain;
  }
  return plain_;
}

namespace {

at::Tensor LinearOp(const at::Tensor& input, const c10::intrusive_ptr<DnnlLinear>& layer) {
  return layer->Run(input, at::Tensor());
}

at::Tensor LinearAddOp(const at::Tensor& input, const at::Tensor& residual, const c10::intrusive_ptr<DnnlLinear>& layer) {
  return layer->Run(input, residual);
}

}  // namespace

TORCH_LIBRARY(vst, m) {
  m.class_<DnnlLinear>("DnnlLinear");
  m.def("dnnl_linear(Tensor input, __torch__.torch.classes.vst.DnnlLinear layer) -> Tensor", LinearOp);
  m.def("dnnl_linear_add(Tensor input, Tensor residual, __torch__.torch.classes.vst.DnnlLinear layer) -> Tensor",
        LinearAddOp);
}

}  // namespace vst

#endif
