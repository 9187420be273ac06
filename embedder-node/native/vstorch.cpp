// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// The LibTorch shim behind vstorch.h. Small on purpose: load, device query, forward, save, free.
// Every entry point runs its body through Guard(), which turns any exception into a status code and
// a thread-local message, so nothing throws across the C ABI.
#include "vstorch.h"

#include "prepack.h"

#include <torch/script.h>
#include <torch/serialize.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <sys/stat.h>

namespace {

thread_local std::string last_error;

struct VstError {
  int32_t code;
  std::string message;
};

struct Module {
  torch::jit::Module module;
  torch::Device device;
  bool fp16;
};

template <typename F>
int32_t Guard(F&& body) {
  try {
    last_error.clear();
    body();
    return VST_OK;
  } catch (const VstError& e) {
    last_error = e.message;
    return e.code;
  } catch (const c10::Error& e) {
    last_error = e.what_without_backtrace();
    return VST_INTERNAL;
  } catch (const std::exception& e) {
    last_error = e.what();
    return VST_INTERNAL;
  } catch (...) {
    last_error = "unknown C++ exception";
    return VST_INTERNAL;
  }
}

// Runs body and re-labels a LibTorch failure with the given code and a context prefix.
template <typename F>
void As(int32_t code, const std::string& context, F&& body) {
  try {
    body();
  } catch (const VstError&) {
    throw;
  } catch (const c10::Error& e) {
    throw VstError{code, context + ": " + e.what_without_backtrace()};
  } catch (const std::exception& e) {
    throw VstError{code, context + ": " + e.what()};
  }
}

torch::Device ParseDevice(const std::string& name) {
  torch::Device device(torch::kCPU);
  As(VST_INVALID_ARGUMENT, "invalid device '" + name + "' (accepted: cpu, cuda, cuda:N)",
     [&] { device = torch::Device(name); });
  if (device.is_cuda()) {
    if (!torch::cuda::is_available()) {
      throw VstError{VST_DEVICE_UNAVAILABLE, "CUDA is not available to LibTorch on this machine"};
    }
    auto count = static_cast<int64_t>(torch::cuda::device_count());
    if (device.has_index() && device.index() >= count) {
      throw VstError{VST_DEVICE_UNAVAILABLE, "device " + name + " does not exist (" +
                                                 std::to_string(count) + " CUDA devices)"};
    }
  } else if (!device.is_cpu()) {
    throw VstError{VST_INVALID_ARGUMENT, "unsupported device '" + name + "' (accepted: cpu, cuda, cuda:N)"};
  }
  return device;
}

// Picks the embedding tensor out of whatever forward returned.
torch::Tensor PickTensor(const c10::IValue& value) {
  if (value.isTensor()) {
    return value.toTensor();
  }
  if (value.isTuple()) {
    for (const auto& element : value.toTupleRef().elements()) {
      if (element.isTensor()) {
        return element.toTensor();
      }
    }
  } else if (value.isList()) {
    for (const auto& element : value.toListRef()) {
      if (element.isTensor()) {
        return element.toTensor();
      }
    }
  } else if (value.isGenericDict()) {
    auto dict = value.toGenericDict();
    for (const char* key : {"sentence_embedding", "last_hidden_state"}) {
      auto it = dict.find(c10::IValue(std::string(key)));
      if (it != dict.end() && it->value().isTensor()) {
        return it->value().toTensor();
      }
    }
    for (const auto& entry : dict) {
      if (entry.value().isTensor()) {
        return entry.value().toTensor();
      }
    }
  }
  throw VstError{VST_UNSUPPORTED_OUTPUT,
                 "forward returned " + value.tagKind() +
                     " without a tensor (accepted: a tensor, a tuple/list whose first tensor is the output, or a dict)"};
}

}  // namespace

