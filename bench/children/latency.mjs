// One benchmark process for the figures over a slow link (run by bench/run.mjs, a fresh process per call),
// against bench/lib/fixture-server.mjs with `latencyMs` (every answer held back, as a distant API's):
//   node latency.mjs '{"kind":"newest","mode":"ours"|"sdk"|"limit","url":...,"count":10000,"pageSize":100,"passes":3}'
//   node latency.mjs '{"kind":"sidebar","mode":"ours"|"limit","url":...,"sessions":50,"passes":3}'
// newest: the time until the newest event of the session is in hand. ours: followSession (the newest
// page, with the live stream opened at once); sdk: the SDK's auto-paging events.list walked to the end;
// limit: one raw GET ?order=desc&limit=N, parsed. sidebar: the time until the first list is shown.
// ours: the real SessionsStore (vscode stubbed) from refresh() to 'loaded', and then until it knows why
// the idle sessions stopped; limit: one raw GET /v1/sessions, parsed.
// Prints one JSON line: { kind, mode, passesMs, stopReasonsMs? }.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SESSION_ID, newestEventId } from '../lib/fixtures.mjs';
import { useVscodeStub } from '../lib/vscode-stub-hook.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
useVscodeStub();
const require = createRequire(path.join(ROOT, 'package.json'));
const BUILD = process.env.BENCH_BUILD_DIR || ROOT;
const opts = JSON.parse(process.argv[2]);
const API_KEY = 'sk-ant-bench';

const api = () => require(path.join(BUILD, 'out/src/api/index.js'));
const ours = () => new (api().ManagedAgentsClient)({ baseURL: opts.url, apiKey: () => API_KEY, maxRetries: 0 });
const raw = () => new (require('undici').Agent)();

async function rawJson(agent, pathAndQuery) {
  const { statusCode, body } = await agent.request({ origin: opts.url, path: pathAndQuery, method: 'GET', headers: { 'x-api-key': API_KEY, accept: 'application/json' } });
  const value = JSON.parse(await body.text());
  if (statusCode !== 200) throw new Error(`${pathAndQuery}: HTTP ${statusCode} ${JSON.stringify(value)}`);
  return value;
}

/** One pass: ms until the newest event is in hand; checks that it is the newest. */
async function newest(client) {
  const want = newestEventId(opts.count);
  const t0 = performance.now();
  let last;
  if (opts.mode === 'ours') {
    const follower = api().followSession(client, SESSION_ID, { pageSize: opts.pageSize, olderPages: 'onRequest' });
    for await (const item of follower) {
      if (item.kind === 'event') last = item.event.id;
      if (item.kind === 'page') break; // the newest page is in: what the panel paints first
    }
  } else if (opts.mode === 'sdk') {
    for await (const event of client.beta.sessions.events.list(SESSION_ID, { limit: opts.pageSize })) last = event.id;
  } else {
    last = (await rawJson(client, `/v1/sessions/${SESSION_ID}/events?order=desc&limit=${opts.pageSize}`)).data[0].id;
  }
  const ms = performance.now() - t0;
  if (last !== want) throw new Error(`${opts.mode}: the newest event was ${last}, expected ${want}`);
  return ms;
}

/** The store's dependencies, stubbed: settings, key store, workspace state and log. */
function storeDependencies(client) {
  const vscode = require('vscode');
  const settings = { current: { baseUrl: opts.url, workspaceId: '', activeRefreshSeconds: 3, idleRefreshSeconds: 3600, pageSize: opts.sessions, network: {} }, onDidChange: new vscode.EventEmitter().event };
  const keyStore = { onDidChange: new vscode.EventEmitter().event };
  const memento = { get: () => undefined, update: async () => undefined };
  const log = { warn() {}, debug() {}, info() {}, error() {}, trace() {} };
  return { client, settings, keyStore, workspaceState: memento, log };
}

/** One pass: ms until the first list is loaded, and until every stop reason it asked for is known. */
async function sidebar(client) {
  if (opts.mode === 'limit') {
    const t0 = performance.now();
    const page = await rawJson(client, `/v1/sessions?limit=${opts.sessions}`);
    if (page.data.length !== opts.sessions) throw new Error('short page');
    return { ms: performance.now() - t0 };
  }
  const { SessionsStore } = require(path.join(BUILD, 'out/src/sessions/store/sessionsStore.js'));
  const store = new SessionsStore(storeDependencies(client));
  let reasons = 0;
  // A refresh asks about at most 10 idle sessions (SessionsStore: MAX_STOP_REASON_CHECKS); the fixture has more.
  const expected = 10;
  let allKnown;
  const known = new Promise((resolve) => (allKnown = resolve));
  store.onDidChangeSessions((change) => {
    for (const { current } of change.changed) if (current.stopReason) reasons++;
    if (reasons >= expected) allKnown();
  });
  const t0 = performance.now();
  await store.refresh();
  const ms = performance.now() - t0;
  if (store.state.load !== 'loaded' || store.sessions.length !== opts.sessions) throw new Error(`sidebar: ${store.state.load}, ${store.sessions.length} sessions`);
  await known;
  const stopReasonsMs = performance.now() - t0;
  store.dispose();
  return { ms, stopReasonsMs };
}

const client = opts.mode === 'ours' ? ours() : opts.mode === 'sdk' ? new (require('@anthropic-ai/sdk').default)({ apiKey: API_KEY, baseURL: opts.url, maxRetries: 0 }) : raw();
const passesMs = [];
const stopReasonsMs = [];
for (let i = 0; i < opts.passes; i++) {
  if (opts.kind === 'newest') passesMs.push(await newest(client));
  else {
    const pass = await sidebar(client);
    passesMs.push(pass.ms);
    if (pass.stopReasonsMs !== undefined) stopReasonsMs.push(pass.stopReasonsMs);
  }
}
await client?.close?.();
process.stdout.write(JSON.stringify({ kind: opts.kind, mode: opts.mode, passesMs, ...(stopReasonsMs.length ? { stopReasonsMs } : {}) }) + '\n');
process.exit(0);
