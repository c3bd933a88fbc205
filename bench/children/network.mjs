// One benchmark process for the network figures (run by bench/run.mjs, a fresh process per call):
//   node network.mjs '{"kind":"stream"|"list","mode":"ours"|"main-thread"|"sdk"|"floor"|"wire"|"decode","url":...,"count":...,"pageSize":...,"passes":8}'
// Prints one JSON line: { mode, kind, passesMs: [...every pass, in order], events, heapUsedMB }; run.mjs
// decides which passes are warm-up.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SESSION_ID, sseBody, streamPayloads } from '../lib/fixtures.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'package.json'));
/** Where run.mjs built what is measured (a private production build); the repo when --no-build. */
const BUILD = process.env.BENCH_BUILD_DIR || ROOT;
const opts = JSON.parse(process.argv[2]);
const API_KEY = 'sk-ant-bench';

/** Our client; `main-thread` reads streams without the stream thread (its fallback path). */
function ours() {
  const { ManagedAgentsClient } = require(path.join(BUILD, 'out/src/api/index.js'));
  return new ManagedAgentsClient({ baseURL: opts.url, apiKey: () => API_KEY, maxRetries: 0, streamThread: opts.mode !== 'main-thread' });
}
function sdk() {
  const Anthropic = require('@anthropic-ai/sdk').default;
  return new Anthropic({ apiKey: API_KEY, baseURL: opts.url, maxRetries: 0 });
}

/** One timed pass; returns [ms, events seen]. Every variant looks at each event's type, nothing more. */
async function pass(client, payloads) {
  let n = 0;
  const t0 = performance.now();
  if (opts.kind === 'stream') {
    if (opts.mode === 'floor') {
      for (let i = 0; i < payloads.length; i++) if (JSON.parse(payloads[i]).type === 'agent.message') n++;
    } else if (opts.mode === 'wire') {
      // Diagnostic: the bytes alone over the same loopback HTTP (undici, as our client), no decoding.
      const { body } = await client.request({ origin: opts.url, path: `/v1/sessions/${SESSION_ID}/events/stream`, method: 'GET' });
      let bytes = 0;
      for await (const chunk of body) bytes += chunk.length;
      n = bytes === opts.bytes ? opts.count : -bytes;
    } else if (opts.mode === 'decode') {
      // Diagnostic: our framing into batches + one decode and JSON.parse per batch, over the SSE bytes
      // already in memory (64 KiB chunks), in one thread, no HTTP.
      const batcher = new EventBatcher();
      for (let at = 0; at < payloads.length; at += 65536) {
        batcher.add(payloads.subarray(at, at + 65536));
        const batch = batcher.take();
        if (!batch) continue;
        const events = JSON.parse(batchText(batch));
        for (let i = 0; i < events.length; i++) if (events[i].type === 'agent.message') n++;
      }
    } else {
      const stream = opts.mode === 'sdk' ? await client.beta.sessions.events.stream(SESSION_ID) : await client.sessions.events.stream(SESSION_ID);
      for await (const event of stream) if (event.type === 'agent.message') n++;
    }
  } else {
    const list = opts.mode === 'ours' ? client.sessions.events.list(SESSION_ID, { limit: opts.pageSize }) : client.beta.sessions.events.list(SESSION_ID, { limit: opts.pageSize });
    for await (const event of list) if (event.type) n++;
  }
  return [performance.now() - t0, n];
}

const { EventBatcher, batchText } = require(path.join(BUILD, 'out/src/api/core/sse.js'));
const client = opts.mode === 'ours' || opts.mode === 'main-thread' ? ours() : opts.mode === 'sdk' ? sdk() : opts.mode === 'wire' ? new (require('undici').Agent)() : undefined;
const payloads = opts.mode === 'floor' ? streamPayloads(opts.count) : opts.mode === 'decode' ? sseBody(opts.count).body : undefined;
const passesMs = [];
let events = 0;
for (let i = 0; i < opts.passes; i++) {
  const [ms, n] = await pass(client, payloads);
  if (n !== opts.count) throw new Error(`${opts.mode} ${opts.kind}: got ${n} events, expected ${opts.count}`);
  events = n;
  passesMs.push(ms);
}
await client?.close?.();
process.stdout.write(JSON.stringify({ kind: opts.kind, mode: opts.mode, passesMs, events, heapUsedMB: process.memoryUsage().heapUsed / 1048576 }) + '\n');
