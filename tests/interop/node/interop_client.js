#!/usr/bin/env node
// Drives a gRPC server through every InteropTest case with @grpc/grpc-js, an implementation
// independent of ours. The .proto files are loaded at run time with @grpc/proto-loader (no
// generated code). Prints one JSON line per case and exits non-zero when any case fails.
//
//   node tests/interop/node/interop_client.js --target 127.0.0.1:PORT [--cases a,b] [--health-service name]
//
// Conventions of the interop server this relies on (see InteropTestService.cs):
// - x-echo-* request metadata comes back in echoed_metadata, response headers and trailers;
// - a Unary request with text "set-health:SERVICE=STATUS" sets that service's health status;
// - the server keeps the default 4 MiB receive limit, so a 5 MB request must fail with
//   RESOURCE_EXHAUSTED, while a 5 MB response (response_size) must arrive intact.
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const REPO = path.resolve(__dirname, '..', '..', '..');
const MIB = 1024 * 1024;
const NON_ASCII = 'bad thing: ünïcode ✓ 100%';
const ALL = ['unary', 'server_stream', 'client_stream', 'bidi', 'deadline_exceeded', 'gzip_both_ways',
  'error_non_ascii', 'metadata_round_trip', 'health_check', 'health_watch', 'reflection',
  'large_response_5mb', 'oversize_request_rejected', 'unimplemented'];

function parseArgs(argv) {
  const args = { cases: ALL.join(','), healthService: 'interop.node' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (key === '--target') args.target = value;
    else if (key === '--cases') args.cases = value;
    else if (key === '--health-service') args.healthService = value;
    else throw new Error(`unknown argument ${key}`);
  }
  if (!args.target) throw new Error('--target is required');
  return args;
}

class Failure extends Error {}

function expect(condition, message) {
  if (!condition) throw new Failure(message);
}

function deadline(seconds) {
  return new Date(Date.now() + seconds * 1000);
}

function promisify(client, method) {
  return (request, options = {}) => new Promise((resolve, reject) => {
    const metadata = options.metadata || new grpc.Metadata();
    let headers = null;
    const call = client[method](request, metadata, { deadline: options.deadline || deadline(10) }, (err, res) => {
      if (err) reject(err);
      else resolve(res);
    });
    call.on('metadata', (md) => { headers = md; });
    call.on('status', (status) => {
      if (options.onDone) options.onDone(headers, status.metadata);
    });
  });
}

async function expectCode(promise, code) {
  try {
    await promise;
  } catch (err) {
    expect(err.code === code, `expected ${code}, got ${err.code}: ${err.details}`);
    return err;
  }
  throw new Failure(`expected ${code}, the call succeeded`);
}

function collect(call) {
  return new Promise((resolve, reject) => {
    const out = [];
    call.on('data', (m) => out.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(out));
  });
}

function nextMessage(call) {
  return new Promise((resolve, reject) => {
    const onData = (m) => { cleanup(); resolve(m); };
    const onError = (e) => { cleanup(); reject(e); };
    const cleanup = () => { call.removeListener('data', onData); call.removeListener('error', onError); };
    call.on('data', onData);
    call.on('error', onError);
  });
}

