// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// vst::dnnl_linear: y = x W^T + b with W packed once, at load, into the blocked layout oneDNN's matmul
// kernel reads. Why: LibTorch 1.13 runs aten::linear on CPU as one BLAS sgemm per call, and OpenBLAS
// copies ("packs") the whole weight matrix into its panel layout on every call. For the few token rows
// of an embedding request that copy costs as much as the arithmetic (a third of a forward at batch 1,
// sequence 32, measured with perf). oneDNN is the library LibTorch itself links (Debian's libdnnl.so.2),
// so the packed kernels come from the same install.
#include "prepack.h"

#ifdef VST_WITH_DNNL
#include <ATen/ATen.h>
#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/freeze_module.h>
#include <torch/custom_class.h>
#include <torch/library.h>

#include <dnnl.hpp>

#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>
#endif

namespace vst {

#ifndef VST_WITH_DNNL

PrepackResult PrepackLinears(torch::jit::Module&) {
  return PrepackResult{0, 0, "not built with oneDNN (libdnnl-dev was absent when the shim was built)"};
}

#else

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

// One linear layer, optionally followed by an exact (erf) GELU that oneDNN applies to each output tile
// while it is still in registers: its weight [out, in] packed for oneDNN, its bias, and one matmul primitive per row
// count seen (oneDNN kernels are specialised by shape; creating one from oneDNN's own primitive cache
// costs about 5 us, a new shape about 0.2 ms).
class DnnlLinear : public torch::CustomClassHolder {
 public:
  DnnlLinear(const at::Tensor& weight, const c10::optional<at::Tensor>& bias, bool gelu)
      : out_(weight.size(0)), in_(weight.size(1)), gelu_(gelu) {
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

  const std::string& Impl() const { return impl_; }

  bool Gelu() const { return gelu_; }

  at::Tensor Run(const at::Tensor& input) {
    TORCH_CHECK(input.dim() >= 1 && input.size(-1) == in_, "vst::dnnl_linear: input's last dimension is ",
                input.dim() >= 1 ? input.size(-1) : 0, ", the layer takes ", in_);
    if (input.scalar_type() != at::kFloat || !input.device().is_cpu()) {
      auto y = at::linear(input, Plain(), bias_.defined() ? c10::optional<at::Tensor>(bias_) : c10::nullopt);
      return gelu_ ? at::gelu(y) : y;
    }
    auto x = input.contiguous();
    auto rows = x.numel() / in_;
    auto sizes = x.sizes().vec();
    sizes.back() = out_;
    auto y = at::empty(sizes, x.options());
    if (rows == 0) {
      return y;
    }
    auto [primitive, scratch_bytes] = PrimitiveFor(rows);
    memory src(Matrix(rows, in_), Engine(), x.data_ptr());
    memory dst(Matrix(rows, out_), Engine(), y.data_ptr());
    memory weights(packed_desc_, Engine(), packed_.data_ptr());
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, weights}, {DNNL_ARG_DST, dst}};
    if (bias_.defined()) {
      args.emplace(DNNL_ARG_BIAS, memory(Matrix(1, out_), Engine(), bias_.data_ptr()));
    }
    at::Tensor scratch;
    if (scratch_bytes > 0) {
      // User-managed scratchpad: each call owns its own, so concurrent forwards never share one.
      scratch = at::empty({static_cast<int64_t>(scratch_bytes)}, at::kByte);
      args.emplace(DNNL_ARG_SCRATCHPAD, memory(memory::desc({static_cast<int64_t>(scratch_bytes)},
                                                            memory::data_type::u8, memory::format_tag::a),
                                               Engine(), scratch.data_ptr()));
    }
    primitive.execute(Stream(), args);
    Stream().wait();
    return y;
  }

 private:
  static constexpr size_t kMaxCachedShapes = 256;

  // The matmul for `rows` input rows; weights in the packed layout, or in any layout oneDNN prefers.
  dnnl::matmul::primitive_desc Describe(int64_t rows, bool packed_layout) const {
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    if (gelu_) {
      dnnl::post_ops ops;
      ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_gelu_erf, 0.0f, 0.0f);
      attr.set_post_ops(ops);
    }
    auto weights_desc = packed_layout ? packed_desc_ : Matrix(in_, out_, memory::format_tag::any);
    auto bias_desc = bias_.defined() ? Matrix(1, out_) : memory::desc();
    return dnnl::matmul::primitive_desc(
        dnnl::matmul::desc(Matrix(rows, in_), weights_desc, bias_desc, Matrix(rows, out_)), attr, Engine());
  }

  std::pair<dnnl::matmul, size_t> PrimitiveFor(int64_t rows) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = primitives_.find(rows);
      if (it != primitives_.end()) {
        return it->second;
      }
    }
    auto pd = Describe(rows, /*packed_layout=*/true);
    std::pair<dnnl::matmul, size_t> entry{dnnl::matmul(pd), pd.scratchpad_desc().get_size()};
    std::lock_guard<std::mutex> lock(mutex_);
    if (primitives_.size() < kMaxCachedShapes) {
      primitives_.emplace(rows, entry);
    }
    return entry;
  }

  // The weight back in [out, in] order, for the rare input that is not CPU float32 (made on first use).
  at::Tensor Plain() {
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

  int64_t out_;
  int64_t in_;
  bool gelu_;
  at::Tensor bias_;
  at::Tensor packed_;
  at::Tensor plain_;
  memory::desc packed_desc_;
  std::string impl_;
  std::mutex mutex_;
  std::unordered_map<int64_t, std::pair<dnnl::matmul, size_t>> primitives_;
};