extern "C" {

int32_t vst_abi_version(void) { return 2; }

const char* vst_last_error(void) { return last_error.c_str(); }

int32_t vst_cuda_available(void) {
  try {
    return torch::cuda::is_available() ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

int32_t vst_cuda_device_count(void) {
  try {
    return static_cast<int32_t>(torch::cuda::device_count());
  } catch (...) {
    return 0;
  }
}

int32_t vst_set_num_threads(int32_t threads) {
  return Guard([&] {
    if (threads < 1) {
      throw VstError{VST_INVALID_ARGUMENT, "threads must be at least 1, got " + std::to_string(threads)};
    }
    torch::set_num_threads(threads);
  });
}

int32_t vst_get_num_threads(void) { return static_cast<int32_t>(torch::get_num_threads()); }

int32_t vst_module_load(const char* path, const char* device, int32_t fp16, void** module) {
  return Guard([&] {
    if (path == nullptr || device == nullptr || module == nullptr) {
      throw VstError{VST_INVALID_ARGUMENT, "path, device and module must not be null"};
    }
    *module = nullptr;
    struct stat info {};
    if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) {
      throw VstError{VST_FILE_NOT_FOUND, std::string("model file not found: ") + path};
    }
    auto target = ParseDevice(device);
    if (fp16 != 0 && !target.is_cuda()) {
      throw VstError{VST_INVALID_ARGUMENT, "fp16 needs a CUDA device; on cpu use fp32"};
    }
    auto loaded = std::make_unique<Module>(Module{torch::jit::Module(), target, fp16 != 0});
    As(VST_MODEL_LOAD_FAILED, std::string("not a loadable TorchScript model: ") + path,
       [&] { loaded->module = torch::jit::load(path, target); });
    loaded->module.eval();
    if (loaded->fp16) {
      loaded->module.to(torch::kHalf);
    }
    *module = loaded.release();
  });
}

int32_t vst_module_prepack(void* module, int32_t* linears, char* detail, int32_t detail_size) {
  return Guard([&] {
    if (module == nullptr || linears == nullptr || detail == nullptr || detail_size < 1) {
      throw VstError{VST_INVALID_ARGUMENT, "module, linears and detail must not be null"};
    }
    auto* m = static_cast<Module*>(module);
    vst::PrepackResult result;
    if (!m->device.is_cpu() || m->fp16) {
      result.detail = "not prepacked: only CPU float32 modules are";
    } else {
      result = vst::PrepackLinears(m->module);
    }
    *linears = result.linears;
    auto length = std::min(result.detail.size(), static_cast<size_t>(detail_size - 1));
    std::memcpy(detail, result.detail.data(), length);
    detail[length] = '\0';
  });
}

void vst_module_free(void* module) { delete static_cast<Module*>(module); }

int32_t vst_module_forward(
    void* module, const int64_t* input_ids, const int64_t* attention_mask, int64_t batch, int64_t seq,
    float** output, int64_t* shape, int32_t* rank) {
  return Guard([&] {
    if (module == nullptr || input_ids == nullptr || attention_mask == nullptr || output == nullptr ||
        shape == nullptr || rank == nullptr) {
      throw VstError{VST_INVALID_ARGUMENT, "null argument to forward"};
    }
    if (batch < 1 || seq < 1) {
      throw VstError{VST_INVALID_ARGUMENT, "batch and sequence length must be at least 1"};
    }
    *output = nullptr;
    *rank = 0;
    auto* m = static_cast<Module*>(module);
    // OpenMP thread counts are per calling thread; give this one the count vst_set_num_threads set.
    at::init_num_threads();
    c10::InferenceMode inference;
    auto options = torch::TensorOptions().dtype(torch::kInt64);
    // from_blob borrows the caller's memory; .to() copies when the device is a GPU.
    auto ids = torch::from_blob(const_cast<int64_t*>(input_ids), {batch, seq}, options).to(m->device);
    auto mask = torch::from_blob(const_cast<int64_t*>(attention_mask), {batch, seq}, options).to(m->device);
    c10::IValue result;
    As(VST_FORWARD_FAILED, "forward failed", [&] { result = m->module.forward({ids, mask}); });
    auto tensor = PickTensor(result);
    if (!tensor.is_floating_point()) {
      throw VstError{VST_UNSUPPORTED_OUTPUT, std::string("model output has dtype ") +
                                                 std::string(c10::toString(tensor.scalar_type())) +
                                                 ", expected a floating-point tensor"};
    }
    if (tensor.dim() < 1 || tensor.dim() > 8) {
      throw VstError{VST_UNSUPPORTED_OUTPUT, "model output has rank " + std::to_string(tensor.dim()) +
                                                 " (accepted: [batch, dim] or [batch, seq, hidden])"};
    }
    tensor = tensor.to(torch::kCPU, torch::kFloat32).contiguous();
    auto count = tensor.numel();
    auto* buffer = static_cast<float*>(std::malloc(sizeof(float) * static_cast<size_t>(count > 0 ? count : 1)));
    if (buffer == nullptr) {
      throw VstError{VST_INTERNAL, "out of memory for the model output"};
    }
    std::memcpy(buffer, tensor.data_ptr<float>(), sizeof(float) * static_cast<size_t>(count));
    for (int64_t i = 0; i < tensor.dim(); i++) {
      shape[i] = tensor.size(i);
    }
    *rank = static_cast<int32_t>(tensor.dim());
    *output = buffer;
  });
}

void vst_buffer_free(float* buffer) { std::free(buffer); }

int32_t vst_save_tensors(const char* path, const float* matrix, int64_t rows, int64_t cols, const int64_t* labels) {
  return Guard([&] {
    if (path == nullptr || (matrix == nullptr && rows * cols > 0)) {
      throw VstError{VST_INVALID_ARGUMENT, "path and matrix must not be null"};
    }
    if (rows < 0 || cols < 0) {
      throw VstError{VST_INVALID_ARGUMENT, "rows and cols must not be negative"};
    }
    c10::Dict<std::string, torch::Tensor> dict;
    auto embeddings = torch::empty({rows, cols}, torch::kFloat32);
    if (rows * cols > 0) {
      std::memcpy(embeddings.data_ptr<float>(), matrix, sizeof(float) * static_cast<size_t>(rows * cols));
    }
    dict.insert("embeddings", embeddings);
    if (labels != nullptr) {
      auto label_tensor = torch::empty({rows}, torch::kInt64);
      if (rows > 0) {
        std::memcpy(label_tensor.data_ptr<int64_t>(), labels, sizeof(int64_t) * static_cast<size_t>(rows));
      }
      dict.insert("labels", label_tensor);
    }
    auto bytes = torch::pickle_save(c10::IValue(dict));
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) {
      throw VstError{VST_IO_ERROR, std::string("cannot open for writing: ") + path};
    }
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    file.close();
    if (!file) {
      throw VstError{VST_IO_ERROR, std::string("write failed: ") + path};
    }
  });
}

}  // extern "C"
