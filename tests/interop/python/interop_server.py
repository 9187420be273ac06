#!/usr/bin/env python3
"""InteropTest and grpc.health.v1 server on Python grpcio: an independent peer for the C# client
tests and one of the anchors of the gRPC benchmark (bench/grpc/run.sh).

Stubs are generated at start-up into a temporary directory from <repo>/proto, so no generated
code is committed. Run with Debian's /usr/bin/python3, which sees python3-grpcio and
python3-grpc-tools (scripts/setup-test-deps.sh installs them).

Prints "listening on port N" on stdout once it serves.
"""
import argparse
import base64
import importlib
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent import futures

import grpc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
INTEROP_SERVICE = "vectorstudio.testing.v1.InteropTest"


def generate_stubs(proto_root, out_dir):
    """Compiles the two protos with grpc_tools.protoc and imports the generated modules."""
    from grpc_tools import protoc

    # grpc.health.v1 cannot be imported under its own package path (it would shadow the installed
    # `grpc` package), so health.proto is compiled from a copy at a neutral path. The proto package,
    # and with it the service name on the wire, stays grpc.health.v1.
    health_dir = os.path.join(out_dir, "src", "vs_health")
    os.makedirs(health_dir)
    shutil.copy(os.path.join(proto_root, "grpc", "health", "v1", "health.proto"), health_dir)
    for include, proto in (
        (proto_root, "vectorstudio/testing/v1/interop.proto"),
        (os.path.join(out_dir, "src"), "vs_health/health.proto"),
    ):
        args = ["protoc", "-I" + include, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir, proto]
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed for " + proto)
    sys.path.insert(0, out_dir)
    return (
        importlib.import_module("vectorstudio.testing.v1.interop_pb2"),
        importlib.import_module("vectorstudio.testing.v1.interop_pb2_grpc"),
        importlib.import_module("vs_health.health_pb2"),
        importlib.import_module("vs_health.health_pb2_grpc"),
    )


def echo_metadata(context):
    """The x-echo-* request metadata, as (key, value) pairs and as sorted "key=value" strings."""
    pairs = [(k, v) for k, v in context.invocation_metadata() if k.startswith("x-echo-")]
    lines = []
    for key, value in pairs:
        text = base64.b64encode(value).decode("ascii") if key.endswith("-bin") else value
        lines.append(key + "=" + text)
    return pairs, sorted(lines)


def pattern(size):
    """A deterministic, compressible payload: bytes 0..250 repeated."""
    block = bytes(range(251))
    return (block * (size // len(block) + 1))[:size]


def make_servicer(pb, pb_grpc):
    class InteropServicer(pb_grpc.InteropTestServicer):
        def _begin(self, context):
            pairs, lines = echo_metadata(context)
            if pairs:
                context.send_initial_metadata(pairs)
                context.set_trailing_metadata(pairs)
            return lines

        @staticmethod
        def _fail(context, code, message):
            context.abort(_status_code(code), message)

        def _answer(self, request, context, lines, index, total):
            if request.delay_ms:
                time.sleep(request.delay_ms / 1000.0)
            if request.fail_with_code:
                self._fail(context, request.fail_with_code, request.error_message)
            payload = pattern(request.response_size) if request.response_size else request.payload
            return pb.EchoResponse(
                payload=payload, text=request.text, index=index, total_bytes=total, echoed_metadata=lines)

        def Unary(self, request, context):
            lines = self._begin(context)
            return self._answer(request, context, lines, 0, len(request.payload))

        def ServerStream(self, request, context):
            lines = self._begin(context)
            for i in range(request.count):
                if i and request.delay_ms_between:
                    time.sleep(request.delay_ms_between / 1000.0)
                yield pb.EchoResponse(
                    payload=request.payload, index=i, total_bytes=len(request.payload), echoed_metadata=lines)
            if request.fail_with_code:
                self._fail(context, request.fail_with_code, request.error_message)

        def ClientStream(self, request_iterator, context):
            lines = self._begin(context)
            count = total = 0
            for request in request_iterator:
                count += 1
                total += len(request.payload)
                if request.fail_with_code:
                    self._fail(context, request.fail_with_code, request.error_message)
            return pb.EchoResponse(index=count, total_bytes=total, echoed_metadata=lines)

        def Bidi(self, request_iterator, context):
            lines = self._begin(context)
            total = 0
            for index, request in enumerate(request_iterator):
                total += len(request.payload)
                yield self._answer(request, context, lines, index, total)

    return InteropServicer()


def _status_code(code):
    for status in grpc.StatusCode:
        if status.value[0] == code:
            return status
    return grpc.StatusCode.UNKNOWN


def make_health(health_pb, health_pb_grpc):
    serving = {"": health_pb.HealthCheckResponse.SERVING, INTEROP_SERVICE: health_pb.HealthCheckResponse.SERVING}

    class HealthServicer(health_pb_grpc.HealthServicer):
        def Check(self, request, context):
            if request.service not in serving:
                context.abort(grpc.StatusCode.NOT_FOUND, "unknown service " + request.service)
            return health_pb.HealthCheckResponse(status=serving[request.service])

        def Watch(self, request, context):
            status = serving.get(request.service, health_pb.HealthCheckResponse.SERVICE_UNKNOWN)
            yield health_pb.HealthCheckResponse(status=status)
            stopped = threading.Event()
            context.add_callback(stopped.set)
            stopped.wait()

    return HealthServicer()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--proto-root", default=os.path.join(REPO, "proto"))
    parser.add_argument("--max-message-size", type=int, default=4 * 1024 * 1024,
                        help="largest message received and sent, in bytes")
    parser.add_argument("--compression", choices=["none", "gzip"], default="none",
                        help="compress responses (to clients that accept it)")
    parser.add_argument("--workers", type=int, default=32, help="handler threads (calls served at once)")
    parser.add_argument("--tls-cert", help="PEM certificate chain: serve TLS instead of h2c")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument("--watch-stdin", action="store_true",
                        help="exit when stdin closes, so a test's server dies with the test process")
    args = parser.parse_args()

    out_dir = tempfile.mkdtemp(prefix="vs-interop-py-")
    try:
        pb, pb_grpc, health_pb, health_pb_grpc = generate_stubs(args.proto_root, out_dir)
        options = [
            ("grpc.max_receive_message_length", args.max_message_size),
            ("grpc.max_send_message_length", args.max_message_size),
        ]
        compression = grpc.Compression.Gzip if args.compression == "gzip" else grpc.Compression.NoCompression
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=args.workers),
                             options=options, compression=compression)
        pb_grpc.add_InteropTestServicer_to_server(make_servicer(pb, pb_grpc), server)
        health_pb_grpc.add_HealthServicer_to_server(make_health(health_pb, health_pb_grpc), server)
        target = "%s:%d" % (args.host, args.port)
        if args.tls_cert:
            with open(args.tls_cert, "rb") as cert, open(args.tls_key, "rb") as key:
                credentials = grpc.ssl_server_credentials([(key.read(), cert.read())])
            port = server.add_secure_port(target, credentials)
        else:
            port = server.add_insecure_port(target)
        if port == 0:
            raise SystemExit("could not bind " + target)
        server.start()
        print("listening on port %d" % port, flush=True)

        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        if args.watch_stdin:
            threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        while not stop.wait(0.5):
            pass
        server.stop(grace=1).wait()
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
