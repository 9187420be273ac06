// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// The load-time graph pass of prepack.h: freeze, drop inference-time dropout, then replace each
// aten::linear with constant float32 weights by vst::dnnl_linear (dnnl_linear.h), taking in the exact
// GELU or the residual addition that is the only use of its output.
#include "prepack.h"

#ifdef VST_WITH_DNNL
#include "dnnl_linear.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/freeze_module.h>
#include <torch/csrc/jit/passes/remove_dropout.h>

#include <vector>
#endif

namespace vst {

#ifndef VST_WITH_DNNL

PrepackResult PrepackLinears(torch::jit::Module&) {
  return PrepackResult{0, 0, 0, "not built with oneDNN (libdnnl-dev was absent when the shim was built)"};
}

#else

namespace {

using torch::jit::Node;
using torch::jit::Value;

const c10::Symbol kLinear = c10::Symbol::fromQualString("aten::linear");
const c10::Symbol kGelu = c10::Symbol::fromQualString("aten::gelu");
const c10::Symbol kAdd = c10::Symbol::fromQualString("aten::add");

void CollectLinears(torch::jit::Block* block, std::vector<Node*>& out) {
  for (auto* node : block->nodes()) {
    if (node->kind() == kLinear) {
      out.push_back(node);
    }
    for (auto* sub : node->blocks()) {
      CollectLinears(sub, out);
    }
  }
}

// The node that is the only use of the linear's output, when oneDNN can do its work as a post-op:
// aten::gelu(y, approximate="none"), or aten::add(y, residual, alpha=1) / aten::add(residual, y, 1) with a
// tensor residual. *residual receives the other operand of the addition.
Node* FusableFollower(Node* linear, Epilogue* epilogue, Value** residual) {
  *epilogue = Epilogue::kNone;
  const auto& uses = linear->output()->uses();
  if (uses.size() != 1) {
    return nullptr;
  }
  auto* user = uses[0].user;
  if (user->kind() == kGelu && uses[0].offset == 0) {
    if (user->inputs().size() > 1) {
      auto approximate = torch::jit::toIValue(user->input(1));
      if (!approximate || !approximate->isString() || approximate->toStringRef() != "none") {
        return nullptr;
      }
    }
    *epilogue = Epilogue::kGelu;
    return user;
  }
  if (user->kind() == kAdd && user->inputs().size() == 3 && uses[0].offset <= 1) {
    auto* other = user->input(1 - uses[0].offset);
    auto alpha = torch::jit::toIValue(user->input(2));
    bool unit = alpha && ((alpha->isInt() && alpha->toInt() == 1) || (alpha->isDouble() && alpha->toDouble() == 1.0));
    if (!unit || other == linear->output() || !other->type()->cast<c10::TensorType>()) {
      return nullptr;
    }
    *epilogue = Epilogue::kAdd;
    *residual = other;
    return user;
  }
  return nullptr;
}

// The layer for a linear node whose weight (and bias, if any) are constant float32 CPU tensors.
c10::intrusive_ptr<DnnlLinear> Pack(Node* node, Epilogue epilogue) {
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
  return c10::make_intrusive<DnnlLinear>(w, bias, epilogue);
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
  std::string impl;
  try {
    // Dropout in eval mode is the identity; without it a linear's output feeds the residual add directly.
    torch::jit::removeDropout(graph);
    std::vector<Node*> linears;
    CollectLinears(graph->block(), linears);
    for (auto* node : linears) {
      Epilogue epilogue;
      Value* residual = nullptr;
      auto* follower = FusableFollower(node, &epilogue, &residual);
      auto layer = Pack(node, epilogue);
      if (!layer) {
        continue;
      }
      impl = layer->Impl();
      torch::jit::WithInsertPoint guard(follower != nullptr ? follower : node);
      auto* packed = graph->insertConstant(c10::IValue(layer));
      auto* replaced = epilogue == Epilogue::kAdd
                           ? graph->insert(c10::Symbol::fromQualString("vst::dnnl_linear_add"),
                                           {node->input(0), residual, packed})
                           : graph->insert(c10::Symbol::fromQualString("vst::dnnl_linear"), {node->input(0), packed});
      if (follower != nullptr) {
        follower->output()->replaceAllUsesWith(replaced);
        follower->destroy();
        (epilogue == Epilogue::kGelu ? result.gelus : result.adds)++;
      }
      node->output()->replaceAllUsesWith(replaced);
      node->destroy();
      result.linears++;
    }
  } catch (const std::exception& e) {
    // The frozen copy may be half rewritten; the caller's module is untouched.
    return PrepackResult{0, 0, 0, std::string("not prepacked: ") + e.what()};
  }
  torch::jit::EliminateDeadCode(graph);
  if (result.linears == 0) {
    result.detail = "not prepacked: no linear layer with constant float32 weights";
    return result;
  }
  const auto* version = dnnl_version();
  result.detail = "oneDNN " + std::to_string(version->major) + "." + std::to_string(version->minor) + "." +
                  std::to_string(version->patch) + " " + impl + ", GELU fused into " + std::to_string(result.gelus) +
                  ", residual add into " + std::to_string(result.adds);
  module = frozen;
  return result;
}

#endif

}  // namespace vst
