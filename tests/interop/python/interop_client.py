#!/usr/bin/env python3
# Drives a gRPC server through every InteropTest case with grpcio, an implementation independent
# of ours. Stubs are generated at run time from proto/ into a temp dir (no generated code is
# committed). Prints one JSON line per case and exits non-zero when any case fails.
#
# Run with Debian's /usr/bin/python3 (python3-grpcio, python3-grpc-tools), not the pyenv python:
#   /usr/bin/python3 tests/interop/python/interop_client.py --target 127.0.0.1:PORT
#
# Conventions of the interop server this relies on (see InteropTestService.cs):
# - x-echo-* request metadata comes back in echoed_metadata, response headers and trailers;
# - a Unary request with text "set-health:SERVICE=STATUS" sets that service's health status;
# - the server keeps the default 4 MiB receive limit, so a 5 MB request must fail with
#   RESOURCE_EXHAUSTED, while a 5 MB response (response_size) must arrive intact.
import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback

import grpc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
# The standard grpc.* protos live under proto/grpc/, which as Python modules would be shadowed by
# the grpcio package itself; they are compiled from a copy under another top-level name.
STD_PREFIX = "grpcstd"
PROTOS = [
    "vectorstudio/testing/v1/interop.proto",
    STD_PREFIX + "/health/v1/health.proto",
    STD_PREFIX + "/reflection/v1alpha/reflection.proto",
    STD_PREFIX + "/reflection/v1/reflection.proto",
]
MIB = 1024 * 1024
NON_ASCII = "bad thing: ünïcode ✓ 100%"


def generate_stubs(out_dir):
    src = os.path.join(out_dir, "src")
    shutil.copytree(os.path.join(REPO, "proto", "vectorstudio"), os.path.join(src, "vectorstudio"))
    shutil.copytree(os.path.join(REPO, "proto", "grpc"), os.path.join(src, STD_PREFIX))
    cmd = [sys.executable, "-m", "grpc_tools.protoc", "-I", src,
           "--python_out=" + out_dir, "--grpc_python_out=" + out_dir] + PROTOS
    subprocess.run(cmd, check=True, cwd=out_dir)
    sys.path.insert(0, out_dir)


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def expect_code(fn, code):
    try:
        fn()
    except grpc.RpcError as e:
        expect(e.code() == code, f"expected {code}, got {e.code()}: {e.details()}")
        return e
    raise Failure(f"expected {code}, the call succeeded")


