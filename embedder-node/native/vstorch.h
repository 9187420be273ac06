// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// vstorch: the C ABI the embedder node calls (C# LibraryImport). Every function catches every C++
// exception and returns a status code; the message of the last failure on the calling thread is
// vst_last_error(). Nothing throws across this boundary.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VST_API __attribute__((visibility("default")))

// Status codes (mirrored by TorchStatus in C#).
#define VST_OK 0
#define VST_INVALID_ARGUMENT 1
#define VST_FILE_NOT_FOUND 2
#define VST_MODEL_LOAD_FAILED 3
#define VST_DEVICE_UNAVAILABLE 4
#define VST_FORWARD_FAILED 5
#define VST_UNSUPPORTED_OUTPUT 6
#define VST_IO_ERROR 7
#define VST_INTERNAL 8

// Version of this ABI; C# refuses a shim whose version differs from the one it was written for.
VST_API int32_t vst_abi_version(void);

// The message of the last failed call on this thread ("" when none). Valid until the next call.
VST_API const char* vst_last_error(void);

// 1 when LibTorch was built with CUDA and a device is present.
VST_API int32_t vst_cuda_available(void);
VST_API int32_t vst_cuda_device_count(void);

// Intra-op threads of LibTorch's CPU kernels (process-wide, as in torch.set_num_threads).
VST_API int32_t vst_set_num_threads(int32_t threads);
VST_API int32_t vst_get_num_threads(void);

// Loads a TorchScript module (torch::jit::load) onto device "cpu", "cuda" or "cuda:N", in eval mode;
// fp16 != 0 converts its floating-point parameters to half (GPU only). *module receives the handle.
VST_API int32_t vst_module_load(const char* path, const char* device, int32_t fp16, void** module);
VST_API void vst_module_free(void* module);

// CPU float32 modules: freezes the module and runs each linear layer with constant weights through
// oneDNN with the weights packed once (prepack.h). *linears receives how many layers were replaced
// (0 leaves the module as it was: a GPU or fp16 module, a shim built without oneDNN, a module that
// cannot be frozen); detail (detail_size bytes, NUL-terminated) says what ran or why not.
VST_API int32_t vst_module_prepack(void* module, int32_t* linears, char* detail, int32_t detail_size);

// Runs forward(input_ids [batch, seq] int64, attention_mask [batch, seq] int64). The first tensor of
// the result (a tensor, or the first tensor of a tuple/list, or a dict's "sentence_embedding",
// "last_hidden_state" or first tensor) is copied as contiguous float32 into a buffer owned by the
// caller until vst_buffer_free. shape receives up to 8 dims, *rank their count.
VST_API int32_t vst_module_forward(
    void* module, const int64_t* input_ids, const int64_t* attention_mask, int64_t batch, int64_t seq,
    float** output, int64_t* shape, int32_t* rank);
VST_API void vst_buffer_free(float* buffer);

// Writes {"embeddings": float32 [rows, cols], "labels": int64 [rows]} with torch::pickle_save, the format
// Python's torch.load reads. labels may be null (then only "embeddings" is written).
VST_API int32_t vst_save_tensors(
    const char* path, const float* matrix, int64_t rows, int64_t cols, const int64_t* labels);

#ifdef __cplusplus
}
#endif