at::Tensor DnnlLinearOp(const at::Tensor& input, const c10::intrusive_ptr<DnnlLinear>& layer) {
  return layer->Run(input);
}

TORCH_LIBRARY(vst, m) {
  m.class_<DnnlLinear>("DnnlLinear");
  m.def("dnnl_linear(Tensor input, __torch__.torch.classes.vst.DnnlLinear layer) -> Tensor", DnnlLinearOp);
}

void CollectLinears(torch::jit::Block* block, std::vector<torch::jit::Node*>& out) {
  for (auto* node : block->nodes()) {
    if (node->kind() == c10::Symbol::fromQualString("aten::linear")) {
      out.push_back(node);
    }
    for (auto* sub : node->blocks()) {
      CollectLinears(sub, out);
    }
  }
}

// The aten::gelu(x, approximate="none") that is the only use of the linear's output, or null.
torch::jit::Node* ExactGeluAfter(torch::jit::Node* linear) {
  const auto& uses = linear->output()->uses();
  if (uses.size() != 1 || uses[0].user->kind() != c10::Symbol::fromQualString("aten::gelu") || uses[0].offset != 0) {
    return nullptr;
  }
  auto* gelu = uses[0].user;
  if (gelu->inputs().size() > 1) {
    auto approximate = torch::jit::toIValue(gelu->input(1));
    if (!approximate || !approximate->isString() || approximate->toStringRef() != "none") {
      return nullptr;
    }
  }
  return gelu;
}

// The layer for a linear node whose weight (and bias, if any) are constant float32 CPU tensors.
c10::intrusive_ptr<DnnlLinear> Pack(torch::jit::Node* node, bool gelu) {
  auto weight = torch::jit::toIValue(node->input(1));
  if (!weight || !weight->isTensor()) {
    return {};
  }
  auto w = weight->toTensor();
  if (w.dim() != 2 || w.scalar_type() != at::kFloat || !w.device().is_cpu() || w.numel() == 0) {
    return {};
  }
  c10::optional<at::Tensor> bias;
  if (node->inputs().size() > 2) {
    auto b = torch::jit::toIValue(node->input(2));
    if (!b) {
      return {};
    }
    if (b->isTensor()) {
      auto t = b->toTensor();
      if (t.dim() != 1 || t.size(0) != w.size(0) || t.scalar_type() != at::kFloat || !t.device().is_cpu()) {
        return {};
      }
      bias = t;
    } else if (!b->isNone()) {
      return {};
    }
  }
  return c10::make_intrusive<DnnlLinear>(w, bias, gelu);
}

}  // namespace

PrepackResult PrepackLinears(torch::jit::Module& module) {
  PrepackResult result;
  torch::jit::Module frozen;
  try {
    frozen = torch::jit::freeze_module(module);
  } catch (const std::exception& e) {
    result.detail = std::string("not prepacked: the module cannot be frozen: ") + e.what();
    return result;
  }
  auto graph = frozen.get_method("forward").graph();
  std::vector<torch::jit::Node*> linears;
  CollectLinears(graph->block(), linears);
  std::string impl;
  try {
    for (auto* node : linears) {
      auto* gelu = ExactGeluAfter(node);
      auto layer = Pack(node, gelu != nullptr);
      if (!layer) {
        continue;
      }
      impl = layer->Impl();
      torch::jit::WithInsertPoint guard(node);
      auto* packed = graph->insertConstant(c10::IValue(layer));
      auto* replaced = graph->insert(c10::Symbol::fromQualString("vst::dnnl_linear"), {node->input(0), packed});
      if (gelu != nullptr) {
        gelu->output()->replaceAllUsesWith(replaced);
        gelu->destroy();
        result.gelus++;
      }
      node->output()->replaceAllUsesWith(replaced);
      node->destroy();
      result.linears++;
    }
  } catch (const std::exception& e) {
    // The frozen copy may be half rewritten; the caller's module is untouched.
    return PrepackResult{0, 0, std::string("not prepacked: ") + e.what()};
  }
  torch::jit::EliminateDeadCode(graph);
  if (result.linears == 0) {
    result.detail = "not prepacked: no linear layer with constant float32 weights";
    return result;
  }
  const auto* version = dnnl_version();
  result.detail = "oneDNN " + std::to_string(version->major) + "." + std::to_string(version->minor) + "." +
                  std::to_string(version->patch) + " " + impl + ", GELU fused into " + std::to_string(result.gelus);
  module = frozen;
  return result;
}

#endif

}  // namespace vst
