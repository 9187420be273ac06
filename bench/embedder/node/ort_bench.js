// onnxruntime-node baseline for bench/embedder/run.sh: the same measurement loop as
// `VectorStudio.Benchmarks embedder` and torch_bench.py, printing the same JSON lines.
// Usage: node ort_bench.js --model M.onnx [--threads 1] [--batches 1,32] [--seqs 32,128]
//                          [--seconds 2] [--repeat 3] [--vocab 1000]
'use strict';
const ort = require('onnxruntime-node');

function options(argv) {
  const o = { threads: 1, batches: '1,32', seqs: '32,128', seconds: 2, repeat: 3, vocab: 1000 };
  for (let i = 0; i + 1 < argv.length; i += 2) o[argv[i].replace(/^--/, '')] = argv[i + 1];
  return o;
}

// Deterministic ids shared by all three drivers: [CLS]=2, words, [SEP]=3; every token attended.
function inputs(batch, seq, vocab) {
  const ids = new BigInt64Array(batch * seq);
  const mask = new BigInt64Array(batch * seq).fill(1n);
  for (let i = 0; i < ids.length; i++) ids[i] = BigInt(5 + ((i * 7919 + 13) % (vocab - 5)));
  for (let r = 0; r < batch; r++) { ids[r * seq] = 2n; ids[r * seq + seq - 1] = 3n; }
  return { ids, mask };
}

async function main() {
  const o = options(process.argv.slice(2));
  const threads = Number(o.threads);
  const session = await ort.InferenceSession.create(o.model, {
    intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', executionMode: 'sequential',
  });
  for (const batch of o.batches.split(',').map(Number)) {
    for (const seq of o.seqs.split(',').map(Number)) {
      const { ids, mask } = inputs(batch, seq, Number(o.vocab));
      const feeds = {};
      for (const name of session.inputNames) {
        const data = name === 'input_ids' ? ids : name === 'attention_mask' ? mask : new BigInt64Array(batch * seq);
        feeds[name] = new ort.Tensor('int64', data, [batch, seq]);
      }
      const once = async () => { const out = await session.run(feeds); return out[session.outputNames[0]].data; };
      for (let i = 0; i < 3; i++) await once();
      let best = 0;
      let bestCpu = 0;
      for (let r = 0; r < Number(o.repeat); r++) {
        let n = 0;
        const cpuStart = process.cpuUsage();
        const start = process.hrtime.bigint();
        let elapsed = 0;
        while (n < 3 || elapsed < Number(o.seconds)) {
          await once();
          n++;
          elapsed = Number(process.hrtime.bigint() - start) / 1e9;
        }
        best = Math.max(best, (n * batch) / elapsed);
        const cpu = process.cpuUsage(cpuStart);
        bestCpu = Math.max(bestCpu, (n * batch) / ((cpu.user + cpu.system) / 1e6));
      }
      console.log(JSON.stringify({ engine: 'onnxruntime-node', backend: 'onnx', batch, seq, threads, emb_per_s: Math.round(best * 10) / 10, emb_per_cpu_s: Math.round(bestCpu * 10) / 10 }));
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
