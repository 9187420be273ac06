// Copyright (c) Vector Studio contributors. Licensed under the MIT License.
//
// Reference tokenizer for the embedder's tests: Hugging Face's tokenizers.js (@huggingface/tokenizers,
// an implementation independent of ours) loads a local tokenizer.json and encodes texts.
// Usage: node tokenize.mjs TOKENIZER_DIR < texts.json   (a JSON array of strings)
// Prints a JSON array with, per text, its ids with [CLS]/[SEP] and without truncation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node tokenize.mjs TOKENIZER_DIR < texts.json");
  process.exit(2);
}

const tokenizerJson = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
const tokenizerConfig = JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8"));
const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);

const texts = JSON.parse(readFileSync(0, "utf8"));
if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
  console.error("stdin must be a JSON array of strings");
  process.exit(2);
}

const ids = texts.map((text) => tokenizer.encode(text).ids);
process.stdout.write(JSON.stringify(ids));
