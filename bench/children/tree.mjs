// Sessions tree benchmark in plain Node: the real provider (out/src/sessions/tree/sessionsTreeProvider.js) and
// the pure helpers (sessionDiff.mergeRefreshed, treeGrouping) over a stand-in store, with a minimal vscode
// stub. One refresh = merge the re-fetched list, emit the change the way SessionsStore.apply does,
// let the provider rebuild + plan, then resolve what VS Code would ask for next (getTreeItem of every
// fired row; getChildren + getTreeItem of a fired group's rows; everything for a root refresh).
//   node tree.mjs '{"sessions":1000,"changed":10,"warmup":20,"runs":200}'
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { makeSessions } from '../lib/fixtures.mjs';
import { useVscodeStub } from '../lib/vscode-stub-hook.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
useVscodeStub();
const require = createRequire(path.join(ROOT, 'package.json'));
const BUILD = process.env.BENCH_BUILD_DIR || ROOT;
const vscode = require('vscode');
const { SessionsTreeProvider } = require(path.join(BUILD, 'out/src/sessions/tree/sessionsTreeProvider.js'));
const { mergeRefreshed, sameSession } = require(path.join(BUILD, 'out/src/sessions/store/sessionDiff.js'));
const opts = { sessions: 1000, changed: 10, warmup: 20, runs: 200, ...JSON.parse(process.argv[2] ?? '{}') };

/** The store's observable surface, with SessionsStore.apply's semantics (unchanged entries are reused). */
class BenchStore {
  constructor(groupBy) {
    this.sessionsChanged = new vscode.EventEmitter();
    this.onDidChangeSessions = this.sessionsChanged.event;
    this.onDidChangeState = new vscode.EventEmitter().event;
    this.onDidChangeOptions = new vscode.EventEmitter().event;
    this.sessions = [];
    this.byId = new Map();
    this.state = { load: 'loaded', loading: false, stale: false, error: undefined, lastSuccessAt: Date.now(), hasMore: false };
    this.options = { groupBy, statuses: [], agent: undefined, includeArchived: true };
  }
  ensureLoaded() { return Promise.resolve(); }
  /** What SessionsStore.loadOnce + apply do with a fetched page. */
  refreshWith(fetched) {
    const previous = this.byId;
    const { sessions, diff } = mergeRefreshed(this.sessions.map((e) => e.session), fetched, { reachedEnd: true });
    const entries = sessions.map((session) => {
      const before = previous.get(session.id);
      return before && sameSession(before.session, session) ? before : { session, stopReason: before?.stopReason };
    });
    this.sessions = entries;
    this.byId = new Map(entries.map((e) => [e.session.id, e]));
    if (!diff.added.length && !diff.changed.length && !diff.removed.length) return;
    this.sessionsChanged.fire({
      added: diff.added.map((s) => this.byId.get(s.id)),
      changed: diff.changed.map(({ current }) => ({ previous: previous.get(current.id), current: this.byId.get(current.id) })),
      removed: diff.removed.map((s) => previous.get(s.id)),
    });
  }
}

/** What the view asks for after onDidChangeTreeData(fired). Returns the number of tree items made. */
async function resolveView(provider, fired) {
  let items = 0;
  const expand = async (node) => {
    provider.getTreeItem(node);
    items++;
    if (node.kind === 'group') for (const child of await provider.getChildren(node)) { provider.getTreeItem(child); items++; }
  };
  if (fired === undefined) { for (const node of await provider.getChildren()) await expand(node); }
  else for (const node of Array.isArray(fired) ? fired : [fired]) await expand(node);
  return items;
}

/** Round r: the same `changed` sessions flip status (odd rounds) or back, with a newer updated_at. */
function roundOf(base, r) {
  const step = Math.floor(base.length / opts.changed);
  return base.map((s, i) => {
    if (i % step !== 0 || i / step >= opts.changed) return s;
    const flipped = s.status === 'running' ? 'idle' : 'running';
    return { ...s, status: r % 2 ? flipped : s.status, updated_at: new Date(Date.parse(s.updated_at) + r * 1000).toISOString(), usage: { ...s.usage, output_tokens: s.usage.output_tokens + r } };
  });
}

async function measure(groupBy) {
  const base = makeSessions(opts.sessions);
  const total = opts.warmup + opts.runs;
  const rounds = Array.from({ length: total }, (_, r) => roundOf(base, r + 1));
  const build = [];
  const refresh = [];
  let firedRows = 0, items = 0;
  // Build: a fresh provider over a loaded store, then the whole tree resolved.
  for (let i = 0; i < Math.min(total, 60); i++) {
    const store = new BenchStore(groupBy);
    store.refreshWith(base);
    const t0 = performance.now();
    const provider = new SessionsTreeProvider(store);
    const n = await resolveView(provider, undefined);
    const ms = performance.now() - t0;
    provider.dispose();
    if (n < opts.sessions) throw new Error(`built ${n} items for ${opts.sessions} sessions`);
    if (i >= Math.min(opts.warmup, 10)) build.push(ms);
  }
  const store = new BenchStore(groupBy);
  store.refreshWith(base);
  const provider = new SessionsTreeProvider(store);
  await resolveView(provider, undefined);
  let fired;
  provider.onDidChangeTreeData((value) => (fired = value));
  for (let r = 0; r < total; r++) {
    fired = null;
    const t0 = performance.now();
    store.refreshWith(rounds[r]);
    const n = fired === null ? 0 : await resolveView(provider, fired);
    const ms = performance.now() - t0;
    if (fired === null) throw new Error('the refresh changed nothing');
    if (r >= opts.warmup) {
      refresh.push(ms);
      firedRows += fired === undefined ? -1 : Array.isArray(fired) ? fired.length : 1;
      items += n;
    }
  }
  provider.dispose();
  return { groupBy, buildMs: build, refreshMs: refresh, firedPerRefresh: firedRows / opts.runs, itemsPerRefresh: items / opts.runs };
}

const results = [];
for (const groupBy of ['none', 'status']) results.push(await measure(groupBy));
process.stdout.write(JSON.stringify({ results }) + '\n');