function load() {
  const files = [
    'vectorstudio/testing/v1/interop.proto',
    'grpc/health/v1/health.proto',
    'grpc/reflection/v1alpha/reflection.proto',
    'grpc/reflection/v1/reflection.proto',
  ];
  const definition = protoLoader.loadSync(files, {
    includeDirs: [path.join(REPO, 'proto')],
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition);
}

class Cases {
  constructor(target, healthService) {
    const pkg = load();
    const options = {
      'grpc.max_receive_message_length': 16 * MIB,
      'grpc.max_send_message_length': 16 * MIB,
    };
    const creds = grpc.credentials.createInsecure();
    this.pkg = pkg;
    this.target = target;
    this.creds = creds;
    this.stub = new pkg.vectorstudio.testing.v1.InteropTest(target, creds, options);
    this.gzipStub = new pkg.vectorstudio.testing.v1.InteropTest(target, creds,
      { ...options, 'grpc.default_compression_algorithm': 2 });
    this.health = new pkg.grpc.health.v1.Health(target, creds, options);
    this.healthService = healthService;
    this.unaryCall = promisify(this.stub, 'Unary');
  }

  async unary() {
    const r = await this.unaryCall({ payload: Buffer.from('hello'), text: 'unary' });
    expect(r.payload.toString() === 'hello' && r.text === 'unary' && r.total_bytes === 5, `bad echo ${JSON.stringify(r)}`);
  }

  async server_stream() {
    const out = await collect(this.stub.ServerStream({ payload: Buffer.from('ab'), count: 5 }, { deadline: deadline(10) }));
    expect(JSON.stringify(out.map((r) => r.index)) === '[0,1,2,3,4]', `indexes ${out.map((r) => r.index)}`);
    expect(out.every((r) => r.payload.toString() === 'ab'), 'payloads differ');
  }

  async client_stream() {
    const r = await new Promise((resolve, reject) => {
      const call = this.stub.ClientStream({ deadline: deadline(10) }, (err, res) => (err ? reject(err) : resolve(res)));
      for (const n of [1, 2, 3, 4]) call.write({ payload: Buffer.alloc(n, 120) });
      call.end();
    });
    expect(r.index === 4 && r.total_bytes === 10, `got index=${r.index} total=${r.total_bytes}`);
  }

  async bidi() {
    // Lock-step: each request goes out only after the previous response came back.
    const call = this.stub.Bidi({ deadline: deadline(10) });
    const got = [];
    for (let i = 0; i < 4; i++) {
      const next = nextMessage(call);
      call.write({ payload: Buffer.alloc(i + 1, i), text: String(i) });
      const r = await next;
      got.push([r.index, r.text, r.total_bytes]);
    }
    const done = collect(call);
    call.end();
    await done;
    expect(JSON.stringify(got) === '[[0,"0",1],[1,"1",3],[2,"2",6],[3,"3",10]]', `got ${JSON.stringify(got)}`);
  }

  async deadline_exceeded() {
    const start = Date.now();
    await expectCode(this.unaryCall({ delay_ms: 5000 }, { deadline: deadline(0.3) }), grpc.status.DEADLINE_EXCEEDED);
    expect(Date.now() - start < 3000, 'the deadline did not cut the call short');
  }

  async gzip_both_ways() {
    const payload = Buffer.from('compressible '.repeat(4000));
    const r = await promisify(this.gzipStub, 'Unary')({ payload });
    expect(Buffer.compare(r.payload, payload) === 0, 'gzip round trip changed the payload');
    const call = this.gzipStub.Bidi({ deadline: deadline(10) });
    const all = collect(call);
    for (let i = 0; i < 3; i++) call.write({ payload });
    call.end();
    const out = await all;
    expect(out.length === 3 && out.every((o) => Buffer.compare(o.payload, payload) === 0), 'gzip bidi failed');
  }

  async error_non_ascii() {
    const err = await expectCode(this.unaryCall({ fail_with_code: 9, error_message: NON_ASCII }), grpc.status.FAILED_PRECONDITION);
    expect(err.details === NON_ASCII, `details ${JSON.stringify(err.details)}`);
  }

  async metadata_round_trip() {
    const binary = Buffer.from([0, 1, 2, 250, 255]);
    const md = new grpc.Metadata();
    md.add('x-echo-text', 'plain value');
    md.add('x-echo-data-bin', binary);
    md.add('x-other', 'not echoed');
    let headers;
    let trailers;
    const r = await this.unaryCall({ payload: Buffer.from('m') }, {
      metadata: md,
      onDone: (h, t) => { headers = h; trailers = t; },
    });
    const echoed = JSON.stringify(r.echoed_metadata);
    expect(echoed === JSON.stringify(['x-echo-data-bin=AAEC+v8=', 'x-echo-text=plain value']), `echoed ${echoed}`);
    await new Promise((resolve) => setImmediate(resolve));
    for (const [where, got] of [['headers', headers], ['trailers', trailers]]) {
      expect(got, `no ${where}`);
      expect(got.get('x-echo-text')[0] === 'plain value', `${where}: ${JSON.stringify(got.getMap())}`);
      const bin = got.get('x-echo-data-bin')[0];
      expect(Buffer.isBuffer(bin) && Buffer.compare(bin, binary) === 0, `${where} binary: ${bin}`);
      expect(got.get('x-other').length === 0, `${where} echoed a non x-echo key`);
    }
  }

  async health_check() {
    const check = promisify(this.health, 'Check');
    const r = await check({ service: '' });
    expect(r.status === 'SERVING', `server status ${r.status}`);
    await expectCode(check({ service: 'no.such.Service' }), grpc.status.NOT_FOUND);
  }

  async setHealth(status) {
    await this.unaryCall({ text: `set-health:${this.healthService}=${status}` });
  }

  async health_watch() {
    await this.setHealth('SERVING');
    const watch = this.health.Watch({ service: this.healthService }, { deadline: deadline(10) });
    watch.on('error', () => {});
    const first = await nextMessage(watch);
    expect(first.status === 'SERVING', `first status ${first.status}`);
    const next = nextMessage(watch);
    await this.setHealth('NOT_SERVING');
    const second = await next;
    expect(second.status === 'NOT_SERVING', `second status ${second.status}`);
    watch.cancel();
    const unknown = this.health.Watch({ service: 'no.such.Service' }, { deadline: deadline(10) });
    unknown.on('error', () => {});
    const u = await nextMessage(unknown);
    expect(u.status === 'SERVICE_UNKNOWN', `unknown service status ${u.status}`);
    unknown.cancel();
  }

  async reflection() {
    for (const version of ['v1alpha', 'v1']) {
      const Stub = this.pkg.grpc.reflection[version].ServerReflection;
      const stub = new Stub(this.target, this.creds);
      const call = stub.ServerReflectionInfo({ deadline: deadline(10) });
      const all = collect(call);
      call.write({ list_services: '' });
      call.write({ file_containing_symbol: 'vectorstudio.testing.v1.InteropTest.Bidi' });
      call.write({ file_by_filename: 'no/such.proto' });
      call.end();
      const out = await all;
      const names = out[0].list_services_response.service.map((s) => s.name);
      for (const want of ['vectorstudio.testing.v1.InteropTest', 'grpc.health.v1.Health',
        'grpc.reflection.v1alpha.ServerReflection', 'grpc.reflection.v1.ServerReflection']) {
        expect(names.includes(want), `${version} list_services lacks ${want}: ${names}`);
      }
      const files = out[1].file_descriptor_response.file_descriptor_proto;
      expect(files.length >= 1, `${version}: no file for the Bidi method`);
      // A FileDescriptorProto starts with field 1 (name): tag 0x0a, a length, then the name.
      const name = files[0].subarray(2, 2 + files[0][1]).toString();
      expect(name === 'vectorstudio/testing/v1/interop.proto', `${version}: file ${name}`);
      expect(out[2].error_response.error_code === grpc.status.NOT_FOUND, `${version}: ${JSON.stringify(out[2])}`);
      stub.close();
    }
  }

  async large_response_5mb() {
    const size = 5 * 1000 * 1000;
    const r = await this.unaryCall({ response_size: size }, { deadline: deadline(30) });
    expect(r.payload.length === size, `got ${r.payload.length} bytes`);
  }

  async oversize_request_rejected() {
    const err = await expectCode(this.unaryCall({ payload: Buffer.alloc(5 * 1000 * 1000, 120) }, { deadline: deadline(30) }),
      grpc.status.RESOURCE_EXHAUSTED);
    expect(err.details.includes('4194304'), `details ${JSON.stringify(err.details)}`);
    await this.unary();
  }

  async unimplemented() {
    const client = new grpc.Client(this.target, this.creds);
    const err = await expectCode(new Promise((resolve, reject) => {
      client.makeUnaryRequest('/vectorstudio.testing.v1.InteropTest/NoSuchMethod', (x) => x, (x) => x,
        Buffer.alloc(0), { deadline: deadline(10) }, (e, r) => (e ? reject(e) : resolve(r)));
    }), grpc.status.UNIMPLEMENTED);
    client.close();
    expect(err.details.includes('NoSuchMethod'), `details ${err.details}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const cases = new Cases(args.target, args.healthService);
  let failed = 0;
  for (const name of args.cases.split(',')) {
    const start = process.hrtime.bigint();
    const result = { client: 'node', case: name };
    try {
      if (typeof cases[name] !== 'function') throw new Failure(`no such case ${name}`);
      await cases[name]();
      result.ok = true;
    } catch (err) {
      failed++;
      result.ok = false;
      result.error = err instanceof Failure ? err.message : String(err && err.stack ? err.stack : err);
    }
    result.ms = Number((process.hrtime.bigint() - start) / 100000n) / 10;
    console.log(JSON.stringify(result));
  }
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(2);
});
