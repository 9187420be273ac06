// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// Times Hugging Face's tokenizers.js on the workloads of TokenizerBenchmarks (C#), for a ratio measured
// on the same machine in the same session. Usage (from the repository root):
//   node bench/embedder/tokenizers-js-bench.mjs ../shared/data/all-MiniLM-L6-v2-tokenizer
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.cwd(), "tests/interop/node/package.json"));
const { Tokenizer } = require("@huggingface/tokenizers");
const dir = process.argv[2];
const tokenizer = new Tokenizer(
  JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8")),
  JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8")));

const english = "The quick brown fox jumps over the lazy dog, then searches a vector database for similar foxes.";
const mixed = "Café crème à la carte — Zażółć gęślą jaźń; 日本語の文章と中文分词, ünïcödé ÉCOLE!";
const long = (english + " ").repeat(40);
const batch = Array.from({ length: 32 }, (_, i) => (i % 2 === 0 ? english.slice(0, 20 + i * 2) : mixed));

// tokenizers.js has no truncation: the long text is encoded whole, then cut as ours does.
const cases = {
  EncodeEnglish: () => tokenizer.encode(english).ids,
  EncodeMixedScripts: () => tokenizer.encode(mixed).ids,
  EncodeLongTruncated: () => tokenizer.encode(long).ids.slice(0, 128),
  EncodeBatch32: () => batch.map((t) => tokenizer.encode(t).ids),
};

for (const [name, run] of Object.entries(cases)) {
  for (let i = 0; i < 2000; i++) run();
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const n = name === "EncodeBatch32" || name === "EncodeLongTruncated" ? 200 : 5000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) run();
    rounds.push(Number(process.hrtime.bigint() - start) / n);
  }
  rounds.sort((a, b) => a - b);
  console.log(`${name}\tmedian ${(rounds[2] / 1000).toFixed(2)} us/op\t(min ${(rounds[0] / 1000).toFixed(2)})`);
}
