// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// InteropTest server on the gRPC C++ synchronous API: the native anchor of bench/grpc/run.sh.
// The sync server runs handlers on its own thread pool, so several calls progress at once.
// Usage: interop_server [--port N] (0 picks a free port); prints "listening on port N".

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "vectorstudio/testing/v1/interop.grpc.pb.h"

using grpc::ServerContext;
using grpc::Status;
using vectorstudio::testing::v1::EchoRequest;
using vectorstudio::testing::v1::EchoResponse;
using vectorstudio::testing::v1::InteropTest;
using vectorstudio::testing::v1::StreamRequest;

namespace {

std::string Pattern(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; i++) bytes[i] = static_cast<char>(i % 251);
  return bytes;
}

void Sleep(uint32_t ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

Status Failure(int32_t code, const std::string& message) {
  return Status(static_cast<grpc::StatusCode>(code), message);
}

class InteropService final : public InteropTest::Service {
  Status Unary(ServerContext*, const EchoRequest* request, EchoResponse* response) override {
    Sleep(request->delay_ms());
    if (request->fail_with_code() != 0) return Failure(request->fail_with_code(), request->error_message());
    Fill(*request, response, 0, request->payload().size());
    return Status::OK;
  }

  Status ServerStream(ServerContext* context, const StreamRequest* request,
                      grpc::ServerWriter<EchoResponse>* writer) override {
    EchoResponse response;
    response.set_payload(request->payload());
    response.set_total_bytes(static_cast<int64_t>(request->payload().size()));
    // A plain sync Write blocks until the message is handed to the transport, one at a time, which
    // caps stream throughput. buffer_hint would coalesce writes, but with libgrpc++ 1.51 a stream
    // written that way stalled before its first message in one of a few benchmark runs here.
    for (uint32_t i = 0; i < request->count(); i++) {
      if (i > 0) Sleep(request->delay_ms_between());
      response.set_index(i);
      // Write fails once the client cancels or goes away.
      if (context->IsCancelled() || !writer->Write(response)) return Status::CANCELLED;
    }
    if (request->fail_with_code() != 0) return Failure(request->fail_with_code(), request->error_message());
    return Status::OK;
  }

  Status ClientStream(ServerContext*, grpc::ServerReader<EchoRequest>* reader, EchoResponse* response) override {
    EchoRequest request;
    int64_t count = 0, total = 0;
    while (reader->Read(&request)) {
      count++;
      total += static_cast<int64_t>(request.payload().size());
    }
    response->set_index(count);
    response->set_total_bytes(total);
    return Status::OK;
  }

  Status Bidi(ServerContext*, grpc::ServerReaderWriter<EchoResponse, EchoRequest>* stream) override {
    EchoRequest request;
    int64_t index = 0, total = 0;
    while (stream->Read(&request)) {
      Sleep(request.delay_ms());
      if (request.fail_with_code() != 0) return Failure(request.fail_with_code(), request.error_message());
      total += static_cast<int64_t>(request.payload().size());
      EchoResponse response;
      Fill(request, &response, index++, total);
      if (!stream->Write(response)) break;
    }
    return Status::OK;
  }

  static void Fill(const EchoRequest& request, EchoResponse* response, int64_t index, int64_t total) {
    if (request.response_size() > 0) {
      response->set_payload(Pattern(request.response_size()));
    } else {
      response->set_payload(request.payload());
    }
    response->set_text(request.text());
    response->set_index(index);
    response->set_total_bytes(total);
  }
};

}  // namespace

int main(int argc, char** argv) {
  int port = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--port") == 0) {
      port = std::atoi(argv[i + 1]);
    } else {
      std::cerr << "unknown argument " << argv[i] << "\n";
      return 2;
    }
  }

  InteropService service;
  grpc::ServerBuilder builder;
  int selected = 0;
  builder.AddListeningPort("127.0.0.1:" + std::to_string(port), grpc::InsecureServerCredentials(), &selected);
  builder.RegisterService(&service);
  builder.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || selected == 0) {
    std::cerr << "could not listen on port " << port << "\n";
    return 1;
  }
  std::cout << "listening on port " << selected << std::endl;

  std::signal(SIGTERM, [](int) { std::_Exit(0); });
  std::signal(SIGINT, [](int) { std::_Exit(0); });
  server->Wait();
  return 0;
}
