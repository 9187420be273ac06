#!/usr/bin/env python3
# Drives a real vector-studio node through upsert / search / filter / scroll / count / errors with
# grpcio, an implementation independent of ours. Stubs are generated at run time from proto/ into a
# temp dir (nothing generated is committed). Prints one JSON line per step; exits 1 on a failure.
#
# Run with Debian's /usr/bin/python3 (python3-grpcio, protobuf-compiler, protobuf-compiler-grpc):
#   /usr/bin/python3 tests/interop/python/vector_scenario.py --target 127.0.0.1:50051
import argparse
import importlib
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import traceback
import uuid

import grpc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROTOS = ["vectorstudio/v1/common.proto", "vectorstudio/v1/collections.proto", "vectorstudio/v1/points.proto"]


def generate_stubs(out_dir):
    # The public contract uses proto3 `optional`, which the protoc inside Debian's grpc_tools (3.5)
    # predates; Debian's protoc 3.21 (protobuf-compiler) with its grpc_python_plugin
    # (protobuf-compiler-grpc) reads it, and python3-protobuf 4.21 runs the result.
    cmd = ["protoc", "-I", os.path.join(REPO, "proto"), "--python_out=" + out_dir,
           "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin", "--grpc_python_out=" + out_dir] + PROTOS
    subprocess.run(cmd, check=True)
    sys.path.insert(0, out_dir)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def run(target):
    common = importlib.import_module("vectorstudio.v1.common_pb2")
    coll = importlib.import_module("vectorstudio.v1.collections_pb2")
    coll_grpc = importlib.import_module("vectorstudio.v1.collections_pb2_grpc")
    pts = importlib.import_module("vectorstudio.v1.points_pb2")
    pts_grpc = importlib.import_module("vectorstudio.v1.points_pb2_grpc")
    channel = grpc.insecure_channel(target)
    collections = coll_grpc.CollectionsStub(channel)
    points = pts_grpc.PointsStub(channel)
    name = "py-" + uuid.uuid4().hex[:12]
    rng = random.Random(5)
    dim = 16
    steps = []

    def step(label, fn):
        fn()
        steps.append(label)
        print(json.dumps({"step": label, "ok": True}), flush=True)

    collections.Create(coll.CreateCollectionRequest(name=name, dimension=dim, distance=coll.DISTANCE_EUCLID))
    data = {}
    batch = []
    for i in range(1000):
        vec = [rng.uniform(-1, 1) for _ in range(dim)]
        data[i] = vec
        payload = {"group": common.Value(string_value="g%d" % (i % 4)), "n": common.Value(integer_value=i),
                   "tags": common.Value(list_value=common.ListValue(values=[common.Value(string_value="t%d" % (i % 3))]))}
        batch.append(pts.Point(id=common.PointId(num=i), vector=vec, payload=payload))

    def upsert():
        r = points.Upsert(pts.UpsertPointsRequest(collection=name, points=batch))
        expect(r.upserted == 1000, "upserted %d" % r.upserted)
    step("upsert", upsert)

    query = [rng.uniform(-1, 1) for _ in range(dim)]

    def search():
        r = points.Search(pts.SearchPointsRequest(collection=name, queries=[pts.QueryVector(vector=query)], limit=5))
        want = sorted(data, key=lambda i: (math.dist(data[i], query), i))[:5]
        got = [p.id.num for p in r.results[0].points]
        expect(got == want, "nearest %s, expected %s" % (got, want))
        expect(abs(r.results[0].points[0].score - math.dist(data[want[0]], query)) < 1e-3, "score is not the L2 distance")
    step("search", search)

    flt = common.Filter(must=[
        common.Condition(field=common.FieldCondition(key="group", match=common.Match(keyword="g1"))),
        common.Condition(field=common.FieldCondition(key="n", range=common.Range(lt=500))),
        common.Condition(field=common.FieldCondition(key="tags", any=common.MatchAny(keywords=["t0", "t2"]))),
    ])
    expected = {i for i in data if i % 4 == 1 and i < 500 and i % 3 in (0, 2)}

    def filtered_search():
        r = points.Search(pts.SearchPointsRequest(collection=name, queries=[pts.QueryVector(vector=query)],
                                                  limit=1000, filter=flt, with_payload=True))
        got = {p.id.num for p in r.results[0].points}
        expect(got == expected, "filtered search returned %d points, expected %d" % (len(got), len(expected)))
        expect(all(p.payload["group"].string_value == "g1" for p in r.results[0].points), "payload not returned")
    step("filtered_search", filtered_search)

    def count():
        r = points.Count(pts.CountPointsRequest(collection=name, filter=flt))
        expect(r.count == len(expected), "count %d, expected %d" % (r.count, len(expected)))
    step("count", count)

    def scroll():
        ids = []
        for page in points.Scroll(pts.ScrollPointsRequest(collection=name, filter=flt, batch_size=10)):
            expect(len(page.points) <= 10, "page larger than batch_size")
            ids.extend(p.id.num for p in page.points)
        expect(ids == sorted(expected), "scroll order or content differs")
    step("scroll", scroll)

    def errors():
        try:
            points.Search(pts.SearchPointsRequest(collection=name, queries=[pts.QueryVector(vector=[1.0])], limit=5))
            raise AssertionError("wrong dimension was accepted")
        except grpc.RpcError as e:
            expect(e.code() == grpc.StatusCode.INVALID_ARGUMENT, "wrong dimension gave %s" % e.code())
        try:
            collections.Get(coll.GetCollectionRequest(name="missing-" + name))
            raise AssertionError("unknown collection was found")
        except grpc.RpcError as e:
            expect(e.code() == grpc.StatusCode.NOT_FOUND, "unknown collection gave %s" % e.code())
            expect("missing-" + name in e.details(), "message does not name the collection: " + e.details())
    step("errors", errors)

    collections.Delete(coll.DeleteCollectionRequest(name=name))
    return steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        generate_stubs(out)
        try:
            steps = run(args.target)
        except Exception:  # noqa: BLE001 - report any failure as one JSON line
            print(json.dumps({"ok": False, "error": traceback.format_exc()}), flush=True)
            return 1
    print(json.dumps({"ok": True, "steps": steps}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