class Cases:
    def __init__(self, target, health_service):
        self.pb = importlib.import_module("vectorstudio.testing.v1.interop_pb2")
        self.health_pb = importlib.import_module(STD_PREFIX + ".health.v1.health_pb2")
        self.health_grpc = importlib.import_module(STD_PREFIX + ".health.v1.health_pb2_grpc")
        self.refl_pb = importlib.import_module(STD_PREFIX + ".reflection.v1alpha.reflection_pb2")
        self.refl_grpc = importlib.import_module(STD_PREFIX + ".reflection.v1alpha.reflection_pb2_grpc")
        self.refl1_pb = importlib.import_module(STD_PREFIX + ".reflection.v1.reflection_pb2")
        self.refl1_grpc = importlib.import_module(STD_PREFIX + ".reflection.v1.reflection_pb2_grpc")
        stubs = importlib.import_module("vectorstudio.testing.v1.interop_pb2_grpc")
        self.channel = grpc.insecure_channel(target, options=[
            ("grpc.max_receive_message_length", 16 * MIB),
            ("grpc.max_send_message_length", 16 * MIB),
        ])
        self.stub = stubs.InteropTestStub(self.channel)
        self.health = self.health_grpc.HealthStub(self.channel)
        self.health_service = health_service

    def unary(self):
        r = self.stub.Unary(self.pb.EchoRequest(payload=b"hello", text="unary"), timeout=10)
        expect(r.payload == b"hello" and r.text == "unary" and r.total_bytes == 5, f"bad echo: {r}")

    def server_stream(self):
        rs = list(self.stub.ServerStream(self.pb.StreamRequest(payload=b"ab", count=5), timeout=10))
        expect([r.index for r in rs] == list(range(5)), f"indexes {[r.index for r in rs]}")
        expect(all(r.payload == b"ab" for r in rs), "payloads differ")

    def client_stream(self):
        reqs = (self.pb.EchoRequest(payload=b"x" * n) for n in (1, 2, 3, 4))
        r = self.stub.ClientStream(reqs, timeout=10)
        expect(r.index == 4 and r.total_bytes == 10, f"got index={r.index} total={r.total_bytes}")

    def bidi(self):
        # Lock-step: each request is sent only after the previous response arrived, which proves
        # the server answers while the request stream is still open.
        sent = []
        ready = threading.Semaphore(1)

        def requests():
            for i in range(4):
                ready.acquire()
                sent.append(i)
                yield self.pb.EchoRequest(payload=bytes([i]) * (i + 1), text=str(i))

        got = []
        for r in self.stub.Bidi(requests(), timeout=10):
            got.append((r.index, r.text, r.total_bytes))
            ready.release()
        expect(got == [(0, "0", 1), (1, "1", 3), (2, "2", 6), (3, "3", 10)], f"got {got}")

    def deadline_exceeded(self):
        start = time.monotonic()
        expect_code(lambda: self.stub.Unary(self.pb.EchoRequest(delay_ms=5000), timeout=0.3),
                    grpc.StatusCode.DEADLINE_EXCEEDED)
        expect(time.monotonic() - start < 3, "the deadline did not cut the call short")

    def gzip_both_ways(self):
        payload = b"compressible " * 4000
        r = self.stub.Unary(self.pb.EchoRequest(payload=payload), compression=grpc.Compression.Gzip, timeout=10)
        expect(r.payload == payload, "gzip round trip changed the payload")
        reqs = iter([self.pb.EchoRequest(payload=payload)] * 3)
        out = list(self.stub.Bidi(reqs, compression=grpc.Compression.Gzip, timeout=10))
        expect(len(out) == 3 and all(o.payload == payload for o in out), "gzip bidi failed")

    def error_non_ascii(self):
        e = expect_code(lambda: self.stub.Unary(self.pb.EchoRequest(fail_with_code=9, error_message=NON_ASCII),
                                                timeout=10), grpc.StatusCode.FAILED_PRECONDITION)
        expect(e.details() == NON_ASCII, f"details {e.details()!r}")

    def metadata_round_trip(self):
        binary = bytes([0, 1, 2, 250, 255])
        md = [("x-echo-text", "plain value"), ("x-echo-data-bin", binary), ("x-other", "not echoed")]
        r, call = self.stub.Unary.with_call(self.pb.EchoRequest(payload=b"m"), metadata=md, timeout=10)
        expect(list(r.echoed_metadata) == ["x-echo-data-bin=AAEC+v8=", "x-echo-text=plain value"],
               f"echoed {list(r.echoed_metadata)}")
        headers = dict(call.initial_metadata())
        trailers = dict(call.trailing_metadata())
        for where, got in (("headers", headers), ("trailers", trailers)):
            expect(got.get("x-echo-text") == "plain value", f"{where}: {got}")
            expect(got.get("x-echo-data-bin") == binary, f"{where}: {got}")
            expect("x-other" not in got, f"{where} echoed a non x-echo key")

    def health_check(self):
        r = self.health.Check(self.health_pb.HealthCheckRequest(service=""), timeout=10)
        expect(r.status == self.health_pb.HealthCheckResponse.SERVING, f"server status {r.status}")
        expect_code(lambda: self.health.Check(self.health_pb.HealthCheckRequest(service="no.such.Service"),
                                              timeout=10), grpc.StatusCode.NOT_FOUND)

    def set_health(self, status):
        self.stub.Unary(self.pb.EchoRequest(text=f"set-health:{self.health_service}={status}"), timeout=10)

    def health_watch(self):
        H = self.health_pb.HealthCheckResponse
        self.set_health("SERVING")
        watch = self.health.Watch(self.health_pb.HealthCheckRequest(service=self.health_service), timeout=10)
        first = next(watch)
        expect(first.status == H.SERVING, f"first status {first.status}")
        self.set_health("NOT_SERVING")
        second = next(watch)
        expect(second.status == H.NOT_SERVING, f"second status {second.status}")
        watch.cancel()
        unknown = self.health.Watch(self.health_pb.HealthCheckRequest(service="no.such.Service"), timeout=10)
        expect(next(unknown).status == H.SERVICE_UNKNOWN, "unknown service not SERVICE_UNKNOWN")
        unknown.cancel()

    def reflection(self):
        for pb, grpc_mod in ((self.refl_pb, self.refl_grpc), (self.refl1_pb, self.refl1_grpc)):
            stub = grpc_mod.ServerReflectionStub(self.channel)
            reqs = [pb.ServerReflectionRequest(list_services=""),
                    pb.ServerReflectionRequest(file_containing_symbol="vectorstudio.testing.v1.EchoRequest"),
                    pb.ServerReflectionRequest(file_by_filename="no/such.proto")]
            out = list(stub.ServerReflectionInfo(iter(reqs), timeout=10))
            names = {s.name for s in out[0].list_services_response.service}
            for want in ("vectorstudio.testing.v1.InteropTest", "grpc.health.v1.Health",
                         "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"):
                expect(want in names, f"list_services lacks {want}: {names}")
            files = out[1].file_descriptor_response.file_descriptor_proto
            expect(len(files) >= 1, "no file for EchoRequest")
            from google.protobuf import descriptor_pb2
            fd = descriptor_pb2.FileDescriptorProto.FromString(files[0])
            expect(fd.name == "vectorstudio/testing/v1/interop.proto", f"file {fd.name}")
            expect(out[2].error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0], f"{out[2]}")

    def large_response_5mb(self):
        size = 5 * 1000 * 1000
        r = self.stub.Unary(self.pb.EchoRequest(response_size=size), timeout=30)
        expect(len(r.payload) == size, f"got {len(r.payload)} bytes")

    def oversize_request_rejected(self):
        e = expect_code(lambda: self.stub.Unary(self.pb.EchoRequest(payload=b"x" * (5 * 1000 * 1000)), timeout=30),
                        grpc.StatusCode.RESOURCE_EXHAUSTED)
        expect("4194304" in e.details(), f"details {e.details()!r}")
        self.unary()

    def unimplemented(self):
        call = self.channel.unary_unary("/vectorstudio.testing.v1.InteropTest/NoSuchMethod")
        expect_code(lambda: call(b"", timeout=10), grpc.StatusCode.UNIMPLEMENTED)


ALL = ["unary", "server_stream", "client_stream", "bidi", "deadline_exceeded", "gzip_both_ways",
       "error_non_ascii", "metadata_round_trip", "health_check", "health_watch", "reflection",
       "large_response_5mb", "oversize_request_rejected", "unimplemented"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--cases", default=",".join(ALL))
    parser.add_argument("--health-service", default="interop.python")
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as out:
        generate_stubs(out)
        cases = Cases(args.target, args.health_service)
        for name in args.cases.split(","):
            start = time.monotonic()
            try:
                getattr(cases, name)()
                result = {"client": "python", "case": name, "ok": True}
            except Exception as e:  # noqa: BLE001 - every failure becomes a reported case
                failed += 1
                detail = str(e) if isinstance(e, Failure) else traceback.format_exc(limit=3)
                result = {"client": "python", "case": name, "ok": False, "error": detail}
            result["ms"] = round((time.monotonic() - start) * 1000, 1)
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
