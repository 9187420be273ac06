#!/usr/bin/env node
// Drives a real vector-studio node through upsert / search / filter / scroll / count / errors with
// @grpc/grpc-js, loading our .proto files at run time with @grpc/proto-loader (no generated code).
// Prints one JSON line per step and exits 1 on a failure.
//
//   node tests/interop/node/vector_scenario.js --target 127.0.0.1:50051
'use strict';

const path = require('path');
const crypto = require('crypto');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const REPO = path.resolve(__dirname, '..', '..', '..');

function load() {
  const definition = protoLoader.loadSync(
    ['vectorstudio/v1/collections.proto', 'vectorstudio/v1/points.proto'],
    { includeDirs: [path.join(REPO, 'proto')], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  return grpc.loadPackageDefinition(definition).vectorstudio.v1;
}

function call(client, method, request) {
  return new Promise((resolve, reject) => client[method](request, (err, res) => (err ? reject(err) : resolve(res))));
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function step(label) {
  console.log(JSON.stringify({ step: label, ok: true }));
}

async function run(target) {
  const v1 = load();
  const collections = new v1.Collections(target, grpc.credentials.createInsecure());
  const points = new v1.Points(target, grpc.credentials.createInsecure());
  const name = 'js-' + crypto.randomBytes(6).toString('hex');
  const dim = 8;
  await call(collections, 'Create', { name, dimension: dim, distance: 'DISTANCE_DOT' });

  let seed = 11;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 * 2 - 1; };
  const data = new Map();
  const batch = [];
  for (let i = 0; i < 500; i++) {
    const vector = Array.from({ length: dim }, rand);
    const id = i % 10 === 0 ? { str: 'doc-' + i } : { num: String(i) };
    data.set(i, vector);
    batch.push({ id, vector, payload: { price: { double_value: i / 10 }, active: { bool_value: i % 3 === 0 } } });
  }
  const upserted = await call(points, 'Upsert', { collection: name, points: batch });
  expect(Number(upserted.upserted) === 500, `upserted ${upserted.upserted}`);
  step('upsert');

  const query = Array.from({ length: dim }, rand);
  const dot = (a, b) => a.reduce((s, x, j) => s + x * b[j], 0);
  const idOf = (p) => (p.id.kind === 'str' ? Number(p.id.str.slice(4)) : Number(p.id.num));
  const search = await call(points, 'Search', { collection: name, queries: [{ vector: query }], limit: 3 });
  const want = [...data.keys()].sort((a, b) => dot(data.get(b), query) - dot(data.get(a), query)).slice(0, 3);
  const got = search.results[0].points.map(idOf);
  expect(JSON.stringify(got) === JSON.stringify(want), `nearest ${got}, expected ${want}`);
  step('search');

  const filter = { must: [{ field: { key: 'price', range: { gte: 10, lt: 20 } } }, { field: { key: 'active', match: { boolean: true } } }] };
  const expected = [...data.keys()].filter((i) => i >= 100 && i < 200 && i % 3 === 0);
  const filtered = await call(points, 'Search', { collection: name, queries: [{ vector: query }], limit: 500, filter, with_payload: true });
  const filteredIds = filtered.results[0].points.map(idOf).sort((a, b) => a - b);
  expect(JSON.stringify(filteredIds) === JSON.stringify(expected), `filtered ${filteredIds.length} points, expected ${expected.length}`);
  expect(filtered.results[0].points.every((p) => p.payload.active.bool_value === true), 'payload not returned');
  step('filtered_search');

  const count = await call(points, 'Count', { collection: name, filter });
  expect(Number(count.count) === expected.length, `count ${count.count}`);
  step('count');

  const scrolled = await new Promise((resolve, reject) => {
    const ids = [];
    const stream = points.Scroll({ collection: name, batch_size: 64 });
    stream.on('data', (page) => page.points.forEach((p) => ids.push(p.id)));
    stream.on('error', reject);
    stream.on('end', () => resolve(ids));
  });
  expect(scrolled.length === 500, `scrolled ${scrolled.length}`);
  const firstString = scrolled.findIndex((id) => id.kind === 'str');
  expect(firstString === 450 && scrolled.slice(firstString).every((id) => id.kind === 'str'), 'numeric ids must come before string ids');
  step('scroll');

  try {
    await call(points, 'Upsert', { collection: name, points: [{ id: { num: '1' }, vector: [1, 2] }] });
    throw new Error('wrong dimension was accepted');
  } catch (e) {
    expect(e.code === grpc.status.INVALID_ARGUMENT, `wrong dimension gave ${e.code}: ${e.details}`);
  }
  const after = await call(points, 'Count', { collection: name });
  expect(Number(after.count) === 500, 'a rejected upsert changed the collection');
  step('errors');

  await call(collections, 'Delete', { name });
  collections.close();
  points.close();
}

function main() {
  const i = process.argv.indexOf('--target');
  if (i < 0 || !process.argv[i + 1]) {
    console.error('usage: vector_scenario.js --target HOST:PORT');
    process.exit(2);
  }
  run(process.argv[i + 1]).then(
    () => { console.log(JSON.stringify({ ok: true })); process.exit(0); },
    (e) => { console.log(JSON.stringify({ ok: false, error: String(e && e.stack || e) })); process.exit(1); });
}

main();
