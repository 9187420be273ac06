// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// Independent TFRecord reader for the embedder's export tests: @roboflow/tfrecords checks both
// masked CRC-32C values of every record and parses each one as a tf.train.Example with its own
// generated protobuf classes (google-protobuf).
// Usage: node read_tfrecord.js FILE
// Prints JSON: {"records": N, "examples": [{"feature": {"kind": "float"|"int64"|"bytes", "values": [...]}}]}
// with bytes as UTF-8 text. A record whose CRC fails stops that library's reader, so the count then
// falls short of the file's records; the caller compares counts.
"use strict";
const fs = require("fs");
const { TFRecordsReader } = require("@roboflow/tfrecords/src/tensorFlowReader");

const file = process.argv[2];
if (!file) {
  console.error("usage: node read_tfrecord.js FILE");
  process.exit(2);
}

// The library reports a CRC mismatch with console.log; keep stdout for the JSON.
console.log = (...args) => console.error(...args);
const reader = new TFRecordsReader(fs.readFileSync(file));
const examples = reader.imageMessages.map((message) => {
  const out = {};
  message.getContext().getFeatureMap().forEach((feature, key) => {
    if (feature.hasFloatList()) {
      out[key] = { kind: "float", values: feature.getFloatList().getValueList() };
    } else if (feature.hasInt64List()) {
      out[key] = { kind: "int64", values: feature.getInt64List().getValueList().map(String) };
    } else if (feature.hasBytesList()) {
      const values = feature.getBytesList().getValueList_asU8().map((b) => Buffer.from(b).toString("utf8"));
      out[key] = { kind: "bytes", values };
    }
  });
  return out;
});
process.stdout.write(JSON.stringify({ records: reader.length, examples }));
